<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16" hasScaleBasedVisibilityFlag="0" minScale="0" maxScale="0" labelsEnabled="0">
 <renderer-v2 type="RuleRenderer" symbollevels="0">
  <rules key="{root}">
   <rule key="{main}" label="Main (1:20000 and closer)" filter="&quot;kind&quot; = 'main'" symbol="0" scalemaxdenom="20000"/>
   <rule key="{side}" label="Side" filter="&quot;kind&quot; = 'side'" symbol="1"/>
   <rule key="{else}" label="Else (1:20000 and closer)" filter="ELSE" symbol="1" scalemaxdenom="20000"/>
  </rules>
  <symbols>
   <symbol type="line" name="0" alpha="1" clip_to_extent="1">
    <layer class="SimpleLine" enabled="1" pass="0"><prop k="line_width" v="1"/><prop k="line_color" v="0,0,0,255"/></layer>
   </symbol>
   <symbol type="line" name="1" alpha="1" clip_to_extent="1">
    <layer class="SimpleLine" enabled="1" pass="0"><prop k="line_width" v="0.5"/><prop k="line_color" v="90,90,90,255"/></layer>
   </symbol>
  </symbols>
 </renderer-v2>
 <blendMode>0</blendMode>
 <featureBlendMode>0</featureBlendMode>
 <layerOpacity>1</layerOpacity>
</qgis>
