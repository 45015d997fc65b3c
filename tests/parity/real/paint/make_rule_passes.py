#!/usr/bin/python3
"""Writes the data and style of the paint case ``rule_passes`` (our own
data): three adjoining squares under a rule-based renderer without symbol
levels, the first drawn matching a rule whose red outline is on rendering
pass 1, the others the ELSE rule's grey outline on pass 0 (as lizmap's
filter_layer_data_by_polygon_for_groups.qgs). QgsRuleBasedRenderer queues
its features by pass whether symbol levels are on or not, so the red
outline is drawn over the grey ones where they share an edge.
``make_references.py paint/rule_passes`` then renders it.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_rule_passes.py
"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main():
    from qgis.core import (
        QgsApplication,
        QgsFillSymbol,
        QgsRuleBasedRenderer,
        QgsVectorLayer,
    )

    def square(x, y):
        return [[x, y], [x + 100, y], [x + 100, y + 100], [x, y + 100],
                [x, y]]

    polygons = {
        "type": "FeatureCollection",
        "crs": {"type": "name",
                "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}},
        "features": [
            {"type": "Feature", "properties": {"id": i, "group": g},
             "geometry": {"type": "Polygon", "coordinates": [ring]}}
            for i, (g, ring) in enumerate([
                ("a", square(2600100, 1200100)),
                ("b", square(2600200, 1200100)),
                ("b", square(2600100, 1200000)),
            ])
        ],
    }
    path = HERE / "data" / "rule_passes.geojson"
    path.write_text(json.dumps(polygons, indent=1))
    qgis = QgsApplication([], False)
    qgis.initQgis()
    layer = QgsVectorLayer(str(path), "p", "ogr")
    red = QgsFillSymbol.createSimple({
        "style": "no", "outline_color": "228,26,28,255",
        "outline_width": "0.6"})
    red.symbolLayer(0).setRenderingPass(1)
    grey = QgsFillSymbol.createSimple({
        "style": "no", "outline_color": "91,91,91,255",
        "outline_width": "0.6"})
    root = QgsRuleBasedRenderer.Rule(None)
    root.appendChild(QgsRuleBasedRenderer.Rule(red, 0, 0, "\"group\" = 'a'"))
    other = QgsRuleBasedRenderer.Rule(grey, 0, 0, "ELSE")
    root.appendChild(other)
    renderer = QgsRuleBasedRenderer(root)
    renderer.setUsingSymbolLevels(False)
    layer.setRenderer(renderer)
    qml = HERE / "styles" / "rule_passes.qml"
    layer.saveNamedStyle(str(qml))
    text = qml.read_text()
    assert 'symbollevels="0"' in text and 'pass="1"' in text
    qgis.exitQgis()


if __name__ == "__main__":
    main()
