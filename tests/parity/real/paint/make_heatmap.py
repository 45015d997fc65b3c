#!/usr/bin/python3
"""Makes the heatmap fixtures (our own data and style).

Writes ``data/heatmap.geojson`` (120 points at fractional positions, some
beyond the map's edges, with a ``w`` weight and a multipoint) and
``styles/heatmap.qml``: a ``QgsHeatmapRenderer`` of radius 6 mm, quality 1
(every pixel), no explicit maximum (the map's highest density) and no
weight, through a ramp with two inner stops, saved by QGIS 3.22 itself;
``styles/heatmap_weighted.qml`` the same with radius 40 px, quality 3 and
the weight expression ``"w" * 2``. The references are then rendered by
``make_references.py paint/heatmap paint/heatmap_144dpi
paint/heatmap_weighted``.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_heatmap.py
"""
import json
from pathlib import Path

from qgis.core import (
    QgsApplication, QgsGradientColorRamp, QgsGradientStop, QgsHeatmapRenderer,
    QgsUnitTypes, QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor

HERE = Path(__file__).resolve().parent

app = QgsApplication([], False)
app.initQgis()
features = [
    {"type": "Feature", "properties": {"w": (i * 7 + j * 3) % 5},
     "geometry": {"type": "Point", "coordinates": [
         2600000 - 30 + i * 41.3 + j * 3.13 + (i * j % 7) * 5.7,
         1200000 - 20 + j * 29.7 + i * 1.071 + (i + j) % 3 * 8.1]}}
    for i in range(12) for j in range(10)
]
features.append({"type": "Feature", "properties": {"w": 4}, "geometry": {
    "type": "MultiPoint", "coordinates": [[2600200.5, 1200150.25],
                                          [2600230.75, 1200160.5]]}})
(HERE / "data" / "heatmap.geojson").write_text(json.dumps({
    "type": "FeatureCollection",
    "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}},
    "features": features,
}, indent=1) + "\n")
ramp = QgsGradientColorRamp(QColor(255, 255, 255, 0), QColor(200, 0, 30, 255))
ramp.setStops([QgsGradientStop(0.3, QColor(40, 120, 220, 160)),
               QgsGradientStop(0.7, QColor(250, 210, 40, 230))])
layer = QgsVectorLayer("Point?crs=EPSG:2056", "heat", "memory")
r = QgsHeatmapRenderer()
r.setColorRamp(ramp.clone())
r.setRadius(6)
r.setRadiusUnit(QgsUnitTypes.RenderMillimeters)
r.setRenderQuality(1)
layer.setRenderer(r)
msg, ok = layer.saveNamedStyle(str(HERE / "styles" / "heatmap.qml"))
assert ok, msg
r = QgsHeatmapRenderer()
r.setColorRamp(ramp.clone())
r.setRadius(40)
r.setRadiusUnit(QgsUnitTypes.RenderPixels)
r.setRenderQuality(3)
r.setWeightExpression('"w" * 2')
layer.setRenderer(r)
msg, ok = layer.saveNamedStyle(str(HERE / "styles" / "heatmap_weighted.qml"))
assert ok, msg
app.exitQgis()
