<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16-Białowieża" styleCategories="Symbology">
  <renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0">
    <symbols>
      <symbol type="marker" alpha="1" name="0" force_rhr="0" clip_to_extent="1">
        <layer pass="0" enabled="1" class="SimpleMarker" locked="0">
          <prop k="color" v="90,90,90,255"/><prop k="name" v="circle"/><prop k="outline_color" v="35,35,35,255"/>
          <prop k="outline_style" v="solid"/><prop k="outline_width" v="0.05"/><prop k="outline_width_unit" v="MM"/>
          <prop k="size" v="9"/><prop k="size_unit" v="MM"/><prop k="scale_method" v="diameter"/>
          <data_defined_properties>
            <Option type="Map">
              <Option type="QString" value="" name="name"/>
              <Option type="Map" name="properties">
                <Option type="Map" name="fillColor">
                  <Option type="bool" value="true" name="active"/>
                  <Option type="QString" value="sqrt(&quot;visitors&quot;)" name="expression"/>
                  <Option type="Map" name="transformer">
                    <Option type="Map" name="d">
                      <Option type="Map" name="colorramp">
                        <Option type="QString" value="[source]" name="name"/>
                        <Option type="Map" name="properties">
                          <Option type="QString" value="7" name="colors"/>
                          <Option type="QString" value="1" name="inverted"/>
                          <Option type="QString" value="colorbrewer" name="rampType"/>
                          <Option type="QString" value="RdYlBu" name="schemeName"/>
                        </Option>
                        <Option type="QString" value="colorbrewer" name="type"/>
                      </Option>
                      <Option type="double" value="632.5" name="maxValue"/>
                      <Option type="double" value="0" name="minValue"/>
                      <Option type="QString" value="120,40,160,180" name="nullColor"/>
                      <Option type="QString" value="" name="rampName"/>
                    </Option>
                    <Option type="int" value="2" name="t"/>
                  </Option>
                  <Option type="int" value="3" name="type"/>
                </Option>
              </Option>
              <Option type="QString" value="collection" name="type"/>
            </Option>
          </data_defined_properties>
        </layer>
        <layer pass="0" enabled="1" class="SimpleMarker" locked="0">
          <prop k="color" v="90,90,90,255"/><prop k="name" v="square"/><prop k="outline_color" v="35,35,35,255"/>
          <prop k="outline_style" v="solid"/><prop k="outline_width" v="0.05"/><prop k="outline_width_unit" v="MM"/>
          <prop k="size" v="3.5"/><prop k="size_unit" v="MM"/><prop k="scale_method" v="diameter"/>
          <data_defined_properties>
            <Option type="Map">
              <Option type="QString" value="" name="name"/>
              <Option type="Map" name="properties">
                <Option type="Map" name="fillColor">
                  <Option type="bool" value="true" name="active"/>
                  <Option type="QString" value="sqrt(&quot;visitors&quot;)" name="expression"/>
                  <Option type="Map" name="transformer">
                    <Option type="Map" name="d">
                      <Option type="Map" name="colorramp">
                        <Option type="QString" value="[source]" name="name"/>
                        <Option type="Map" name="properties">
                          <Option type="QString" value="20,20,20,255" name="preset_color_0"/>
                          <Option type="QString" value="230,230,60,200" name="preset_color_1"/>
                          <Option type="QString" value="40,200,220,255" name="preset_color_2"/>
                          <Option type="QString" value="250,250,250,160" name="preset_color_3"/>
                          <Option type="QString" value="#141414" name="preset_color_name_0"/>
                          <Option type="QString" value="#e6e63c" name="preset_color_name_1"/>
                          <Option type="QString" value="#28c8dc" name="preset_color_name_2"/>
                          <Option type="QString" value="#fafafa" name="preset_color_name_3"/>
                          <Option type="QString" value="preset" name="rampType"/>
                        </Option>
                        <Option type="QString" value="preset" name="type"/>
                      </Option>
                      <Option type="double" value="632.5" name="maxValue"/>
                      <Option type="double" value="0" name="minValue"/>
                      <Option type="QString" value="255,0,255,255" name="nullColor"/>
                      <Option type="QString" value="" name="rampName"/>
                    </Option>
                    <Option type="int" value="2" name="t"/>
                  </Option>
                  <Option type="int" value="3" name="type"/>
                </Option>
              </Option>
              <Option type="QString" value="collection" name="type"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
    </symbols>
  </renderer-v2>
  <blendMode>0</blendMode>
  <featureBlendMode>0</featureBlendMode>
  <layerOpacity>1</layerOpacity>
</qgis>
