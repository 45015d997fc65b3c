#!/usr/bin/python3
"""Writes the data and style of the paint cases ``label_svg_bounds`` and
``label_svg_bounds_144dpi`` (our own data): a cluster of points drawn with
an SVG marker (gpsicons/plane.svg, 4 mm, 0.3 mm stroke), labelled 8 pt with
the cartographic placement offset from the symbol bounds.

QgsSvgMarkerSymbolLayer::bounds adds half a pixel to the marker's size and
stroke (a simple marker adds one pixel), measured on QGIS 3.22 at 96 and
144 dpi; the label positions are offset by that box cut to whole pixels.

``make_references.py paint/label_svg_bounds paint/label_svg_bounds_144dpi``
then renders them.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_svg_bounds.py
"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
NAMES = ["Union Station", "Chinatown", "Little Tokyo", "Civic Center",
         "Pershing Square", "7th St Metro", "Pico", "Grand Park"]
POINTS = [(2600170 + dx * 1.6, 1200160 + dy * 1.6) for dx, dy in
          ((0, 0), (18, 10), (-14, 22), (30, -12), (8, -26), (-28, -6),
           (44, 16), (-6, 40))]


def main():
    from qgis.core import (
        QgsApplication,
        QgsMarkerSymbol,
        QgsPalLayerSettings,
        QgsSingleSymbolRenderer,
        QgsSvgMarkerSymbolLayer,
        QgsTextFormat,
        QgsVectorLayer,
        QgsVectorLayerSimpleLabeling,
    )
    from qgis.PyQt.QtGui import QColor, QFont

    from _fixture import labelled_points

    qgis = QgsApplication([], False)
    qgis.initQgis()
    data = labelled_points(POINTS, NAMES)
    path = HERE / "data" / "svg_bounds.geojson"
    path.write_text(json.dumps(data))
    layer = QgsVectorLayer(str(path), "svg", "ogr")
    svg = QgsSvgMarkerSymbolLayer.create({
        "name": "gpsicons/plane.svg", "size": "4", "color": "40,90,160,255",
        "outline_color": "20,20,20,255", "outline_width": "0.3"})
    layer.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol([svg])))
    fmt = QgsTextFormat()
    fmt.setFont(QFont("DejaVu Sans"))
    fmt.setSize(8)
    fmt.setColor(QColor(50, 50, 50))
    settings = QgsPalLayerSettings()
    settings.fieldName = "label"
    settings.placement = QgsPalLayerSettings.OrderedPositionsAroundPoint
    settings.offsetType = QgsPalLayerSettings.FromSymbolBounds
    settings.setFormat(fmt)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    qml = HERE / "styles" / "svg_bounds.qml"
    layer.saveNamedStyle(str(qml))
    assert 'class="SvgMarker"' in qml.read_text()
    qgis.exitQgis()


if __name__ == "__main__":
    main()
