<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16" hasScaleBasedVisibilityFlag="0" minScale="0" maxScale="0" labelsEnabled="0">
 <renderer-v2 type="categorizedSymbol" attr="kind" symbollevels="0">
  <categories>
   <category symbol="0" value="a" label="A" render="true"/>
   <category symbol="1" value="b" label="B" render="true"/>
   <category symbol="2" value="hidden" label="Hidden (unchecked)" render="false"/>
  </categories>
  <symbols>
   <symbol type="marker" name="0" alpha="1" clip_to_extent="1">
    <layer class="SimpleMarker" enabled="1" pass="0"><prop k="name" v="circle"/><prop k="size" v="3"/><prop k="color" v="255,0,0,255"/></layer>
   </symbol>
   <symbol type="marker" name="1" alpha="1" clip_to_extent="1">
    <layer class="SimpleMarker" enabled="1" pass="0"><prop k="name" v="square"/><prop k="size" v="3"/><prop k="color" v="0,0,255,255"/></layer>
   </symbol>
   <symbol type="marker" name="2" alpha="1" clip_to_extent="1">
    <layer class="SimpleMarker" enabled="1" pass="0"><prop k="name" v="star"/><prop k="size" v="3"/></layer>
   </symbol>
  </symbols>
 </renderer-v2>
 <blendMode>0</blendMode>
 <featureBlendMode>0</featureBlendMode>
 <layerOpacity>1</layerOpacity>
</qgis>
