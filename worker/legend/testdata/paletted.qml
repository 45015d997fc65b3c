<qgis version="3.22.0"><pipe><rasterrenderer type="paletted" band="1" opacity="1"><colorPalette>
 <paletteEntry value="1" color="#ff0000" alpha="255" label="Built-up"/>
 <paletteEntry value="2" color="#00ff00" alpha="255" label="Grassland"/>
 <paletteEntry value="3" color="#0000ff" alpha="255" label=""/>
</colorPalette></rasterrenderer></pipe></qgis>
