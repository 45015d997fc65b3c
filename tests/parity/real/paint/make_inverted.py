#!/usr/bin/python3
"""Makes the inverted polygon renderer fixtures (our own data and style).

Writes ``data/inverted.geojson`` (polygons of two kinds: one with a hole,
a multipolygon, two overlapping) and ``styles/inverted.qml``: an inverted
polygon renderer (``invertedPolygonRenderer``, as OSGeo Ireland's QGIS
2.14 workshop masks its counties) around a categorized renderer whose two
half-transparent fills each cover the map outside their kind's polygons;
saved by QGIS 3.22 itself. The references are then rendered by
``make_references.py paint/inverted paint/inverted_zoom``.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_inverted.py
"""
import json
from pathlib import Path

from qgis.core import (
    QgsApplication, QgsCategorizedSymbolRenderer, QgsFillSymbol,
    QgsInvertedPolygonRenderer, QgsRendererCategory, QgsVectorLayer,
)

HERE = Path(__file__).resolve().parent

app = QgsApplication([], False)
app.initQgis()


def ring(*xy):
    r = [[2600000 + x, 1200000 + y] for x, y in xy]
    return r + r[:1]


features = [
    ("a", {"type": "Polygon", "coordinates": [
        ring((40.3, 60.2), (170.8, 50.6), (190.1, 180.4), (60.7, 200.9)),
        ring((90.2, 100.1), (140.6, 110.3), (120.4, 150.8)),
    ]}),
    ("b", {"type": "MultiPolygon", "coordinates": [
        [ring((230.5, 40.2), (330.1, 70.7), (290.3, 130.6))],
        [ring((250.2, 180.3), (370.9, 170.1), (360.4, 260.8), (240.6, 250.2))],
    ]}),
    ("a", {"type": "Polygon", "coordinates": [
        ring((150.1, 160.2), (260.7, 150.4), (220.3, 240.6)),
    ]}),
]
(HERE / "data" / "inverted.geojson").write_text(json.dumps({
    "type": "FeatureCollection",
    "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}},
    "features": [
        {"type": "Feature", "properties": {"kind": k}, "geometry": g}
        for k, g in features
    ],
}, indent=1) + "\n")
layer = QgsVectorLayer("Polygon?crs=EPSG:2056&field=kind:string", "inverted", "memory")
categorized = QgsCategorizedSymbolRenderer("kind", [
    QgsRendererCategory("a", QgsFillSymbol.createSimple({
        "color": "20,60,200,90", "outline_color": "0,0,90,255", "outline_width": "0.4"}), "a"),
    QgsRendererCategory("b", QgsFillSymbol.createSimple({
        "color": "220,40,20,90", "outline_color": "120,0,0,255", "outline_width": "0.6"}), "b"),
])
layer.setRenderer(QgsInvertedPolygonRenderer(categorized))
msg, ok = layer.saveNamedStyle(str(HERE / "styles" / "inverted.qml"))
assert ok, msg
app.exitQgis()
