#!/usr/bin/python3
"""Makes the arrow line fixtures (our own data and styles).

Writes ``data/arrow_lines.geojson``, ``data/arrow_polygons.geojson`` and
``styles/arrows.qml``: QgsArrowSymbolLayer (``ArrowLine``) straight and
curved, single, reversed and double heads, plain and half arrows, repeated
per segment or not, offset, with a data-defined width, as town-planning's
domiko_sxedio.qgs (curved, repeated) and quantenschaum/mapping's tides.qgs
(straight, under a geometry generator) draw them, saved by QGIS 3.22
itself. The references are then rendered by
``make_references.py paint/arrows paint/arrows_144dpi``.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_arrows.py
"""
import json
from pathlib import Path

from qgis.core import (
    QgsApplication, QgsArrowSymbolLayer, QgsCategorizedSymbolRenderer,
    QgsFillSymbol, QgsLineSymbol, QgsProperty, QgsRendererCategory,
    QgsSymbolLayer, QgsVectorLayer,
)

from _fixture import collection

HERE = Path(__file__).resolve().parent

app = QgsApplication([], False)
app.initQgis()


def feature(kind, geometry, size=1):
    return {"kind": kind, "size": size}, geometry


def write_geojson(name, features):
    (HERE / "data" / name).write_text(json.dumps(collection(features), indent=1) + "\n")


def line(*xy):
    return {"type": "LineString", "coordinates": [[2600000 + x, 1200000 + y] for x, y in xy]}


def poly(*xy):
    ring = [[2600000 + x, 1200000 + y] for x, y in xy]
    return {"type": "Polygon", "coordinates": [ring + ring[:1]]}


def arrow(fill, **props):
    base = {"arrow_width": "2", "arrow_start_width": "1", "head_length": "4",
            "head_thickness": "3", "head_type": "0", "arrow_type": "0",
            "is_curved": "0", "is_repeated": "0", "offset": "0"}
    base.update({k: str(v) for k, v in props.items()})
    layer = QgsArrowSymbolLayer.create(base)
    layer.setSubSymbol(QgsFillSymbol.createSimple(fill))
    return layer


def symbol(*layers):
    s = QgsLineSymbol()
    s.deleteSymbolLayer(0)
    for layer in layers:
        s.appendSymbolLayer(layer)
    return s


blue = {"color": "70,130,220,200", "outline_color": "20,40,110,255", "outline_width": "0.3"}
red = {"color": "230,80,60,255", "outline_color": "110,20,10,255", "outline_width": "0.2"}
green = {"color": "90,190,90,160", "outline_style": "no"}
grey = {"color": "120,120,120,255", "outline_color": "30,30,30,255", "outline_width": "0.26"}
sized = arrow(green, is_curved=1, head_type=2)
sized.setDataDefinedProperty(QgsSymbolLayer.PropertyArrowWidth, QgsProperty.fromExpression('"size" * 1.5'))
cats = [
    ("straight", symbol(arrow(blue))),
    ("straight_repeated", symbol(arrow(red, is_repeated=1, head_type=2, arrow_type=1, head_length=3))),
    ("reversed", symbol(arrow(blue, head_type=1, arrow_type=2, offset=1.5))),
    ("curved", symbol(arrow(red, is_curved=1, arrow_width=1.5, head_length=3, head_thickness=2.5))),
    ("curved_repeated", symbol(arrow(grey, is_curved=1, is_repeated=1, arrow_width=3.6, arrow_start_width=1,
                                     head_length=6.9, head_thickness=4.5))),
    ("curved_half", symbol(arrow(blue, is_curved=1, arrow_type=1, head_type=1, offset=-1))),
    ("sized", symbol(sized)),
    ("outline", symbol(arrow(red, is_curved=1, is_repeated=1, head_length=2.5, head_thickness=1.5,
                             arrow_width=1, arrow_start_width=0.5, ring_filter=1))),
]
write_geojson("arrow_lines.geojson", [
    feature("straight", line((20.3, 270.2), (160.7, 230.4))),
    feature("straight", line((20.3, 240.2), (24.1, 238.6))),
    feature("straight_repeated", line((190.2, 275.6), (260.8, 250.1), (300.4, 280.3), (380.1, 240.7))),
    feature("reversed", line((30.6, 200.1), (90.2, 180.8), (170.4, 205.3))),
    feature("curved", line((200.1, 200.3), (260.5, 225.2), (330.8, 190.6), (385.2, 215.1))),
    feature("curved", line((20.5, 150.2), (80.1, 110.3), (150.6, 150.8))),
    feature("curved_repeated", line((180.3, 160.1), (230.2, 120.7), (290.6, 150.3), (340.5, 110.2),
                                    (385.8, 150.6))),
    feature("curved_half", line((30.2, 60.5), (70.6, 95.3), (130.3, 70.1), (160.4, 20.6))),
    feature("sized", line((190.6, 80.2), (240.3, 40.5), (300.1, 90.4)), size=1),
    feature("sized", line((310.2, 20.7), (340.6, 60.2), (385.3, 30.1)), size=3),
])
write_geojson("arrow_polygons.geojson", [
    feature("outline", poly((200.3, 10.2), (260.7, 15.6), (250.1, 45.3), (205.8, 40.1))),
])
layer = QgsVectorLayer("Geometry?crs=EPSG:2056&field=kind:string&field=size:integer", "arrows", "memory")
layer.setRenderer(QgsCategorizedSymbolRenderer(
    "kind", [QgsRendererCategory(k, s, k) for k, s in cats]))
msg, ok = layer.saveNamedStyle(str(HERE / "styles" / "arrows.qml"))
assert ok, msg
app.exitQgis()
