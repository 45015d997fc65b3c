#!/usr/bin/python3
"""Writes the data and style of the paint case ``pattern_angle`` (our own
data): two polygons with a line pattern fill of vertical lines 10 px
apart starting on the polygons' left edges; QGIS 3.22 saves its angle as
``angle`` (``lineangle`` is what QGIS 2 wrote). ``make_references.py
paint/pattern_angle`` then renders it.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_pattern_angle.py
"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main():
    from qgis.core import (
        QgsApplication,
        QgsFillSymbol,
        QgsLinePatternFillSymbolLayer,
        QgsLineSymbol,
        QgsSingleSymbolRenderer,
        QgsVectorLayer,
    )

    polygons = {
        "type": "FeatureCollection",
        "crs": {"type": "name",
                "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}},
        "features": [
            {"type": "Feature", "properties": {"id": i},
             "geometry": {"type": "Polygon", "coordinates": [ring]}}
            for i, ring in enumerate([
                [[2600040, 1200060], [2600180, 1200060], [2600180, 1200260],
                 [2600040, 1200260], [2600040, 1200060]],
                [[2600220, 1200050], [2600370, 1200050], [2600370, 1200240],
                 [2600220, 1200240], [2600220, 1200050]],
            ])
        ],
    }
    path = HERE / "data" / "pattern_angle.geojson"
    path.write_text(json.dumps(polygons, indent=1))
    qgis = QgsApplication([], False)
    qgis.initQgis()
    layer = QgsVectorLayer(str(path), "p", "ogr")
    fill = QgsLinePatternFillSymbolLayer.create({
        "lineangle": "90", "distance": "10", "distance_unit": "Pixel"})
    fill.setSubSymbol(QgsLineSymbol.createSimple({
        "line_color": "200,30,30,255", "line_width": "1",
        "line_width_unit": "Pixel"}))
    symbol = QgsFillSymbol.createSimple({
        "color": "250,240,200,255", "outline_color": "60,60,60,255",
        "outline_width": "0.26"})
    symbol.appendSymbolLayer(fill)
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    qml = HERE / "styles" / "pattern_angle.qml"
    layer.saveNamedStyle(str(qml))
    text = qml.read_text()
    assert 'name="angle"' in text and "lineangle" not in text
    qgis.exitQgis()


if __name__ == "__main__":
    main()
