<qgis version="3.22.0">
 <pipe>
  <rasterrenderer type="contour" band="1" opacity="1"/>
 </pipe>
</qgis>
