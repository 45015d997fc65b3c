#!/usr/bin/python3
"""Writes the data and style of the paint cases ``raster_flipped``,
``raster_flipped_4326`` and ``raster_gcps`` (our own data): a GeoTIFF
whose rows run south to north (a positive pixel height, as QGIS's
tests/testdata requires_warped_vrt.tif) and one georeferenced by ground
control points only (as CIDCO-dev/PecheFantome's BSB chart), which QGIS's
GDAL provider reads through a warped VRT
(``QgsGdalProvider::initBaseDataset``).

- ``data/flipped.tif``: 8 × 6 cells of 25 m in EPSG:2056, values 0–47, a
  nodata corner;
- ``data/gcps.tif``: the same values, no geotransform, four GCPs in
  EPSG:2056 turning it by some 20°;
- ``styles/flipped.qml``: single band grey, 0 → 47, nearest neighbour.

The first case draws it in its CRS, the second in EPSG:4326.
``make_references.py paint/raster_flipped paint/raster_flipped_4326
paint/raster_gcps``
then renders them.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_flipped_raster.py
"""
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main():
    from osgeo import gdal, osr
    from qgis.core import (
        QgsApplication,
        QgsContrastEnhancement,
        QgsRasterLayer,
        QgsSingleBandGrayRenderer,
    )

    path = HERE / "data" / "flipped.tif"
    ds = gdal.GetDriverByName("GTiff").Create(str(path), 8, 6, 1,
                                               gdal.GDT_Int16)
    # the first row is the southern edge
    ds.SetGeoTransform([2600010, 25, 0, 1200020, 0, 25])
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2056)
    ds.SetProjection(srs.ExportToWkt())
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(-1)
    values = [[(r * 8 + c) if (r, c) != (0, 0) else -1 for c in range(8)]
              for r in range(6)]
    import struct
    for r, row in enumerate(values):
        band.WriteRaster(0, r, 8, 1, struct.pack("<8h", *row))
    ds = None
    # the same cells placed by four ground control points only
    gcps = [gdal.GCP(2600020, 1200040, 0, 0, 0),
            gdal.GCP(2600208, 1200108, 0, 8, 0),
            gdal.GCP(2599969, 1200181, 0, 0, 6),
            gdal.GCP(2600157, 1200249, 0, 8, 6)]
    src = gdal.Open(str(path))
    out = gdal.GetDriverByName("GTiff").CreateCopy(
        str(HERE / "data" / "gcps.tif"), src)
    out.SetGeoTransform([0, 1, 0, 0, 0, 1])
    out = None
    out = gdal.Open(str(HERE / "data" / "gcps.tif"), gdal.GA_Update)
    out.SetGCPs(gcps, srs.ExportToWkt())
    out = None
    src = None
    qgis = QgsApplication([], False)
    qgis.initQgis()
    layer = QgsRasterLayer(str(path), "flipped", "gdal")
    assert layer.isValid()
    renderer = QgsSingleBandGrayRenderer(layer.dataProvider(), 1)
    ce = QgsContrastEnhancement(layer.dataProvider().dataType(1))
    ce.setContrastEnhancementAlgorithm(
        QgsContrastEnhancement.StretchToMinimumMaximum)
    ce.setMinimumValue(0)
    ce.setMaximumValue(47)
    renderer.setContrastEnhancement(ce)
    layer.setRenderer(renderer)
    msg, ok = layer.saveNamedStyle(str(HERE / "styles" / "flipped.qml"))
    assert ok, msg
    del layer
    qgis.exitQgis()


if __name__ == "__main__":
    main()
