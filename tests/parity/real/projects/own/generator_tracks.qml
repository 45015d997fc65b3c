<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16-Białowieża" styleCategories="Symbology">
  <renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0">
    <symbols>
      <symbol type="line" alpha="1" name="0" force_rhr="0" clip_to_extent="1">
        <layer pass="0" enabled="1" class="SimpleLine" locked="0">
          <prop k="capstyle" v="square"/><prop k="joinstyle" v="bevel"/><prop k="line_color" v="90,90,90,255"/>
          <prop k="line_style" v="solid"/><prop k="line_width" v="0.4"/><prop k="line_width_unit" v="MM"/>
        </layer>
        <layer pass="0" enabled="1" class="GeometryGenerator" locked="0">
          <prop k="SymbolType" v="Line"/>
          <prop k="geometryModifier" v="make_line(start_point($geometry), end_point($geometry))"/>
          <symbol type="line" alpha="1" name="@0@1" force_rhr="0" clip_to_extent="1">
            <layer pass="0" enabled="1" class="SimpleLine" locked="0">
          <prop k="capstyle" v="square"/><prop k="joinstyle" v="bevel"/><prop k="line_color" v="40,120,220,255"/>
          <prop k="line_style" v="solid"/><prop k="line_width" v="0.6"/><prop k="line_width_unit" v="MM"/>
        </layer>
          </symbol>
        </layer>
        <layer pass="0" enabled="1" class="GeometryGenerator" locked="0">
          <prop k="SymbolType" v="Marker"/>
          <prop k="geometryModifier" v=" point_on_surface( $geometry)"/>
          <symbol type="marker" alpha="1" name="@0@2" force_rhr="0" clip_to_extent="1">
            <layer pass="0" enabled="1" class="SimpleMarker" locked="0">
              <prop k="color" v="255,0,0,255"/><prop k="name" v="circle"/><prop k="outline_color" v="35,35,35,255"/>
              <prop k="outline_style" v="solid"/><prop k="outline_width" v="0"/><prop k="outline_width_unit" v="MM"/>
              <prop k="size" v="3"/><prop k="size_unit" v="MM"/><prop k="scale_method" v="diameter"/>
            </layer>
          </symbol>
        </layer>
      </symbol>
    </symbols>
  </renderer-v2>
  <blendMode>0</blendMode>
  <featureBlendMode>0</featureBlendMode>
  <layerOpacity>1</layerOpacity>
</qgis>
