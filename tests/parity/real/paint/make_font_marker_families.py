#!/usr/bin/python3
"""Writes the data and style of the paint case ``font_marker_families``
(our own data): font markers in families not installed on the reference
machine, as QGIS 3.22 saves them.

``QgsFontMarkerSymbolLayer`` builds its ``QFont`` from the family as it is
(no check against the installed families, unlike a label's text format), so
Qt and fontconfig pick the face: Courier / Courier New / monospace →
DejaVu Sans Mono, Times / Times New Roman / Georgia / serif → DejaVu Serif,
Arial and other unknown names → DejaVu Sans (``QFontInfo`` on the reference
machine). One marker per family, and bold faces of two; every other marker
stroked (0.4 mm): ``QPainter::drawPath`` fills the glyph path, then
strokes it over the fill.

``make_references.py paint/font_marker_families`` then renders it.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_font_marker_families.py
"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
# (family, style, character)
MARKERS = [
    ("Courier New", "", "g"), ("Courier", "", "W"), ("monospace", "", "@"),
    ("Times New Roman", "", "g"), ("Georgia", "", "Q"), ("serif", "", "&"),
    ("Arial", "", "g"), ("Wingdings", "", "R"), ("Courier New", "Bold", "m"),
    ("Times New Roman", "Bold", "k"),
]


def main():
    from qgis.core import (
        QgsApplication,
        QgsCategorizedSymbolRenderer,
        QgsFontMarkerSymbolLayer,
        QgsMarkerSymbol,
        QgsRendererCategory,
        QgsVectorLayer,
    )
    from qgis.PyQt.QtGui import QColor

    from _fixture import collection

    qgis = QgsApplication([], False)
    qgis.initQgis()
    features = []
    for i in range(len(MARKERS)):
        x = 2600040 + (i % 5) * 80
        y = 1200220 - (i // 5) * 140
        features.append(({"k": i}, {"type": "Point", "coordinates": [x, y]}))
    path = HERE / "data" / "font_marker_families.geojson"
    path.write_text(json.dumps(collection(features), indent=1) + "\n")
    layer = QgsVectorLayer(str(path), "fm", "ogr")
    categories = []
    for i, (family, style, chr_) in enumerate(MARKERS):
        fm = QgsFontMarkerSymbolLayer(family, chr_, 14)
        fm.setFontStyle(style)
        fm.setColor(QColor(30, 60, 140))
        fm.setStrokeColor(QColor(255, 200, 0))
        fm.setStrokeWidth(0.4 if i % 2 else 0)
        symbol = QgsMarkerSymbol()
        symbol.changeSymbolLayer(0, fm)
        categories.append(QgsRendererCategory(i, symbol, f"{family} {style}"))
    layer.setRenderer(QgsCategorizedSymbolRenderer("k", categories))
    qml = HERE / "styles" / "font_marker_families.qml"
    layer.saveNamedStyle(str(qml))
    text = qml.read_text()
    assert 'value="Courier New"' in text, text[:400]
    qgis.exitQgis()


if __name__ == "__main__":
    main()
