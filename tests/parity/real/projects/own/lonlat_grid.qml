<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16-Białowieża">
  <pipe>
    <rasterrenderer opacity="1" alphaBand="-1" classificationMax="9" classificationMin="1" band="1" type="singlebandpseudocolor">
      <rasterTransparency/>
      <rastershader>
        <colorrampshader colorRampType="INTERPOLATED" clip="0">
<item alpha="255" value="1" label="1" color="#ffffff"/>
<item alpha="255" value="2" label="2" color="#209fff"/>
<item alpha="255" value="3" label="3" color="#00cfff"/>
<item alpha="255" value="4" label="4" color="#55ffff"/>
<item alpha="255" value="5" label="5" color="#aaffff"/>
<item alpha="255" value="6" label="6" color="#fff000"/>
<item alpha="255" value="7" label="7" color="#ffa800"/>
<item alpha="255" value="8" label="8" color="#ff7000"/>
<item alpha="255" value="9" label="9" color="#ff0000"/>
        </colorrampshader>
      </rastershader>
    </rasterrenderer>
    <brightnesscontrast brightness="0" contrast="0"/>
    <huesaturation colorizeGreen="128" colorizeOn="0" colorizeRed="255" colorizeBlue="128" grayscaleMode="0" saturation="0" colorizeStrength="100"/>
    <rasterresampler maxOversampling="2"/>
  </pipe>
  <blendMode>0</blendMode>
</qgis>
