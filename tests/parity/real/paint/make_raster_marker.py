#!/usr/bin/python3
"""Makes the raster image marker fixtures (our own data and styles).

Writes ``data/raster_marker.geojson`` and ``styles/raster_marker.qml``:
points drawn by QgsRasterMarkerSymbolLayer (``RasterMarker``, as
town-planning's domiko_sxedio.qgs marks hospitals with PNGs) with our
image ``data/raster_fill.png`` (written by ``make_raster_fill.py``: run it
first) — 4 mm wide in its own proportions; 6 mm with a fixed aspect ratio
of 1.5 at 50 % opacity anchored at its top left; 5 mm turned by 30°,
offset and anchored at its bottom right; inline ``base64:`` data 3 mm wide
in a symbol at 70 % — saved by QGIS 3.22 itself, the image named by this
machine's absolute path. The references are then rendered by
``make_references.py paint/raster_marker paint/raster_marker_144dpi``.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_raster_marker.py
"""
import base64
import json
from pathlib import Path

from _fixture import collection
from qgis.core import (
    QgsApplication, QgsCategorizedSymbolRenderer, QgsMarkerSymbol,
    QgsRasterMarkerSymbolLayer, QgsRendererCategory, QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QPointF

HERE = Path(__file__).resolve().parent

app = QgsApplication([], False)
app.initQgis()

png = HERE / "data" / "raster_fill.png"
inline = "base64:" + base64.b64encode(png.read_bytes()).decode()


def raster_marker(path, size, aspect=0.0, alpha=1.0, angle=0.0, offset=None, anchor=(1, 1), opacity=1.0):
    layer = QgsRasterMarkerSymbolLayer(path, size, angle)
    layer.setSizeUnit(QgsUnitTypes.RenderMillimeters)
    layer.setFixedAspectRatio(aspect)
    layer.setOpacity(alpha)
    if offset:
        layer.setOffset(QPointF(*offset))
        layer.setOffsetUnit(QgsUnitTypes.RenderMillimeters)
    layer.setHorizontalAnchorPoint(anchor[0])
    layer.setVerticalAnchorPoint(anchor[1])
    symbol = QgsMarkerSymbol()
    symbol.deleteSymbolLayer(0)
    symbol.appendSymbolLayer(layer)
    symbol.setOpacity(opacity)
    return symbol


cats = [
    ("own", raster_marker(str(png), 4)),
    ("fixed", raster_marker(str(png), 6, aspect=1.5, alpha=0.5, anchor=(0, 0))),
    ("turned", raster_marker(str(png), 5, angle=30, offset=(1, 2), anchor=(2, 2))),
    ("inline", raster_marker(inline, 3, opacity=0.7)),
]
points = []
for i, (kind, _) in enumerate(cats):
    for j in range(5):
        x = 40.3 + j * 75.7 + i * 3.1
        y = 40.6 + i * 70.2 + j * 2.3
        points.append(({"kind": kind}, {"type": "Point", "coordinates": [2600000 + x, 1200000 + y]}))
(HERE / "data" / "raster_marker.geojson").write_text(json.dumps(collection(points), indent=1) + "\n")
layer = QgsVectorLayer("Point?crs=EPSG:2056&field=kind:string", "raster_marker", "memory")
layer.setRenderer(QgsCategorizedSymbolRenderer(
    "kind", [QgsRendererCategory(k, s, k) for k, s in cats]))
msg, ok = layer.saveNamedStyle(str(HERE / "styles" / "raster_marker.qml"))
assert ok, msg
app.exitQgis()
