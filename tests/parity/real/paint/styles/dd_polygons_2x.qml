<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="2.16.3-Nødebo" minimumScale="0" maximumScale="1e+08" hasScaleBasedVisibilityFlag="0">
  <renderer-v2 forceraster="0" symbollevels="0" type="singleSymbol" enableorderby="0">
    <symbols>
      <symbol alpha="1" clip_to_extent="1" type="fill" name="0">
        <layer pass="0" class="SimpleFill" locked="0">
          <prop k="border_width_map_unit_scale" v="0,0,0,0,0,0"/>
          <prop k="color" v="200,200,200,255"/>
          <prop k="color_dd_active" v="1"/>
          <prop k="color_dd_expression" v=""/>
          <prop k="color_dd_field" v="fill"/>
          <prop k="color_dd_useexpr" v="0"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="offset" v="0,0"/>
          <prop k="offset_map_unit_scale" v="0,0,0,0,0,0"/>
          <prop k="offset_unit" v="MM"/>
          <prop k="outline_color" v="0,0,0,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.26"/>
          <prop k="outline_width_dd_active" v="1"/>
          <prop k="outline_width_dd_expression" v="0.3 + &quot;n&quot; * 0.6"/>
          <prop k="outline_width_dd_field" v=""/>
          <prop k="outline_width_dd_useexpr" v="1"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="style" v="solid"/>
        </layer>
      </symbol>
    </symbols>
  </renderer-v2>
</qgis>
