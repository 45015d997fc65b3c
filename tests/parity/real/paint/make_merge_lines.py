#!/usr/bin/python3
"""Writes the data and styles of the paint cases ``label_merge_lines`` and
``label_merge_lines_curved`` (our own data): streets each cut into short
segments, some drawn against the others' direction, one with a side branch
of the same name, two streets of one name apart, labelled with "merge
connected lines" (``mergeLines``, as bczernecki/qgis_auto's QGIS 2.18 road
network) in DejaVu Sans 9 pt: parallel and curved placement.

What it pins: PAL joins the pieces of equal label text that start or end
where another does (``pal::Layer::joinConnectedFeatures``, longest first,
GEOS's line merger) before placing, so a street whose segments are each
shorter than its label is labelled once along the whole street.

``make_references.py paint/label_merge_lines paint/label_merge_lines_curved``
then renders them.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_merge_lines.py
"""
import json
import math
from pathlib import Path

HERE = Path(__file__).resolve().parent


def street(points, cuts, reverse=()):
    """A polyline cut at the given vertex indices, some pieces reversed."""
    pieces = []
    bounds = [0, *cuts, len(points) - 1]
    for i in range(len(bounds) - 1):
        piece = points[bounds[i]:bounds[i + 1] + 1]
        pieces.append(piece[::-1] if i in reverse else piece)
    return pieces


def main():
    from qgis.core import (
        QgsApplication, QgsLineSymbol, QgsPalLayerSettings,
        QgsSingleSymbolRenderer, QgsTextFormat, QgsVectorLayer,
        QgsVectorLayerSimpleLabeling,
    )
    from qgis.PyQt.QtGui import QColor, QFont

    qgis = QgsApplication([], False)
    qgis.initQgis()
    x0, y0 = 2600000, 1200000
    streets = {
        "Hetmanska": street(
            [(x0 + 15 + 9 * k, y0 + 60 + 10 * math.sin(k / 6)) for k in range(41)],
            [7, 13, 22, 30], reverse=(1, 3)),
        "Bukowska Street": street(
            [(x0 + 40 + 7 * k, y0 + 150 + 2.5 * k) for k in range(31)],
            [5, 11, 16, 24], reverse=(0, 2)),
        "Garbary": street(
            [(x0 + 330 + 3 * math.sin(k / 3), y0 + 40 + 8 * k) for k in range(28)],
            [6, 12, 19], reverse=(2,)),
        "Solna": street(
            [(x0 + 60 + 8 * k, y0 + 250 - 0.5 * k) for k in range(12)], [4, 8])
        + street([(x0 + 220 + 8 * k, y0 + 255) for k in range(12)], [5]),
    }
    # a side branch of Hetmanska, joined at one of its vertices
    hx, hy = streets["Hetmanska"][2][0]
    streets["Hetmanska"].append([(hx, hy), (hx + 4, hy + 20), (hx + 10, hy + 45)])
    features = [
        {"type": "Feature", "properties": {"name": name},
         "geometry": {"type": "LineString", "coordinates": piece}}
        for name, pieces in streets.items() for piece in pieces
    ]
    path = HERE / "data" / "merge_lines.geojson"
    path.write_text(json.dumps({
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}},
        "features": features,
    }))
    for name, placement in (("merge_lines", QgsPalLayerSettings.Line),
                            ("merge_lines_curved", QgsPalLayerSettings.Curved)):
        layer = QgsVectorLayer(str(path), "streets", "ogr")
        layer.setRenderer(QgsSingleSymbolRenderer(QgsLineSymbol.createSimple({
            "line_color": "150,150,150,255", "line_width": "0.5"})))
        fmt = QgsTextFormat()
        fmt.setFont(QFont("DejaVu Sans"))
        fmt.setSize(9)
        fmt.setColor(QColor(20, 20, 20))
        settings = QgsPalLayerSettings()
        settings.fieldName = "name"
        settings.placement = placement
        settings.lineSettings().setMergeLines(True)
        settings.setFormat(fmt)
        layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
        layer.setLabelsEnabled(True)
        msg, ok = layer.saveNamedStyle(str(HERE / "styles" / f"{name}.qml"))
        assert ok, msg
    qgis.exitQgis()


main()
