#!/usr/bin/python3
"""Writes the data and style of the paint cases ``pattern_mm`` and
``pattern_mm_144dpi`` (our own data): polygons with a line pattern fill of
0.4 mm lines 0.9 mm apart (eoliennes parcs.qgs's style: 45°, square caps),
and at 0°, 90° and 30°, the tile of a few pixels only; and of the case
``pattern_reproject``: two 2 km squares in EPSG:32632 with the same fill
and one of vertical lines 10 px apart, drawn on an EPSG:3857 map, where
the layer's bounding box corner and the reprojected polygon's are 81 m
apart. ``make_references.py paint/pattern_mm paint/pattern_mm_144dpi
paint/pattern_reproject`` then renders them.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_pattern_mm.py
"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main():
    from qgis.core import (
        QgsApplication,
        QgsCategorizedSymbolRenderer,
        QgsFillSymbol,
        QgsLinePatternFillSymbolLayer,
        QgsLineSymbol,
        QgsRendererCategory,
        QgsVectorLayer,
    )

    rings = []
    for i in range(4):
        x = 2600020 + i * 95
        rings.append([[x, 1200040], [x + 80, 1200040], [x + 70, 1200260],
                      [x + 5, 1200250], [x, 1200040]])
    polygons = {
        "type": "FeatureCollection",
        "crs": {"type": "name",
                "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}},
        "features": [
            {"type": "Feature", "properties": {"id": i},
             "geometry": {"type": "Polygon", "coordinates": [ring]}}
            for i, ring in enumerate(rings)
        ],
    }
    path = HERE / "data" / "pattern_mm.geojson"
    path.write_text(json.dumps(polygons, indent=1))
    qgis = QgsApplication([], False)
    qgis.initQgis()
    layer = QgsVectorLayer(str(path), "p", "ogr")
    categories = []
    for i, angle in enumerate(["45", "0", "90", "30"]):
        fill = QgsLinePatternFillSymbolLayer.create({
            "angle": angle, "distance": "0.9", "distance_unit": "MM"})
        fill.setSubSymbol(QgsLineSymbol.createSimple({
            "line_color": "255,12,109,255", "line_width": "0.4",
            "line_width_unit": "MM", "capstyle": "square",
            "joinstyle": "bevel"}))
        symbol = QgsFillSymbol.createSimple({
            "color": "0,0,255,255", "outline_style": "no"})
        symbol.appendSymbolLayer(fill)
        categories.append(QgsRendererCategory(i, symbol, angle))
    layer.setRenderer(QgsCategorizedSymbolRenderer("id", categories))
    qml = HERE / "styles" / "pattern_mm.qml"
    layer.saveNamedStyle(str(qml))

    squares = []
    for i in range(2):
        x, y = 330000 + i * 2600, 5150000
        squares.append([[x, y], [x + 2000, y], [x + 2000, y + 2000],
                        [x, y + 2000], [x, y]])
    utm = {
        "type": "FeatureCollection",
        "crs": {"type": "name",
                "properties": {"name": "urn:ogc:def:crs:EPSG::32632"}},
        "features": [
            {"type": "Feature", "properties": {"id": i},
             "geometry": {"type": "Polygon", "coordinates": [ring]}}
            for i, ring in enumerate(squares)
        ],
    }
    path = HERE / "data" / "pattern_reproject.geojson"
    path.write_text(json.dumps(utm, indent=1))
    layer = QgsVectorLayer(str(path), "r", "ogr")
    categories = []
    for i in range(2):
        fill = QgsLinePatternFillSymbolLayer.create(
            {"angle": "45", "distance": "0.9", "distance_unit": "MM"}
            if i == 0 else
            {"angle": "90", "distance": "10", "distance_unit": "Pixel"})
        fill.setSubSymbol(QgsLineSymbol.createSimple({
            "line_color": "255,12,109,255", "line_width": "0.4",
            "line_width_unit": "MM", "capstyle": "square",
            "joinstyle": "bevel"}))
        symbol = QgsFillSymbol.createSimple({
            "color": "0,0,255,255", "outline_style": "no"})
        symbol.appendSymbolLayer(fill)
        categories.append(QgsRendererCategory(i, symbol, str(i)))
    layer.setRenderer(QgsCategorizedSymbolRenderer("id", categories))
    layer.saveNamedStyle(str(HERE / "styles" / "pattern_reproject.qml"))
    qgis.exitQgis()


if __name__ == "__main__":
    main()
