<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16-Białowieża" styleCategories="Symbology">
  <renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0">
    <symbols>
      <symbol type="fill" alpha="1" name="0" force_rhr="0" clip_to_extent="1">
        <layer pass="0" enabled="1" class="ShapeburstFill" locked="0">
          <prop v="0" k="blur_radius"/>
          <prop v="30,90,200,255" k="color"/>
          <prop v="0" k="color_type"/>
          <prop v="MM" k="distance_unit"/>
          <prop v="240,240,200,255" k="gradient_color2"/>
          <prop v="0" k="ignore_rings"/>
          <prop v="3" k="max_distance"/>
          <prop v="0,0" k="offset"/>
          <prop v="MM" k="offset_unit"/>
          <prop v="0" k="use_whole_shape"/>
        </layer>
      </symbol>
    </symbols>
  </renderer-v2>
  <blendMode>0</blendMode>
  <featureBlendMode>0</featureBlendMode>
  <layerOpacity>1</layerOpacity>
</qgis>
