<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.44.0" labelsEnabled="1">
 <renderer-v2 type="singleSymbol">
  <symbols>
   <symbol type="marker" name="0" alpha="1">
    <layer class="SimpleMarker" enabled="1">
     <Option type="Map">
      <Option value="square" name="name" type="QString"/>
      <Option value="2" name="size" type="QString"/>
      <Option value="MM" name="size_unit" type="QString"/>
     </Option>
    </layer>
   </symbol>
  </symbols>
 </renderer-v2>
 <labeling type="simple">
  <settings calloutType="simple">
   <text-style fontFamily="DejaVu Sans" fontSize="10" fontSizeUnit="Point" fontWeight="75" fontItalic="1" textColor="56,56,56,255" textOpacity="0.8" fontLetterSpacing="0.5" fontWordSpacing="1" capitalization="1" multilineHeight="1.2" multilineHeightUnit="Percentage" namedStyle="Bold Oblique" fieldName="name" isExpression="0">
    <text-buffer bufferDraw="1" bufferSize="1" bufferSizeUnits="MM" bufferColor="237,237,237,255" bufferOpacity="1" bufferJoinStyle="128" bufferNoFill="1"/>
    <background shapeDraw="1" shapeType="2" shapeSizeType="0" shapeSizeX="1" shapeSizeY="0.5" shapeSizeUnit="MM" shapeFillColor="255,255,200,255" shapeBorderColor="0,0,0,255" shapeBorderWidth="0.2" shapeBorderWidthUnit="MM" shapeOpacity="0.5"/>
    <shadow shadowDraw="1" shadowUnder="0" shadowOffsetAngle="135" shadowOffsetDist="1" shadowOffsetUnit="MM" shadowRadius="1.5" shadowRadiusUnit="MM" shadowColor="0,0,0,255" shadowOpacity="0.7" shadowScale="100"/>
   </text-style>
   <text-format wrapChar="|" autoWrapLength="12" useMaxLineLengthForAutoWrap="1" multilineAlign="3"/>
   <placement placement="6" dist="1.5" distUnits="MM" predefinedPositionOrder="TR,TL,BR,BL,R,L,TSR,BSR" priority="7" xOffset="0" yOffset="0" offsetUnits="MM" quadOffset="4" overlapHandling="PreventOverlap" placementFlags="10" polygonPlacementFlags="2"/>
   <dd_properties>
    <Option type="Map">
     <Option value="" name="name" type="QString"/>
     <Option name="properties" type="Map">
      <Option name="Size" type="Map">
       <Option value="true" name="active" type="bool"/>
       <Option value="size" name="field" type="QString"/>
       <Option value="2" name="type" type="int"/>
      </Option>
      <Option name="Color" type="Map">
       <Option value="false" name="active" type="bool"/>
       <Option value="case when &quot;big&quot; then '#ff0000' end" name="expression" type="QString"/>
       <Option value="3" name="type" type="int"/>
      </Option>
     </Option>
     <Option value="collection" name="type" type="QString"/>
    </Option>
   </dd_properties>
   <rendering obstacle="1" obstacleFactor="1" obstacleType="1" scaleVisibility="1" scaleMin="1000" scaleMax="500000" drawLabels="1" zIndex="0" labelPerPart="0"/>
  </settings>
 </labeling>
</qgis>
