#!/usr/bin/python3
"""Writes the data and styles of the paint cases ``no_crs`` and
``layer_no_crs`` (our own data, ``data/no_crs_*``, ``styles/no_crs_*.qml``);
``make_references.py paint/no_crs paint/layer_no_crs`` then renders them.

- ``no_crs``: a map without a CRS (job ``crs`` ""), as a project saved
  with "No CRS" is asked for. Points in EPSG:4326 with a rule-based style
  whose rules depend on the scale: QGIS 3.22 measures a map without a CRS
  as degrees, this one at 1:512,000 (the parallel's length would make it
  1:728,000), so the rule below 1:600,000 draws and the other not; lines
  in EPSG:3857 whose coordinates are degree-sized numbers (drawn where they
  are, not reprojected) and a small EPSG:4326 raster.
- ``layer_no_crs``: a Shapefile without ``.prj`` (no CRS) on an EPSG:2056
  map: drawn with its coordinates as they are.

Run with Debian's QGIS 3.22 (GDAL's Python bindings and QGIS for the
styles), never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_no_crs.py
"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
STYLES = HERE / "styles"


def write_data():
    from osgeo import gdal, ogr, osr

    points = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"id": i},
                "geometry": {"type": "Point", "coordinates": [x, y]},
            }
            for i, (x, y) in enumerate(
                [(7.05, 46.05), (7.31, 46.22), (7.52, 46.48), (7.77, 46.13),
                 (7.93, 46.61), (7.18, 46.55), (7.64, 46.31)]
            )
        ],
    }
    (DATA / "no_crs_points.geojson").write_text(json.dumps(points, indent=1))
    lines = {
        "type": "FeatureCollection",
        "crs": {"type": "name",
                "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}},
        "features": [
            {
                "type": "Feature",
                "properties": {"id": 0},
                "geometry": {"type": "LineString", "coordinates": [
                    [6.95, 45.95], [7.4, 46.35], [7.7, 46.2], [8.05, 46.65]]},
            },
            {
                "type": "Feature",
                "properties": {"id": 1},
                "geometry": {"type": "LineString", "coordinates": [
                    [7.0, 46.62], [7.45, 46.02], [7.98, 45.98]]},
            },
        ],
    }
    (DATA / "no_crs_lines_3857.geojson").write_text(json.dumps(lines, indent=1))
    # 24 x 16 cells of 0.05°, a gradient with a bump
    tif = str(DATA / "no_crs_grid.tif")
    ds = gdal.GetDriverByName("GTiff").Create(tif, 24, 16, 1, gdal.GDT_Byte)
    ds.SetGeoTransform([6.9, 0.05, 0, 46.7, 0, -0.05])
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    ds.SetProjection(srs.ExportToWkt())
    rows = []
    for r in range(16):
        rows.append(bytes(
            min(255, 10 * c + 6 * r + (60 if 8 <= c <= 12 and 5 <= r <= 9 else 0))
            for c in range(24)
        ))
    ds.GetRasterBand(1).WriteRaster(0, 0, 24, 16, b"".join(rows))
    ds = None
    # a Shapefile without .prj: polygons in EPSG:2056 numbers
    shp = str(DATA / "no_crs_polygons.shp")
    drv = ogr.GetDriverByName("ESRI Shapefile")
    if Path(shp).exists():
        drv.DeleteDataSource(shp)
    ds = drv.CreateDataSource(shp)
    layer = ds.CreateLayer("no_crs_polygons", None, ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("id", ogr.OFTInteger))
    for i, wkt in enumerate([
        "POLYGON((2600030 1200040,2600180 1200030,2600150 1200170,"
        "2600040 1200150,2600030 1200040))",
        "POLYGON((2600220 1200120,2600370 1200140,2600330 1200270,"
        "2600210 1200250,2600220 1200120),(2600260 1200170,2600310 1200180,"
        "2600300 1200220,2600260 1200170))",
    ]):
        f = ogr.Feature(layer.GetLayerDefn())
        f.SetField("id", i)
        f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        layer.CreateFeature(f)
    ds = None
    Path(shp[:-4] + ".cpg").unlink(missing_ok=True)


def write_styles():
    from qgis.core import (
        QgsApplication,
        QgsFillSymbol,
        QgsLineSymbol,
        QgsMarkerSymbol,
        QgsRasterLayer,
        QgsRuleBasedRenderer,
        QgsSingleSymbolRenderer,
        QgsVectorLayer,
    )

    qgis = QgsApplication([], False)
    qgis.initQgis()
    points = QgsVectorLayer(str(DATA / "no_crs_points.geojson"), "p", "ogr")
    root = QgsRuleBasedRenderer.Rule(None)
    far = QgsRuleBasedRenderer.Rule(
        QgsMarkerSymbol.createSimple(
            {"name": "circle", "color": "220,40,40,255", "size": "3.2",
             "outline_color": "60,0,0,255", "outline_width": "0.4"}),
        600000, 0, "", "far")
    near = QgsRuleBasedRenderer.Rule(
        QgsMarkerSymbol.createSimple(
            {"name": "square", "color": "40,80,220,255", "size": "4"}),
        0, 600000, "", "near")
    root.appendChild(far)
    root.appendChild(near)
    points.setRenderer(QgsRuleBasedRenderer(root))
    points.saveNamedStyle(str(STYLES / "no_crs_points.qml"))
    lines = QgsVectorLayer(str(DATA / "no_crs_lines_3857.geojson"), "l", "ogr")
    lines.setRenderer(QgsSingleSymbolRenderer(QgsLineSymbol.createSimple(
        {"line_color": "20,110,40,255", "line_width": "0.8"})))
    lines.saveNamedStyle(str(STYLES / "no_crs_lines.qml"))
    grid = QgsRasterLayer(str(DATA / "no_crs_grid.tif"), "g", "gdal")
    grid.saveNamedStyle(str(STYLES / "no_crs_grid.qml"))  # QGIS's default
    polygons = QgsVectorLayer(str(DATA / "no_crs_polygons.shp"), "n", "ogr")
    polygons.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
        {"color": "240,190,60,200", "outline_color": "90,60,0,255",
         "outline_width": "0.5"})))
    polygons.saveNamedStyle(str(STYLES / "no_crs_polygons.qml"))
    qgis.exitQgis()


if __name__ == "__main__":
    write_data()
    write_styles()
