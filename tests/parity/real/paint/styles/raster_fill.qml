<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis simplifyLocal="1" symbologyReferenceScale="-1" simplifyMaxScale="1" styleCategories="AllStyleCategories" maxScale="0" labelsEnabled="0" readOnly="0" simplifyDrawingTol="1" version="3.22.16-Białowieża" minScale="100000000" simplifyDrawingHints="1" simplifyAlgorithm="0" hasScaleBasedVisibilityFlag="0">
  <flags>
    <Identifiable>1</Identifiable>
    <Removable>1</Removable>
    <Searchable>1</Searchable>
    <Private>0</Private>
  </flags>
  <temporal accumulate="0" mode="0" endField="" durationField="" enabled="0" endExpression="" startExpression="" limitMode="0" startField="" durationUnit="min" fixedDuration="0">
    <fixedRange>
      <start></start>
      <end></end>
    </fixedRange>
  </temporal>
  <renderer-v2 referencescale="-1" forceraster="0" attr="kind" enableorderby="0" symbollevels="0" type="categorizedSymbol">
    <categories>
      <category value="plain" symbol="0" label="plain" render="true"/>
      <category value="viewport" symbol="1" label="viewport" render="true"/>
      <category value="turned" symbol="2" label="turned" render="true"/>
      <category value="inline" symbol="3" label="inline" render="true"/>
    </categories>
    <symbols>
      <symbol alpha="1" force_rhr="0" clip_to_extent="1" name="0" type="fill">
        <data_defined_properties>
          <Option type="Map">
            <Option value="" name="name" type="QString"/>
            <Option name="properties"/>
            <Option value="collection" name="type" type="QString"/>
          </Option>
        </data_defined_properties>
        <layer locked="0" class="RasterFill" enabled="1" pass="0">
          <Option type="Map">
            <Option value="1" name="alpha" type="QString"/>
            <Option value="0" name="angle" type="QString"/>
            <Option value="0" name="coordinate_mode" type="QString"/>
            <Option value="/work/h-rasterimg/tests/parity/real/paint/data/raster_fill.png" name="imageFile" type="QString"/>
            <Option value="0,0" name="offset" type="QString"/>
            <Option value="3x:0,0,0,0,0,0" name="offset_map_unit_scale" type="QString"/>
            <Option value="MM" name="offset_unit" type="QString"/>
            <Option value="0" name="width" type="QString"/>
            <Option value="3x:0,0,0,0,0,0" name="width_map_unit_scale" type="QString"/>
            <Option value="MM" name="width_unit" type="QString"/>
          </Option>
          <prop k="alpha" v="1"/>
          <prop k="angle" v="0"/>
          <prop k="coordinate_mode" v="0"/>
          <prop k="imageFile" v="/work/h-rasterimg/tests/parity/real/paint/data/raster_fill.png"/>
          <prop k="offset" v="0,0"/>
          <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="offset_unit" v="MM"/>
          <prop k="width" v="0"/>
          <prop k="width_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="width_unit" v="MM"/>
          <data_defined_properties>
            <Option type="Map">
              <Option value="" name="name" type="QString"/>
              <Option name="properties"/>
              <Option value="collection" name="type" type="QString"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol alpha="1" force_rhr="0" clip_to_extent="1" name="1" type="fill">
        <data_defined_properties>
          <Option type="Map">
            <Option value="" name="name" type="QString"/>
            <Option name="properties"/>
            <Option value="collection" name="type" type="QString"/>
          </Option>
        </data_defined_properties>
        <layer locked="0" class="RasterFill" enabled="1" pass="0">
          <Option type="Map">
            <Option value="1" name="alpha" type="QString"/>
            <Option value="0" name="angle" type="QString"/>
            <Option value="1" name="coordinate_mode" type="QString"/>
            <Option value="/work/h-rasterimg/tests/parity/real/paint/data/raster_fill.png" name="imageFile" type="QString"/>
            <Option value="0,0" name="offset" type="QString"/>
            <Option value="3x:0,0,0,0,0,0" name="offset_map_unit_scale" type="QString"/>
            <Option value="MM" name="offset_unit" type="QString"/>
            <Option value="4" name="width" type="QString"/>
            <Option value="3x:0,0,0,0,0,0" name="width_map_unit_scale" type="QString"/>
            <Option value="MM" name="width_unit" type="QString"/>
          </Option>
          <prop k="alpha" v="1"/>
          <prop k="angle" v="0"/>
          <prop k="coordinate_mode" v="1"/>
          <prop k="imageFile" v="/work/h-rasterimg/tests/parity/real/paint/data/raster_fill.png"/>
          <prop k="offset" v="0,0"/>
          <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="offset_unit" v="MM"/>
          <prop k="width" v="4"/>
          <prop k="width_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="width_unit" v="MM"/>
          <data_defined_properties>
            <Option type="Map">
              <Option value="" name="name" type="QString"/>
              <Option name="properties"/>
              <Option value="collection" name="type" type="QString"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol alpha="1" force_rhr="0" clip_to_extent="1" name="2" type="fill">
        <data_defined_properties>
          <Option type="Map">
            <Option value="" name="name" type="QString"/>
            <Option name="properties"/>
            <Option value="collection" name="type" type="QString"/>
          </Option>
        </data_defined_properties>
        <layer locked="0" class="RasterFill" enabled="1" pass="0">
          <Option type="Map">
            <Option value="0.6" name="alpha" type="QString"/>
            <Option value="30" name="angle" type="QString"/>
            <Option value="0" name="coordinate_mode" type="QString"/>
            <Option value="/work/h-rasterimg/tests/parity/real/paint/data/raster_fill.png" name="imageFile" type="QString"/>
            <Option value="2,1" name="offset" type="QString"/>
            <Option value="3x:0,0,0,0,0,0" name="offset_map_unit_scale" type="QString"/>
            <Option value="MM" name="offset_unit" type="QString"/>
            <Option value="0" name="width" type="QString"/>
            <Option value="3x:0,0,0,0,0,0" name="width_map_unit_scale" type="QString"/>
            <Option value="MM" name="width_unit" type="QString"/>
          </Option>
          <prop k="alpha" v="0.6"/>
          <prop k="angle" v="30"/>
          <prop k="coordinate_mode" v="0"/>
          <prop k="imageFile" v="/work/h-rasterimg/tests/parity/real/paint/data/raster_fill.png"/>
          <prop k="offset" v="2,1"/>
          <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="offset_unit" v="MM"/>
          <prop k="width" v="0"/>
          <prop k="width_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="width_unit" v="MM"/>
          <data_defined_properties>
            <Option type="Map">
              <Option value="" name="name" type="QString"/>
              <Option name="properties"/>
              <Option value="collection" name="type" type="QString"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol alpha="0.7" force_rhr="0" clip_to_extent="1" name="3" type="fill">
        <data_defined_properties>
          <Option type="Map">
            <Option value="" name="name" type="QString"/>
            <Option name="properties"/>
            <Option value="collection" name="type" type="QString"/>
          </Option>
        </data_defined_properties>
        <layer locked="0" class="RasterFill" enabled="1" pass="0">
          <Option type="Map">
            <Option value="1" name="alpha" type="QString"/>
            <Option value="0" name="angle" type="QString"/>
            <Option value="0" name="coordinate_mode" type="QString"/>
            <Option value="base64:iVBORw0KGgoAAAANSUhEUgAAAAwAAAAICAYAAADN5B7xAAAACXBIWXMAAA9hAAAPYQGoP6dpAAAAg0lEQVQYlWM8oSH3P8xoVS8DFKw6F1aMj8+8y20nL7GKV50LK2YiRXGY0apeJlIUMzAwMDCe0JD7b7RFzpaBgYFB7wjD4QUdjxiMtsjZ6h1hOHzJhsH2nM+jwwkVcgyXbBhsGRgYGJgSKuRgBjHAFMP453weHUbnMyFziNHMhMskXJoBNMBhMeghns4AAAAASUVORK5CYII=" name="imageFile" type="QString"/>
            <Option value="0,0" name="offset" type="QString"/>
            <Option value="3x:0,0,0,0,0,0" name="offset_map_unit_scale" type="QString"/>
            <Option value="MM" name="offset_unit" type="QString"/>
            <Option value="3" name="width" type="QString"/>
            <Option value="3x:0,0,0,0,0,0" name="width_map_unit_scale" type="QString"/>
            <Option value="MM" name="width_unit" type="QString"/>
          </Option>
          <prop k="alpha" v="1"/>
          <prop k="angle" v="0"/>
          <prop k="coordinate_mode" v="0"/>
          <prop k="imageFile" v="base64:iVBORw0KGgoAAAANSUhEUgAAAAwAAAAICAYAAADN5B7xAAAACXBIWXMAAA9hAAAPYQGoP6dpAAAAg0lEQVQYlWM8oSH3P8xoVS8DFKw6F1aMj8+8y20nL7GKV50LK2YiRXGY0apeJlIUMzAwMDCe0JD7b7RFzpaBgYFB7wjD4QUdjxiMtsjZ6h1hOHzJhsH2nM+jwwkVcgyXbBhsGRgYGJgSKuRgBjHAFMP453weHUbnMyFziNHMhMskXJoBNMBhMeghns4AAAAASUVORK5CYII="/>
          <prop k="offset" v="0,0"/>
          <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="offset_unit" v="MM"/>
          <prop k="width" v="3"/>
          <prop k="width_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="width_unit" v="MM"/>
          <data_defined_properties>
            <Option type="Map">
              <Option value="" name="name" type="QString"/>
              <Option name="properties"/>
              <Option value="collection" name="type" type="QString"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
    </symbols>
    <rotation/>
    <sizescale/>
  </renderer-v2>
  <customproperties>
    <Option/>
  </customproperties>
  <blendMode>0</blendMode>
  <featureBlendMode>0</featureBlendMode>
  <layerOpacity>1</layerOpacity>
  <geometryOptions geometryPrecision="0" removeDuplicateNodes="0">
    <activeChecks type="StringList">
      <Option value="" type="QString"/>
    </activeChecks>
    <checkConfiguration/>
  </geometryOptions>
  <legend showLabelLegend="0" type="default-vector"/>
  <referencedLayers/>
  <fieldConfiguration>
    <field configurationFlags="None" name="kind">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
  </fieldConfiguration>
  <aliases>
    <alias name="" field="kind" index="0"/>
  </aliases>
  <defaults>
    <default applyOnUpdate="0" field="kind" expression=""/>
  </defaults>
  <constraints>
    <constraint notnull_strength="0" constraints="0" exp_strength="0" field="kind" unique_strength="0"/>
  </constraints>
  <constraintExpressions>
    <constraint desc="" field="kind" exp=""/>
  </constraintExpressions>
  <expressionfields/>
  <attributeactions/>
  <attributetableconfig actionWidgetStyle="dropDown" sortOrder="0" sortExpression="">
    <columns/>
  </attributetableconfig>
  <conditionalstyles>
    <rowstyles/>
    <fieldstyles/>
  </conditionalstyles>
  <storedexpressions/>
  <editform tolerant="1"></editform>
  <editforminit/>
  <editforminitcodesource>0</editforminitcodesource>
  <editforminitfilepath></editforminitfilepath>
  <editforminitcode><![CDATA[]]></editforminitcode>
  <featformsuppress>0</featformsuppress>
  <editorlayout>generatedlayout</editorlayout>
  <editable/>
  <labelOnTop/>
  <reuseLastValue/>
  <dataDefinedFieldProperties/>
  <widgets/>
  <previewExpression></previewExpression>
  <mapTip></mapTip>
  <layerGeometryType>2</layerGeometryType>
</qgis>
