<qgis version="3.22.0">
 <pipe>
  <rasterrenderer type="paletted" band="1" opacity="1" alphaBand="-1">
   <colorPalette>
    <paletteEntry value="1" color="#1f78b4" alpha="255" label="water"/>
    <paletteEntry value="2" color="#33a02c" alpha="200" label="forest"/>
    <paletteEntry value="3" color="#e31a1c" alpha="255" label="built"/>
   </colorPalette>
  </rasterrenderer>
 </pipe>
</qgis>
