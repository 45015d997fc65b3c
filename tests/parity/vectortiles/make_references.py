#!/usr/bin/python3
"""Makes the vector tile parity references with QGIS 3.22.

Writes our own small data from a fixed seed (zones: polygons with a hole,
``kind`` park/built; roads: lines, ``class`` major/minor; places: points,
``rank`` 1–3; all in EPSG:3857 around Bern), turns it into vector tiles
with GDAL (zoom levels 8–12, extent 4096, buffer 80): ``data/tiles.mbtiles``
(gzip-compressed tiles) and ``data/xyz/{z}/{x}/{y}.pbf`` (uncompressed),
and a QGIS project over the MBTiles (``data/vectortiles.qgs``) whose layer
has a basic renderer of ordered styles: filters, a zoom range, a disabled
style, a line style over polygons, a style for every tile layer. It writes
QGIS's renders (``QgsMapRendererParallelJob``, transparent background, 96
dpi) of:

- ``mbtiles_3857``: the MBTiles layer on an EPSG:3857 map at zoom level 12;
- ``mbtiles_2056``: the same on an EPSG:2056 map (tiles reprojected);
- ``mbtiles_overzoom``: an EPSG:3857 map at zoom level 14 (tiles of 12);
- ``mbtiles_z10``: an EPSG:3857 map at zoom level 10 (fewer styles active);
- ``xyz_3857``: the XYZ tiles served by a loopback HTTP server, as
  ``mbtiles_3857``;
- ``labels_3857``, ``labels_2056``: a second layer over the MBTiles
  (``labelled``), the same renderer and a basic labeling (point, line and
  polygon styles, filters, zoom ranges), as ``mbtiles_3857`` and
  ``mbtiles_2056``;
- ``extras_3857``, ``extras_2056``: a third layer (``extras``) whose styles
  fill each tile's square (``background``), draw the zones with a point style
  (at their poles of inaccessibility) and every tile layer's points and
  polygons with another, and label the zones with a point labeling style.

Run with Debian's QGIS 3.22 (and its GDAL), never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/vectortiles/make_references.py
"""
import functools
import http.server
import json
import math
import random
import shutil
import sys
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
CX, CY = 828400.0, 5933600.0  # Bern, EPSG:3857
Z0_SCALE = 559082264.0287178
WIDTH, HEIGHT = 600, 400


def scale_of_zoom(z):
    # the scale QgsVectorTileUtils::scaleToZoom gives level z for
    return Z0_SCALE / 2 ** (z + 1)


def extent_3857(z, cx=CX, cy=CY):
    mupp = scale_of_zoom(z) * 0.0254 / 96
    return [cx - WIDTH * mupp / 2, cy - HEIGHT * mupp / 2,
            cx + WIDTH * mupp / 2, cy + HEIGHT * mupp / 2]


CASES = {
    "mbtiles_3857": {"crs": "EPSG:3857", "extent": extent_3857(12, CX + 900, CY - 700)},
    "mbtiles_2056": {"crs": "EPSG:2056", "extent": [2597500, 1196300, 2606500, 1202300]},
    "mbtiles_overzoom": {"crs": "EPSG:3857", "extent": extent_3857(14, CX + 1200, CY - 300)},
    "mbtiles_z10": {"crs": "EPSG:3857", "extent": extent_3857(10)},
    "xyz_3857": {"crs": "EPSG:3857", "extent": extent_3857(12, CX + 900, CY - 700)},
    "labels_3857": {"crs": "EPSG:3857", "extent": extent_3857(12, CX + 900, CY - 700),
                    "layer": "labelled"},
    "labels_2056": {"crs": "EPSG:2056", "extent": [2597500, 1196300, 2606500, 1202300],
                    "layer": "labelled"},
    "extras_3857": {"crs": "EPSG:3857", "extent": extent_3857(12, CX + 900, CY - 700),
                    "layer": "extras"},
    "extras_2056": {"crs": "EPSG:2056", "extent": [2597500, 1196300, 2606500, 1202300],
                    "layer": "extras"},
}


