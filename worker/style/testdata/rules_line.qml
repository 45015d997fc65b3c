<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16" hasScaleBasedVisibilityFlag="0" minScale="100000000" maxScale="0" labelsEnabled="1">
 <renderer-v2 type="RuleRenderer" symbollevels="0">
  <rules key="{root}">
   <rule key="{a}" label="Big" filter="&quot;class&quot; = 'motorway'" symbol="0" scalemaxdenom="100000"/>
   <rule key="{g}" label="Group" filter="&quot;lanes&quot; > 1">
    <rule key="{b}" label="Main" filter="&quot;class&quot; = 'main'" symbol="1"/>
    <rule key="{c}" label="Other" filter="ELSE" symbol="2" scalemindenom="5000"/>
   </rule>
   <rule key="{d}" label="Off" filter="TRUE" symbol="0" checkstate="0"/>
  </rules>
  <symbols>
   <symbol type="line" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
    <layer class="SimpleLine" enabled="1" pass="0" locked="0">
     <prop k="line_width" v="2.2"/>
     <prop k="line_color" v="68,68,68,255"/>
     <prop k="capstyle" v="round"/>
     <prop k="use_custom_dash" v="1"/>
     <prop k="customdash" v="5;2"/>
    </layer>
    <layer class="MarkerLine" enabled="1" pass="0" locked="0">
     <prop k="placement" v="interval"/>
     <prop k="interval" v="10"/>
     <symbol type="marker" name="@0@1" alpha="1" clip_to_extent="1" force_rhr="0">
      <layer class="FontMarker" enabled="1" pass="0" locked="0">
       <prop k="chr" v="&gt;"/>
       <prop k="font" v="DejaVu Sans"/>
      </layer>
     </symbol>
    </layer>
   </symbol>
   <symbol type="line" name="1" alpha="1" clip_to_extent="1" force_rhr="0">
    <layer class="SimpleLine" enabled="1" pass="0" locked="0"><prop k="line_width" v="1"/></layer>
   </symbol>
   <symbol type="line" name="2" alpha="1" clip_to_extent="1" force_rhr="0">
    <layer class="SimpleLine" enabled="1" pass="0" locked="0"><prop k="line_style" v="dash"/></layer>
   </symbol>
  </symbols>
 </renderer-v2>
 <blendMode>0</blendMode>
 <featureBlendMode>2</featureBlendMode>
 <layerOpacity>1</layerOpacity>
</qgis>
