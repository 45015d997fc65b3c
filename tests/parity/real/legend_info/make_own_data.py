#!/usr/bin/python3
"""Makes our own small project for the feature info and legend cases of
``legend_info/cases.json`` whose behaviours the public projects do not show:
``own/info.gpkg`` (points, lines, polygons with null, date, time, boolean
and real values), ``own/grid.tif`` (two Float32 bands, no data, a band
description) and ``own/info.qgs`` (aliases, a value map, a field hidden from
WMS, geometry added to feature info answers).

With the argument ``fid`` it makes only ``own/fid/``: a Shapefile whose
attribute ``FID`` holds values other than its record numbers (QGIS's
feature ids; OGR SQL's ``FID`` names the attribute there) and
``own/fid/fid.qgs`` with it.

With the argument ``metres`` it makes only ``own/metres/``: points and
lines in EPSG:4326 and EPSG:2056 whose symbols are sized in metres at scale
(``RenderMetersInMapUnits``), and ``own/metres/metres.qgs`` with them, for
the legend patches QGIS draws of such symbols.

With the argument ``names`` it makes only ``own/names/``: a GeoPackage
layer whose layer and field names hold characters an XML name cannot
(``@id``, ``a&b``, spaces, a leading digit…) and ``own/names/names.qgs``
with it, for the element names of QGIS Server's GML.

With the argument ``legends`` it makes only ``own/legends/``: one line
layer drawn by renderers listing a single row, with and without a label
(a rule, a category), and two unlabelled rules, and
``own/legends/legends.qgs`` with them, for which rows QGIS's legend embeds
in the layer's row (labelled with the layer name).

With the argument ``nested`` it makes only ``own/nested/``: one line layer
drawn by a rule-based renderer whose rules nest, under a parent without a
symbol and under one with a symbol (two levels deep), in
``own/nested/nested.qgs``, for where QGIS's legend draws nested rows.

With the argument ``symbolcolor`` it makes only ``own/symbolcolor/``: a
polygon layer whose fill has no brush and an outline coloured by the
expression ``@symbol_color`` over a static blue, in
``own/symbolcolor/symbolcolor.qgs``, for the colour QGIS's legend patch
takes (its preview sets no symbol scope: the static colour).

With the argument ``twins`` it makes only ``own/twins/``: two layers of one
name in ``own/twins/twins.qgs``, each over its own GeoPackage table with a
point at the map's centre, for which of them QGIS Server answers the name.

With the argument ``nocrs`` it makes only ``own/nocrs/``: a GeoTIFF without
a CRS of its own that ``own/nocrs/nocrs.qgs`` declares EPSG:2056, for a raster
read in the CRS its project declares.

With the argument ``spaces`` it makes only ``own/spaces/``: a point layer
named with a trailing space (``"spaced "``, as projects name them by
accident) in ``own/spaces/spaces.qgs``, for the name QGIS Server answers it
by in ``QUERY_LAYERS``.

With the argument ``dupes`` it makes only ``own/dupes/``: a Shapefile
whose DBF holds three fields of one name (``votes``, as truncating longer
names to 10 characters leaves them; GDAL would write them apart, so the
header is rewritten) and one other, in ``own/dupes/dupes.qgs``, for the
names QGIS gives them (``votes``, ``votes_1``, ``votes_2``).

With the argument ``virtjoin`` it makes only ``own/virtjoin/``: points
joined to a table on a virtual field (``code``, the expression ``"n"`` as
an integer over a real field), in ``own/virtjoin/virtjoin.qgs``, for the
joined values QGIS computes that field for first.

With the argument ``virtual`` it makes only ``own/virtual/``: points whose
categorized renderer classifies by a virtual field (an expression field of
the project), and ``own/virtual/virtual.qgs`` with them, for the features
QGIS Server answers by the virtual field's class.

Run with Debian's QGIS 3.22, then make_references.py::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/legend_info/make_own_data.py [fid|names|metres|legends|nested|virtual|symbolcolor|twins|nocrs|spaces|dupes|virtjoin]
"""
import os
import re
import shutil
import sys
from pathlib import Path

from osgeo import gdal, ogr, osr
from qgis.core import (
    QgsApplication,
    QgsEditorWidgetSetup,
    QgsProject,
    QgsRasterLayer,
    QgsVectorLayer,
)

