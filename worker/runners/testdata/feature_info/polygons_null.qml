<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16" hasScaleBasedVisibilityFlag="0" minScale="0" maxScale="0" labelsEnabled="0">
 <renderer-v2 type="nullSymbol"/>
 <layerOpacity>1</layerOpacity>
</qgis>
