<qgis version="3.22.0">
 <renderer-v2 type="graduatedSymbol" attr="lanes" graduatedMethod="GraduatedSize" symbollevels="0">
  <ranges>
   <range symbol="0" lower="0" upper="2" label="up to 2 lanes" render="true"/>
   <range symbol="1" lower="2" upper="8" label="3 to 8 lanes" render="true"/>
  </ranges>
  <symbols>
   <symbol type="line" name="0" alpha="1"><layer class="SimpleLine" enabled="1" pass="0"><prop k="line_color" v="0,0,255,255"/><prop k="line_width" v="0.5"/><prop k="line_width_unit" v="MM"/></layer></symbol>
   <symbol type="line" name="1" alpha="1"><layer class="SimpleLine" enabled="1" pass="0"><prop k="line_color" v="0,0,255,255"/><prop k="line_width" v="6"/><prop k="line_width_unit" v="MM"/></layer></symbol>
  </symbols>
 </renderer-v2>
</qgis>
