#!/usr/bin/python3
"""Writes the data and styles of the paint case ``meters_at_scale_4326``
(our own data), as in valdese-net/vlp's map.qgz (QGIS 3.40: trails and
streets 9 to 12 m wide in "meters at scale" on an EPSG:4326 map): sizes in
``RenderMetersInMapUnits`` on a geographic map are metres converted to
degrees along the parallel of the map's centre
(``QgsRenderContext::convertMetersToMapUnits``), where the worker took them
as degrees (12 m lines 12° wide, the whole map covered). Lines 12 and 30 m
wide, circles 40 m across with a 3 m outline, near 35.78° N; the circles
labelled in 3 m DejaVu Sans (under half a pixel:
QGIS registers no label whose font rounds to less than a pixel; the worker
drew it 1 px high, a blob with its 1 mm buffer).
``make_references.py paint/meters_at_scale_4326`` then renders it.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_meters_4326.py
"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main():
    lines = {
        "type": "FeatureCollection",
        "features": [{
            "type": "Feature",
            "properties": {"w": w},
            "geometry": {"type": "LineString", "coordinates": coords},
        } for w, coords in [
            (12, [[-81.690, 35.772], [-81.680, 35.786], [-81.668, 35.779]]),
            (30, [[-81.688, 35.788], [-81.674, 35.771], [-81.662, 35.786]]),
        ]],
    }
    (HERE / "data" / "meters_lines.geojson").write_text(json.dumps(lines))
    points = {
        "type": "FeatureCollection",
        "features": [{
            "type": "Feature", "properties": {},
            "geometry": {"type": "Point", "coordinates": xy},
        } for xy in [[-81.684, 35.776], [-81.670, 35.783], [-81.678, 35.790]]],
    }
    (HERE / "data" / "meters_points.geojson").write_text(json.dumps(points))

    from qgis.core import (
        QgsApplication,
        QgsLineSymbol,
        QgsMarkerSymbol,
        QgsPalLayerSettings,
        QgsProperty,
        QgsSingleSymbolRenderer,
        QgsSymbolLayer,
        QgsTextBufferSettings,
        QgsTextFormat,
        QgsUnitTypes,
        QgsVectorLayer,
        QgsVectorLayerSimpleLabeling,
    )
    from qgis.PyQt.QtGui import QColor, QFont

    def label(layer, text, size):
        fmt = QgsTextFormat()
        fmt.setFont(QFont("DejaVu Sans"))
        fmt.setSize(size)
        fmt.setSizeUnit(QgsUnitTypes.RenderMetersInMapUnits)
        buffer = QgsTextBufferSettings()
        buffer.setEnabled(True)
        buffer.setSize(1)
        buffer.setColor(QColor(0, 0, 0))
        fmt.setBuffer(buffer)
        fmt.setColor(QColor(255, 255, 255))
        settings = QgsPalLayerSettings()
        settings.fieldName = text
        settings.isExpression = True
        settings.setFormat(fmt)
        layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
        layer.setLabelsEnabled(True)

    qgis = QgsApplication([], False)
    qgis.initQgis()
    layer = QgsVectorLayer(str(HERE / "data" / "meters_lines.geojson"), "l",
                           "ogr")
    symbol = QgsLineSymbol.createSimple(
        {"line_color": "120,90,60,255", "line_width": "12",
         "line_width_unit": "RenderMetersInMapUnits", "capstyle": "round",
         "joinstyle": "round"})
    symbol.symbolLayer(0).setDataDefinedProperty(
        QgsSymbolLayer.PropertyStrokeWidth, QgsProperty.fromField("w"))
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    layer.saveNamedStyle(str(HERE / "styles" / "meters_lines.qml"))
    layer = QgsVectorLayer(str(HERE / "data" / "meters_points.geojson"), "p",
                           "ogr")
    marker = QgsMarkerSymbol.createSimple(
        {"name": "circle", "color": "60,140,200,255", "size": "40",
         "size_unit": "RenderMetersInMapUnits", "outline_color": "0,0,0,255",
         "outline_width": "3",
         "outline_width_unit": "RenderMetersInMapUnits"})
    assert marker.symbolLayer(0).sizeUnit() == \
        QgsUnitTypes.RenderMetersInMapUnits
    layer.setRenderer(QgsSingleSymbolRenderer(marker))
    label(layer, "'Lakeside'", 3)
    layer.saveNamedStyle(str(HERE / "styles" / "meters_points.qml"))
    qgis.exitQgis()


if __name__ == "__main__":
    main()
