<qgis version="3.22.0"><pipe><rasterrenderer type="hillshade" band="1" azimuth="315" angle="45" zfactor="1" opacity="1"/></pipe></qgis>