def write_source(path):
    rnd = random.Random(19)
    zones, roads, places = [], [], []
    for i in range(16):
        x = CX - 9000 + (i % 4) * 4800 + rnd.random() * 800
        y = CY - 9000 + (i // 4) * 4600 + rnd.random() * 800
        w, h = 3000 + rnd.random() * 1200, 2800 + rnd.random() * 1200
        ring = [[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]]
        rings = [ring]
        if i % 3 == 0:
            hx, hy = x + w * 0.3, y + h * 0.3
            rings.append([[hx, hy], [hx, hy + h * 0.3], [hx + w * 0.4, hy + h * 0.3],
                          [hx + w * 0.4, hy], [hx, hy]])
        zones.append({"type": "Feature",
                      "properties": {"kind": "park" if i % 2 else "built", "n": i},
                      "geometry": {"type": "Polygon", "coordinates": rings}})
    for i in range(10):
        pts = []
        x0, y0 = CX - 10000 + rnd.random() * 4000, CY - 10000 + i * 2100
        for k in range(8):
            pts.append([x0 + k * 2600 + rnd.random() * 600, y0 + math.sin(k + i) * 900])
        roads.append({"type": "Feature",
                      "properties": {"class": "major" if i % 3 == 0 else "minor", "n": i},
                      "geometry": {"type": "LineString", "coordinates": pts}})
    for i in range(40):
        places.append({"type": "Feature",
                       "properties": {"rank": 1 + i % 3, "name": f"P{i}"},
                       "geometry": {"type": "Point", "coordinates": [
                           CX - 9500 + rnd.random() * 19000, CY - 9500 + rnd.random() * 19000]}})
    from osgeo import ogr, osr
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(3857)
    drv = ogr.GetDriverByName("GPKG")
    if path.exists():
        path.unlink()
    ds = drv.CreateDataSource(str(path))
    for name, feats, gtype in (("zones", zones, ogr.wkbPolygon),
                               ("roads", roads, ogr.wkbLineString),
                               ("places", places, ogr.wkbPoint)):
        lyr = ds.CreateLayer(name, srs, gtype)
        for key, value in feats[0]["properties"].items():
            lyr.CreateField(ogr.FieldDefn(key, ogr.OFTInteger if isinstance(value, int)
                                          else ogr.OFTString))
        for f in feats:
            feat = ogr.Feature(lyr.GetLayerDefn())
            for key, value in f["properties"].items():
                feat.SetField(key, value)
            feat.SetGeometry(ogr.CreateGeometryFromJson(json.dumps(f["geometry"])))
            lyr.CreateFeature(feat)
    ds = None


def write_tiles():
    from osgeo import gdal
    gdal.UseExceptions()
    DATA.mkdir(exist_ok=True)
    src = Path("/tmp/qsl_vectortiles_src.gpkg")
    write_source(src)
    mbtiles = DATA / "tiles.mbtiles"
    if mbtiles.exists():
        mbtiles.unlink()
    xyz = DATA / "xyz"
    if xyz.exists():
        shutil.rmtree(xyz)
    common = ["-dsco", "MINZOOM=8", "-dsco", "MAXZOOM=12"]
    gdal.VectorTranslate(str(mbtiles), str(src), format="MBTiles",
                         options=common + ["-dsco", "NAME=qsl"])
    gdal.VectorTranslate(str(xyz), str(src), format="MVT",
                         options=common + ["-dsco", "COMPRESS=NO", "-dsco", "TILE_EXTENSION=pbf"])
    src.unlink()


def symbol_styles():
    from qgis.core import (QgsFillSymbol, QgsLineSymbol, QgsMarkerSymbol, QgsVectorTileBasicRendererStyle,
                           QgsWkbTypes)

    def style(name, layer, geometry, symbol, expression="", zmin=-1, zmax=-1, enabled=True):
        s = QgsVectorTileBasicRendererStyle(name, layer, geometry)
        s.setSymbol(symbol)
        s.setFilterExpression(expression)
        s.setMinZoomLevel(zmin)
        s.setMaxZoomLevel(zmax)
        s.setEnabled(enabled)
        return s

    P, L, M = QgsWkbTypes.PolygonGeometry, QgsWkbTypes.LineGeometry, QgsWkbTypes.PointGeometry
    return [
        style("built", "zones", P, QgsFillSymbol.createSimple({
            "color": "235,220,190,255", "outline_color": "120,100,80,255", "outline_width": "0.3"}),
            "\"kind\" = 'built'"),
        style("parks", "zones", P, QgsFillSymbol.createSimple({
            "color": "150,210,120,200", "outline_color": "40,110,40,255", "outline_width": "0.5"}),
            "\"kind\" = 'park'"),
        style("zone borders z11+", "zones", L, QgsLineSymbol.createSimple({
            "line_color": "200,30,30,255", "line_width": "0.4", "line_style": "dash"}),
            "\"n\" % 4 = 1", zmin=11),
        style("minor roads", "roads", L, QgsLineSymbol.createSimple({
            "line_color": "90,90,90,255", "line_width": "0.5"}), "\"class\" = 'minor'"),
        style("major roads", "roads", L, QgsLineSymbol.createSimple({
            "line_color": "230,120,20,255", "line_width": "1.2", "capstyle": "round"}),
            "\"class\" = 'major'"),
        style("places", "places", M, QgsMarkerSymbol.createSimple({
            "name": "circle", "color": "30,80,200,255", "outline_color": "255,255,255,255",
            "size": "2.6"}), "\"rank\" < 3", zmax=13),
        style("big places", "places", M, QgsMarkerSymbol.createSimple({
            "name": "square", "color": "200,30,160,255", "size": "3.4"}), "\"rank\" = 3", zmin=11),
        style("hidden", "", M, QgsMarkerSymbol.createSimple({
            "name": "star", "color": "0,0,0,255", "size": "6"}), enabled=False),
        style("all lines z10", "", L, QgsLineSymbol.createSimple({
            "line_color": "20,20,160,255", "line_width": "0.3"}), zmax=10),
    ]


def extra_styles():
    from qgis.core import (QgsFillSymbol, QgsMarkerSymbol, QgsVectorTileBasicRendererStyle,
                           QgsWkbTypes)
    background = QgsVectorTileBasicRendererStyle("background", "background",
                                                 QgsWkbTypes.PolygonGeometry)
    background.setSymbol(QgsFillSymbol.createSimple({
        "color": "225,235,245,255", "outline_color": "90,90,200,255", "outline_width": "0.6"}))
    zones = QgsVectorTileBasicRendererStyle("zones", "zones", QgsWkbTypes.PolygonGeometry)
    zones.setSymbol(QgsFillSymbol.createSimple({
        "color": "250,250,250,160", "outline_color": "60,60,60,255", "outline_width": "0.3"}))
    centres = QgsVectorTileBasicRendererStyle("zone centres", "zones", QgsWkbTypes.PointGeometry)
    centres.setSymbol(QgsMarkerSymbol.createSimple({
        "name": "diamond", "color": "220,60,30,255", "size": "3"}))
    every = QgsVectorTileBasicRendererStyle("every point", "", QgsWkbTypes.PointGeometry)
    every.setSymbol(QgsMarkerSymbol.createSimple({
        "name": "circle", "color": "20,20,20,255", "size": "1.2"}))
    return [background, zones, centres, every]


def labeling_styles():
    from qgis.core import (QgsPalLayerSettings, QgsTextFormat, QgsVectorTileBasicLabelingStyle,
                           QgsWkbTypes)
    from qgis.PyQt.QtGui import QColor, QFont

    def style(name, layer, geometry, field, placement, color, expression="", zmin=-1, zmax=-1):
        settings = QgsPalLayerSettings()
        settings.fieldName = field
        settings.isExpression = True
        settings.placement = placement
        fmt = QgsTextFormat()
        fmt.setFont(QFont("DejaVu Sans"))
        fmt.setSize(8)
        fmt.setColor(QColor(*color))
        settings.setFormat(fmt)
        s = QgsVectorTileBasicLabelingStyle()
        s.setStyleName(name)
        s.setLayerName(layer)
        s.setGeometryType(geometry)
        s.setFilterExpression(expression)
        s.setMinZoomLevel(zmin)
        s.setMaxZoomLevel(zmax)
        s.setLabelSettings(settings)
        return s

    return [
        style("place names", "places", QgsWkbTypes.PointGeometry, "\"name\"",
              QgsPalLayerSettings.OrderedPositionsAroundPoint, (20, 20, 90), "\"rank\" < 3"),
        style("road classes", "roads", QgsWkbTypes.LineGeometry, "upper(\"class\")",
              QgsPalLayerSettings.Line, (120, 60, 0)),
        style("zone numbers", "zones", QgsWkbTypes.PolygonGeometry, "'Z' || \"n\"",
              QgsPalLayerSettings.OverPoint, (0, 90, 0), zmax=11),
        style("zone kinds z12", "zones", QgsWkbTypes.PolygonGeometry, "\"kind\"",
              QgsPalLayerSettings.OverPoint, (90, 0, 90), zmin=12),
    ]


def main():
    from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsMapRendererParallelJob,
                           QgsWkbTypes,
                           QgsMapSettings, QgsProject, QgsRectangle, QgsVectorTileBasicLabeling,
                           QgsVectorTileBasicRenderer, QgsVectorTileLayer)
    from qgis.PyQt.QtCore import QEventLoop, QSize, Qt
    from qgis.PyQt.QtGui import QColor

    write_tiles()
    app = QgsApplication([], False)
    app.initQgis()

    def layer_of(uri, name):
        layer = QgsVectorTileLayer(uri, name)
        if not layer.isValid():
            raise RuntimeError(f"{name} is not valid")
        renderer = QgsVectorTileBasicRenderer()
        renderer.setStyles(symbol_styles())
        layer.setRenderer(renderer)
        return layer

    project = QgsProject.instance()
    project.clear()
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
    tiles = layer_of(f"type=mbtiles&url={DATA / 'tiles.mbtiles'}", "tiles")
    tiles.setShortName("tiles")
    project.addMapLayer(tiles)
    labelled = layer_of(f"type=mbtiles&url={DATA / 'tiles.mbtiles'}", "labelled")
    labelled.setShortName("labelled")
    labeling = QgsVectorTileBasicLabeling()
    labeling.setStyles(labeling_styles())
    labelled.setLabeling(labeling)
    project.addMapLayer(labelled)
    extras = layer_of(f"type=mbtiles&url={DATA / 'tiles.mbtiles'}", "extras")
    extras.setShortName("extras")
    renderer = QgsVectorTileBasicRenderer()
    renderer.setStyles(extra_styles())
    extras.setRenderer(renderer)
    extras_labeling = QgsVectorTileBasicLabeling()
    extras_labeling.setStyles([labeling_styles()[2]])
    # zone numbers with a point style: at the zones' poles of inaccessibility
    extras_labeling.styles()
    point_labels = extras_labeling.styles()
    point_labels[0].setGeometryType(QgsWkbTypes.PointGeometry)
    point_labels[0].setMaxZoomLevel(-1)
    extras_labeling.setStyles(point_labels)
    extras.setLabeling(extras_labeling)
    project.addMapLayer(extras)
    if not project.write(str(DATA / "vectortiles.qgs")):
        raise RuntimeError("cannot write the project")
    # QGIS's backup of the file it replaced
    (DATA / "vectortiles.qgs~").unlink(missing_ok=True)

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(DATA / "xyz"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    xyz = layer_of(f"type=xyz&url=http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.pbf&zmin=8&zmax=12", "xyz")

    for case, spec in CASES.items():
        settings = QgsMapSettings()
        settings.setOutputSize(QSize(WIDTH, HEIGHT))
        settings.setOutputDpi(96)
        settings.setDestinationCrs(QgsCoordinateReferenceSystem(spec["crs"]))
        settings.setExtent(QgsRectangle(*spec["extent"]))
        named = {"labelled": labelled, "extras": extras}
        settings.setLayers([xyz if case.startswith("xyz") else named.get(spec.get("layer"), tiles)])
        settings.setBackgroundColor(QColor(Qt.transparent))
        job = QgsMapRendererParallelJob(settings)
        loop = QEventLoop()
        job.finished.connect(loop.quit)
        job.start()
        loop.exec_()
        for error in job.errors():
            print(f"  QGIS: {error.layerID}: {error.message}", file=sys.stderr)
        job.renderedImage().save(str(HERE / f"{case}.qgis.png"), "PNG")
        print(case, settings.scale(), spec["extent"])
    server.shutdown()
    (HERE / "cases.json").write_text(json.dumps(CASES, indent=1) + "\n")
    app.exitQgis()


if __name__ == "__main__":
    main()
