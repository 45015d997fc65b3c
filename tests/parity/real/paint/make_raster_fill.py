#!/usr/bin/python3
"""Makes the raster image fill fixtures (our own data, image and styles).

Writes ``data/raster_fill.png`` (a 12 × 8 pixel image of our own, with
half transparent pixels), ``data/raster_fill.geojson`` and
``styles/raster_fill.qml``: polygons filled by QgsRasterFillSymbolLayer
(``RasterFill``, as hauke96/qgis-outdoor-map's map.qgs fills wetlands and
rocks with its sprites) — the image at its own size from the feature's
corner, scaled to 4 mm from the map's corner (viewport), turned by 30° at
60 % opacity and moved by an offset, and inline ``base64:`` data scaled to
3 mm in a symbol at 70 % — saved by QGIS 3.22 itself. The style names the
image by this machine's absolute path, as a style made elsewhere does; the
worker finds it by its name in the layer's folder. The references are then
rendered by ``make_references.py paint/raster_fill paint/raster_fill_144dpi``.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_raster_fill.py
"""
import base64
import json
from pathlib import Path

from _fixture import collection
from qgis.core import (
    QgsApplication, QgsCategorizedSymbolRenderer, QgsFillSymbol,
    QgsRasterFillSymbolLayer, QgsRendererCategory, QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QBuffer, QByteArray, QIODevice, QPointF
from qgis.PyQt.QtGui import QColor, QImage

HERE = Path(__file__).resolve().parent

app = QgsApplication([], False)
app.initQgis()

image = QImage(12, 8, QImage.Format_ARGB32)
for y in range(8):
    for x in range(12):
        if (x + y) % 4 == 0:
            c = QColor(200, 40, 30, 255)
        elif y < 4:
            c = QColor(30, 90, 200, 140)
        elif x % 3 == 0:
            c = QColor(40, 160, 60, 255)
        else:
            c = QColor(250, 220, 60, 60)
        image.setPixelColor(x, y, c)
png = HERE / "data" / "raster_fill.png"
assert image.save(str(png), "PNG")
data = QByteArray()
buf = QBuffer(data)
buf.open(QIODevice.WriteOnly)
image.save(buf, "PNG")
inline = "base64:" + base64.b64encode(bytes(data)).decode()


def poly(*xy):
    ring = [[2600000 + x, 1200000 + y] for x, y in xy]
    return {"type": "Polygon", "coordinates": [ring + ring[:1]]}


def raster_fill(path, width=0.0, mode=0, alpha=1.0, angle=0.0, offset=None, opacity=1.0):
    layer = QgsRasterFillSymbolLayer(path)
    layer.setWidth(width)
    layer.setWidthUnit(QgsUnitTypes.RenderMillimeters)
    layer.setCoordinateMode(mode)
    layer.setOpacity(alpha)
    layer.setAngle(angle)
    if offset:
        layer.setOffset(QPointF(*offset))
        layer.setOffsetUnit(QgsUnitTypes.RenderMillimeters)
    symbol = QgsFillSymbol()
    symbol.deleteSymbolLayer(0)
    symbol.appendSymbolLayer(layer)
    symbol.setOpacity(opacity)
    return symbol


cats = [
    ("plain", raster_fill(str(png))),
    ("viewport", raster_fill(str(png), width=4, mode=1)),
    ("turned", raster_fill(str(png), alpha=0.6, angle=30, offset=(2, 1))),
    ("inline", raster_fill(inline, width=3, opacity=0.7)),
]
(HERE / "data" / "raster_fill.geojson").write_text(json.dumps(collection([
    ({"kind": "plain"}, poly((10.3, 160.2), (180.7, 150.4), (190.1, 290.9), (30.6, 280.3))),
    ({"kind": "viewport"}, poly((210.2, 170.6), (390.4, 160.2), (370.8, 290.1), (220.3, 280.7))),
    ({"kind": "turned"}, poly((15.6, 10.1), (170.2, 20.8), (150.4, 140.5))),
    ({"kind": "inline"}, poly((200.5, 15.3), (385.2, 25.1), (390.7, 140.6), (205.1, 130.4))),
]), indent=1) + "\n")
layer = QgsVectorLayer("Polygon?crs=EPSG:2056&field=kind:string", "raster_fill", "memory")
layer.setRenderer(QgsCategorizedSymbolRenderer(
    "kind", [QgsRendererCategory(k, s, k) for k, s in cats]))
msg, ok = layer.saveNamedStyle(str(HERE / "styles" / "raster_fill.qml"))
assert ok, msg
app.exitQgis()
