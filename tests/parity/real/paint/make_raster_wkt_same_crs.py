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
    from qgis.core import QgsApplication

    from _fixture import write_discrete_grid

    # 200 x 150 cells of 1 m, values 0-9 that change from cell to cell
    rows = []
    for r in range(150):
        rows.append(" ".join(str((c * c + 3 * r + (r * c) // 7) % 10)
                             for c in range(200)))
    qgis = QgsApplication([], False)
    qgis.initQgis()
    authid = write_discrete_grid(
        HERE, "bng_grid",
        "NCOLS 200\nNROWS 150\nXLLCORNER 528800\nYLLCORNER 180600\n"
        "CELLSIZE 1\nNODATA_VALUE -1\n", rows,
        'PROJCS["OSGB_1936_British_National_Grid",GEOGCS["GCS_OSGB_1936",'
        'DATUM["D_OSGB_1936",SPHEROID["Airy_1830",6377563.396,299.3249646]],'
        'PRIMEM["Greenwich",0],UNIT["Degree",0.017453292519943295]],'
        'PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",49],'
        'PARAMETER["central_meridian",-2],'
        'PARAMETER["scale_factor",0.9996012717],'
        'PARAMETER["false_easting",400000],'
        'PARAMETER["false_northing",-100000],UNIT["Meter",1]]',
        0, 9,
        [(2.5, (43, 131, 186), "low"), (5.5, (199, 233, 173), "mid"),
         (10, (215, 25, 28), "high")])
    assert authid == "EPSG:27700", authid
    qgis.exitQgis()


if __name__ == "__main__":
    main()
