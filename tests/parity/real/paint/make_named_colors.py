#!/usr/bin/python3
"""Writes the style of the paint case ``named_colors`` (our own data,
``data/pattern_angle.geojson``): fill and outline colours data-defined by
expressions that give colour names (``'cyan'``, ``'darkorange'``,
``'steelblue'``), which QGIS reads as QColor does. ``make_references.py
paint/named_colors`` then renders it.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_named_colors.py
"""
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main():
    from qgis.core import (
        QgsApplication,
        QgsFillSymbol,
        QgsProperty,
        QgsSingleSymbolRenderer,
        QgsSymbolLayer,
        QgsVectorLayer,
    )

    qgis = QgsApplication([], False)
    qgis.initQgis()
    layer = QgsVectorLayer(
        str(HERE / "data" / "pattern_angle.geojson"), "p", "ogr")
    symbol = QgsFillSymbol.createSimple({
        "color": "0,0,0,255", "outline_color": "0,0,0,255",
        "outline_width": "1.2"})
    fill = symbol.symbolLayer(0)
    fill.setDataDefinedProperty(
        QgsSymbolLayer.PropertyFillColor, QgsProperty.fromExpression(
            "CASE WHEN \"id\" = 0 THEN 'cyan' ELSE 'DarkOrange' END"))
    fill.setDataDefinedProperty(
        QgsSymbolLayer.PropertyStrokeColor,
        QgsProperty.fromExpression("'steelblue'"))
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    layer.saveNamedStyle(str(HERE / "styles" / "named_colors.qml"))
    qgis.exitQgis()


if __name__ == "__main__":
    main()
