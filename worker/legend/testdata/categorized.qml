<qgis version="3.22.0">
 <renderer-v2 type="categorizedSymbol" attr="kind" symbollevels="0">
  <categories>
   <category symbol="0" value="a" label="Alpha area" render="true"/>
   <category symbol="1" value="b" label="Beta area" render="false"/>
   <category symbol="2" value="" label="Everything else" render="true"/>
  </categories>
  <symbols>
   <symbol type="fill" name="0" alpha="1"><layer class="SimpleFill" enabled="1" pass="0"><prop k="color" v="31,120,180,255"/><prop k="outline_color" v="0,0,0,255"/><prop k="style" v="solid"/></layer></symbol>
   <symbol type="fill" name="1" alpha="1"><layer class="SimpleFill" enabled="1" pass="0"><prop k="color" v="51,160,44,255"/><prop k="outline_color" v="0,0,0,255"/><prop k="style" v="solid"/></layer></symbol>
   <symbol type="fill" name="2" alpha="1"><layer class="SimpleFill" enabled="1" pass="0"><prop k="color" v="227,26,28,255"/><prop k="outline_color" v="0,0,0,255"/><prop k="style" v="solid"/></layer></symbol>
  </symbols>
 </renderer-v2>
</qgis>
