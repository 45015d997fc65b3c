#!/usr/bin/python3
"""Writes the data and style of the paint case ``raster_wkt_same_crs`` (our
own data): an Arc/Info ASCII grid whose CRS is British National Grid as an
ESRI ``.prj`` (WKT without an authority code, as the GeoTIFF of
QGIS-Training-Data's john_snow.qgs), drawn zoomed out (1.82 cells a pixel)
on an EPSG:27700 map. QGIS identifies the WKT as EPSG:27700 and samples
the grid without reprojection; reprojected through the raster projector,
other cells are taken. ``make_references.py paint/raster_wkt_same_crs``
then renders it.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_raster_wkt_same_crs.py
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

    # 200 x 150 cells of 1 m, values 0-9 that change from cell to cell
    rows = []
    for r in range(150):
        rows.append(" ".join(str((c * c + 3 * r + (r * c) // 7) % 10)
                             for c in range(200)))
    (HERE / "data" / "bng_grid.asc").write_text(
        "NCOLS 200\nNROWS 150\nXLLCORNER 528800\nYLLCORNER 180600\n"
        "CELLSIZE 1\nNODATA_VALUE -1\n" + "\n".join(rows) + "\n")
    (HERE / "data" / "bng_grid.prj").write_text(
        'PROJCS["OSGB_1936_British_National_Grid",GEOGCS["GCS_OSGB_1936",'
        'DATUM["D_OSGB_1936",SPHEROID["Airy_1830",6377563.396,299.3249646]],'
        'PRIMEM["Greenwich",0],UNIT["Degree",0.017453292519943295]],'
        'PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",49],'
        'PARAMETER["central_meridian",-2],'
        'PARAMETER["scale_factor",0.9996012717],'
        'PARAMETER["false_easting",400000],'
        'PARAMETER["false_northing",-100000],UNIT["Meter",1]]')
    qgis = QgsApplication([], False)
    qgis.initQgis()
    layer = QgsRasterLayer(str(HERE / "data" / "bng_grid.asc"), "g", "gdal")
    assert layer.crs().authid() == "EPSG:27700", layer.crs().authid()
    ramp = QgsColorRampShader(0, 9)
    ramp.setColorRampType(QgsColorRampShader.Discrete)
    ramp.setColorRampItemList([
        QgsColorRampShader.ColorRampItem(2.5, QColor(43, 131, 186), "low"),
        QgsColorRampShader.ColorRampItem(5.5, QColor(199, 233, 173), "mid"),
        QgsColorRampShader.ColorRampItem(10, QColor(215, 25, 28), "high"),
    ])
    shader = QgsRasterShader()
    shader.setRasterShaderFunction(ramp)
    layer.setRenderer(
        QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, shader))
    layer.saveNamedStyle(str(HERE / "styles" / "bng_grid.qml"))
    qgis.exitQgis()


if __name__ == "__main__":
    main()
