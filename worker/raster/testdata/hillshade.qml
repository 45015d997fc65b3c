<qgis version="3.22.0">
 <pipe>
  <rasterrenderer type="hillshade" band="1" opacity="0.6" alphaBand="-1" azimuth="300" angle="40" zfactor="2" multidirection="1"/>
  <brightnesscontrast brightness="0" contrast="0" gamma="1"/>
 </pipe>
</qgis>