OWN = Path(__file__).resolve().parent / "own"


def make_gpkg(path):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2056)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    no_index = ["SPATIAL_INDEX=NO"]
    points = ds.CreateLayer("places", srs, ogr.wkbPoint, no_index)
    for name, kind in [
        ("name", ogr.OFTString), ("pop", ogr.OFTInteger),
        ("area", ogr.OFTReal), ("founded", ogr.OFTDate),
        ("updated", ogr.OFTDateTime), ("opens", ogr.OFTTime),
        ("capital", ogr.OFTInteger), ("kind", ogr.OFTString),
        ("secret", ogr.OFTString),
    ]:
        d = ogr.FieldDefn(name, kind)
        if name == "capital":
            d.SetSubType(ogr.OFSTBoolean)
        points.CreateField(d)
    rows = [
        ("Aarberg", 4600, 7.75, "1271-05-01", "2024-01-31 10:05:00", "08:30:00", 1, "t", "x"),
        ("Bern", 134000, 51.62, "1191-01-01", "2023-12-01 00:00:00", "07:00:00", 0, "c", "y"),
        ("Chur", None, 0.0005, None, None, None, None, None, None),
        ("Dorf", 12, 1234567.125, "2001-02-03", "2001-02-03 04:05:06", "23:59:59", 0, "v", "z"),
        ("Egg", 7, 1e-7, "1999-12-31", "1999-12-31 23:59:59", "00:00:00", 1, "q", "w"),
    ]
    for i, r in enumerate(rows):
        f = ogr.Feature(points.GetLayerDefn())
        for k, v in zip(["name", "pop", "area", "founded", "updated", "opens", "capital", "kind", "secret"], r):
            if v is not None:
                f.SetField(k, v)
        # five places within 40 m of each other, ids out of distance order
        f.SetGeometry(ogr.CreateGeometryFromWkt(
            f"POINT ({2600000 + [30, -20, 10, 0, -35.123456789][i]} {1200000 + [5, 25, -30, 0, -10.987654321][i]})"))
        points.CreateFeature(f)
    lines = ds.CreateLayer("roads", srs, ogr.wkbLineString, no_index)
    lines.CreateField(ogr.FieldDefn("lanes", ogr.OFTInteger))
    lines.CreateField(ogr.FieldDefn("label", ogr.OFTString))
    for i, wkt in enumerate([
        "LINESTRING (2599900 1200000, 2600100 1200000)",
        "LINESTRING (2600000 1199900, 2600000 1200100)",
        "LINESTRING (2599900 1200060, 2600100 1200060)",
    ]):
        f = ogr.Feature(lines.GetLayerDefn())
        f.SetField("lanes", i + 1)
        f.SetField("label", f"road {i}")
        f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        lines.CreateFeature(f)
    polys = ds.CreateLayer("zones", srs, ogr.wkbPolygon, no_index)
    polys.CreateField(ogr.FieldDefn("zone", ogr.OFTString))
    polys.CreateField(ogr.FieldDefn("share", ogr.OFTReal))
    for i, wkt in enumerate([
        "POLYGON ((2599800 1199800, 2600200 1199800, 2600200 1200200, 2599800 1200200, 2599800 1199800),"
        " (2599990 1199990, 2600010 1199990, 2600010 1200010, 2599990 1200010, 2599990 1199990))",
        "POLYGON ((2599950 1199950, 2600050 1199950, 2600050 1200050, 2599950 1200050, 2599950 1199950))",
    ]):
        f = ogr.Feature(polys.GetLayerDefn())
        f.SetField("zone", f"zone {i}")
        f.SetField("share", [0.25, 12.5][i])
        f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        polys.CreateFeature(f)
    ds = None


def make_grid(path):
    ds = gdal.GetDriverByName("GTiff").Create(str(path), 8, 8, 2, gdal.GDT_Float32)
    ds.SetGeoTransform([2599800, 50, 0, 1200200, 0, -50])
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2056)
    ds.SetProjection(srs.ExportToWkt())
    for b in (1, 2):
        band = ds.GetRasterBand(b)
        band.SetNoDataValue(-9999)
        band.WriteRaster(0, 0, 8, 8, bytes(
            __import__("struct").pack(
                "<64f", *[(-9999 if (x + y) % 7 == 0 else (x * 1000.5 + y * 0.125) * b) for y in range(8) for x in range(8)])))
    ds.GetRasterBand(1).SetDescription("height")
    ds = None


