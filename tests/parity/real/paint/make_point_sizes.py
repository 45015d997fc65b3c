#!/usr/bin/python3
"""Writes the data and style of the paint cases ``label_point_sizes`` and
``label_point_sizes_144dpi`` (our own data), as in eoliennes's map-light.qgs
(QGIS 2.18 labels in 8.25 pt, Windows' "MS Shell Dlg 2" default): points
labelled in DejaVu Sans at sizes in points whose pixels at 144 dpi fall
half way (8.25, 9.75, 10.25 and 12.75 pt: 16.5, 19.5, 20.5 and 25.5 px) and
a 12 pt line. QGIS converts points with its constant 2.83464567 points per
millimetre, a hair over 72 / 25.4: 8.25 pt at 144 dpi is 16.4999… px and
its font 16 px; points × dpi / 72 made it 17. ``make_references.py
paint/label_point_sizes paint/label_point_sizes_144dpi`` then renders them.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_point_sizes.py
"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZES = [8.25, 9.75, 10.25, 12.75, 12]


def main():
    from qgis.core import (
        QgsApplication,
        QgsMarkerSymbol,
        QgsPalLayerSettings,
        QgsProperty,
        QgsSingleSymbolRenderer,
        QgsTextFormat,
        QgsVectorLayer,
        QgsVectorLayerSimpleLabeling,
    )
    from qgis.PyQt.QtGui import QFont

    data = {
        "type": "FeatureCollection",
        "crs": {"type": "name",
                "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}},
        "features": [{
            "type": "Feature",
            "properties": {"label": f"Essertines sur Rolle {size} pt",
                           "size": size},
            "geometry": {"type": "Point",
                         "coordinates": [2600040, 1200260 - 50 * i]},
        } for i, size in enumerate(SIZES)],
    }
    path = HERE / "data" / "point_sizes.geojson"
    path.write_text(json.dumps(data))
    qgis = QgsApplication([], False)
    qgis.initQgis()
    layer = QgsVectorLayer(str(path), "sizes", "ogr")
    layer.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple({
        "name": "circle", "color": "200,40,40,255", "size": "1.5"})))
    fmt = QgsTextFormat()
    fmt.setFont(QFont("DejaVu Sans"))
    fmt.setSize(8.25)
    settings = QgsPalLayerSettings()
    settings.fieldName = "label"
    settings.placement = QgsPalLayerSettings.OverPoint
    settings.quadOffset = QgsPalLayerSettings.QuadrantRight
    settings.setFormat(fmt)
    props = settings.dataDefinedProperties()
    props.setProperty(QgsPalLayerSettings.Size, QgsProperty.fromField("size"))
    settings.setDataDefinedProperties(props)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    layer.saveNamedStyle(str(HERE / "styles" / "point_sizes.qml"))
    qgis.exitQgis()


if __name__ == "__main__":
    main()
