#!/usr/bin/python3
"""Makes the pattern fill fixtures (our own data and styles).

Writes ``data/patterns.geojson`` and ``styles/patterns.qml``: twelve
polygons (one a multipolygon with a hole; corners at fractional pixels, one
bounding box corner on a half pixel) filled with point pattern fills
(distances, displacements, offsets in millimetres and pixels, symbol
opacity, a data-defined marker) and line pattern fills (angles 0, 30, 45,
90, 135, 200 and 300 degrees; distances, offsets, widths, a dashed line),
saved by QGIS 3.22 itself. QGIS 3.22 draws them as a texture tile of whole
pixels anchored at each feature's bounding box corner; a pattern whose
marker is data-defined as markers drawn per part. The references are then
rendered by ``make_references.py paint/patterns paint/patterns_144dpi``.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_patterns.py
"""
import json
from pathlib import Path

from qgis.core import (
    QgsApplication, QgsCategorizedSymbolRenderer, QgsFillSymbol,
    QgsLinePatternFillSymbolLayer, QgsLineSymbol, QgsMarkerSymbol,
    QgsPointPatternFillSymbolLayer, QgsProperty, QgsRendererCategory,
    QgsSymbolLayer, QgsVectorLayer,
)

HERE = Path(__file__).resolve().parent

app = QgsApplication([], False)
app.initQgis()


def ring(*xy):
    r = [[2600000 + x, 1200000 + y] for x, y in xy]
    return r + r[:1]


def feature(kind, *polygons):
    if len(polygons) == 1:
        geometry = {"type": "Polygon", "coordinates": polygons[0]}
    else:
        geometry = {"type": "MultiPolygon", "coordinates": list(polygons)}
    return {"type": "Feature", "properties": {"kind": kind}, "geometry": geometry}


def base(color):
    return QgsFillSymbol.createSimple({
        "color": color, "outline_color": "60,60,60,255", "outline_width": "0.26"})


def points(color, marker, **props):
    symbol = base(color)
    fill = QgsPointPatternFillSymbolLayer.create(props)
    fill.setSubSymbol(QgsMarkerSymbol.createSimple(marker))
    symbol.appendSymbolLayer(fill)
    return symbol


def lines(color, line, **props):
    symbol = base(color)
    fill = QgsLinePatternFillSymbolLayer.create(props)
    fill.setSubSymbol(QgsLineSymbol.createSimple(line))
    symbol.appendSymbolLayer(fill)
    return symbol


dot = {"name": "circle", "size": "1.2", "color": "20,20,20,255",
       "outline_style": "no"}
cats = [
    ("pp_plain", points("250,240,210,255", dot, distance_x="3", distance_y="3")),
    ("pp_disp", points("220,240,250,255", {
        "name": "square", "size": "1", "color": "200,40,40,255",
        "outline_color": "90,0,0,255", "outline_width": "0.2"},
        distance_x="4", distance_y="2.5", displacement_x="2",
        displacement_y="0.7")),
    ("pp_px", points("230,250,220,255", {
        "name": "triangle", "size": "4", "size_unit": "Pixel",
        "color": "20,110,40,255", "outline_style": "no"},
        distance_x="9", distance_x_unit="Pixel", distance_y="11.5",
        distance_y_unit="Pixel", offset_x="1.3", offset_x_unit="Pixel",
        offset_y="2", offset_y_unit="MM", displacement_x="4.5",
        displacement_x_unit="Pixel")),
    ("pp_multi", points("245,235,250,255", {
        "name": "circle", "size": "0.8", "color": "0,0,0,255",
        "outline_color": "0,0,0,255", "outline_width": "0.2"},
        distance_x="2.4", distance_y="2.4", displacement_x="1.2")),
    ("lp_0", lines("255,250,235,255", {
        "line_color": "0,0,160,255", "line_width": "0.26"},
        angle="0", distance="2")),
    ("lp_30", lines("240,250,255,255", {
        "line_color": "160,0,0,255", "line_width": "0.5"},
        angle="30", distance="3")),
    ("lp_45", lines("250,255,240,255", {
        "line_color": "0,110,0,255", "line_width": "0.26"},
        angle="45", distance="2.5", offset="0.7")),
    ("lp_90", lines("255,240,250,255", {
        "line_color": "80,0,120,255", "line_width": "1",
        "line_width_unit": "Pixel"},
        angle="90", distance="4", distance_unit="Pixel")),
    ("pp_dd", points("245,245,245,255", {
        "name": "diamond", "size": "1.5", "color": "40,40,40,255",
        "outline_style": "no"},
        distance_x="3.5", distance_y="2.8", displacement_x="1.1",
        displacement_y="0.6", offset_x="0.4")),
    ("lp_135", lines("235,245,255,255", {
        "line_color": "55,126,184,255", "line_width": "0.3"},
        angle="135", distance="9")),
    ("lp_200", lines("255,245,230,255", {
        "line_color": "180,90,0,255", "line_width": "0.4",
        "line_style": "dash"},
        angle="200", distance="3.3")),
    ("lp_300", lines("240,255,250,255", {
        "line_color": "0,100,100,180", "line_width": "0.8"},
        angle="300", distance="2", offset="-0.5")),
]
cats[2][1].setOpacity(0.6)
# a data-defined marker: QGIS 3.22 draws the markers themselves, per part
cats[8][1].symbolLayer(1).subSymbol().symbolLayer(0).setDataDefinedProperty(
    QgsSymbolLayer.PropertyFillColor,
    QgsProperty.fromExpression("'150,20,' || (50 + 100) || ',255'"))
