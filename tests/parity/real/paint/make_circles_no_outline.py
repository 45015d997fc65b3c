#!/usr/bin/python3
"""Makes the outline-less circle marker fixtures (our own data and style).

Writes ``data/circles_no_outline.geojson`` (80 points at fractional
positions) and ``styles/circles_no_outline.qml`` (a 1.2 mm circle without
outline, as the point pattern of ``make_patterns.py`` draws), saved by QGIS
3.22 itself. The circle's edge is Qt's rasterizer's coverage of
``addEllipse``'s flattened Béziers. The references are then rendered by
``make_references.py paint/circles_no_outline paint/circles_no_outline_144dpi``.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_circles_no_outline.py
"""
import json
from pathlib import Path

from qgis.core import (
    QgsApplication, QgsMarkerSymbol, QgsSingleSymbolRenderer, QgsVectorLayer,
)

HERE = Path(__file__).resolve().parent

app = QgsApplication([], False)
app.initQgis()
features = [
    {"type": "Feature", "properties": {},
     "geometry": {"type": "Point", "coordinates": [
         2600000 + 20 + i * 37.3 + j * 0.13, 1200000 + 20 + j * 33.7 + i * 0.071]}}
    for i in range(10) for j in range(8)
]
(HERE / "data" / "circles_no_outline.geojson").write_text(json.dumps({
    "type": "FeatureCollection",
    "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}},
    "features": features,
}, indent=1) + "\n")
layer = QgsVectorLayer("Point?crs=EPSG:2056", "circles", "memory")
layer.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple({
    "name": "circle", "size": "1.2", "color": "20,20,20,255",
    "outline_style": "no"})))
msg, ok = layer.saveNamedStyle(str(HERE / "styles" / "circles_no_outline.qml"))
assert ok, msg
app.exitQgis()
