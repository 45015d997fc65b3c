<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16" labelsEnabled="0">
 <renderer-v2 type="graduatedSymbol" attr="&quot;priority&quot; * 2" graduatedMethod="GraduatedColor" symbollevels="0">
  <ranges>
   <range symbol="0" lower="0.5" upper="1.5" label="low" render="true"/>
   <range symbol="1" lower="1.5" upper="2.5" label="high" render="true"/>
  </ranges>
  <symbols>
   <symbol type="marker" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
    <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
     <prop k="name" v="square"/><prop k="size" v="3"/><prop k="size_unit" v="Pixel"/>
    </layer>
   </symbol>
   <symbol type="marker" name="1" alpha="1" clip_to_extent="1" force_rhr="0">
    <layer class="SvgMarker" enabled="1" pass="0" locked="0">
     <prop k="name" v="/usr/share/qgis/svg/symbol/pin.svg"/><prop k="size" v="6"/>
    </layer>
   </symbol>
  </symbols>
 </renderer-v2>
</qgis>
