#!/usr/bin/python3
"""Makes the mixed-types fixtures (our own data and styles).

Writes ``data/mixed_types.geojson``: one file holding points, a multipoint,
lines, polygons, a multipolygon and a feature without geometry, interleaved
(a point first), as a KML or DXF often holds them; QGIS opens it as one layer
a geometry type (``mixed_types.geojson|geometrytype=Polygon`` …). Writes
``styles/mixed_polygons.qml``, ``mixed_lines.qml`` and ``mixed_points.qml``:
simple symbols saved by QGIS 3.22 itself. The reference is then rendered by
``make_references.py paint/mixed_types``.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_mixed_types.py
"""
import json
from pathlib import Path

from qgis.core import (
    QgsApplication, QgsFillSymbol, QgsLineSymbol, QgsMarkerSymbol,
    QgsSingleSymbolRenderer, QgsVectorLayer,
)

HERE = Path(__file__).resolve().parent
X, Y = 2600000, 1200000

app = QgsApplication([], False)
app.initQgis()


def box(x0, y0, x1, y1):
    return [[[X + x0, Y + y0], [X + x1, Y + y0], [X + x1, Y + y1], [X + x0, Y + y1], [X + x0, Y + y0]]]


geometries = [
    {"type": "Point", "coordinates": [X + 40, Y + 250]},
    {"type": "Polygon", "coordinates": box(20, 20, 150, 120)},
    {"type": "LineString", "coordinates": [[X + 10, Y + 200], [X + 380, Y + 160]]},
    {"type": "MultiPoint", "coordinates": [[X + 300, Y + 250], [X + 330, Y + 270]]},
    {"type": "MultiPolygon", "coordinates": [box(220, 40, 300, 110), box(320, 20, 390, 90)]},
    {"type": "MultiLineString", "coordinates": [[[X + 50, Y + 150], [X + 200, Y + 280]],
                                               [[X + 250, Y + 140], [X + 390, Y + 130]]]},
    None,
    {"type": "Point", "coordinates": [X + 180, Y + 60]},
    {"type": "Polygon", "coordinates": box(160, 200, 240, 290)},
]
(HERE / "data" / "mixed_types.geojson").write_text(json.dumps({
    "type": "FeatureCollection",
    "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}},
    "features": [{"type": "Feature", "properties": {"n": i}, "geometry": g} for i, g in enumerate(geometries)],
}, indent=1) + "\n")

for kind, name, symbol in (
    ("Polygon", "mixed_polygons", QgsFillSymbol.createSimple(
        {"color": "120,170,90", "outline_color": "40,70,30", "outline_width": "0.6"})),
    ("LineString", "mixed_lines", QgsLineSymbol.createSimple({"line_color": "30,60,200", "line_width": "0.8"})),
    ("Point", "mixed_points", QgsMarkerSymbol.createSimple(
        {"name": "square", "color": "220,40,40", "outline_color": "0,0,0", "size": "3"})),
):
    layer = QgsVectorLayer(f"{kind}?crs=EPSG:2056", name, "memory")
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    msg, ok = layer.saveNamedStyle(str(HERE / "styles" / f"{name}.qml"))
    assert ok, msg
app.exitQgis()
