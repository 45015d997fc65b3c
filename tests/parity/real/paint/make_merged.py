#!/usr/bin/python3
"""Makes the merged feature renderer fixtures (our own data and styles).

Writes ``data/merged_lines.geojson``, ``data/merged_polygons.geojson``,
``styles/merged_lines.qml`` and ``styles/merged_polygons.qml``: roads cut
into pieces end to end, drawn through QgsMergedFeatureRenderer
(``mergedFeatureRenderer``, as hauke96/qgis-outdoor-map's map.qgs draws its
streets and borders) around a rule-based renderer — dashes and interval
markers that run on across the pieces' joins, a piece of another class
merged apart — and adjacent parcels whose shared edges vanish from their
dashed outlines, saved by QGIS 3.22 itself. The references are then
rendered by ``make_references.py paint/merged paint/merged_144dpi``.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_merged.py
"""
import json
from pathlib import Path

from _fixture import collection
from qgis.core import (
    QgsApplication, QgsFillSymbol, QgsLineSymbol, QgsMarkerLineSymbolLayer,
    QgsMarkerSymbol, QgsMergedFeatureRenderer, QgsRuleBasedRenderer,
    QgsVectorLayer,
)

HERE = Path(__file__).resolve().parent

app = QgsApplication([], False)
app.initQgis()


def line(*xy):
    return {"type": "LineString", "coordinates": [[2600000 + x, 1200000 + y] for x, y in xy]}


def poly(*xy):
    ring = [[2600000 + x, 1200000 + y] for x, y in xy]
    return {"type": "Polygon", "coordinates": [ring + ring[:1]]}


def write(name, features):
    (HERE / "data" / name).write_text(json.dumps(collection(features), indent=1) + "\n")


def save(name, geometry, rules):
    root = QgsRuleBasedRenderer.Rule(None)
    for label, expression, symbol in rules:
        root.appendChild(QgsRuleBasedRenderer.Rule(symbol, 0, 0, expression, label))
    layer = QgsVectorLayer(f"{geometry}?crs=EPSG:2056&field=kind:string", name, "memory")
    layer.setRenderer(QgsMergedFeatureRenderer(QgsRuleBasedRenderer(root)))
    msg, ok = layer.saveNamedStyle(str(HERE / "styles" / f"{name}.qml"))
    assert ok, msg


road = QgsLineSymbol.createSimple({"line_color": "200,60,40,255", "line_width": "0.8",
                                   "line_style": "dash", "capstyle": "flat"})
markers = QgsMarkerLineSymbolLayer.create({"interval": "9", "interval_unit": "MM", "placement": "interval",
                                           "rotate": "1"})
markers.setSubSymbol(QgsMarkerSymbol.createSimple({"name": "arrowhead", "size": "2.5", "color": "30,30,30,255",
                                                   "outline_color": "30,30,30,255", "outline_width": "0.3"}))
road.appendSymbolLayer(markers)
path = QgsLineSymbol.createSimple({"line_color": "40,100,200,255", "line_width": "0.5",
                                   "use_custom_dash": "1", "customdash": "4;1.5", "capstyle": "flat"})
write("merged_lines.geojson", [
    ({"kind": "road"}, line((10.2, 250.3), (70.6, 262.1), (120.4, 240.8))),
    ({"kind": "road"}, line((120.4, 240.8), (180.7, 270.2), (240.1, 255.6))),
    ({"kind": "road"}, line((240.1, 255.6), (300.3, 230.9), (390.2, 262.4))),
    ({"kind": "road"}, line((30.5, 150.1), (110.8, 170.4))),
    ({"kind": "road"}, line((110.8, 170.4), (200.6, 140.2))),
    ({"kind": "path"}, line((200.6, 140.2), (260.1, 190.7), (330.4, 160.3))),
    ({"kind": "path"}, line((330.4, 160.3), (385.7, 200.5))),
    ({"kind": "path"}, line((20.3, 200.6), (90.7, 210.2))),
    ({"kind": "path"}, line((90.7, 210.2), (150.2, 195.5))),
])
save("merged_lines", "LineString", [("road", "\"kind\" = 'road'", road), ("path", "\"kind\" = 'path'", path)])
parcel = QgsFillSymbol.createSimple({"color": "240,220,160,200", "outline_color": "120,60,0,255",
                                     "outline_width": "0.6", "outline_style": "dash"})
write("merged_polygons.geojson", [
    ({"kind": "parcel"}, poly((20.4, 20.1), (100.6, 20.1), (100.6, 110.3), (20.4, 110.3))),
    ({"kind": "parcel"}, poly((100.6, 20.1), (180.2, 20.1), (180.2, 110.3), (100.6, 110.3))),
    ({"kind": "parcel"}, poly((60.3, 110.3), (140.8, 110.3), (140.8, 130.6), (60.3, 130.6))),
    ({"kind": "parcel"}, poly((230.5, 30.2), (330.1, 40.7), (300.4, 110.6))),
    ({"kind": "parcel"}, poly((300.4, 110.6), (330.1, 40.7), (380.6, 100.2))),
])
save("merged_polygons", "Polygon", [("parcel", "\"kind\" = 'parcel'", parcel)])
app.exitQgis()
