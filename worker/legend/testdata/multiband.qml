<qgis version="3.22.0"><pipe><rasterrenderer type="multibandcolor" redBand="3" greenBand="2" blueBand="1" opacity="1"/></pipe></qgis>