def make_fid_project():
    """own/fid/: a Shapefile with an attribute FID out of record order."""
    out = OWN / "fid"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2056)
    ds = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(str(out / "parcels.shp"))
    parcels = ds.CreateLayer("parcels", srs, ogr.wkbPoint)
    parcels.CreateField(ogr.FieldDefn("FID", ogr.OFTInteger))
    parcels.CreateField(ogr.FieldDefn("name", ogr.OFTString))
    # FID values out of record order, two of them record numbers of others;
    # the points lie so that distance order is neither
    for i, (fid, dx, dy) in enumerate([
        (100, 30, 5), (7, -20, 25), (42, 10, -30), (3, 0, 0), (0, -35, -10),
    ]):
        f = ogr.Feature(parcels.GetLayerDefn())
        f.SetField("FID", fid)
        f.SetField("name", f"p{i}")
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({2600000 + dx} {1200000 + dy})"))
        parcels.CreateFeature(f)
    ds = None
    project = QgsProject()
    layer = QgsVectorLayer(str(out / "parcels.shp"), "parcels", "ogr")
    assert layer.isValid()
    project.addMapLayer(layer)
    project.setCrs(layer.crs())
    project.writeEntry("WMSAddWktGeometry", "/", "true")
    project.setFileName(str(out / "fid.qgs"))
    assert project.write()


# field names as OSM and spreadsheets give them: what QGIS Server's GML
# makes of each is what the cases measure
ODD_FIELDS = [
    "@id", "a b", "x&y", "p<q>", "9lives", "Straße", "a:b", "é.t-x",
    'c"d', "#tag", "a/b", "k=v", "_ok", "tab\tin", "ünï·cödé",
]


def make_names_project():
    """own/names/: field and layer names an XML name cannot hold."""
    out = OWN / "names"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2056)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(out / "names.gpkg"))
    layer = ds.CreateLayer("odd names", srs, ogr.wkbPoint, ["SPATIAL_INDEX=NO"])
    for name in ODD_FIELDS:
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    f = ogr.Feature(layer.GetLayerDefn())
    for i, name in enumerate(ODD_FIELDS):
        f.SetField(name, f"v{i}")
    f.SetGeometry(ogr.CreateGeometryFromWkt("POINT (2600000 1200000)"))
    layer.CreateFeature(f)
    ds = None
    project = QgsProject()
    vl = QgsVectorLayer(str(out / "names.gpkg") + "|layername=odd names", "odd names (1)", "ogr")
    assert vl.isValid()
    assert [f.name() for f in vl.fields()][1:] == ODD_FIELDS, [f.name() for f in vl.fields()]
    project.addMapLayer(vl)
    project.setCrs(vl.crs())
    project.setFileName(str(out / "names.qgs"))
    assert project.write()


def make_spaces_project():
    """own/spaces/: a layer named with a trailing space."""
    out = OWN / "spaces"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2056)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(out / "spaces.gpkg"))
    layer = ds.CreateLayer("spaced", srs, ogr.wkbPoint, ["SPATIAL_INDEX=NO"])
    layer.CreateField(ogr.FieldDefn("label", ogr.OFTString))
    f = ogr.Feature(layer.GetLayerDefn())
    f.SetField("label", "centre")
    f.SetGeometry(ogr.CreateGeometryFromWkt("POINT (2600000 1200000)"))
    layer.CreateFeature(f)
    ds = None
    project = QgsProject()
    vl = QgsVectorLayer(str(out / "spaces.gpkg") + "|layername=spaced", "spaced ", "ogr")
    assert vl.isValid()
    project.addMapLayer(vl)
    project.setCrs(vl.crs())
    project.setFileName(str(out / "spaces.qgs"))
    assert project.write()


