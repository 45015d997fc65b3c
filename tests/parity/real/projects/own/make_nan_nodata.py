#!/usr/bin/python3
"""Writes nan_nodata_rgb.tif: 24 x 16 Byte cells in three bands (a sea of
red 0 beside land), EPSG:4326, whose no-data value is NaN, as the
Qgis2threejs test project's shaded relief carries it. A Byte band cannot
hold NaN: QGIS ignores the value (QgsGdalProvider), so the red-0 sea is
drawn.

    /usr/bin/python3 tests/parity/real/projects/own/make_nan_nodata.py
"""
from pathlib import Path

from osgeo import gdal

HERE = Path(__file__).resolve().parent
W, H = 24, 16
ds = gdal.GetDriverByName("GTiff").Create(
    str(HERE / "nan_nodata_rgb.tif"), W, H, 3, gdal.GDT_Byte
)
ds.SetGeoTransform([8.0, 0.01, 0, 47.0, 0, -0.01])
ds.SetProjection("EPSG:4326")
for b, colour in enumerate(
    [lambda x, y: 0 if x + y < 20 else 180 + 3 * y,
     lambda x, y: 255 if x + y < 20 else 150 + 4 * x,
     lambda x, y: 255 if x + y < 20 else 60 + 5 * ((x * y) % 7)],
    start=1,
):
    band = ds.GetRasterBand(b)
    band.WriteRaster(
        0, 0, W, H, bytes(colour(x, y) for y in range(H) for x in range(W))
    )
    band.SetNoDataValue(float("nan"))
ds = None