cells = [
    ("pp_plain", [ring((8.3, 210.6), (95.7, 214.2), (88.1, 291.4), (12.9, 285.8))]),
    ("pp_disp", [ring((108.5, 205.2), (192.4, 211.7), (196.8, 290.3), (115.2, 282.6))]),
    ("pp_px", [ring((210.6, 208.3), (296.2, 204.9), (290.7, 291.1), (214.3, 288.4))]),
    ("lp_0", [ring((308.2, 210.7), (392.6, 206.4), (394.1, 293.8), (311.8, 289.2))]),
    ("lp_30", [ring((10.4, 110.3), (92.8, 104.6), (97.3, 190.2), (6.7, 186.9))]),
    ("lp_45", [ring((106.9, 108.1), (195.2, 112.6), (188.4, 193.7), (110.6, 189.5))]),
    ("lp_90", [ring((207.3, 104.5), (293.1, 109.8), (296.6, 192.1), (204.8, 187.3))]),
    ("pp_dd", [ring((306.4, 112.3), (391.7, 105.8), (396.2, 188.6), (309.9, 194.1))]),
    ("lp_135", [ring((5.6, 8.2), (94.3, 12.7), (90.1, 93.6), (9.8, 96.4))]),
    ("lp_200", [ring((112.2, 5.9), (190.6, 10.3), (197.4, 91.8), (104.7, 94.2))]),
    ("lp_300", [ring((206.1, 9.4), (298.8, 4.7), (291.3, 96.2), (209.7, 89.1))]),
]
features = [feature(kind, polygon) for kind, polygon in cells]
# two parts and a hole; the bounding box's corner on a half pixel
features.append(feature(
    "pp_multi",
    [ring((305.5, 6.3), (350.2, 8.9), (346.8, 60.4), (309.1, 55.2)),
     ring((320.3, 20.1), (335.6, 22.4), (331.2, 40.8))],
    [ring((356.4, 48.7), (397.3, 52.6), (392.8, 97.5), (360.2, 93.1))],
))
(HERE / "data" / "patterns.geojson").write_text(json.dumps({
    "type": "FeatureCollection",
    "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}},
    "features": features,
}, indent=1) + "\n")
layer = QgsVectorLayer("Geometry?crs=EPSG:2056&field=kind:string", "patterns", "memory")
layer.setRenderer(QgsCategorizedSymbolRenderer(
    "kind", [QgsRendererCategory(k, s, k) for k, s in cats]))
msg, ok = layer.saveNamedStyle(str(HERE / "styles" / "patterns.qml"))
assert ok, msg
app.exitQgis()