def make_dupes_project():
    """own/dupes/: a DBF with three fields of one name."""
    out = OWN / "dupes"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2056)
    ds = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(str(out / "dupes.shp"))
    layer = ds.CreateLayer("dupes", srs, ogr.wkbPoint)
    names = ["votes", "votex", "votey", "party"]
    for name in names[:3]:
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTInteger))
    layer.CreateField(ogr.FieldDefn("party", ogr.OFTString))
    for i, (x, party) in enumerate([(2600000, "A"), (2600100, "B")]):
        f = ogr.Feature(layer.GetLayerDefn())
        for k, name in enumerate(names[:3]):
            f.SetField(name, 10 * (i + 1) + k)
        f.SetField("party", party)
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({x} 1200000)"))
        layer.CreateFeature(f)
    ds = None
    dbf = out / "dupes.dbf"
    data = dbf.read_bytes()
    for other in (b"votex", b"votey"):
        assert data.count(other + b"\0") == 1
        data = data.replace(other + b"\0", b"votes\0")
    dbf.write_bytes(data)
    project = QgsProject()
    vl = QgsVectorLayer(str(out / "dupes.shp"), "dupes", "ogr")
    assert vl.isValid()
    got = [f.name() for f in vl.fields()]
    assert got == ["votes", "votes_1", "votes_2", "party"], got
    project.addMapLayer(vl)
    project.setCrs(vl.crs())
    project.setFileName(str(out / "dupes.qgs"))
    assert project.write()


def make_virtjoin_project():
    """own/virtjoin/: a join whose target is a virtual field."""
    from qgis.core import QgsField, QgsVectorLayerJoinInfo
    from qgis.PyQt.QtCore import QVariant

    out = OWN / "virtjoin"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2056)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(out / "virtjoin.gpkg"))
    points = ds.CreateLayer("points", srs, ogr.wkbPoint, ["SPATIAL_INDEX=NO"])
    points.CreateField(ogr.FieldDefn("n", ogr.OFTReal))
    for n, x in ((1.0, 2600000), (2.0, 2600100), (5.0, 2599900)):
        f = ogr.Feature(points.GetLayerDefn())
        f.SetField("n", n)
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({x} 1200000)"))
        points.CreateFeature(f)
    names = ds.CreateLayer("names", None, ogr.wkbNone)
    names.CreateField(ogr.FieldDefn("code", ogr.OFTInteger))
    names.CreateField(ogr.FieldDefn("label", ogr.OFTString))
    for code, label in ((1, "one"), (2, "two"), (3, "three")):
        f = ogr.Feature(names.GetLayerDefn())
        f.SetField("code", code)
        f.SetField("label", label)
        names.CreateFeature(f)
    ds = None
    project = QgsProject()
    vl = QgsVectorLayer(str(out / "virtjoin.gpkg") + "|layername=points", "points", "ogr")
    table = QgsVectorLayer(str(out / "virtjoin.gpkg") + "|layername=names", "names", "ogr")
    assert vl.isValid() and table.isValid()
    project.addMapLayer(vl)
    project.addMapLayer(table)
    vl.addExpressionField('"n"', QgsField("code", QVariant.Int))
    join = QgsVectorLayerJoinInfo()
    join.setJoinLayer(table)
    join.setJoinFieldName("code")
    join.setTargetFieldName("code")
    join.setUsingMemoryCache(True)
    join.setPrefix("names_")
    assert vl.addJoin(join)
    got = [(f["n"], f["code"], f["names_label"]) for f in vl.getFeatures()]
    assert got == [(1.0, 1, "one"), (2.0, 2, "two"), (5.0, 5, None)], got
    project.setCrs(vl.crs())
    project.setFileName(str(out / "virtjoin.qgs"))
    assert project.write()


