<qgis version="3.22.0">
 <pipe>
  <rasterrenderer type="singlebandgray" grayBand="2" gradient="WhiteToBlack" opacity="1" alphaBand="3" nodataColor="255,0,0,255,rgb:1,0,0,1">
   <contrastEnhancement>
    <minValue>10</minValue>
    <maxValue>200</maxValue>
    <algorithm>StretchAndClipToMinimumMaximum</algorithm>
   </contrastEnhancement>
  </rasterrenderer>
 </pipe>
</qgis>
