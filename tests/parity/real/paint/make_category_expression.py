#!/usr/bin/python3
"""Writes the data and styles of the paint case ``category_expression``
(our own data): squares categorized by the expression ``"pop_b" > "pop_a"``
(as datagistips/carroyage_insee's projet.qgz), whose categories are "0",
"1" and "" (NULL), and squares categorized by a boolean field, whose
categories are "true" and "false". QGIS's comparisons yield the ints 1
and 0, so the first layer's squares take "1" and "0"; a boolean field's
values read "true" and "false". ``make_references.py
paint/category_expression`` then renders it.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_category_expression.py
"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def square(x, y):
    return [[x, y], [x + 90, y], [x + 90, y + 90], [x, y + 90], [x, y]]


def collection(features):
    return {
        "type": "FeatureCollection",
        "crs": {"type": "name",
                "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}},
        "features": [
            {"type": "Feature", "properties": props,
             "geometry": {"type": "Polygon", "coordinates": [ring]}}
            for props, ring in features
        ],
    }


def main():
    from qgis.core import (
        QgsApplication,
        QgsCategorizedSymbolRenderer,
        QgsFillSymbol,
        QgsRendererCategory,
        QgsVectorLayer,
    )

    x0, y0 = 2600000, 1200000
    compared = collection([
        ({"pop_a": a, "pop_b": b}, square(x0 + 100 * i, y0))
        for i, (a, b) in enumerate(
            [(10, 12), (12, 10), (5, 5), (None, 3), (7, 30)])
    ])
    flagged = collection([
        ({"flag": f}, square(x0 + 100 * i, y0 + 100))
        for i, f in enumerate([True, False, True, None])
    ])
    data = HERE / "data"
    (data / "category_expression.geojson").write_text(
        json.dumps(compared, indent=1))
    (data / "category_boolean.geojson").write_text(
        json.dumps(flagged, indent=1))
    qgis = QgsApplication([], False)
    qgis.initQgis()

    def fill(rgb):
        return QgsFillSymbol.createSimple({
            "color": f"{rgb},255", "outline_color": "35,35,35,255",
            "outline_width": "0.26"})

    layers = [
        ("category_expression", '"pop_b" > "pop_a"',
         [("0", "79,240,100"), ("1", "196,60,57"), ("", "160,160,160")]),
        ("category_boolean", "flag",
         [("true", "43,131,186"), ("false", "253,174,97"),
          ("", "160,160,160")]),
    ]
    for name, attr, cats in layers:
        layer = QgsVectorLayer(str(data / f"{name}.geojson"), name, "ogr")
        assert layer.isValid()
        renderer = QgsCategorizedSymbolRenderer(attr, [
            QgsRendererCategory(value, fill(rgb), value or "NULL")
            for value, rgb in cats
        ])
        layer.setRenderer(renderer)
        layer.saveNamedStyle(str(HERE / "styles" / f"{name}.qml"))
    qgis.exitQgis()


if __name__ == "__main__":
    main()
