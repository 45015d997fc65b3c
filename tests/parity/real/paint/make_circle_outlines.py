#!/usr/bin/python3
"""Makes the wide-outlined circle marker fixtures (our own data and style).

Writes ``data/circle_outlines.geojson`` (points at fractional positions,
some piled on each other, with a size class) and
``styles/circle_outlines.qml``: circles of 1, 2 and 3.5 mm with 0.4 to
0.8 mm outlines (pens wider than a pixel), as Woodsandfields/QGIS_maps's
airports (1 mm white circles, 0.4 mm black outlines), categorized by size,
saved by QGIS 3.22 itself. QGIS's marker cache draws each as
``QPainterPath::addEllipse``'s Béziers: the brush through Qt's rasterizer,
the pen through Qt's stroker (curves offset as ``QBezier::shifted``) and
rasterizer. The references are then rendered by
``make_references.py paint/circle_outlines paint/circle_outlines_144dpi``.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_circle_outlines.py
"""
import json
from pathlib import Path

from qgis.core import (
    QgsApplication, QgsCategorizedSymbolRenderer, QgsMarkerSymbol,
    QgsRendererCategory, QgsVectorLayer,
)

HERE = Path(__file__).resolve().parent

app = QgsApplication([], False)
app.initQgis()
features = []
for i in range(9):
    for j in range(7):
        k = (i + j) % 3
        x = 2600000 + 25 + i * 41.3 + j * 0.17
        y = 1200000 + 22 + j * 40.7 + i * 0.093
        features.append({"type": "Feature", "properties": {"size": k},
                         "geometry": {"type": "Point", "coordinates": [x, y]}})
        if (i * 7 + j) % 4 == 0:
            features.append({"type": "Feature", "properties": {"size": (k + 1) % 3},
                             "geometry": {"type": "Point",
                                          "coordinates": [x + 1.9, y - 1.3]}})
(HERE / "data" / "circle_outlines.geojson").write_text(json.dumps({
    "type": "FeatureCollection",
    "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}},
    "features": features,
}, indent=1) + "\n")
layer = QgsVectorLayer("Point?crs=EPSG:2056&field=size:integer", "circles", "memory")
styles = [("1", "0.4", "255,255,255,255", "0,0,0,255"),
          ("2", "0.6", "250,200,60,255", "90,40,0,255"),
          ("3.5", "0.8", "120,180,230,160", "20,40,120,255")]
layer.setRenderer(QgsCategorizedSymbolRenderer("size", [
    QgsRendererCategory(k, QgsMarkerSymbol.createSimple({
        "name": "circle", "size": size, "outline_width": width,
        "color": color, "outline_color": outline}), str(k))
    for k, (size, width, color, outline) in enumerate(styles)
]))
msg, ok = layer.saveNamedStyle(str(HERE / "styles" / "circle_outlines.qml"))
assert ok, msg
app.exitQgis()