def make_metres_project():
    """own/metres/: symbols sized in metres at scale, geographic and not."""
    from qgis.core import QgsLineSymbol, QgsMarkerSymbol, QgsSingleSymbolRenderer, QgsUnitTypes

    out = OWN / "metres"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    project = QgsProject()
    for epsg, x, y in ((4326, 8.2, 46.8), (2056, 2600000, 1200000)):
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(epsg)
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        path = out / f"metres_{epsg}.gpkg"
        ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
        pts = ds.CreateLayer("points", srs, ogr.wkbPoint, ["SPATIAL_INDEX=NO"])
        f = ogr.Feature(pts.GetLayerDefn())
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({x} {y})"))
        pts.CreateFeature(f)
        lines = ds.CreateLayer("lines", srs, ogr.wkbLineString, ["SPATIAL_INDEX=NO"])
        f = ogr.Feature(lines.GetLayerDefn())
        d = 0.01 if epsg == 4326 else 1000
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"LINESTRING ({x} {y}, {x + d} {y + d})"))
        lines.CreateFeature(f)
        ds = None
        for name, size in (("points", 30), ("lines", 10)):
            vl = QgsVectorLayer(f"{path}|layername={name}", f"{name} {epsg}", "ogr")
            assert vl.isValid()
            if name == "points":
                sym = QgsMarkerSymbol.createSimple({"name": "circle", "color": "200,40,40"})
                sym.setSize(size)
                sym.setSizeUnit(QgsUnitTypes.RenderMetersInMapUnits)
            else:
                sym = QgsLineSymbol.createSimple({"color": "40,40,200"})
                sym.setWidth(size)
                sym.setWidthUnit(QgsUnitTypes.RenderMetersInMapUnits)
            vl.setRenderer(QgsSingleSymbolRenderer(sym))
            project.addMapLayer(vl)
    # a fill whose layers take metres in other properties: an outline's
    # width, a marker line's interval, a line pattern's spacing, an offset
    from qgis.core import (
        QgsFillSymbol, QgsLinePatternFillSymbolLayer, QgsMarkerLineSymbolLayer,
        QgsSimpleFillSymbolLayer,
    )
    path = out / "metres_2056.gpkg"
    ds = ogr.Open(str(path), 1)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2056)
    zones = ds.CreateLayer("zones", srs, ogr.wkbPolygon, ["SPATIAL_INDEX=NO"])
    f = ogr.Feature(zones.GetLayerDefn())
    f.SetGeometry(ogr.CreateGeometryFromWkt(
        "POLYGON ((2600000 1200000, 2601000 1200000, 2601000 1201000, 2600000 1200000))"))
    zones.CreateFeature(f)
    ds = None
    vl = QgsVectorLayer(f"{path}|layername=zones", "zones 2056", "ogr")
    assert vl.isValid()
    fill = QgsSimpleFillSymbolLayer.create({
        "color": "220,220,120", "outline_color": "90,90,20",
        "outline_width": "8", "outline_width_unit": "RenderMetersInMapUnits",
    })
    pattern = QgsLinePatternFillSymbolLayer.create({
        "distance": "40", "distance_unit": "RenderMetersInMapUnits",
        "angle": "45", "color": "20,20,120",
    })
    markers = QgsMarkerLineSymbolLayer.create({
        "interval": "100", "interval_unit": "RenderMetersInMapUnits",
    })
    offset = QgsSimpleFillSymbolLayer.create({
        "color": "0,0,0,0", "outline_color": "200,0,0",
        "offset": "20,20", "offset_unit": "RenderMetersInMapUnits",
    })
    symbol = QgsFillSymbol.createSimple({})
    symbol.changeSymbolLayer(0, fill)
    for layer in (pattern, markers, offset):
        symbol.appendSymbolLayer(layer)
    vl.setRenderer(QgsSingleSymbolRenderer(symbol))
    project.addMapLayer(vl)
    project.setCrs(QgsProject.instance().crs().fromEpsgId(2056))
    project.setFileName(str(out / "metres.qgs"))
    assert project.write()


def fresh_gpkg(name):
    """An emptied ``own/<name>/`` and a new ``<name>.gpkg`` in it: the folder,
    EPSG:2056, the GeoPackage's path and its open data source."""
    out = OWN / name
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2056)
    path = out / f"{name}.gpkg"
    return out, srs, path, ogr.GetDriverByName("GPKG").CreateDataSource(str(path))


def fresh_line_gpkg(name):
    """An emptied ``own/<name>/`` and ``<name>.gpkg`` in it holding a layer
    ``lines`` of one line (``kind`` "a"): the folder and the GeoPackage's
    path."""
    out, srs, path, ds = fresh_gpkg(name)
    lines = ds.CreateLayer("lines", srs, ogr.wkbLineString, ["SPATIAL_INDEX=NO"])
    lines.CreateField(ogr.FieldDefn("kind", ogr.OFTString))
    f = ogr.Feature(lines.GetLayerDefn())
    f.SetField("kind", "a")
    f.SetGeometry(ogr.CreateGeometryFromWkt(
        "LINESTRING (2600000 1200000, 2601000 1201000)"))
    lines.CreateFeature(f)
    ds = None
    return out, path


