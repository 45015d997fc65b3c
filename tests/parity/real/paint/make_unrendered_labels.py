#!/usr/bin/python3
"""Writes the data and styles of the paint case ``labels_unrendered`` (our
own data), as in geocamp-es/2019's map.qgz (a category turned off, its
feature's label left out): QGIS registers the labels of the features its
renderer draws (``QgsVectorLayerRenderer::drawRenderer``), so a category or
range turned off (``render="false"``), a value no category or range takes,
and a feature no rule applies to go unlabelled; the null renderer draws
nothing and labels every feature. Four point layers labelled in DejaVu
Sans: categorized (a, b off, c without category), graduated (1–10 on,
10–20 off, 30 in no range), rule-based (``"n" < 15``) and null symbol.
``make_references.py paint/labels_unrendered`` then renders it.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_unrendered_labels.py
"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROWS = [("a", 5), ("b", 15), ("c", 30)]
LAYERS = ["categorized", "graduated", "rules", "null"]


def main():
    from qgis.core import (
        QgsApplication,
        QgsCategorizedSymbolRenderer,
        QgsGraduatedSymbolRenderer,
        QgsMarkerSymbol,
        QgsNullSymbolRenderer,
        QgsPalLayerSettings,
        QgsRendererCategory,
        QgsRendererRange,
        QgsRuleBasedRenderer,
        QgsTextFormat,
        QgsVectorLayer,
        QgsVectorLayerSimpleLabeling,
    )
    from qgis.PyQt.QtGui import QFont

    def marker(color):
        return QgsMarkerSymbol.createSimple(
            {"name": "circle", "color": color, "size": "2.5"})

    qgis = QgsApplication([], False)
    qgis.initQgis()
    for row, name in enumerate(LAYERS):
        y = 1200240 - 60 * row
        data = {
            "type": "FeatureCollection",
            "crs": {"type": "name",
                    "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}},
            "features": [{
                "type": "Feature",
                "properties": {"kind": kind, "n": n,
                               "label": f"{name} {kind} {n}"},
                "geometry": {"type": "Point",
                             "coordinates": [2600030 + 130 * i, y]},
            } for i, (kind, n) in enumerate(ROWS)],
        }
        path = HERE / "data" / f"unrendered_{name}.geojson"
        path.write_text(json.dumps(data))
        layer = QgsVectorLayer(str(path), name, "ogr")
        if name == "categorized":
            renderer = QgsCategorizedSymbolRenderer("kind", [
                QgsRendererCategory("a", marker("200,40,40,255"), "a"),
                QgsRendererCategory("b", marker("40,40,200,255"), "b",
                                    False),
            ])
        elif name == "graduated":
            renderer = QgsGraduatedSymbolRenderer("n", [
                QgsRendererRange(1, 10, marker("200,40,40,255"), "1-10"),
                QgsRendererRange(10, 20, marker("40,40,200,255"), "10-20",
                                 False),
            ])
        elif name == "rules":
            root = QgsRuleBasedRenderer.Rule(None)
            root.appendChild(QgsRuleBasedRenderer.Rule(
                marker("40,160,40,255"), 0, 0, '"n" < 15', "small"))
            renderer = QgsRuleBasedRenderer(root)
        else:
            renderer = QgsNullSymbolRenderer()
        layer.setRenderer(renderer)
        fmt = QgsTextFormat()
        fmt.setFont(QFont("DejaVu Sans"))
        fmt.setSize(9)
        settings = QgsPalLayerSettings()
        settings.fieldName = "label"
        settings.placement = QgsPalLayerSettings.OverPoint
        settings.setFormat(fmt)
        layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
        layer.setLabelsEnabled(True)
        layer.saveNamedStyle(str(HERE / "styles" / f"unrendered_{name}.qml"))
    qgis.exitQgis()


if __name__ == "__main__":
    main()
