<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16-Białowieża" styleCategories="Symbology">
  <renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0">
    <symbols>
      <symbol type="marker" alpha="1" name="0" force_rhr="0" clip_to_extent="1">
        <layer pass="0" enabled="1" class="SimpleMarker" locked="0">
          <prop k="color" v="90,90,90,255"/><prop k="name" v="circle"/><prop k="outline_color" v="35,35,35,255"/>
          <prop k="outline_style" v="solid"/><prop k="outline_width" v="0.05"/><prop k="outline_width_unit" v="MM"/>
          <prop k="size" v="7"/><prop k="size_unit" v="MM"/><prop k="scale_method" v="diameter"/>
          <data_defined_properties>
            <Option type="Map">
              <Option type="QString" value="" name="name"/>
              <Option type="Map" name="properties">
                <Option type="Map" name="fillColor">
                  <Option type="bool" value="true" name="active"/>
                  <Option type="QString" value="&quot;visitors&quot; / 1000" name="expression"/>
                  <Option type="Map" name="transformer">
                    <Option type="Map" name="d">
                      <Option type="Map" name="colorramp">
                        <Option type="QString" value="[source]" name="name"/>
                        <Option type="Map" name="properties">
                          <Option type="QString" value="43,131,186,255" name="color1"/>
                          <Option type="QString" value="215,25,28,200" name="color2"/>
                          <Option type="QString" value="0" name="discrete"/>
                          <Option type="QString" value="gradient" name="rampType"/>
                          <Option type="QString" value="0.3;171,221,164,255:0.6;255,255,191,120" name="stops"/>
                        </Option>
                        <Option type="QString" value="gradient" name="type"/>
                      </Option>
                      <Option type="double" value="250" name="maxValue"/>
                      <Option type="double" value="3" name="minValue"/>
                      <Option type="QString" value="120,40,160,180" name="nullColor"/>
                      <Option type="QString" value="Spectral" name="rampName"/>
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
