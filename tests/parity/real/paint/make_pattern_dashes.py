#!/usr/bin/python3
"""Writes the data and style of the paint cases ``pattern_dashes`` and
``pattern_dashes_144dpi`` (our own data): polygons with a line pattern fill
5 mm apart whose sub-line is dashed (faunalia/rt_mapserver_exporter
test.qgs's style: a 0.26 mm custom dash 4;1;2;1 mm with square caps over a
2.5 mm solid line), at 45°, 0°, 90°, 30°, 135° and 300°, with custom
dashes of square, flat and round caps and Qt's dash, dot and dash-dot
styles; the dot and dash-dot pens are under a pixel wide at 144 dpi too
(drawn by Qt's cosmetic stroker, whose dashes start where it clips a line).
``make_references.py paint/pattern_dashes paint/pattern_dashes_144dpi``
then renders them.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_pattern_dashes.py
"""
import json
from pathlib import Path

from _fixture import collection

HERE = Path(__file__).resolve().parent

ANGLES = ["45", "0", "90", "30", "135", "300"]
# (sub-line layers' properties beyond colour and width units)
DASHES = [
    {"use_custom_dash": "1", "customdash": "4;1;2;1",
     "customdash_unit": "MM", "capstyle": "square", "line_width": "0.26"},
    {"use_custom_dash": "1", "customdash": "3;2",
     "customdash_unit": "MM", "capstyle": "flat", "line_width": "0.6"},
    {"line_style": "dash", "capstyle": "round", "line_width": "0.4"},
    {"line_style": "dot", "capstyle": "square", "line_width": "0.15"},
    {"use_custom_dash": "1", "customdash": "2.5;1.5",
     "customdash_unit": "MM", "capstyle": "round", "line_width": "0.8"},
    {"line_style": "dashdot", "capstyle": "flat", "line_width": "0.16"},
]


def main():
    from qgis import core

    rings = []
    for i in range(len(ANGLES)):
        x = 2600010 + i * 65
        rings.append([[x, 1200020], [x + 58, 1200030], [x + 50, 1200280],
                      [x + 3, 1200270], [x, 1200020]])
    polygons = collection(
        ({"id": i}, {"type": "Polygon", "coordinates": [ring]})
        for i, ring in enumerate(rings))
    path = HERE / "data" / "pattern_dashes.geojson"
    path.write_text(json.dumps(polygons, indent=1))
    qgis = core.QgsApplication([], False)
    qgis.initQgis()
    layer = core.QgsVectorLayer(str(path), "p", "ogr")
    categories = []
    for i, angle in enumerate(ANGLES):
        fill = core.QgsLinePatternFillSymbolLayer.create({
            "angle": angle, "distance": "5", "distance_unit": "MM"})
        sub = core.QgsLineSymbol.createSimple({
            "line_color": "255,238,0,255", "line_width": "2.5",
            "line_width_unit": "MM", "capstyle": "square",
            "joinstyle": "bevel"})
        sub.appendSymbolLayer(core.QgsSimpleLineSymbolLayer.create({
            "line_color": "20,20,20,255", "line_width_unit": "MM",
            "joinstyle": "bevel", **DASHES[i]}))
        fill.setSubSymbol(sub)
        symbol = core.QgsFillSymbol.createSimple({
            "color": "0,0,255,255", "outline_style": "no"})
        symbol.appendSymbolLayer(fill)
        categories.append(core.QgsRendererCategory(i, symbol, angle))
    layer.setRenderer(core.QgsCategorizedSymbolRenderer("id", categories))
    layer.saveNamedStyle(str(HERE / "styles" / "pattern_dashes.qml"))
    qgis.exitQgis()


if __name__ == "__main__":
    main()
