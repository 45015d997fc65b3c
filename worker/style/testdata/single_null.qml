<qgis version="3.22.16"><renderer-v2 type="nullSymbol"/></qgis>
