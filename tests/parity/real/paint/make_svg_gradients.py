#!/usr/bin/python3
"""Writes the data and style of the paint cases ``svg_gradients`` and
``svg_gradients_144dpi`` (our own data): points drawn with QGIS's own
symbol/red-marker.svg and symbol/blue-marker.svg (a pin filled with a
linear gradient, its head with a radial one, a shadow and a highlight as
embedded PNG images), as SanjeevBashyal/Project074 marks its alignments'
start and end; one turned by 25°.

``make_references.py paint/svg_gradients paint/svg_gradients_144dpi``
then renders them.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_svg_gradients.py
"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
POINTS = [(2600060, 1200080, "red", 0), (2600150, 1200200, "blue", 0),
          (2600250, 1200120, "red", 25), (2600330, 1200230, "blue", 0),
          (2600200, 1200050, "blue", 25)]


def main():
    from qgis.core import (
        QgsApplication,
        QgsCategorizedSymbolRenderer,
        QgsMarkerSymbol,
        QgsProperty,
        QgsRendererCategory,
        QgsSymbolLayer,
        QgsSvgMarkerSymbolLayer,
        QgsVectorLayer,
    )

    qgis = QgsApplication([], False)
    qgis.initQgis()
    data = {
        "type": "FeatureCollection",
        "crs": {"type": "name",
                "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}},
        "features": [{
            "type": "Feature",
            "properties": {"kind": kind, "angle": angle},
            "geometry": {"type": "Point", "coordinates": [x, y]},
        } for x, y, kind, angle in POINTS],
    }
    path = HERE / "data" / "svg_gradients.geojson"
    path.write_text(json.dumps(data))
    layer = QgsVectorLayer(str(path), "svg", "ogr")

    def marker(name, size):
        svg = QgsSvgMarkerSymbolLayer.create({"name": name, "size": size})
        svg.setDataDefinedProperty(QgsSymbolLayer.PropertyAngle,
                                   QgsProperty.fromField("angle"))
        symbol = QgsMarkerSymbol()
        symbol.changeSymbolLayer(0, svg)
        return symbol

    layer.setRenderer(QgsCategorizedSymbolRenderer("kind", [
        QgsRendererCategory("red", marker("symbol/red-marker.svg", "9"), "red"),
        QgsRendererCategory("blue", marker("symbol/blue-marker.svg", "7"), "blue"),
    ]))
    qml = HERE / "styles" / "svg_gradients.qml"
    msg, ok = layer.saveNamedStyle(str(qml))
    assert ok, msg
    assert 'red-marker.svg' in qml.read_text()
    qgis.exitQgis()


if __name__ == "__main__":
    main()
