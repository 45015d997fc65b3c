#!/usr/bin/python3
"""Writes the data and styles of the paint cases ``map_unit_scale`` and
``map_unit_scale_zoom`` (our own data): sizes in map units bounded by their
map unit scale (``*_map_unit_scale``, ``QgsMapUnitScale``: a size range in
millimetres and a scale range), as QGIS's test_project_scaledsymbols.qgs
sizes its circles (10 map units, at least 5 mm, at most 100 mm).

- ``data/map_unit_points.geojson``: points 60 m apart in EPSG:2056;
- ``data/map_unit_lines.geojson``: lines across them.

Styles: ``map_unit_points.qml``, circles of 20 map units at least 4 mm
and at most 9 mm, outlines of 2 map units at least 0.5 mm; ``map_unit_lines.qml``,
lines of 3 map units whose scale range keeps them as drawn at 1:3,000
when zoomed in further (``3x:0,3000``) and at most 2 mm, offset by 4
map units.
The full view (1:~15,000) reaches the minimum sizes, the zoomed one
(1:~950) the maximum and the lines' scale range. ``make_references.py paint/map_unit_scale
paint/map_unit_scale_zoom`` then renders them.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_map_unit_scale.py
"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
X0, Y0 = 2600000, 1200000


def main():
    from _fixture import collection
    from qgis.core import (
        QgsApplication,
        QgsLineSymbol,
        QgsMarkerSymbol,
        QgsSingleSymbolRenderer,
        QgsVectorLayer,
    )

    points = [{"type": "Point", "coordinates": [
        X0 + 40 + (i % 6) * 60.5, Y0 + 50 + (i // 6) * 70.25]}
        for i in range(24)]
    lines = [{"type": "LineString", "coordinates": [
        [X0 + 10, Y0 + 30 + k * 80], [X0 + 200, Y0 + 70 + k * 75],
        [X0 + 390, Y0 + 20 + k * 90]]} for k in range(4)]
    data = HERE / "data"
    (data / "map_unit_points.geojson").write_text(
        json.dumps(collection(
            ({"id": i}, g) for i, g in enumerate(points))) + "\n")
    (data / "map_unit_lines.geojson").write_text(
        json.dumps(collection(
            ({"id": i}, g) for i, g in enumerate(lines))) + "\n")
    qgis = QgsApplication([], False)
    qgis.initQgis()
    pts = QgsVectorLayer(str(data / "map_unit_points.geojson"), "p", "ogr")
    assert pts.isValid()
    pts.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple({
        "name": "circle", "color": "243,166,178,255", "size": "20",
        "size_unit": "MapUnit", "size_map_unit_scale": "3x:0,0,1,4,1,9",
        "outline_color": "120,20,40,255", "outline_width": "2",
        "outline_width_unit": "MapUnit",
        "outline_width_map_unit_scale": "3x:0,0,1,0.5,0,0"})))
    msg, ok = pts.saveNamedStyle(str(HERE / "styles" / "map_unit_points.qml"))
    assert ok, msg
    lns = QgsVectorLayer(str(data / "map_unit_lines.geojson"), "l", "ogr")
    assert lns.isValid()
    lns.setRenderer(QgsSingleSymbolRenderer(QgsLineSymbol.createSimple({
        "line_color": "40,90,200,255", "line_width": "3",
        "line_width_unit": "MapUnit",
        "width_map_unit_scale": "3x:0,3000,0,0,1,2",
        "offset": "4", "offset_unit": "MapUnit",
        "offset_map_unit_scale": "3x:0,0,0,0,0,0"})))
    msg, ok = lns.saveNamedStyle(str(HERE / "styles" / "map_unit_lines.qml"))
    assert ok, msg
    del pts, lns
    qgis.exitQgis()


if __name__ == "__main__":
    main()
