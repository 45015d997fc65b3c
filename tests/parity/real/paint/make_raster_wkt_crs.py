#!/usr/bin/python3
"""Writes the data and style of the paint case ``raster_wkt_crs`` (our own
data): an Arc/Info ASCII grid in WGS 84 whose CRS is an ESRI ``.prj``
(WKT without an authority code), drawn on an EPSG:3857 map, so it must be
reprojected from its WKT. ``make_references.py paint/raster_wkt_crs`` then
renders it.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_raster_wkt_crs.py
"""
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main():
    from qgis.core import (
        QgsApplication,
        QgsColorRampShader,
        QgsRasterLayer,
        QgsRasterShader,
        QgsSingleBandPseudoColorRenderer,
    )
    from qgis.PyQt.QtGui import QColor

    rows = []
    for r in range(6):
        rows.append(" ".join(str(10 + 15 * r + 4 * c) for c in range(12)))
    (HERE / "data" / "wkt_grid.asc").write_text(
        "NCOLS 12\nNROWS 6\nXLLCORNER 7.40\nYLLCORNER 46.90\n"
        "CELLSIZE 0.02\nNODATA_VALUE -1\n" + "\n".join(rows) + "\n")
    (HERE / "data" / "wkt_grid.prj").write_text(
        'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",'
        '6378137,298.257223563]],PRIMEM["Greenwich",0],'
        'UNIT["Degree",0.017453292519943295]]')
    qgis = QgsApplication([], False)
    qgis.initQgis()
    layer = QgsRasterLayer(str(HERE / "data" / "wkt_grid.asc"), "g", "gdal")
    ramp = QgsColorRampShader(10, 120)
    ramp.setColorRampType(QgsColorRampShader.Discrete)
    ramp.setColorRampItemList([
        QgsColorRampShader.ColorRampItem(40, QColor(43, 131, 186), "low"),
        QgsColorRampShader.ColorRampItem(80, QColor(199, 233, 173), "mid"),
        QgsColorRampShader.ColorRampItem(130, QColor(215, 25, 28), "high"),
    ])
    shader = QgsRasterShader()
    shader.setRasterShaderFunction(ramp)
    layer.setRenderer(
        QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, shader))
    layer.saveNamedStyle(str(HERE / "styles" / "wkt_grid.qml"))
    qgis.exitQgis()


if __name__ == "__main__":
    main()
