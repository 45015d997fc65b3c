#!/usr/bin/python3
"""Writes the data and style of the paint case ``label_curved_buffer``
(our own data): curved labels with a 1 mm white buffer along wavy green
lines (DejaVu Sans 10 pt, one label per line, words with ligatures).

What it pins: a curved label is drawn character by character, every
character's buffer first, then every character (QGIS 3.22's
``QgsVectorLayerLabelProvider::drawLabelPrivate`` over the label's parts);
each buffer is the outline Qt's stroker makes of the glyph path (curves
offset by ``QBezier::shifted``), filled by Qt's rasterizer.

``make_references.py paint/label_curved_buffer`` then renders it.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_curved_buffer.py
"""
import json
import math
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORDS = ["Sheffield Road", "Affoltern Lane", "Office Street", "Fluffy Way"]


def main():
    from qgis.core import (
        QgsApplication,
        QgsLineSymbol,
        QgsPalLayerSettings,
        QgsSingleSymbolRenderer,
        QgsTextBufferSettings,
        QgsTextFormat,
        QgsUnitTypes,
        QgsVectorLayer,
        QgsVectorLayerSimpleLabeling,
    )
    from qgis.PyQt.QtGui import QColor, QFont

    qgis = QgsApplication([], False)
    qgis.initQgis()
    features = []
    for i, word in enumerate(WORDS):
        y0 = 1200050 + 65 * i
        coords = [(2600020 + 6 * k, y0 + 12 * math.sin(k / (4 + i)))
                  for k in range(61)]
        features.append({
            "type": "Feature",
            "properties": {"label": word},
            "geometry": {"type": "LineString", "coordinates": coords},
        })
    data = {
        "type": "FeatureCollection",
        "crs": {"type": "name",
                "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}},
        "features": features,
    }
    path = HERE / "data" / "curved_buffer.geojson"
    path.write_text(json.dumps(data))
    layer = QgsVectorLayer(str(path), "curved", "ogr")
    layer.setRenderer(QgsSingleSymbolRenderer(QgsLineSymbol.createSimple({
        "line_color": "60,160,60,255", "line_width": "0.8"})))
    fmt = QgsTextFormat()
    fmt.setFont(QFont("DejaVu Sans"))
    fmt.setSize(10)
    fmt.setColor(QColor(30, 30, 30))
    buf = QgsTextBufferSettings()
    buf.setEnabled(True)
    buf.setSize(1)
    buf.setSizeUnit(QgsUnitTypes.RenderMillimeters)
    buf.setColor(QColor(255, 255, 255))
    fmt.setBuffer(buf)
    settings = QgsPalLayerSettings()
    settings.fieldName = "label"
    settings.placement = QgsPalLayerSettings.Curved
    settings.setFormat(fmt)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    layer.saveNamedStyle(str(HERE / "styles" / "curved_buffer.qml"))
    qgis.exitQgis()


if __name__ == "__main__":
    main()