def make_legends_project():
    """own/legends/: renderers listing one row, labelled or not."""
    from qgis.core import (
        QgsCategorizedSymbolRenderer, QgsLineSymbol, QgsRendererCategory,
        QgsRuleBasedRenderer,
    )

    out, path = fresh_line_gpkg("legends")
    project = QgsProject()

    def line(color):
        return QgsLineSymbol.createSimple({"color": color, "width": "1.3"})

    def rules(labels):
        root = QgsRuleBasedRenderer.Rule(None)
        for i, label in enumerate(labels):
            root.appendChild(QgsRuleBasedRenderer.Rule(
                line(f"{40 + 80 * i},40,200"), 0, 0, "", label))
        return QgsRuleBasedRenderer(root)

    renderers = {
        "one unlabelled rule": rules([""]),
        "one labelled rule": rules(["Rule A"]),
        "two unlabelled rules": rules(["", ""]),
        "one unlabelled category": QgsCategorizedSymbolRenderer(
            "kind", [QgsRendererCategory("a", line("200,40,40"), "")]),
    }
    for name, renderer in renderers.items():
        vl = QgsVectorLayer(f"{path}|layername=lines", name, "ogr")
        assert vl.isValid()
        vl.setRenderer(renderer)
        project.addMapLayer(vl)
    project.setCrs(QgsProject.instance().crs().fromEpsgId(2056))
    project.setFileName(str(out / "legends.qgs"))
    assert project.write()


def make_nested_project():
    """own/nested/: a rule-based renderer with nested rules, under a parent
    without a symbol and under a parent with one, two levels deep."""
    from qgis.core import QgsLineSymbol, QgsRuleBasedRenderer

    out, path = fresh_line_gpkg("nested")
    project = QgsProject()

    def rule(label, color=None):
        symbol = (QgsLineSymbol.createSimple({"color": color, "width": "1.3"})
                  if color else None)
        return QgsRuleBasedRenderer.Rule(symbol, 0, 0, "", label)

    root = QgsRuleBasedRenderer.Rule(None)
    bare = rule("Parent without symbol")
    bare.appendChild(rule("Child A", "200,40,40"))
    bare.appendChild(rule("Child B", "40,160,40"))
    drawn = rule("Parent with symbol", "40,40,200")
    child = rule("Child C", "200,160,40")
    child.appendChild(rule("Grandchild D", "160,40,200"))
    drawn.appendChild(child)
    root.appendChild(bare)
    root.appendChild(drawn)
    vl = QgsVectorLayer(f"{path}|layername=lines", "nested rules", "ogr")
    assert vl.isValid()
    vl.setRenderer(QgsRuleBasedRenderer(root))
    project.addMapLayer(vl)
    project.setCrs(QgsProject.instance().crs().fromEpsgId(2056))
    project.setFileName(str(out / "nested.qgs"))
    assert project.write()


def make_virtual_project():
    """own/virtual/: a renderer classifying by a virtual field."""
    from qgis.core import (
        QgsCategorizedSymbolRenderer, QgsField, QgsMarkerSymbol,
        QgsRendererCategory,
    )
    from qgis.PyQt.QtCore import QVariant

    out = OWN / "virtual"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2056)
    path = out / "virtual.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    points = ds.CreateLayer("points", srs, ogr.wkbPoint, ["SPATIAL_INDEX=NO"])
    points.CreateField(ogr.FieldDefn("v", ogr.OFTInteger))
    # two points under the map's centre (v 1 and 2), one beside (v 3)
    for v, x in ((1, 2600000), (2, 2600000), (3, 2600100)):
        f = ogr.Feature(points.GetLayerDefn())
        f.SetField("v", v)
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({x} 1200000)"))
        points.CreateFeature(f)
    ds = None
    vl = QgsVectorLayer(f"{path}|layername=points", "classified", "ogr")
    assert vl.isValid()
    field = QgsField("twice", QVariant.Int)
    vl.addExpressionField('"v" * 2', field)
    # only twice = 2 has a class: the feature with v 2 (twice 4) is not drawn
    vl.setRenderer(QgsCategorizedSymbolRenderer("twice", [QgsRendererCategory(
        2, QgsMarkerSymbol.createSimple({"color": "200,40,40"}), "two")]))
    project = QgsProject()
    project.addMapLayer(vl)
    project.setCrs(QgsProject.instance().crs().fromEpsgId(2056))
    project.setFileName(str(out / "virtual.qgs"))
    assert project.write()


