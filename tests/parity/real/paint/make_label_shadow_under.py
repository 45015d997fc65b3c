#!/usr/bin/python3
"""Writes the data and styles of the paint case ``label_shadow_under``
(our own data): point labels with a drop shadow set under a component that
is not drawn: under the background shape with no shape (as
Woodsandfields/QGIS_maps's first world map.qgz, QGIS 3.2), under the buffer
with no buffer, and under a drawn buffer. QgsTextRenderer draws the shadow
with the component it is set under only: the first two cast none.
``make_references.py paint/label_shadow_under`` then renders it.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_label_shadow_under.py
"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
UNDER = [("shape", 3, False), ("buffer", 2, False), ("buffered", 2, True)]


def main():
    from qgis.core import (
        QgsApplication,
        QgsMarkerSymbol,
        QgsPalLayerSettings,
        QgsSingleSymbolRenderer,
        QgsTextBufferSettings,
        QgsTextFormat,
        QgsTextShadowSettings,
        QgsVectorLayer,
        QgsVectorLayerSimpleLabeling,
    )
    from qgis.PyQt.QtGui import QColor, QFont

    qgis = QgsApplication([], False)
    qgis.initQgis()
    for i, (name, under, buffered) in enumerate(UNDER):
        data = {
            "type": "FeatureCollection",
            "crs": {"type": "name",
                    "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}},
            "features": [{
                "type": "Feature",
                "properties": {"label": f"Equator {name} {j}"},
                "geometry": {"type": "Point",
                             "coordinates": [2600020 + 125 * j, 1200260 - 95 * i - 20 * j]},
            } for j in range(3)],
        }
        path = HERE / "data" / f"shadow_{name}.geojson"
        path.write_text(json.dumps(data))
        layer = QgsVectorLayer(str(path), name, "ogr")
        layer.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple({
            "name": "circle", "color": "200,40,40,255", "size": "1.5"})))
        fmt = QgsTextFormat()
        fmt.setFont(QFont("DejaVu Sans"))
        fmt.setSize(12)
        fmt.setColor(QColor(169, 8, 0))
        shadow = QgsTextShadowSettings()
        shadow.setEnabled(True)
        shadow.setShadowPlacement(under)
        shadow.setOffsetDistance(1)
        shadow.setBlurRadius(1.5)
        shadow.setOpacity(0.7)
        fmt.setShadow(shadow)
        if buffered:
            buffer = QgsTextBufferSettings()
            buffer.setEnabled(True)
            buffer.setSize(0.8)
            buffer.setColor(QColor(255, 255, 255))
            fmt.setBuffer(buffer)
        settings = QgsPalLayerSettings()
        settings.fieldName = "label"
        settings.placement = QgsPalLayerSettings.OverPoint
        settings.quadOffset = QgsPalLayerSettings.QuadrantRight
        settings.setFormat(fmt)
        layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
        layer.setLabelsEnabled(True)
        msg, ok = layer.saveNamedStyle(str(HERE / "styles" / f"shadow_{name}.qml"))
        assert ok, msg
    qgis.exitQgis()


if __name__ == "__main__":
    main()
