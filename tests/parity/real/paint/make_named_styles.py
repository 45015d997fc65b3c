#!/usr/bin/python3
"""Writes the data and styles of the paint case ``label_named_styles`` (our
own data): three point layers labelled 20 pt with a named style and weight
50 (normal), as QGIS 3.22 saves them:

- ``Proxima Nova Condensed`` (not installed) ``Extrabold`` (texas-votes'
  map.qgs): the family becomes the application font's, which has no such
  style: drawn normal;
- ``Ubuntu`` (not installed) ``Bold``: likewise drawn normal (the
  application font, DejaVu LGC Sans, is not in the font database: no named
  style of a missing family is ever found);
- ``DejaVu Sans`` ``Bold``: the installed family has the style: bold.

``make_references.py paint/label_named_styles`` then renders it.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_named_styles.py
"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
LAYERS = [
    ("proxima", "Proxima Nova Condensed", "Extrabold", 1200220),
    ("ubuntu", "Ubuntu", "Bold", 1200150),
    ("dejavu", "DejaVu Sans", "Bold", 1200080),
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
    from qgis.PyQt.QtGui import QFont

    from _fixture import labelled_points

    qgis = QgsApplication([], False)
    qgis.initQgis()
    for name, family, style, y in LAYERS:
        data = labelled_points([(2600200, y)], [f"Harris {style} 42"])
        path = HERE / "data" / f"named_{name}.geojson"
        path.write_text(json.dumps(data))
        layer = QgsVectorLayer(str(path), name, "ogr")
        layer.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple({
            "name": "circle", "color": "200,40,40,255", "size": "1.5"})))
        fmt = QgsTextFormat()
        font = QFont(family)
        font.setWeight(50)
        fmt.setFont(font)
        fmt.setNamedStyle(style)
        fmt.setSize(20)
        settings = QgsPalLayerSettings()
        settings.fieldName = "label"
        settings.placement = QgsPalLayerSettings.OverPoint
        settings.setFormat(fmt)
        layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
        layer.setLabelsEnabled(True)
        qml = HERE / "styles" / f"named_{name}.qml"
        layer.saveNamedStyle(str(qml))
        text = qml.read_text()
        assert f'fontFamily="{family}"' in text, text[:200]
        assert f'namedStyle="{style}"' in text
    qgis.exitQgis()


if __name__ == "__main__":
    main()
