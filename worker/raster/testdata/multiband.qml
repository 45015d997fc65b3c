<qgis version="3.22.0">
 <pipe>
  <provider>
   <resampling enabled="true" zoomedInResamplingMethod="cubic" zoomedOutResamplingMethod="bilinear" maxOversampling="4"/>
  </provider>
  <rasterrenderer type="multibandcolor" redBand="3" greenBand="2" blueBand="1" opacity="0.5" alphaBand="-1">
   <rasterTransparency>
    <threeValuePixelList>
     <pixelListEntry red="0" green="0" blue="0" percentTransparent="100"/>
    </threeValuePixelList>
   </rasterTransparency>
   <redContrastEnhancement>
    <minValue>0</minValue>
    <maxValue>100</maxValue>
    <algorithm>StretchToMinimumMaximum</algorithm>
   </redContrastEnhancement>
   <greenContrastEnhancement>
    <minValue>0</minValue>
    <maxValue>255</maxValue>
    <algorithm>NoEnhancement</algorithm>
   </greenContrastEnhancement>
  </rasterrenderer>
 </pipe>
</qgis>
