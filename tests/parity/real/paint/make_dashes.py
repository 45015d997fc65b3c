#!/usr/bin/python3
"""Makes the dashed wide pen fixtures (our own data and styles).

Writes ``data/dashes_lines.geojson``, ``data/dashes_polygons.geojson`` and
``styles/dashes.qml``: lines and polygon outlines wider than a pixel with
Qt's pen styles and custom dashes (offsets, caps, joins), saved by QGIS
3.22 itself. The references are then rendered by
``make_references.py paint/dashes paint/dashes_144dpi``.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_dashes.py
"""
import json
from pathlib import Path

from qgis.core import (
    QgsApplication, QgsCategorizedSymbolRenderer, QgsFillSymbol,
    QgsLineSymbol, QgsRendererCategory, QgsVectorLayer,
)

HERE = Path(__file__).resolve().parent

app = QgsApplication([], False)
app.initQgis()


def feature(kind, geometry):
    return {"type": "Feature", "properties": {"kind": kind}, "geometry": geometry}


def write_geojson(name, features):
    (HERE / "data" / name).write_text(json.dumps({
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}},
        "features": features,
    }, indent=1) + "\n")


def line(*xy):
    return {"type": "LineString", "coordinates": [[2600000 + x, 1200000 + y] for x, y in xy]}


def poly(*xy):
    ring = [[2600000 + x, 1200000 + y] for x, y in xy]
    return {"type": "Polygon", "coordinates": [ring + ring[:1]]}


def line_symbol(props):
    return QgsLineSymbol.createSimple(props)


cats = [
    ("dash", line_symbol({"line_color": "30,60,160,255", "line_width": "0.8", "line_style": "dash",
                          "capstyle": "flat", "joinstyle": "miter"})),
    ("custom", line_symbol({"line_color": "160,30,60,255", "line_width": "1.2", "use_custom_dash": "1",
                            "customdash": "3;1.5", "customdash_unit": "MM", "capstyle": "round",
                            "joinstyle": "round", "dash_pattern_offset": "1",
                            "dash_pattern_offset_unit": "MM"})),
    ("dashdot", line_symbol({"line_color": "20,120,40,255", "line_width": "0.6", "line_style": "dash dot",
                             "capstyle": "square", "joinstyle": "bevel"})),
    ("dot", line_symbol({"line_color": "90,20,120,255", "line_width": "1", "line_style": "dot",
                         "capstyle": "round", "joinstyle": "round"})),
    ("thin", line_symbol({"line_color": "0,0,0,255", "line_width": "0.4", "line_style": "dash dot dot",
                          "capstyle": "square", "joinstyle": "miter"})),
    ("fill", QgsFillSymbol.createSimple({"color": "240,220,160,255", "outline_color": "120,60,0,255",
                                         "outline_width": "0.7", "outline_style": "dash",
                                         "joinstyle": "miter"})),
    ("ring", QgsFillSymbol.createSimple({"color": "200,230,250,255", "outline_color": "0,80,160,255",
                                         "outline_width": "1", "outline_style": "dot",
                                         "joinstyle": "round"})),
]
write_geojson("dashes_lines.geojson", [
    feature("dash", line((10.3, 20.2), (130.7, 60.4), (150.1, 20.9), (200.6, 80.3))),
    feature("custom", line((20.1, 100.6), (90.4, 150.2), (170.8, 100.1), (195.3, 140.7))),
    feature("dashdot", line((215.2, 20.4), (390.1, 30.9), (300.7, 90.2))),
    feature("dot", line((220.6, 110.3), (280.2, 150.8), (385.4, 105.5))),
    feature("thin", line((15.7, 180.1), (120.3, 175.6), (60.2, 130.4))),
])
write_geojson("dashes_polygons.geojson", [
    feature("fill", poly((30.2, 210.4), (160.8, 195.1), (180.5, 285.3), (50.9, 270.6))),
    feature("ring", poly((230.7, 180.1), (380.2, 200.6), (330.4, 285.2))),
])
layer = QgsVectorLayer("Geometry?crs=EPSG:2056&field=kind:string", "dashes", "memory")
layer.setRenderer(QgsCategorizedSymbolRenderer(
    "kind", [QgsRendererCategory(k, s, k) for k, s in cats]))
msg, ok = layer.saveNamedStyle(str(HERE / "styles" / "dashes.qml"))
assert ok, msg
app.exitQgis()
