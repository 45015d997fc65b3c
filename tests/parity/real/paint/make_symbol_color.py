#!/usr/bin/python3
"""Makes the ``@symbol_color`` fixtures (our own data and style).

Writes ``data/symbol_color.geojson`` (three polygons of two kinds) and
``styles/symbol_color.qml``: a categorized renderer whose symbols' outlines
take ``@symbol_color`` (the symbol's first layer's colour,
``QgsSymbol::color``) as a data-defined colour: a fill without brush
whose outline is white unless data-defined (as cghoehne/transport-uhi-phx's
QGIS 3.0 state borders), and a fill under a simple line whose colour is
data-defined; saved by QGIS 3.22 itself. The references are then rendered
by ``make_references.py paint/symbol_color``.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_symbol_color.py
"""
import json
from pathlib import Path

from qgis.core import (
    QgsApplication, QgsCategorizedSymbolRenderer, QgsFillSymbol, QgsProperty,
    QgsRendererCategory, QgsSimpleLineSymbolLayer, QgsSymbolLayer,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor

HERE = Path(__file__).resolve().parent

app = QgsApplication([], False)
app.initQgis()


def ring(*xy):
    r = [[2600000 + x, 1200000 + y] for x, y in xy]
    return r + r[:1]


features = [
    ("a", ring((40.3, 60.2), (170.8, 50.6), (190.1, 180.4), (60.7, 200.9))),
    ("b", ring((230.5, 40.2), (330.1, 70.7), (290.3, 130.6))),
    ("b", ring((150.1, 160.2), (260.7, 150.4), (220.3, 240.6))),
]
(HERE / "data" / "symbol_color.geojson").write_text(json.dumps({
    "type": "FeatureCollection",
    "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}},
    "features": [
        {"type": "Feature", "properties": {"kind": k},
         "geometry": {"type": "Polygon", "coordinates": [g]}}
        for k, g in features
    ],
}, indent=1) + "\n")

outlined = QgsFillSymbol.createSimple({
    "color": "108,22,40,255", "style": "no", "outline_color": "255,255,255,255",
    "outline_width": "0.6"})
outlined.symbolLayer(0).setDataDefinedProperty(
    QgsSymbolLayer.PropertyStrokeColor, QgsProperty.fromExpression("@symbol_color"))
lined = QgsFillSymbol.createSimple({
    "color": "40,90,200,120", "outline_style": "no"})
line = QgsSimpleLineSymbolLayer(QColor(255, 255, 255), 0.8)
line.setDataDefinedProperty(
    QgsSymbolLayer.PropertyStrokeColor, QgsProperty.fromExpression("@symbol_color"))
lined.appendSymbolLayer(line)
layer = QgsVectorLayer("Polygon?crs=EPSG:2056&field=kind:string", "symbol_color", "memory")
layer.setRenderer(QgsCategorizedSymbolRenderer("kind", [
    QgsRendererCategory("a", outlined, "a"),
    QgsRendererCategory("b", lined, "b"),
]))
msg, ok = layer.saveNamedStyle(str(HERE / "styles" / "symbol_color.qml"))
assert ok, msg
app.exitQgis()
