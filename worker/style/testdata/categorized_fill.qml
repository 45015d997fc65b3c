<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16" hasScaleBasedVisibilityFlag="1" minScale="500000" maxScale="1000" labelsEnabled="0">
 <renderer-v2 type="categorizedSymbol" attr="kind" symbollevels="1" forceraster="0" enableorderby="0">
  <categories>
   <category symbol="0" value="forest" label="Forest" render="true"/>
   <category symbol="1" value="lake" label="Lake" render="false"/>
   <category symbol="2" value="" label="Other" render="true"/>
  </categories>
  <symbols>
   <symbol type="fill" name="0" alpha="0.85" clip_to_extent="1" force_rhr="0">
    <layer class="SimpleFill" enabled="1" pass="1" locked="0">
     <Option type="Map">
      <Option type="QString" name="color" value="46,125,50,255"/>
      <Option type="QString" name="style" value="b_diagonal"/>
      <Option type="QString" name="outline_width" value="0.4"/>
      <Option type="QString" name="outline_width_unit" value="MM"/>
     </Option>
     <data_defined_properties>
      <Option type="Map">
       <Option type="QString" name="name" value=""/>
       <Option type="Map" name="properties">
        <Option type="Map" name="fillColor">
         <Option type="bool" name="active" value="true"/>
         <Option type="QString" name="expression" value="case when &quot;pop&quot; > 100 then '255,0,0' end"/>
         <Option type="int" name="type" value="3"/>
        </Option>
        <Option type="Map" name="outlineWidth">
         <Option type="bool" name="active" value="false"/>
         <Option type="QString" name="field" value="width"/>
         <Option type="int" name="type" value="2"/>
        </Option>
       </Option>
       <Option type="QString" name="type" value="collection"/>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol type="fill" name="1" alpha="1" clip_to_extent="0" force_rhr="0">
    <layer class="CentroidFill" enabled="1" pass="0" locked="0">
     <prop k="point_on_surface" v="1"/>
     <symbol type="marker" name="@1@0" alpha="1" clip_to_extent="1" force_rhr="0">
      <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
       <prop k="name" v="star"/>
       <prop k="size" v="4"/>
      </layer>
     </symbol>
    </layer>
   </symbol>
   <symbol type="fill" name="2" alpha="1" clip_to_extent="1" force_rhr="0">
    <layer class="SimpleFill" enabled="0" pass="0" locked="0">
     <prop k="color" v="#ff8800"/>
    </layer>
   </symbol>
  </symbols>
 </renderer-v2>
 <blendMode>6</blendMode>
 <featureBlendMode>0</featureBlendMode>
 <layerOpacity>0.5</layerOpacity>
</qgis>
