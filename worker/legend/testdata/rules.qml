<qgis version="3.22.0">
 <renderer-v2 type="RuleRenderer" symbollevels="0">
  <rules key="root">
   <rule key="r1" label="Towns" filter="&quot;kind&quot; = 'town'">
    <rule key="r1a" label="Large towns" filter="&quot;pop&quot; &gt; 10000" symbol="0"/>
    <rule key="r1b" label="Small towns" filter="ELSE" symbol="1" scalemaxdenom="50000"/>
   </rule>
   <rule key="r2" label="Villages" filter="&quot;kind&quot; = 'village'" symbol="2" scalemindenom="1000" scalemaxdenom="25000"/>
  </rules>
  <symbols>
   <symbol type="marker" name="0" alpha="1"><layer class="SimpleMarker" enabled="1" pass="0"><prop k="name" v="circle"/><prop k="color" v="255,0,0,255"/><prop k="size" v="6"/><prop k="outline_color" v="0,0,0,255"/></layer></symbol>
   <symbol type="marker" name="1" alpha="1"><layer class="SimpleMarker" enabled="1" pass="0"><prop k="name" v="square"/><prop k="color" v="0,160,0,255"/><prop k="size" v="2"/><prop k="outline_color" v="0,0,0,255"/></layer></symbol>
   <symbol type="marker" name="2" alpha="1"><layer class="SimpleMarker" enabled="1" pass="0"><prop k="name" v="triangle"/><prop k="color" v="0,0,255,255"/><prop k="size" v="3"/><prop k="outline_color" v="0,0,0,255"/></layer></symbol>
  </symbols>
 </renderer-v2>
</qgis>
