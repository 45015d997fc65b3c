#!/usr/bin/python3
"""Writes the data and style of the paint case ``raster_no_georef`` (our
own data), as in isometric-resort-map's map.qgz (a plain PNG, no world
file, on a map without a CRS): ``data/no_georef.png``, 96 x 64 RGB pixels
without georeferencing, which QGIS's GDAL provider places with pixels as
map units from (0, 0) down to (96, -64) (GDAL's default geotransform with
the pixel height made -1); the worker placed it from y 0 up to 64, out of
view. ``make_references.py paint/raster_no_georef`` then renders it.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_no_georef.py
"""
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main():
    from osgeo import gdal

    png = HERE / "data" / "no_georef.png"
    mem = gdal.GetDriverByName("MEM").Create("", 96, 64, 3, gdal.GDT_Byte)
    for band, f in enumerate([
        lambda c, r: (c * 8 + r) % 256,
        lambda c, r: (r * 4) % 256,
        lambda c, r: 200 if (c // 16 + r // 16) % 2 else 40,
    ], start=1):
        mem.GetRasterBand(band).WriteRaster(
            0, 0, 96, 64,
            bytes(f(c, r) for r in range(64) for c in range(96)))
    gdal.GetDriverByName("PNG").CreateCopy(str(png), mem)
    mem = None
    Path(str(png) + ".aux.xml").unlink(missing_ok=True)

    from qgis.core import QgsApplication, QgsRasterLayer

    qgis = QgsApplication([], False)
    qgis.initQgis()
    layer = QgsRasterLayer(str(png), "g", "gdal")
    layer.saveNamedStyle(str(HERE / "styles" / "no_georef.qml"))
    qgis.exitQgis()
    Path(str(png) + ".aux.xml").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
