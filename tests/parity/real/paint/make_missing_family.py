#!/usr/bin/python3
"""Writes the data and styles of the paint cases ``label_missing_family``
and ``label_missing_family_144dpi`` (our own data): labels in families not
installed on the reference machine, as QGIS 3.22 saves them:

- ``Jost*`` ``Book Italic`` (kavigupta/jet-lag-small-game-la's stations),
  8 pt, cartographic placement around a cluster of close points, offset
  from the symbol bounds: the label sizes decide PAL's candidates;
- ``Open Sans`` 10 pt with a 1 mm buffer, over the point;
- ``Ubuntu`` 12 pt, weight 75 (bold), around the point.

QgsTextFormat::readXml replaces a family that is not installed by the
application font's (DejaVu LGC Sans), which fontconfig resolves to DejaVu
Sans: QGIS draws these labels exactly as in DejaVu Sans, with its metrics
(0 mismatched pixels between the two, measured on QGIS 3.22). The cluster
pins what did differ: the cartographic positions are offset by the point's
obstacle box (QgsMarkerSymbol::bounds, the marker and its stroke plus one
pixel, cut to whole output pixels), not by the marker's size.

``make_references.py paint/label_missing_family
paint/label_missing_family_144dpi`` then renders them.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_missing_family.py
"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
NAMES = ["Union Station", "Chinatown", "Little Tokyo", "Civic Center",
         "Pershing Square", "7th St Metro", "Pico", "Grand Park"]
# (layer, family, named style, italic, weight, size, placement, points)
LAYERS = [
    ("jost", "Jost*", "Book Italic", True, 50, 8, 6,
     [(2600150 + dx, 1200170 + dy) for dx, dy in
      ((0, 0), (18, 10), (-14, 22), (30, -12), (8, -26), (-28, -6),
       (44, 16), (-6, 40))]),
    ("opensans", "Open Sans", "Regular", False, 50, 10, 1,
     [(2600300, 1200250), (2600320, 1200225)]),
    ("ubuntu", "Ubuntu", "", False, 75, 12, 0,
     [(2600080, 1200060), (2600300, 1200070)]),
]


def main():
    from qgis.core import (
        QgsApplication,
        QgsMarkerSymbol,
        QgsPalLayerSettings,
        QgsSingleSymbolRenderer,
        QgsTextBufferSettings,
        QgsTextFormat,
        QgsUnitTypes,
        QgsVectorLayer,
        QgsVectorLayerSimpleLabeling,
    )
    from qgis.PyQt.QtGui import QColor, QFont

    from _fixture import labelled_points

    qgis = QgsApplication([], False)
    qgis.initQgis()
    for name, family, style, italic, weight, size, placement, points in LAYERS:
        data = labelled_points(points, NAMES)
        path = HERE / "data" / f"missing_{name}.geojson"
        path.write_text(json.dumps(data))
        layer = QgsVectorLayer(str(path), name, "ogr")
        layer.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple({
            "name": "circle", "color": "40,40,40,255", "size": "1.8",
            "outline_color": "255,255,255,255", "outline_width": "0.3"})))
        fmt = QgsTextFormat()
        font = QFont(family)
        font.setWeight(weight)
        font.setItalic(italic)
        fmt.setFont(font)
        if style:
            fmt.setNamedStyle(style)
        fmt.setSize(size)
        fmt.setColor(QColor(50, 50, 50))
        if name == "opensans":
            buf = QgsTextBufferSettings()
            buf.setEnabled(True)
            buf.setSize(1)
            buf.setSizeUnit(QgsUnitTypes.RenderMillimeters)
            buf.setColor(QColor(250, 250, 250))
            fmt.setBuffer(buf)
        settings = QgsPalLayerSettings()
        settings.fieldName = "label"
        settings.placement = placement
        if placement == 6:
            settings.offsetType = QgsPalLayerSettings.FromSymbolBounds
        settings.setFormat(fmt)
        layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
        layer.setLabelsEnabled(True)
        qml = HERE / "styles" / f"missing_{name}.qml"
        layer.saveNamedStyle(str(qml))
        text = qml.read_text()
        assert f'fontFamily="{family}"' in text, text[:200]
    qgis.exitQgis()


if __name__ == "__main__":
    main()
