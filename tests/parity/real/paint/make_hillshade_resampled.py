#!/usr/bin/python3
"""Writes the data and style of the paint cases ``hillshade_resampled_out``,
``hillshade_resampled_in`` and ``hillshade_resampled_far`` (our own data),
as in ncss-tech/DSS_coweeta's map.qgz: a multidirectional hillshade of a
Float32 DEM (2 m cells, NaN no-data in a corner) with bilinear resampling
zoomed in and out, its edges between pixels of maps at 2.5, 1.33 and 5 m a
pixel. QGIS 3.22's QgsRasterResampleFilter renders the hillshade near the
DEM's resolution over the block grown by ``ceil(oversampling)`` DEM cells,
scales that image with QImage's smooth scaling and crops the block from its
middle: the raster's edges blend with the transparent cells beyond.
``make_references.py paint/hillshade_resampled_out
paint/hillshade_resampled_in paint/hillshade_resampled_far`` then renders
them.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_hillshade_resampled.py
"""
import math
import struct
from pathlib import Path

HERE = Path(__file__).resolve().parent
COLS, ROWS = 150, 125
ORIGIN = (2600050.3, 1200270.6)


def height(c, r):
    if c + r < 20:
        return float("nan")
    x, y = 2 * c + 1, 2 * r + 1
    return (40 * math.sin(x / 23.0) * math.cos(y / 31.0) + 0.3 * x
            + 25 * math.exp(-((x - 200) ** 2 + (y - 90) ** 2) / 900.0))


def main():
    from osgeo import gdal, osr
    from qgis.core import (
        QgsApplication,
        QgsBilinearRasterResampler,
        QgsHillshadeRenderer,
        QgsRasterLayer,
    )

    tif = str(HERE / "data" / "hillshade_resampled.tif")
    ds = gdal.GetDriverByName("GTiff").Create(
        tif, COLS, ROWS, 1, gdal.GDT_Float32,
        ["COMPRESS=DEFLATE", "PREDICTOR=3", "ZLEVEL=9"])
    ds.SetGeoTransform([ORIGIN[0], 2, 0, ORIGIN[1], 0, -2])
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2056)
    ds.SetProjection(srs.ExportToWkt())
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(float("nan"))
    band.WriteRaster(0, 0, COLS, ROWS, b"".join(
        struct.pack("<f", height(c, r))
        for r in range(ROWS) for c in range(COLS)))
    ds = None
    qgis = QgsApplication([], False)
    qgis.initQgis()
    layer = QgsRasterLayer(tif, "dem", "gdal")
    renderer = QgsHillshadeRenderer(layer.dataProvider(), 1, 315, 45)
    renderer.setMultiDirectional(True)
    layer.setRenderer(renderer)
    layer.resampleFilter().setZoomedInResampler(QgsBilinearRasterResampler())
    layer.resampleFilter().setZoomedOutResampler(QgsBilinearRasterResampler())
    qml = HERE / "styles" / "hillshade_resampled.qml"
    layer.saveNamedStyle(str(qml))
    assert 'zoomedOutResampler="bilinear"' in qml.read_text()
    qgis.exitQgis()


if __name__ == "__main__":
    main()
