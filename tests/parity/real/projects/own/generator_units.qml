<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16-Białowieża" styleCategories="Symbology">
  <renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0">
    <symbols>
      <symbol type="marker" alpha="1" name="0" force_rhr="0" clip_to_extent="1">
        <layer pass="0" enabled="1" class="GeometryGenerator" locked="0">
          <prop k="SymbolType" v="Fill"/>
          <prop k="geometryModifier" v="buffer($geometry, 3)"/>
          <prop k="units" v="MM"/>
          <symbol type="fill" alpha="1" name="@0@0" force_rhr="0" clip_to_extent="1">
            <layer pass="0" enabled="1" class="SimpleFill" locked="0">
              <prop k="color" v="80,160,220,110"/><prop k="style" v="solid"/><prop k="outline_color" v="30,70,140,255"/>
              <prop k="outline_style" v="solid"/><prop k="outline_width" v="0.3"/><prop k="outline_width_unit" v="MM"/>
              <prop k="joinstyle" v="bevel"/>
            </layer>
          </symbol>
        </layer>
        <layer pass="0" enabled="1" class="GeometryGenerator" locked="0">
          <prop k="SymbolType" v="Fill"/>
          <prop k="geometryModifier" v="translate(buffer($geometry, 0.04), 0, 0.12)"/>
          <prop k="units" v="Inch"/>
          <symbol type="fill" alpha="1" name="@0@1" force_rhr="0" clip_to_extent="1">
            <layer pass="0" enabled="1" class="SimpleFill" locked="0">
              <prop k="color" v="240,200,60,200"/><prop k="style" v="solid"/><prop k="outline_color" v="30,70,140,255"/>
              <prop k="outline_style" v="solid"/><prop k="outline_width" v="0.3"/><prop k="outline_width_unit" v="MM"/>
              <prop k="joinstyle" v="bevel"/>
            </layer>
          </symbol>
        </layer>
        <layer pass="0" enabled="1" class="GeometryGenerator" locked="0">
          <prop k="SymbolType" v="Line"/>
          <prop k="geometryModifier" v="make_line(translate($geometry, -9, 9), translate($geometry, 9, -9))"/>
          <prop k="units" v="Point"/>
          <symbol type="line" alpha="1" name="@0@2" force_rhr="0" clip_to_extent="1">
            <layer pass="0" enabled="1" class="SimpleLine" locked="0">
              <prop k="capstyle" v="flat"/><prop k="joinstyle" v="bevel"/><prop k="line_color" v="200,40,120,255"/>
              <prop k="line_style" v="solid"/><prop k="line_width" v="0.5"/><prop k="line_width_unit" v="MM"/>
            </layer>
          </symbol>
        </layer>
        <layer pass="0" enabled="1" class="GeometryGenerator" locked="0">
          <prop k="SymbolType" v="Marker"/>
          <prop k="geometryModifier" v="translate($geometry, 14, 0)"/>
          <prop k="units" v="Pixel"/>
          <symbol type="marker" alpha="1" name="@0@3" force_rhr="0" clip_to_extent="1">
            <layer pass="0" enabled="1" class="SimpleMarker" locked="0">
              <prop k="color" v="220,60,40,255"/><prop k="name" v="triangle"/><prop k="outline_color" v="35,35,35,255"/>
              <prop k="outline_style" v="solid"/><prop k="outline_width" v="0"/><prop k="outline_width_unit" v="MM"/>
              <prop k="size" v="2.5"/><prop k="size_unit" v="MM"/><prop k="scale_method" v="diameter"/>
            </layer>
          </symbol>
        </layer>
        <layer pass="0" enabled="1" class="GeometryGenerator" locked="0">
          <prop k="SymbolType" v="Marker"/>
          <prop k="geometryModifier" v="make_point(20, 20)"/>
          <prop k="units" v="MM"/>
          <symbol type="marker" alpha="1" name="@0@4" force_rhr="0" clip_to_extent="1">
            <layer pass="0" enabled="1" class="SimpleMarker" locked="0">
              <prop k="color" v="40,160,60,255"/><prop k="name" v="star"/><prop k="outline_color" v="35,35,35,255"/>
              <prop k="outline_style" v="solid"/><prop k="outline_width" v="0"/><prop k="outline_width_unit" v="MM"/>
              <prop k="size" v="2.5"/><prop k="size_unit" v="MM"/><prop k="scale_method" v="diameter"/>
            </layer>
          </symbol>
        </layer>
        <layer pass="0" enabled="1" class="SimpleMarker" locked="0">
          <prop k="color" v="90,90,90,255"/><prop k="name" v="circle"/><prop k="outline_color" v="35,35,35,255"/>
          <prop k="outline_style" v="solid"/><prop k="outline_width" v="0"/><prop k="outline_width_unit" v="MM"/>
          <prop k="size" v="1.5"/><prop k="size_unit" v="MM"/><prop k="scale_method" v="diameter"/>
        </layer>
      </symbol>
    </symbols>
  </renderer-v2>
  <blendMode>0</blendMode>
  <featureBlendMode>0</featureBlendMode>
  <layerOpacity>1</layerOpacity>
</qgis>
