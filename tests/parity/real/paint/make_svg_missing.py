#!/usr/bin/python3
"""Writes the data and style of the paint cases ``svg_missing`` and
``svg_missing_144dpi`` (our own data), as in ezdanapak/hbdm's
GIS/project.qgz: an SVG marker whose file is nowhere (a Windows path of the
machine the style was made on), which QGIS 3.22 draws as QgsSvgCache's
missing-image SVG, ``<svg width='10' height='10'><text x='5' y='10'
font-size='10' text-anchor='middle'>?</text></svg>`` (a black question mark
in the application's default font, its colours not replaced). Points at
fractional pixel positions with marker sizes from 1 to 20 mm (the glyph
from Qt's glyph cache up to 64 pixels, a filled outline above) and rotated
ones (drawn from the SVG's picture, not its image). ``make_references.py paint/svg_missing
paint/svg_missing_144dpi`` then renders them.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_svg_missing.py
"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
# (size mm, angle)
MARKERS = [(1, 0), (2, 0), (3, 0), (4.5, 0), (6, 0), (10, 0), (13, 0),
           (20, 0), (8, 30), (12, 90)]


def main():
    from qgis.core import (
        QgsApplication,
        QgsMarkerSymbol,
        QgsProperty,
        QgsSingleSymbolRenderer,
        QgsSymbolLayer,
        QgsSvgMarkerSymbolLayer,
        QgsVectorLayer,
    )

    data = {
        "type": "FeatureCollection",
        "crs": {"type": "name",
                "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}},
        "features": [{
            "type": "Feature",
            "properties": {"size": size, "angle": angle},
            "geometry": {"type": "Point", "coordinates": [
                2600030 + 60 * (i % 6) + 0.37 * i,
                1200220 - 110 * (i // 6) + 0.29 * i]},
        } for i, (size, angle) in enumerate(MARKERS)],
    }
    path = HERE / "data" / "svg_missing.geojson"
    path.write_text(json.dumps(data))
    qgis = QgsApplication([], False)
    qgis.initQgis()
    layer = QgsVectorLayer(str(path), "missing", "ogr")
    svg = QgsSvgMarkerSymbolLayer.create({
        "name": "C:/Users/K/Desktop/New folder/letters/geo_ch.svg",
        "size": "10", "color": "200,40,40,255",
        "outline_color": "20,20,200,255", "outline_width": "0.4"})
    svg.setDataDefinedProperty(QgsSymbolLayer.PropertySize,
                               QgsProperty.fromField("size"))
    svg.setDataDefinedProperty(QgsSymbolLayer.PropertyAngle,
                               QgsProperty.fromField("angle"))
    layer.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol([svg])))
    layer.saveNamedStyle(str(HERE / "styles" / "svg_missing.qml"))
    qgis.exitQgis()


if __name__ == "__main__":
    main()
