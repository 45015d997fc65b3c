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
    from qgis.core import QgsApplication

    from _fixture import write_discrete_grid

    rows = []
    for r in range(6):
        rows.append(" ".join(str(10 + 15 * r + 4 * c) for c in range(12)))
    qgis = QgsApplication([], False)
    qgis.initQgis()
    write_discrete_grid(
        HERE, "wkt_grid",
        "NCOLS 12\nNROWS 6\nXLLCORNER 7.40\nYLLCORNER 46.90\n"
        "CELLSIZE 0.02\nNODATA_VALUE -1\n", rows,
        'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",'
        '6378137,298.257223563]],PRIMEM["Greenwich",0],'
        'UNIT["Degree",0.017453292519943295]]',
        10, 120,
        [(40, (43, 131, 186), "low"), (80, (199, 233, 173), "mid"),
         (130, (215, 25, 28), "high")])
    qgis.exitQgis()


if __name__ == "__main__":
    main()
