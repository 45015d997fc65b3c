<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.34.0" styleCategories="AllStyleCategories">
 <pipe>
  <provider>
   <resampling enabled="false" zoomedInResamplingMethod="nearestNeighbour" zoomedOutResamplingMethod="nearestNeighbour" maxOversampling="2"/>
  </provider>
  <rasterrenderer type="singlebandpseudocolor" band="1" opacity="0.8" alphaBand="-1" nodataColor="" classificationMin="0" classificationMax="100">
   <rasterTransparency>
    <singleValuePixelList>
     <pixelListEntry min="40" max="45" percentTransparent="50"/>
    </singleValuePixelList>
   </rasterTransparency>
   <rastershader>
    <colorrampshader colorRampType="INTERPOLATED" clip="1" minimumValue="0" maximumValue="100" classificationMode="1">
     <item value="0" color="#000000" alpha="255" label="0"/>
     <item value="50" color="#ff8000" alpha="128" label="50"/>
     <item value="100" color="#ffffff" alpha="255" label="100"/>
    </colorrampshader>
   </rastershader>
  </rasterrenderer>
  <brightnesscontrast brightness="10" contrast="-20" gamma="1.5"/>
  <huesaturation saturation="30" grayscaleMode="0" invertColors="1" colorizeOn="1" colorizeRed="10" colorizeGreen="20" colorizeBlue="30" colorizeStrength="40"/>
  <rasterresampler zoomedInResampler="bilinear" zoomedOutResampler="average" maxOversampling="2"/>
  <resamplingStage>resamplingFilter</resamplingStage>
 </pipe>
 <noData>
  <noDataList bandNo="1" useSrcNoData="0">
   <noDataRange min="-10" max="-1"/>
  </noDataList>
 </noData>
 <blendMode>6</blendMode>
</qgis>
