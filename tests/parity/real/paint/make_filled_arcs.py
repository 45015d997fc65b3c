#!/usr/bin/python3
"""Writes the data and style of the paint case ``filled_arcs`` (our own
data): points drawn with filled markers (``FilledMarker``) whose shapes are
arcs closed to their centre (semi, third and quarter circles), some turned,
their fill half transparent, as Woodsandfields/QGIS_maps's San Marino
population grid (42,537 quarter circles at 5 % opacity).

``make_references.py paint/filled_arcs`` then renders it.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_filled_arcs.py
"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHAPES = ["semi_circle", "third_circle", "quarter_circle"]


def main():
    from qgis.core import (
        QgsApplication,
        QgsCategorizedSymbolRenderer,
        QgsFillSymbol,
        QgsFilledMarkerSymbolLayer,
        QgsMarkerSymbol,
        QgsProperty,
        QgsRendererCategory,
        QgsSimpleMarkerSymbolLayerBase,
        QgsSymbolLayer,
        QgsVectorLayer,
    )

    qgis = QgsApplication([], False)
    qgis.initQgis()
    features = []
    for i in range(24):
        x = 2600040 + (i % 6) * 62 + (i // 6) * 9.3
        y = 1200050 + (i // 6) * 64 + (i % 3) * 7.1
        features.append({
            "type": "Feature",
            "properties": {"shape": SHAPES[i % 3], "angle": (i * 37) % 360},
            "geometry": {"type": "Point", "coordinates": [x, y]},
        })
    path = HERE / "data" / "filled_arcs.geojson"
    path.write_text(json.dumps({
        "type": "FeatureCollection",
        "crs": {"type": "name",
                "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}},
        "features": features,
    }))
    layer = QgsVectorLayer(str(path), "arcs", "ogr")
    colors = {"semi_circle": "198,160,72,160", "third_circle": "40,110,180,140",
              "quarter_circle": "170,40,60,200"}
    cats = []
    for shape in SHAPES:
        filled = QgsFilledMarkerSymbolLayer(
            QgsSimpleMarkerSymbolLayerBase.decodeShape(shape)[0], 9)
        filled.setSubSymbol(QgsFillSymbol.createSimple(
            {"color": colors[shape], "outline_style": "no"}))
        filled.setDataDefinedProperty(QgsSymbolLayer.PropertyAngle,
                                      QgsProperty.fromField("angle"))
        symbol = QgsMarkerSymbol()
        symbol.changeSymbolLayer(0, filled)
        cats.append(QgsRendererCategory(shape, symbol, shape))
    layer.setRenderer(QgsCategorizedSymbolRenderer("shape", cats))
    qml = HERE / "styles" / "filled_arcs.qml"
    msg, ok = layer.saveNamedStyle(str(qml))
    assert ok, msg
    assert 'class="FilledMarker"' in qml.read_text()
    qgis.exitQgis()


if __name__ == "__main__":
    main()