def make_symbolcolor_project():
    """own/symbolcolor/: an outline coloured by ``@symbol_color`` (the
    fill's red) over a static blue, with no brush."""
    from qgis.core import (
        QgsFillSymbol, QgsProperty, QgsSingleSymbolRenderer, QgsSymbolLayer,
    )

    out, srs, path, ds = fresh_gpkg("symbolcolor")
    zones = ds.CreateLayer("zones", srs, ogr.wkbPolygon, ["SPATIAL_INDEX=NO"])
    f = ogr.Feature(zones.GetLayerDefn())
    f.SetGeometry(ogr.CreateGeometryFromWkt(
        "POLYGON ((2600000 1200000, 2601000 1200000, 2601000 1201000, "
        "2600000 1200000))"))
    zones.CreateFeature(f)
    ds = None
    vl = QgsVectorLayer(f"{path}|layername=zones", "outlined by symbol colour", "ogr")
    assert vl.isValid()
    symbol = QgsFillSymbol.createSimple({
        "color": "200,40,40", "style": "no", "outline_color": "40,40,200",
        "outline_width": "0.6",
    })
    symbol.symbolLayer(0).setDataDefinedProperty(
        QgsSymbolLayer.PropertyStrokeColor,
        QgsProperty.fromExpression("@symbol_color"),
    )
    vl.setRenderer(QgsSingleSymbolRenderer(symbol))
    project = QgsProject()
    project.addMapLayer(vl)
    project.setCrs(QgsProject.instance().crs().fromEpsgId(2056))
    project.setFileName(str(out / "symbolcolor.qgs"))
    assert project.write()


def make_twins_project():
    """own/twins/: two layers of one name ("twin"), each over its own table
    with a point at the map's centre, the upper one first in the layer
    tree and last by id, for which of them QGIS Server answers the name."""
    from qgis.core import QgsMarkerSymbol, QgsSingleSymbolRenderer

    out = OWN / "twins"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2056)
    path = out / "twins.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    for table in ("upper", "lower"):
        layer = ds.CreateLayer(table, srs, ogr.wkbPoint, ["SPATIAL_INDEX=NO"])
        layer.CreateField(ogr.FieldDefn("who", ogr.OFTString))
        f = ogr.Feature(layer.GetLayerDefn())
        f.SetField("who", table)
        f.SetGeometry(ogr.CreateGeometryFromWkt("POINT (2600000 1200000)"))
        layer.CreateFeature(f)
    ds = None
    project = QgsProject()
    root = project.layerTreeRoot()
    ids = {}
    for table, color in (("upper", "200,40,40"), ("lower", "40,40,200")):
        vl = QgsVectorLayer(f"{path}|layername={table}", "twin", "ogr")
        assert vl.isValid()
        vl.setRenderer(QgsSingleSymbolRenderer(
            QgsMarkerSymbol.createSimple({"color": color})))
        project.addMapLayer(vl, False)
        root.addLayer(vl)
        ids[table] = vl.id()
    project.setCrs(QgsProject.instance().crs().fromEpsgId(2056))
    qgs = out / "twins.qgs"
    project.setFileName(str(qgs))
    assert project.write()
    # the upper layer's id sorts after the lower's (the tree's order is not
    # the ids')
    text = qgs.read_text()
    text = text.replace(ids["upper"], "twin_z_upper")
    text = text.replace(ids["lower"], "twin_a_lower")
    qgs.write_text(text)


def make_nocrs_project():
    """own/nocrs/: a GeoTIFF grid in EPSG:2056 coordinates without a CRS of
    its own, which the project declares EPSG:2056, for a raster read in the
    CRS its project declares."""
    from qgis.core import QgsCoordinateReferenceSystem

    out = OWN / "nocrs"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    path = out / "nocrs.tif"
    ds = gdal.GetDriverByName("GTiff").Create(str(path), 40, 40, 1, gdal.GDT_Byte)
    ds.SetGeoTransform([2599800, 10, 0, 1200200, 0, -10])
    band = ds.GetRasterBand(1)
    band.WriteRaster(0, 0, 40, 40, bytes(
        (x * 6 + y * 3) % 256 for y in range(40) for x in range(40)
    ))
    ds = None
    layer = QgsRasterLayer(str(path), "nocrs", "gdal")
    assert layer.isValid()
    layer.setCrs(QgsCoordinateReferenceSystem("EPSG:2056"))
    project = QgsProject()
    project.addMapLayer(layer)
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:2056"))
    project.setFileName(str(out / "nocrs.qgs"))
    assert project.write()


