#!/usr/bin/python3
"""Writes the data and styles of the paint cases ``label_glyph_fill`` and
``label_glyph_fill_144dpi`` (our own data): labels without buffer in DejaVu
Sans (regular, bold, oblique) at 7, 9, 11, 14 and 20 pt, dark on a
transparent map, some rotated, with words holding the Latin ligatures ff,
fi, fl, ffi, ffl (Sheffield, Schaffhausen, Office, Affoltern …).

What they pin: QGIS 3.22 fills a label's glyphs as paths
(``QPainterPath::addText``, FreeType outlines in 26.6, cubics flattened
by Qt's outline mapper, Qt's gray rasterizer), where Skia's glyph fills
cover the same outlines in quarter-pixel steps vertically; and
HarfBuzz forms DejaVu's ``liga`` ligatures for Qt (``ff`` is 31 units
narrower than two ``f``): labels without them were off by a fraction of a
pixel after each ligature, with another glyph shape.

``make_references.py paint/label_glyph_fill paint/label_glyph_fill_144dpi``
then renders them.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_glyph_fill.py
"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORDS = ["Sheffield", "Schaffhausen", "Office Cliff", "Affoltern", "Waffle",
         "Fluffy Raffles", "Gulf Stream", "Effingham", "Muffler", "Stiffler"]
# (layer, weight, italic, size pt, rotation, points)
LAYERS = [
    ("regular", 50, False, 9, 0,
     [(2600030 + 130 * (i % 3), 1200280 - 26 * (i // 3)) for i in range(9)]),
    ("bold", 75, False, 11, 0,
     [(2600020 + 190 * (i % 2), 1200150 - 30 * (i // 2)) for i in range(4)]),
    ("oblique", 50, True, 7, 0,
     [(2600030 + 120 * (i % 3), 1200080 - 20 * (i // 3)) for i in range(6)]),
    ("rotated", 50, False, 14, 17.5,
     [(2600250, 1200120), (2600330, 1200060)]),
    ("large", 50, False, 20, 0, [(2600180, 1200030)]),
]


def main():
    from qgis.core import (
        QgsApplication,
        QgsMarkerSymbol,
        QgsPalLayerSettings,
        QgsSingleSymbolRenderer,
        QgsTextFormat,
        QgsVectorLayer,
        QgsVectorLayerSimpleLabeling,
    )
    from qgis.PyQt.QtGui import QColor, QFont

    from _fixture import labelled_points

    qgis = QgsApplication([], False)
    qgis.initQgis()
    at = 0
    for name, weight, italic, size, rotation, points in LAYERS:
        words = (WORDS[at:] + WORDS[:at])
        at = (at + len(points)) % len(WORDS)
        data = labelled_points(points, words)
        path = HERE / "data" / f"glyph_{name}.geojson"
        path.write_text(json.dumps(data))
        layer = QgsVectorLayer(str(path), name, "ogr")
        # no marker: the labels alone
        layer.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple({
            "name": "circle", "color": "0,0,0,0", "size": "0.1",
            "outline_style": "no"})))
        fmt = QgsTextFormat()
        font = QFont("DejaVu Sans")
        font.setWeight(weight)
        font.setItalic(italic)
        fmt.setFont(font)
        fmt.setSize(size)
        fmt.setColor(QColor(20, 20, 60))
        settings = QgsPalLayerSettings()
        settings.fieldName = "label"
        settings.placement = QgsPalLayerSettings.OverPoint
        settings.angleOffset = rotation
        settings.setFormat(fmt)
        layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
        layer.setLabelsEnabled(True)
        qml = HERE / "styles" / f"glyph_{name}.qml"
        layer.saveNamedStyle(str(qml))
    qgis.exitQgis()


if __name__ == "__main__":
    main()
