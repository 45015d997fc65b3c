<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16" labelsEnabled="1">
 <labeling type="rule-based">
  <rules key="{root}">
   <rule key="{big}" description="big cities" filter="&quot;pop&quot; > 100000" scalemaxdenom="1000000">
    <settings>
     <text-style fontFamily="DejaVu Serif" fontSize="12" fontSizeUnit="Point" fontWeight="50" textColor="0,0,0,255" fieldName="upper(&quot;name&quot;)" isExpression="1">
      <text-buffer bufferDraw="0"/>
     </text-style>
     <placement placement="0" dist="2" distUnits="MM" priority="9"/>
     <rendering obstacle="1" displayAll="1"/>
    </settings>
   </rule>
   <rule key="{roads}" description="group" scalemindenom="1000">
    <rule key="{motorway}" filter="&quot;class&quot; = 'motorway'">
     <settings>
      <text-style fontFamily="Unknown Font" fontSize="3" fontSizeUnit="MM" textColor="200,0,0,255" fieldName="ref" isExpression="0"/>
      <placement placement="2" placementFlags="2" dist="0.5" distUnits="MM"/>
      <rendering obstacle="0"/>
     </settings>
    </rule>
    <rule key="{else}" filter="ELSE" active="0">
     <settings>
      <text-style fontFamily="DejaVu Sans" fontSize="8" fieldName="name"/>
      <placement placement="4"/>
     </settings>
    </rule>
   </rule>
  </rules>
 </labeling>
</qgis>