def main():
    qgis = QgsApplication([], False)
    qgis.initQgis()
    if sys.argv[1:] == ["nocrs"]:
        make_nocrs_project()
        qgis.exitQgis()
        return
    if sys.argv[1:] == ["symbolcolor"]:
        make_symbolcolor_project()
        qgis.exitQgis()
        return
    if sys.argv[1:] == ["twins"]:
        make_twins_project()
        qgis.exitQgis()
        return
    if sys.argv[1:] == ["fid"]:
        make_fid_project()
        qgis.exitQgis()
        return
    if sys.argv[1:] == ["metres"]:
        make_metres_project()
        qgis.exitQgis()
        return
    if sys.argv[1:] == ["legends"]:
        make_legends_project()
        qgis.exitQgis()
        return
    if sys.argv[1:] == ["nested"]:
        make_nested_project()
        qgis.exitQgis()
        return
    if sys.argv[1:] == ["virtual"]:
        make_virtual_project()
        qgis.exitQgis()
        return
    if sys.argv[1:] == ["virtjoin"]:
        make_virtjoin_project()
        qgis.exitQgis()
        return
    if sys.argv[1:] == ["dupes"]:
        make_dupes_project()
        qgis.exitQgis()
        return
    if sys.argv[1:] == ["spaces"]:
        make_spaces_project()
        qgis.exitQgis()
        return
    if sys.argv[1:] == ["names"]:
        make_names_project()
        qgis.exitQgis()
        return
    OWN.mkdir(exist_ok=True)
    for f in OWN.iterdir():
        if f.is_dir():
            shutil.rmtree(f)
        else:
            f.unlink()
    make_gpkg(OWN / "info.gpkg")
    make_grid(OWN / "grid.tif")
    project = QgsProject()
    places = QgsVectorLayer(str(OWN / "info.gpkg") + "|layername=places", "places", "ogr")
    places.setFieldAlias(places.fields().indexOf("name"), "Name")
    places.setFieldAlias(places.fields().indexOf("pop"), "Population")
    places.setFieldAlias(places.fields().indexOf("area"), "Area km²")
    places.setEditorWidgetSetup(places.fields().indexOf("kind"), QgsEditorWidgetSetup(
        "ValueMap", {"map": [{"Town": "t"}, {"City": "c"}, {"Village": "v"}]}))
    roads = QgsVectorLayer(str(OWN / "info.gpkg") + "|layername=roads", "roads", "ogr")
    roads.setFieldAlias(roads.fields().indexOf("lanes"), "Lanes")
    zones = QgsVectorLayer(str(OWN / "info.gpkg") + "|layername=zones", "zones", "ogr")
    grid = QgsRasterLayer(str(OWN / "grid.tif"), "grid", "gdal")
    for layer in (places, roads, zones, grid):
        assert layer.isValid(), layer.name()
        project.addMapLayer(layer)
    project.setCrs(places.crs())
    # QgsServerProjectUtils reads the text "true"
    project.writeEntry("WMSAddWktGeometry", "/", "true")
    project.setFileName(str(OWN / "info.qgs"))
    assert project.write()
    # QGIS 3.22's Python API cannot set a field's configuration flags: the
    # project file says "secret" is hidden from WMS answers
    qgs = OWN / "info.qgs"
    text = qgs.read_text()
    hidden, n = re.subn(
        r'<field (?=[^>]*name="secret")([^>]*)configurationFlags="None"',
        r'<field \1configurationFlags="HideFromWms"',
        text,
    )
    assert n == 1, n
    qgs.write_text(hidden)
    aux = OWN / "grid.tif.aux.xml"
    if aux.exists():
        aux.unlink()
    make_fid_project()
    make_names_project()
    make_metres_project()
    make_legends_project()
    make_virtual_project()
    make_spaces_project()
    make_dupes_project()
    make_virtjoin_project()
    make_symbolcolor_project()
    qgis.exitQgis()


if __name__ == "__main__":
    main()
