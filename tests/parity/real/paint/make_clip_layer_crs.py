#!/usr/bin/python3
"""Writes the data and styles of the paint case ``clip_layer_crs`` (our own
data): EPSG:2056 lines and a polygon drawn on an EPSG:32631 map (UTM 31N: 3° of grid convergence between the two) that cuts
them, with dotted and dashed pens and interval markers (as
hackerspace-silesia/hackuj_slaski_transport's railway, EPSG:2177 on
EPSG:2180). QGIS clips a reprojected feature in the layer's CRS, to the
map extent taken there and grown by a tenth on every side, before
reprojecting it (``QgsSymbol::_getLineString2d``, ``_getPolygonRing2d``),
so dashes and markers start where that rectangle cuts the line, not where
the map's own grown rectangle does. ``make_references.py
paint/clip_layer_crs`` then renders it.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_clip_layer_crs.py
"""
import json
import math
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main():
    from qgis.core import (
        QgsApplication,
        QgsFillSymbol,
        QgsLineSymbol,
        QgsMarkerLineSymbolLayer,
        QgsMarkerSymbol,
        QgsSimpleLineSymbolLayer,
        QgsSingleSymbolRenderer,
        QgsVectorLayer,
    )
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtGui import QColor

    x0, y0 = 2600000, 1200000
    lines = []
    for k in range(3):
        pts = [[x0 - 3000 + 120 * i,
                y0 - 1500 + 900 * k + 400 * math.sin(i / 5 + k)]
               for i in range(101)]
        lines.append(pts)
    crs = {"type": "name",
           "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}}
    data = HERE / "data"
    (data / "clip_layer_crs_lines.geojson").write_text(json.dumps({
        "type": "FeatureCollection", "crs": crs,
        "features": [
            {"type": "Feature", "properties": {"id": i},
             "geometry": {"type": "LineString", "coordinates": pts}}
            for i, pts in enumerate(lines)
        ],
    }, indent=1))
    ring = [[x0 - 2500 + 2000 * math.cos(a / 20 * math.pi) * 1.6,
             y0 + 300 + 2000 * math.sin(a / 20 * math.pi)]
            for a in range(40)]
    ring.append(ring[0])
    (data / "clip_layer_crs_polygons.geojson").write_text(json.dumps({
        "type": "FeatureCollection", "crs": crs,
        "features": [
            {"type": "Feature", "properties": {"id": 0},
             "geometry": {"type": "Polygon", "coordinates": [ring]}},
        ],
    }, indent=1))
    qgis = QgsApplication([], False)
    qgis.initQgis()

    layer = QgsVectorLayer(str(data / "clip_layer_crs_lines.geojson"), "l",
                           "ogr")
    assert layer.isValid()
    base = QgsSimpleLineSymbolLayer(QColor(0, 0, 0), 1.0)
    dots = QgsSimpleLineSymbolLayer(QColor(255, 255, 255), 0.8,
                                    Qt.DotLine)
    dots.setPenCapStyle(Qt.RoundCap)
    marker = QgsMarkerSymbol.createSimple({
        "name": "square", "size": "1.2", "color": "200,30,30,255",
        "outline_style": "no"})
    markers = QgsMarkerLineSymbolLayer(True, 4)
    markers.setSubSymbol(marker)
    symbol = QgsLineSymbol([base, dots, markers])
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    layer.saveNamedStyle(str(HERE / "styles" / "clip_layer_crs_lines.qml"))

    polygons = QgsVectorLayer(
        str(data / "clip_layer_crs_polygons.geojson"), "p", "ogr")
    assert polygons.isValid()
    fill = QgsFillSymbol.createSimple({
        "color": "120,180,220,120", "outline_color": "30,60,160,255",
        "outline_width": "0.6", "outline_style": "dash"})
    polygons.setRenderer(QgsSingleSymbolRenderer(fill))
    polygons.saveNamedStyle(
        str(HERE / "styles" / "clip_layer_crs_polygons.qml"))
    qgis.exitQgis()


if __name__ == "__main__":
    main()
