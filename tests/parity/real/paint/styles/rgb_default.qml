<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16-Białowieża" styleCategories="AllStyleCategories" hasScaleBasedVisibilityFlag="0" maxScale="0" minScale="1e+08">
 <flags>
  <Identifiable>1</Identifiable>
  <Removable>1</Removable>
  <Searchable>1</Searchable>
  <Private>0</Private>
 </flags>
 <temporal fetchMode="0" enabled="0" mode="0">
  <fixedRange>
   <start></start>
   <end></end>
  </fixedRange>
 </temporal>
 <customproperties>
  <Option type="Map">
   <Option type="QString" value="Value" name="identify/format"/>
  </Option>
 </customproperties>
 <pipe-data-defined-properties>
  <Option type="Map">
   <Option type="QString" value="" name="name"/>
   <Option name="properties"/>
   <Option type="QString" value="collection" name="type"/>
  </Option>
 </pipe-data-defined-properties>
 <pipe>
  <provider>
   <resampling zoomedOutResamplingMethod="nearestNeighbour" zoomedInResamplingMethod="nearestNeighbour" maxOversampling="2" enabled="false"/>
  </provider>
  <rasterrenderer opacity="1" redBand="1" greenBand="2" type="multibandcolor" alphaBand="4" nodataColor="" blueBand="3">
   <rasterTransparency/>
   <minMaxOrigin>
    <limits>MinMax</limits>
    <extent>WholeRaster</extent>
    <statAccuracy>Estimated</statAccuracy>
    <cumulativeCutLower>0.02</cumulativeCutLower>
    <cumulativeCutUpper>0.98</cumulativeCutUpper>
    <stdDevFactor>2</stdDevFactor>
   </minMaxOrigin>
   <redContrastEnhancement>
    <minValue>24</minValue>
    <maxValue>200</maxValue>
    <algorithm>NoEnhancement</algorithm>
   </redContrastEnhancement>
   <greenContrastEnhancement>
    <minValue>24</minValue>
    <maxValue>208</maxValue>
    <algorithm>NoEnhancement</algorithm>
   </greenContrastEnhancement>
   <blueContrastEnhancement>
    <minValue>36</minValue>
    <maxValue>204</maxValue>
    <algorithm>NoEnhancement</algorithm>
   </blueContrastEnhancement>
  </rasterrenderer>
  <brightnesscontrast brightness="0" contrast="0" gamma="1"/>
  <huesaturation colorizeOn="0" invertColors="0" grayscaleMode="0" colorizeStrength="100" colorizeGreen="128" saturation="0" colorizeBlue="128" colorizeRed="255"/>
  <rasterresampler maxOversampling="2"/>
  <resamplingStage>resamplingFilter</resamplingStage>
 </pipe>
 <blendMode>0</blendMode>
</qgis>
