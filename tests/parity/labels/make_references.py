#!/usr/bin/python3
"""Makes the label parity fixtures: render jobs and QGIS 3.22's renders of them.

Run with Debian's QGIS (python3-qgis) from the repository root:

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/labels/make_references.py [synthetic|balloon|callouts_dd|html|diagram_placements|project_diagrams|lines_horizontal|close|two|overlap|edge|min_size|rotated|edge_points|show_obstacle|min_size_obstacle|font_limit|pal_gaps|tie|touching|touching_symbol|draw_order|generic_families|layer_variables|dd_position_reprojected|<project case>…]

Writes into tests/parity/labels/testdata/:

- data/*.geojson: our own synthetic layers (EPSG:2056), made here with a
  fixed seed;
- <case>.job.json: the render job a client would post (QslJobInfoRender,
  styles as urlsafe-base64 zlib QML exported by QGIS);
- <case>.qgis.png: what QGIS renders for that job, set up as the upstream
  Python worker sets up a map (QgsMapSettings + QgsMapRendererParallelJob);
- cases.json: the cases, and for the ones made from public projects the
  mirror, commit and files the test extracts (nothing of them is committed).

Public projects are read from the snapshots under /work/.mirror (fetched
with the search tool's `fetch`); a case whose snapshot is absent is skipped.
"""

import base64
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import uuid
import zlib

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsCallout,
    QgsCalloutRegistry,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDiagramLayerSettings,
    QgsDiagramSettings,
    QgsHistogramDiagram,
    QgsExpressionContext,
    QgsExpressionContextScope,
    QgsFillSymbol,
    QgsLabelObstacleSettings,
    QgsLabeling,
    QgsLineSymbol,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsMargins,
    QgsMarkerSymbol,
    QgsMaskMarkerSymbolLayer,
    QgsSimpleLineSymbolLayer,
    QgsSymbolLayerId,
    QgsSymbolLayerReference,
    QgsTextMaskSettings,
    QgsPalLayerSettings,
    QgsPieDiagram,
    QgsProject,
    QgsProperty,
    QgsProviderRegistry,
    QgsRectangle,
    QgsSingleCategoryDiagramRenderer,
    QgsSingleSymbolRenderer,
    QgsTextBackgroundSettings,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import QEventLoop, QSize, QSizeF, Qt  # noqa: E402
from qgis.PyQt.QtGui import QColor, QFont, QImage  # noqa: E402
from qgis.PyQt.QtXml import QDomDocument  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "testdata")
DATA = os.path.join(OUT, "data")
MIRROR = os.environ.get("QSL_MIRROR", "/work/.mirror")
CRS = "EPSG:2056"
X0, Y0 = 2600000.0, 1200000.0

qgs = QgsApplication([], False)
qgs.initQgis()


# ---------------------------------------------------------------------------
# synthetic data (ours)


def feature_collection(features):
    return {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}},
        "features": [
            {"type": "Feature", "properties": props, "geometry": geom}
            for props, geom in features
        ],
    }


def rounded(v):
    if isinstance(v, float):
        return round(v, 2)
    if isinstance(v, list):
        return [rounded(x) for x in v]
    return v


def write_geojson(name, features):
    path = os.path.join(DATA, name + ".geojson")
    fc = feature_collection(
        [(p, {"type": g["type"], "coordinates": rounded(g["coordinates"])}) for p, g in features]
    )
    with open(path, "w") as f:
        json.dump(fc, f, separators=(",", ":"))
        f.write("\n")
    return name + ".geojson"


def write_wgs84_geojson(name, features):
    # GeoJSON's own CRS (EPSG:4326), coordinates at full precision
    fc = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": p, "geometry": g} for p, g in features],
    }
    with open(os.path.join(DATA, name + ".geojson"), "w") as f:
        json.dump(fc, f, separators=(",", ":"))
        f.write("\n")
    return name + ".geojson"


NAMES = [
    "Aarberg", "Biel", "Chur", "Davos", "Emmen", "Frick", "Gossau", "Horgen",
    "Ins", "Jona", "Kriens", "Lyss", "Muri", "Nyon", "Olten", "Prilly",
    "Rapperswil", "Sion", "Thun", "Uster", "Vevey", "Wil", "Yverdon", "Zug",
    "Baden", "Cham", "Dietikon", "Ebikon", "Flawil", "Glarus", "Herisau",
    "Ittigen", "Köniz", "Locarno", "Meilen", "Nidau", "Oftringen", "Pully",
    "Regensdorf", "Spiez", "Thalwil", "Uznach", "Visp", "Wetzikon", "Zofingen",
]


def make_points():
    rnd = random.Random(15)
    feats = []
    i = 0
    # three dense clusters and a few loose points
    for cx, cy, n, r in [(-250, 120, 12, 70), (60, -40, 10, 55), (300, 140, 8, 90)]:
        for _ in range(n):
            a = rnd.uniform(0, 2 * math.pi)
            d = r * math.sqrt(rnd.uniform(0, 1))
            feats.append(({"id": i, "name": NAMES[i % len(NAMES)]},
                          {"type": "Point", "coordinates": [X0 + cx + d * math.cos(a), Y0 + cy + d * math.sin(a)]}))
            i += 1
    for _ in range(8):
        feats.append(({"id": i, "name": NAMES[i % len(NAMES)]},
                      {"type": "Point", "coordinates": [X0 + rnd.uniform(-480, 480), Y0 + rnd.uniform(-340, 340)]}))
        i += 1
    return write_geojson("points", feats)


def ring(points):
    pts = [[X0 + x, Y0 + y] for x, y in points]
    return pts + [pts[0]]


def make_polygons():
    def rect(cx, cy, w, h, angle=0.0):
        c, s = math.cos(angle), math.sin(angle)
        out = []
        for dx, dy in [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]:
            out.append((cx + dx * c - dy * s, cy + dx * s + dy * c))
        return out

    feats = [
        ({"id": 1, "name": "Square"}, {"type": "Polygon", "coordinates": [ring(rect(-330, 180, 240, 200))]}),
        ({"id": 2, "name": "L shaped"}, {"type": "Polygon", "coordinates": [ring(
            [(-60, 80), (190, 80), (190, 150), (40, 150), (40, 330), (-60, 330)])]}),
        ({"id": 3, "name": "Long and thin"}, {"type": "Polygon", "coordinates": [ring(rect(330, 180, 420, 70, 0.5))]}),
        ({"id": 4, "name": "With a hole"}, {"type": "Polygon", "coordinates": [
            ring(rect(-320, -170, 300, 240)), list(reversed(ring(rect(-320, -170, 120, 90))))]}),
        ({"id": 5, "name": "Triangle"}, {"type": "Polygon", "coordinates": [ring([(-60, -320), (220, -320), (80, -40)])]}),
        ({"id": 6, "name": "Edge"}, {"type": "Polygon", "coordinates": [ring(rect(520, -200, 260, 200))]}),
        ({"id": 7, "name": "Tiny polygon name"}, {"type": "Polygon", "coordinates": [ring(rect(300, -40, 50, 40))]}),
        ({"id": 8, "name": "Concave"}, {"type": "Polygon", "coordinates": [ring(
            [(200, -330), (420, -330), (420, -130), (360, -130), (360, -270), (260, -270), (260, -130), (200, -130)])]}),
    ]
    return write_geojson("polygons", feats)


LINES = {}


def make_lines():
    def wave(x0, y0, length, amp, waves, angle, n=60):
        c, s = math.cos(angle), math.sin(angle)
        pts = []
        for i in range(n + 1):
            t = i / n
            x = t * length
            y = amp * math.sin(t * waves * 2 * math.pi)
            pts.append([X0 + x0 + x * c - y * s, Y0 + y0 + x * s + y * c])
        return pts

    feats = [
        ({"id": 1, "name": "Straight Street"}, {"type": "LineString", "coordinates": wave(-480, 300, 520, 0, 0, -0.05, 2)}),
        ({"id": 2, "name": "Gentle Curve Road"}, {"type": "LineString", "coordinates": wave(-470, 130, 600, 40, 0.5, 0.1)}),
        ({"id": 3, "name": "Winding River"}, {"type": "LineString", "coordinates": wave(-480, -40, 960, 70, 2.5, 0.02, 120)}),
        ({"id": 4, "name": "Zigzag Path"}, {"type": "LineString", "coordinates": [
            [X0 + x, Y0 + y] for x, y in [(-450, -300), (-330, -180), (-210, -300), (-90, -180), (30, -300), (150, -180)]]}),
        ({"id": 5, "name": "Steep Lane"}, {"type": "LineString", "coordinates": wave(330, -330, 520, 25, 1, 1.25)}),
        ({"id": 6, "name": "Westward Way"}, {"type": "LineString", "coordinates": wave(460, 260, 380, 30, 0.5, math.pi - 0.15)}),
        ({"id": 7, "name": "Short"}, {"type": "LineString", "coordinates": wave(200, -250, 40, 0, 0, 0.0, 2)}),
    ]
    for props, geom in feats:
        LINES[props["id"]] = geom["coordinates"]
    return write_geojson("lines", feats)


def point_along(coords, fraction):
    seg = [math.dist(a, b) for a, b in zip(coords, coords[1:])]
    d = sum(seg) * fraction
    for (a, b), l in zip(zip(coords, coords[1:]), seg):
        if d <= l:
            t = d / l if l else 0
            return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]
        d -= l
    return coords[-1]


def make_line_markers():
    # points sitting on the lines, labelled too: their symbols are obstacles
    feats = []
    spots = [(1, 0.5), (2, 0.45), (3, 0.5), (3, 0.3), (4, 0.5), (5, 0.5), (6, 0.55)]
    for i, (line, fraction) in enumerate(spots):
        feats.append(({"id": i, "name": "P%d" % (i + 1)}, {"type": "Point", "coordinates": point_along(LINES[line], fraction)}))
    return write_geojson("line_markers", feats)


# ---------------------------------------------------------------------------
# styles


def text_format(size=8.0, buffer=False):
    fmt = QgsTextFormat()
    fmt.setFont(QFont("DejaVu Sans"))
    fmt.setSize(size)
    fmt.setSizeUnit(QgsUnitTypes.RenderPoints)
    fmt.setColor(QColor(30, 30, 30))
    if buffer:
        b = QgsTextBufferSettings()
        b.setEnabled(True)
        b.setSize(0.8)
        b.setColor(QColor(255, 255, 255))
        fmt.setBuffer(b)
    return fmt


def label_settings(field="name", placement=QgsPalLayerSettings.AroundPoint, dist=0.0, size=8.0, buffer=False, **extra):
    s = QgsPalLayerSettings()
    s.fieldName = field
    s.placement = placement
    s.dist = dist
    s.distUnits = QgsUnitTypes.RenderMillimeters
    s.setFormat(text_format(size, buffer))
    for k, v in extra.items():
        if k == "line_flags":
            s.lineSettings().setPlacementFlags(v)
        elif k == "polygon_flags":
            s.polygonPlacementFlags = v
        elif k == "repeat":
            s.repeatDistance = v
            s.repeatDistanceUnit = QgsUnitTypes.RenderMillimeters
        elif k == "order":
            s.predefinedPositionOrder = v
        else:
            setattr(s, k, v)
    return s


def styled_layer(path, name, kind, settings):
    layer = QgsVectorLayer(path, name, "ogr")
    assert layer.isValid(), path
    if kind == "point":
        sym = QgsMarkerSymbol.createSimple({"name": "circle", "color": "200,60,60", "outline_color": "60,20,20", "size": "2"})
    elif kind == "line":
        sym = QgsLineSymbol.createSimple({"line_color": "70,110,170", "line_width": "0.5"})
    else:
        sym = QgsFillSymbol.createSimple({"color": "235,225,190", "outline_color": "120,100,60", "outline_width": "0.3"})
    layer.setRenderer(QgsSingleSymbolRenderer(sym))
    if settings is not None:
        layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
        layer.setLabelsEnabled(True)
    return layer


def style_definition(layer):
    doc = QDomDocument()
    err = layer.exportNamedStyle(doc)
    assert not err, err
    return base64.urlsafe_b64encode(zlib.compress(doc.toString().encode("utf-8"))).decode("ascii")


# ---------------------------------------------------------------------------
# jobs and QGIS's render of them, as the upstream worker sets up a map


def job_layer(layer, source, folder):
    return {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, folder + "/" + json.dumps(source, sort_keys=True))),
        "name": layer.name(),
        "source": json.dumps(source),
        "remote": False,
        "folder_name": folder,
        "driver": "ogr",
        "style": {"name": "default", "definition": style_definition(layer)},
        "filter": None,
    }


def job(name, layers, bbox, width, height, dpi, crs=CRS):
    return {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, "labels/" + name)),
        "type": "QslJobInfoRender",
        "job": {
            "layers": layers,
            "bbox": {"x_min": bbox[0], "x_max": bbox[2], "y_min": bbox[1], "y_max": bbox[3], "z_min": 0.0, "z_max": 0.0},
            "crs": crs,
            "width": width,
            "height": height,
            "dpi": dpi,
            "format": "image/png",
        },
    }


def render(envelope, data_root):
    """Renders a job as the upstream worker does (runner/common.py, render.py)."""
    renderer = run_job(envelope, data_root)
    return renderer.renderedImage().convertToFormat(QImage.Format_RGBA8888)


def render_results(envelope, data_root):
    """Renders a job as render() does; returns QGIS's labelling results."""
    return run_job(envelope, data_root).takeLabelingResults()


def run_job(envelope, data_root):
    j = envelope["job"]
    layers = []
    opened = []
    for jl in j["layers"]:
        src = json.loads(jl["source"])
        src["path"] = os.path.join(data_root, jl["folder_name"], src["path"])
        uri = QgsProviderRegistry.instance().encodeUri(jl["driver"], src)
        options = QgsVectorLayer.LayerOptions(readExtentFromXml=False)
        options.skipCrValidation = True
        options.forceReadOnly = True
        layer = QgsVectorLayer(uri, jl["name"], jl["driver"], options)
        assert layer.isValid(), uri
        opened.append((jl, layer))
    for jl, layer in opened:
        # selective masks name the layers they mask by id: the job's ids
        # become the ids QGIS gave the layers it opened (as QGIS Server
        # reads the project's own ids)
        qml = zlib.decompress(base64.urlsafe_b64decode(jl["style"]["definition"])).decode("utf-8")
        for other, qlayer in opened:
            qml = qml.replace(other["id"] + ",", qlayer.id() + ",")
        doc = QDomDocument()
        doc.setContent(qml)
        layer.importNamedStyle(doc)
        layers.append(layer)
    scope = QgsExpressionContextScope()
    scope.setVariable("map_id", envelope["id"])
    ctx = QgsExpressionContext()
    ctx.appendScope(scope)
    settings = QgsMapSettings()
    settings.setExpressionContext(ctx)
    settings.setOutputSize(QSize(int(j["width"]), int(j["height"])))
    settings.setOutputDpi(j["dpi"])
    crs = QgsCoordinateReferenceSystem.fromOgcWmsCrs(j["crs"])
    b = j["bbox"]
    rect = QgsRectangle(b["x_min"], b["y_min"], b["x_max"], b["y_max"])
    if crs.hasAxisInverted():
        rect.invert()
    settings.setExtent(rect)
    settings.setLayers(layers)
    settings.setBackgroundColor(QColor(Qt.transparent))
    settings.setDestinationCrs(crs)
    renderer = QgsMapRendererParallelJob(settings)
    loop = QEventLoop()
    renderer.finished.connect(loop.quit)
    renderer.start()
    loop.exec_()
    return renderer


def save_case(name, envelope, data_root, cases, meta):
    img = render(envelope, data_root)
    img.save(os.path.join(OUT, name + ".qgis.png"), "PNG")
    with open(os.path.join(OUT, name + ".job.json"), "w") as f:
        json.dump(envelope, f, indent=1)
        f.write("\n")
    cases.append(dict(name=name, **meta))
    print("wrote", name)


def synthetic_cases(cases):
    os.makedirs(DATA, exist_ok=True)
    points = make_points()
    polygons = make_polygons()
    lines = make_lines()
    markers = make_line_markers()
    bbox = (X0 - 500, Y0 - 360, X0 + 500, Y0 + 360)
    W, H, DPI = 480, 346, 96

    def one(name, file, kind, settings, extra_layers=()):
        layers = []
        for f, k, s in extra_layers:
            layers.append(job_layer(styled_layer(os.path.join(DATA, f), f.split(".")[0], k, s), {"path": f}, "data"))
        layers.append(job_layer(styled_layer(os.path.join(DATA, file), file.split(".")[0], kind, settings), {"path": file}, "data"))
        save_case(name, job(name, layers, bbox, W, H, DPI), OUT, cases, {"kind": "synthetic"})

    P = QgsPalLayerSettings
    # points: dense clusters
    one("points_around_cluster", points, "point", label_settings(dist=1.0))
    one("points_around_cluster_dist0", points, "point", label_settings(dist=0.0, size=9.0))
    one("points_ordered_cluster", points, "point", label_settings(placement=P.OrderedPositionsAroundPoint, dist=1.0))
    # polygons: every placement mode
    one("polygons_around_centroid", polygons, "polygon", label_settings(placement=P.AroundPoint, dist=0.0))
    one("polygons_around_centroid_dist", polygons, "polygon", label_settings(placement=P.AroundPoint, dist=2.0))
    one("polygons_over_centroid", polygons, "polygon", label_settings(placement=P.OverPoint))
    one("polygons_horizontal", polygons, "polygon", label_settings(placement=P.Horizontal))
    one("polygons_free", polygons, "polygon", label_settings(placement=P.Free))
    one("polygons_perimeter", polygons, "polygon", label_settings(
        placement=P.Line, line_flags=QgsLabeling.LinePlacementFlags(QgsLabeling.AboveLine | QgsLabeling.MapOrientation)))
    one("polygons_perimeter_curved", polygons, "polygon", label_settings(
        placement=P.PerimeterCurved, line_flags=QgsLabeling.LinePlacementFlags(QgsLabeling.AboveLine | QgsLabeling.MapOrientation)))
    # lines: parallel, curved, repeat, obstacles
    on_line = QgsLabeling.LinePlacementFlags(QgsLabeling.OnLine)
    above_below = QgsLabeling.LinePlacementFlags(QgsLabeling.AboveLine | QgsLabeling.BelowLine | QgsLabeling.MapOrientation)
    one("lines_parallel_on", lines, "line", label_settings(placement=P.Line, line_flags=on_line))
    one("lines_parallel_above_below", lines, "line", label_settings(placement=P.Line, dist=0.5, line_flags=above_below))
    one("lines_curved_on", lines, "line", label_settings(placement=P.Curved, line_flags=on_line))
    one("lines_curved_above", lines, "line", label_settings(
        placement=P.Curved, dist=0.5, line_flags=QgsLabeling.LinePlacementFlags(QgsLabeling.AboveLine | QgsLabeling.MapOrientation)))
    one("lines_parallel_repeat", lines, "line", label_settings(placement=P.Line, line_flags=on_line, repeat=25.0))
    one("lines_parallel_obstacles", lines, "line", label_settings(placement=P.Line, line_flags=on_line),
        extra_layers=[(markers, "point", label_settings(dist=1.0))])


# ---------------------------------------------------------------------------
# public projects (read from the mirror, never committed)


def git(repo, *args):
    return subprocess.run(["git", "--git-dir", repo, *args], check=True, capture_output=True).stdout


def project_cases(cases, spec):
    repo = os.path.join(MIRROR, spec["mirror"], "repo")
    if not os.path.isdir(repo):
        print("skipped %s: %s is absent" % (spec["name"], repo), file=sys.stderr)
        return
    commit = git(repo, "rev-parse", "HEAD").decode().strip()
    with tempfile.TemporaryDirectory() as tmp:
        folder = os.path.join(tmp, "data")
        os.makedirs(folder)
        for f in spec["files"] + [spec["project"]]:
            with open(os.path.join(folder, os.path.basename(f)), "wb") as out:
                out.write(git(repo, "show", "%s:%s/%s" % (commit, spec["folder"], f)))
        project = QgsProject()
        assert project.read(os.path.join(folder, os.path.basename(spec["project"])))
        root_layers = [l for l in project.layerTreeRoot().layerOrder() if l.name() in spec["layers"]]
        layers = []
        for layer in root_layers:
            src = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
            if not layer.isValid():
                # a source saved by an absolute path elsewhere: the file of
                # that name beside the project
                layer.setDataSource(os.path.join(folder, os.path.basename(src["path"])), layer.name(), "ogr")
                assert layer.isValid(), src["path"]
                src = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
            source = {"path": os.path.relpath(src["path"], folder)}
            if src.get("layerName"):
                source["layerName"] = src["layerName"]
            layers.append((layer, source))
        if spec.get("setup"):
            # a change to the project's styles, with the job ids of its layers
            spec["setup"]({l.name(): (l, job_layer_id(src)) for l, src in layers})
        layers = [job_layer(layer, source, "data") for layer, source in layers]
        for view in spec["views"]:
            name = spec["name"] + "_" + view["name"]
            env = job(name, layers, view["bbox"], view["width"], view["height"], view["dpi"], spec["crs"])
            save_case(name, env, tmp, cases, {
                "kind": "project",
                "mirror": spec["mirror"],
                "commit": commit,
                "folder": spec["folder"],
                "files": spec["files"],
            })


def enable_training_masks(layers):
    """The selective masking exercise done: the polygons' names (their
    mask, 1.5 mm, switched on) mask the lines and the planes (each
    category's SVG marker, by the category's key)."""
    polys, _ = layers["polys"]
    _, lines_id = layers["lines"]
    _, points_id = layers["points"]
    labeling = polys.labeling().clone()
    settings = labeling.settings()
    fmt = settings.format()
    mask = fmt.mask()
    mask.setEnabled(True)
    refs = [QgsSymbolLayerReference(lines_id, QgsSymbolLayerId("", [0]))]
    refs += [QgsSymbolLayerReference(points_id, QgsSymbolLayerId(key, [0])) for key in ("B52", "Biplane", "Jet")]
    mask.setMaskedSymbolLayers(refs)
    fmt.setMask(mask)
    settings.setFormat(fmt)
    polys.setLabeling(QgsVectorLayerSimpleLabeling(settings))


PROJECTS = [
    {
        # QGIS training data: selective masking exercise (polygons labelled
        # around their centroid at distance 0, lines and points drawn)
        "name": "training_masking",
        "mirror": "qgis+QGIS-Training-Data",
        "folder": "exercise_data/masking",
        "project": "selective_masking.qgs",
        "files": [f + e for f in ("lines", "points", "polys") for e in (".shp", ".shx", ".dbf", ".prj")],
        "layers": ["lines", "points", "polys"],
        "crs": "EPSG:4326",
        # EPSG:4326 has lat/lon axes: a WMS 1.3 client sends the bbox as
        # (lat_min, lon_min, lat_max, lon_max)
        "views": [
            {"name": "full", "bbox": (21.5, -121.0, 48.5, -81.0), "width": 640, "height": 432, "dpi": 96},
            {"name": "zoom", "bbox": (28.0, -112.0, 42.0, -92.0), "width": 500, "height": 350, "dpi": 96},
        ],
    },
    {
        # Lizmap's axis order test project: German states labelled around
        # their centroid at distance 0 (obstacleType 0), at zooms where the
        # map's edges cut several of them (EPSG:3044 has northing first: the
        # bbox is (n_min, e_min, n_max, e_max)); 640 x 640, so the map
        # spreads east and west of the bbox
        "name": "axis_orientation",
        "mirror": "3liz+lizmap-web-client",
        "folder": "tests/qgis-projects/tests",
        "project": "axis_orientation_neu_3044.qgs",
        "files": ["axis_orientation_neu_3044.fgb"],
        "layers": ["Bundesländer"],
        "crs": "EPSG:3044",
        "views": [
            {"name": "x4", "bbox": (5406074.587154737, 480296.02975456836, 5688151.980324693, 677334.334361959),
             "width": 640, "height": 640, "dpi": 96},
            {"name": "x16", "bbox": (5511853.609593471, 554185.3939823399, 5582372.957885959, 603444.9701341875),
             "width": 640, "height": 640, "dpi": 96},
        ],
    },
    {
        # QField's offline test project: streets labelled parallel (on the
        # line, map orientation) over a survey perimeter polygon
        "name": "qfield_routes",
        "mirror": "opengisch+QField",
        "folder": "test/testdata",
        "project": "test_offline_project.qgs",
        "files": ["data.gpkg"],
        "layers": ["route", "mandat"],
        "crs": "EPSG:2056",
        "views": [
            {"name": "view", "bbox": (2533726.51, 1173243.03, 2533866.48, 1173357.45), "width": 600, "height": 490, "dpi": 96},
            {"name": "wide", "bbox": (2533690.0, 1173220.0, 2533880.0, 1173380.0), "width": 400, "height": 337, "dpi": 120},
        ],
    },
]


# the same exercise with its masks switched on
PROJECTS.insert(1, dict(PROJECTS[0], name="training_masks", setup=enable_training_masks))


def make_close_points():
    # two points 5 px apart and a loose one: every candidate of the pair
    # crosses the other's symbol (flat costs), so which one wins depends on
    # PAL's conflict counts after it drops the loose point's worse
    # candidates, and on its R-tree's order
    feats = [
        ({"id": 34, "name": "Meilen"}, {"type": "Point", "coordinates": [X0 + 74.03, Y0 + 126.95]}),
        ({"id": 35, "name": "Nidau"}, {"type": "Point", "coordinates": [X0 + 66.31, Y0 + 119.89]}),
        ({"id": 37, "name": "Pully"}, {"type": "Point", "coordinates": [X0 + 201.98, Y0 + 127.26]}),
    ]
    return write_geojson("points_close", feats)


def save_dist0_points_case(cases, name, points):
    # the points' layer labelled around each point at distance 0, 9 pt
    bbox = (X0 - 500, Y0 - 360, X0 + 500, Y0 + 360)
    layer = job_layer(styled_layer(os.path.join(DATA, points), points.split(".")[0], "point",
                                   label_settings(dist=0.0, size=9.0)), {"path": points}, "data")
    save_case(name, job(name, [layer], bbox, 480, 346, 96), OUT, cases, {"kind": "synthetic"})


def close_cases(cases):
    os.makedirs(DATA, exist_ok=True)
    save_dist0_points_case(cases, "points_close_dist0", make_close_points())


def make_touching_symbol_points():
    # five points of a random cluster (make_clusters.py, case 37): Emmen sits
    # on a whole pixel, so its labels left of it end where Aarberg's symbol
    # box (whole pixels) begins. PAL makes both in map units, where they
    # meet exactly and touch (GEOS intersects): those candidates cost 12
    feats = [
        ({"id": 0, "name": "Aarberg"}, {"type": "Point", "coordinates": [X0 - 59.76, Y0 + 11.49]}),
        ({"id": 1, "name": "Biel"}, {"type": "Point", "coordinates": [X0 - 47.99, Y0 + 9.47]}),
        ({"id": 2, "name": "Chur"}, {"type": "Point", "coordinates": [X0 - 48.69, Y0 - 4.56]}),
        ({"id": 3, "name": "Davos"}, {"type": "Point", "coordinates": [X0 - 36.74, Y0 + 12.02]}),
        ({"id": 4, "name": "Emmen"}, {"type": "Point", "coordinates": [X0 - 68.75, Y0 - 8.55]}),
    ]
    return write_geojson("points_touching_symbol", feats)


def touching_symbol_cases(cases):
    os.makedirs(DATA, exist_ok=True)
    save_dist0_points_case(cases, "points_touching_symbol", make_touching_symbol_points())


def two_layer_cases(cases):
    # the dense clusters split between two labelled layers: PAL walks its
    # layers (one per label provider) in the order of its unordered_map of
    # providers, which decides the ties between their labels
    os.makedirs(DATA, exist_ok=True)
    with open(os.path.join(DATA, "points.geojson")) as f:
        feats = [(ft["properties"], ft["geometry"]) for ft in json.load(f)["features"]]
    halves = [write_geojson("points_%s" % n, feats[i::2]) for i, n in enumerate(("even", "odd"))]
    bbox = (X0 - 500, Y0 - 360, X0 + 500, Y0 + 360)
    layers = [job_layer(styled_layer(os.path.join(DATA, f), f.split(".")[0], "point", label_settings(dist=0.0, size=9.0)),
                        {"path": f}, "data") for f in halves]
    save_case("points_two_layers", job("points_two_layers", layers, bbox, 480, 346, 96), OUT, cases,
              {"kind": "synthetic"})


def make_edge_polygons():
    # polygons cut by the map's edges (the map is x -500..500, y -360..360):
    # a C whose back lies beyond the left edge, so that its visible part is
    # two arms; stripes across the right edge whose labels reach beyond it
    def box(x0, y0, x1, y1):
        return ring([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])

    feats = [
        ({"id": 1, "name": "Cut in two"}, {"type": "Polygon", "coordinates": [ring(
            [(-640, -60), (-470, -60), (-470, 0), (-560, 0), (-560, 160), (-420, 160), (-420, 260), (-640, 260)])]}),
        ({"id": 2, "name": "Upper stripe beyond"}, {"type": "Polygon", "coordinates": [box(430, 200, 780, 300)]}),
        ({"id": 3, "name": "Second stripe beyond"}, {"type": "Polygon", "coordinates": [box(400, 100, 780, 200)]}),
        ({"id": 4, "name": "Third stripe"}, {"type": "Polygon", "coordinates": [box(450, 0, 780, 100)]}),
        ({"id": 5, "name": "Fourth stripe beyond"}, {"type": "Polygon", "coordinates": [box(470, -100, 780, 0)]}),
        ({"id": 6, "name": "Inside neighbour"}, {"type": "Polygon", "coordinates": [box(250, -100, 400, 300)]}),
        ({"id": 7, "name": "Bottom edge"}, {"type": "Polygon", "coordinates": [box(-100, -460, 60, -300)]}),
        ({"id": 8, "name": "Mostly beyond"}, {"type": "Polygon", "coordinates": [box(490, 300, 900, 420)]}),
        ({"id": 9, "name": "Left of the thin one"}, {"type": "Polygon", "coordinates": [box(300, -300, 470, -130)]}),
        ({"id": 10, "name": "Thin one beyond"}, {"type": "Polygon", "coordinates": [box(470, -230, 800, -200)]}),
        ({"id": 11, "name": "R"}, {"type": "Polygon", "coordinates": [box(480, -200, 900, -110)]}),
        ({"id": 12, "name": "S"}, {"type": "Polygon", "coordinates": [box(480, -330, 900, -230)]}),
    ]
    return write_geojson("polygons_edge", feats)


def edge_cases(cases):
    # polygon labels whose polygon the map's edge cuts: QGIS labels the
    # largest visible piece, and the polygons are obstacles as clipped
    os.makedirs(DATA, exist_ok=True)
    polygons = make_edge_polygons()
    bbox = (X0 - 500, Y0 - 360, X0 + 500, Y0 + 360)
    settings = label_settings(placement=QgsPalLayerSettings.AroundPoint, dist=0.0)
    # the polygons' interiors repel the other labels (obstacleType 0)
    settings.obstacleSettings().setType(QgsLabelObstacleSettings.PolygonInterior)
    layer = job_layer(styled_layer(os.path.join(DATA, polygons), "polygons_edge", "polygon", settings),
                      {"path": polygons}, "data")
    save_case("polygons_edge_around_centroid", job("polygons_edge_around_centroid", [layer], bbox, 480, 346, 96), OUT,
              cases, {"kind": "synthetic"})


def make_edge_boundary_polygons():
    # neighbours whose boundaries lie beyond the map's right edge (the map is
    # x -500..500, y -360..360): the candidates of the labels near the edge
    # reach out there and over those boundaries, which only a tab of each
    # brings into the map
    def box(x0, y0, x1, y1):
        return ring([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])

    feats = [
        ({"id": 1, "name": "Near the edge"}, {"type": "Polygon", "coordinates": [box(330, -60, 470, 60)]}),
        ({"id": 2, "name": "Tab below"}, {"type": "Polygon", "coordinates": [ring(
            [(470, -350), (800, -350), (800, 300), (530, 300), (530, -250), (470, -250)])]}),
        ({"id": 3, "name": "Upper neighbour"}, {"type": "Polygon", "coordinates": [box(300, 160, 460, 260)]}),
        ({"id": 4, "name": "Tab above"}, {"type": "Polygon", "coordinates": [ring(
            [(480, 340), (480, 310), (505, 310), (505, 150), (900, 150), (900, 340)])]}),
        ({"id": 5, "name": "Left inside"}, {"type": "Polygon", "coordinates": [box(100, -60, 330, 60)]}),
    ]
    return write_geojson("polygons_edge_boundary", feats)


def edge_boundary_cases(cases):
    # polygons whose boundaries repel the other labels (obstacleType 1, PAL's
    # crossesBoundary): QGIS 3.22 registers them clipped to the map, so a
    # candidate reaching beyond the map's edge crosses no boundary there
    os.makedirs(DATA, exist_ok=True)
    polygons = make_edge_boundary_polygons()
    bbox = (X0 - 500, Y0 - 360, X0 + 500, Y0 + 360)
    settings = label_settings(placement=QgsPalLayerSettings.AroundPoint, dist=0.0)
    settings.obstacleSettings().setType(QgsLabelObstacleSettings.PolygonBoundary)
    layer = job_layer(styled_layer(os.path.join(DATA, polygons), "polygons_edge_boundary", "polygon", settings),
                      {"path": polygons}, "data")
    save_case("polygons_edge_boundary", job("polygons_edge_boundary", [layer], bbox, 480, 346, 96), OUT,
              cases, {"kind": "synthetic"})


def make_edge_lines():
    # points by the map's right edge (the map is x -500..500, y -360..360)
    # and streets that leave the map there: their parts beyond the edge run
    # along the points' candidates that reach out past it
    points = [
        ({"id": 1, "name": "Edge point"}, {"type": "Point", "coordinates": [X0 + 460, Y0 + 20]}),
        ({"id": 2, "name": "Upper edge point"}, {"type": "Point", "coordinates": [X0 + 450, Y0 + 200]}),
        ({"id": 3, "name": "Low point"}, {"type": "Point", "coordinates": [X0 + 440, Y0 - 150]}),
    ]
    lines = [
        ({"id": 1, "name": "Out Street"}, {"type": "LineString", "coordinates": [
            [X0 + 200, Y0 - 330], [X0 + 530, Y0 - 330], [X0 + 530, Y0 + 330]]}),
        ({"id": 2, "name": "Far Road"}, {"type": "LineString", "coordinates": [
            [X0 + 150, Y0 + 330], [X0 + 560, Y0 + 330], [X0 + 560, Y0 - 250]]}),
    ]
    return write_geojson("points_edge", points), write_geojson("lines_edge", lines)


def edge_lines_cases(cases):
    # QGIS 3.22 registers a line clipped to the map (registerFeature), so a
    # point's candidate beyond the map's edge crosses no street there
    os.makedirs(DATA, exist_ok=True)
    points, lines = make_edge_lines()
    bbox = (X0 - 500, Y0 - 360, X0 + 500, Y0 + 360)
    P = QgsPalLayerSettings
    on_line = QgsLabeling.LinePlacementFlags(QgsLabeling.OnLine)
    layers = [
        job_layer(styled_layer(os.path.join(DATA, lines), "lines_edge", "line",
                               label_settings(placement=P.Line, line_flags=on_line)), {"path": lines}, "data"),
        job_layer(styled_layer(os.path.join(DATA, points), "points_edge", "point", label_settings(dist=0.0)),
                  {"path": points}, "data"),
    ]
    save_case("points_edge_lines", job("points_edge_lines", layers, bbox, 480, 346, 96), OUT, cases,
              {"kind": "synthetic"})


def make_split_lines():
    # streets split into short pieces of one name, end to end: each piece is
    # shorter than the minimum feature size, the merged street longer or not
    feats = []
    fid = 1
    for name, x0, y0, pieces, step in (("Split Street", -450, 250, 6, 60), ("Split Short", -450, 0, 4, 40),
                                       ("Split Avenue", 0, -200, 8, 50)):
        for i in range(pieces):
            a = [X0 + x0 + i * step, Y0 + y0 + i * 3]
            b = [X0 + x0 + (i + 1) * step, Y0 + y0 + (i + 1) * 3]
            feats.append(({"id": fid, "name": name}, {"type": "LineString", "coordinates": [a, b]}))
            fid += 1
    return write_geojson("lines_split", feats)


def min_size_cases(cases):
    # "suppress labelling of features smaller than" (minFeatureSize, mm): a
    # line's length or a polygon's square root of area, after clipping to
    # the map; of a merged line, the merged length
    os.makedirs(DATA, exist_ok=True)
    bbox = (X0 - 500, Y0 - 360, X0 + 500, Y0 + 360)
    P = QgsPalLayerSettings
    on_line = QgsLabeling.LinePlacementFlags(QgsLabeling.OnLine)

    def one(name, file, kind, settings):
        layer = job_layer(styled_layer(os.path.join(DATA, file), file.split(".")[0], kind, settings), {"path": file},
                          "data")
        save_case(name, job(name, [layer], bbox, 480, 346, 96), OUT, cases, {"kind": "synthetic"})

    one("lines_min_size", make_lines(), "line",
        label_settings(placement=P.Line, line_flags=on_line, minFeatureSize=55.0))
    one("polygons_min_size", make_polygons(), "polygon", label_settings(placement=P.OverPoint, minFeatureSize=24.0))
    one("polygons_edge_min_size", make_edge_polygons(), "polygon",
        label_settings(placement=P.OverPoint, minFeatureSize=15.0))
    split = make_split_lines()
    merged = label_settings(placement=P.Line, line_flags=on_line, minFeatureSize=25.0)
    merged.lineSettings().setMergeLines(True)
    one("lines_merged_min_size", split, "line", merged)


def overlap_cases(cases):
    # QGIS >= 3.26 saves "allow overlaps" as <placement overlapHandling=…>
    # and no longer writes <rendering displayAll>: QGIS 3.22 reads only the
    # latter, so such a style prevents overlaps there
    points = os.path.join(DATA, "points.geojson")
    layer = job_layer(styled_layer(points, "points", "point", label_settings(dist=1.0)), {"path": "points.geojson"},
                      "data")
    xml = zlib.decompress(base64.urlsafe_b64decode(layer["style"]["definition"])).decode("utf-8")
    assert 'displayAll="0"' in xml and "<placement " in xml
    xml = xml.replace(' displayAll="0"', "").replace("<placement ", '<placement overlapHandling="AllowOverlapIfRequired" ')
    layer["style"]["definition"] = base64.urlsafe_b64encode(zlib.compress(xml.encode("utf-8"))).decode("ascii")
    bbox = (X0 - 500, Y0 - 360, X0 + 500, Y0 + 360)
    save_case("points_overlap_handling", job("points_overlap_handling", [layer], bbox, 480, 346, 96), OUT, cases,
              {"kind": "synthetic"})


def rotated_cases(cases):
    # labels placed around a turned marker from its symbol bounds: QGIS
    # bounds the marker's square turned by its angle (a wider box)
    points = os.path.join(DATA, "points.geojson")
    P = QgsPalLayerSettings
    settings = label_settings(placement=P.OrderedPositionsAroundPoint, dist=0.5, offsetType=P.FromSymbolBounds)
    layer = styled_layer(points, "points", "point", settings)
    layer.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple(
        {"name": "star", "color": "200,60,60", "outline_color": "60,20,20", "size": "4", "angle": "34"})))
    bbox = (X0 - 500, Y0 - 360, X0 + 500, Y0 + 360)
    save_case("points_ordered_rotated_marker",
              job("points_ordered_rotated_marker", [job_layer(layer, {"path": "points.geojson"}, "data")], bbox, 480,
                  346, 96), OUT, cases, {"kind": "synthetic"})


def make_edge_points():
    # points a few pixels inside the map's edges (the map is x -500..500,
    # y -360..360, about 2.08 m a pixel), whose 4 mm markers the edges cut,
    # and neighbours whose labels compete with theirs
    pts = [
        (-300, 352), (-120, 356), (-96, 330), (60, 348), (240, 354), (262, 326),
        (-496, 200), (-492, 40), (-470, 52), (-497, -150),
        (494, 180), (497, -20), (475, -5), (490, -250),
        (-250, -352), (-40, -357), (-18, -333), (150, -349), (330, -355),
        (-495, 355), (496, -356),
    ]
    feats = [({"id": i, "name": NAMES[(i * 7) % len(NAMES)]}, {"type": "Point", "coordinates": [X0 + x, Y0 + y]})
             for i, (x, y) in enumerate(pts)]
    return write_geojson("points_edge_markers", feats)


def edge_points_cases(cases):
    # cartographic placement from the symbol bounds of markers the map's
    # edge cuts: the labels sit around the marker's box as clipped to the map
    os.makedirs(DATA, exist_ok=True)
    points = make_edge_points()
    P = QgsPalLayerSettings
    settings = label_settings(placement=P.OrderedPositionsAroundPoint, dist=0.0, offsetType=P.FromSymbolBounds)
    layer = styled_layer(os.path.join(DATA, points), "points_edge_markers", "point", settings)
    layer.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple(
        {"name": "circle", "color": "120,85,236", "outline_color": "35,35,35", "size": "4"})))
    bbox = (X0 - 500, Y0 - 360, X0 + 500, Y0 + 360)
    save_case("points_ordered_edge", job("points_ordered_edge", [job_layer(layer, {"path": points}, "data")], bbox, 480,
                                         346, 96), OUT, cases, {"kind": "synthetic"})


def make_show_obstacles():
    # two large polygons, the left one's label hidden by a field (show = 0),
    # and points just inside their edges, whose first positions cross them
    def box(x0, y0, x1, y1):
        return ring([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])

    polygons = [
        ({"id": 1, "name": "Hidden zone", "show": 0}, {"type": "Polygon", "coordinates": [box(-400, -250, 0, 250)]}),
        ({"id": 2, "name": "Shown zone", "show": 1}, {"type": "Polygon", "coordinates": [box(100, -250, 450, 250)]}),
    ]
    pts = [(-12, 100), (-15, -60), (-200, 240), (-390, 0), (-250, -242), (112, 80), (440, -100), (300, 240),
           (200, -242)]
    points = [({"id": i, "name": NAMES[(i * 5) % len(NAMES)]}, {"type": "Point", "coordinates": [X0 + x, Y0 + y]})
              for i, (x, y) in enumerate(pts)]
    return write_geojson("polygons_show", polygons), write_geojson("points_show", points)


def show_obstacle_cases(cases):
    # a label the data-defined Show hides is no obstacle either
    os.makedirs(DATA, exist_ok=True)
    polygons, points = make_show_obstacles()
    settings = with_dd(label_settings(dist=0.0), Show="@show")
    settings.obstacleSettings().setType(QgsLabelObstacleSettings.PolygonBoundary)
    layers = [
        job_layer(styled_layer(os.path.join(DATA, polygons), "polygons_show", "polygon", settings), {"path": polygons},
                  "data"),
        job_layer(styled_layer(os.path.join(DATA, points), "points_show", "point", label_settings(dist=0.0)),
                  {"path": points}, "data"),
    ]
    bbox = (X0 - 500, Y0 - 360, X0 + 500, Y0 + 360)
    save_case("show_hidden_obstacle", job("show_hidden_obstacle", layers, bbox, 480, 346, 96), OUT, cases,
              {"kind": "synthetic"})


def make_min_size_obstacles():
    # small squares at the top right of points, under the polygons' minimum
    # size, and one square large enough to be labelled
    def box(x0, y0, x1, y1):
        return ring([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])

    pts = [(-380, 200), (-200, 120), (-40, 260), (150, 180), (330, 60), (-300, -150), (-60, -60), (200, -220)]
    squares = [({"id": i, "name": "Small %d" % i}, {"type": "Polygon", "coordinates": [box(x + 8, y + 4, x + 28, y + 24)]})
               for i, (x, y) in enumerate(pts)]
    squares.append(({"id": 99, "name": "Big enough"}, {"type": "Polygon", "coordinates": [box(0, -300, 120, -180)]}))
    points = [({"id": i, "name": NAMES[(i * 3) % len(NAMES)]}, {"type": "Point", "coordinates": [X0 + x, Y0 + y]})
              for i, (x, y) in enumerate(pts)]
    return write_geojson("polygons_min_size_obstacle", squares), write_geojson("points_min_size_obstacle", points)


def min_size_obstacle_cases(cases):
    # a polygon under the minimum size QGIS never hands to PAL: its label is
    # suppressed and it repels no other label
    os.makedirs(DATA, exist_ok=True)
    polygons, points = make_min_size_obstacles()
    settings = label_settings(placement=QgsPalLayerSettings.OverPoint, minFeatureSize=6.0)
    settings.obstacleSettings().setType(QgsLabelObstacleSettings.PolygonBoundary)
    layers = [
        job_layer(styled_layer(os.path.join(DATA, points), "points_min_size_obstacle", "point",
                               label_settings(dist=0.0)), {"path": points}, "data"),
        job_layer(styled_layer(os.path.join(DATA, polygons), "polygons_min_size_obstacle", "polygon", settings),
                  {"path": polygons}, "data"),
    ]
    bbox = (X0 - 500, Y0 - 360, X0 + 500, Y0 + 360)
    save_case("min_size_no_obstacle", job("min_size_no_obstacle", layers, bbox, 480, 346, 96), OUT, cases,
              {"kind": "synthetic"})


def font_limit_cases(cases):
    # labels in map units whose pixel size is under the layer's limit: QGIS
    # never hands them to PAL, so they are not drawn and repel no label; a
    # second layer's, within its limits, is drawn
    os.makedirs(DATA, exist_ok=True)
    polygons, points = make_min_size_obstacles()
    P = QgsPalLayerSettings

    def in_map_units(size, minimum):
        settings = label_settings(placement=P.OverPoint, size=size, fontLimitPixelSize=True, fontMinPixelSize=minimum)
        fmt = settings.format()
        fmt.setSizeUnit(QgsUnitTypes.RenderMapUnits)
        settings.setFormat(fmt)
        settings.obstacleSettings().setType(QgsLabelObstacleSettings.PolygonBoundary)
        return settings

    layers = [
        job_layer(styled_layer(os.path.join(DATA, points), "points_min_size_obstacle", "point",
                               label_settings(dist=0.0)), {"path": points}, "data"),
        job_layer(styled_layer(os.path.join(DATA, polygons), "polygons_min_size_obstacle", "polygon",
                               in_map_units(8.0, 6)), {"path": polygons}, "data"),
    ]
    bbox = (X0 - 500, Y0 - 360, X0 + 500, Y0 + 360)
    save_case("font_limit_pixel", job("font_limit_pixel", layers, bbox, 480, 346, 96), OUT, cases,
              {"kind": "synthetic"})
    layers[1] = job_layer(styled_layer(os.path.join(DATA, polygons), "polygons_min_size_obstacle", "polygon",
                                       in_map_units(20.0, 6)), {"path": polygons}, "data")
    save_case("font_limit_pixel_within", job("font_limit_pixel_within", layers, bbox, 480, 346, 96), OUT, cases,
              {"kind": "synthetic"})


def pal_gap_cases(cases):
    # QgsPalLayerSettings::registerFeatureWithDetails drops a feature before
    # PAL (no label, no obstacle) when the data-defined IsObstacle says it
    # repels nothing (obstacle only), its label expression fails to
    # evaluate, or the layer already registered maxNumLabels features
    os.makedirs(DATA, exist_ok=True)
    polygons, points = make_min_size_obstacles()
    P = QgsPalLayerSettings
    bbox = (X0 - 500, Y0 - 360, X0 + 500, Y0 + 360)

    def squares(expression, **extra):
        settings = label_settings(field=expression, placement=P.OverPoint, isExpression=True, **extra)
        settings.obstacleSettings().setType(QgsLabelObstacleSettings.PolygonBoundary)
        return settings

    def case(name, square_settings, point_settings=None):
        layers = [
            job_layer(styled_layer(os.path.join(DATA, points), "points_min_size_obstacle", "point",
                                   point_settings or label_settings(dist=0.0)), {"path": points}, "data"),
            job_layer(styled_layer(os.path.join(DATA, polygons), "polygons_min_size_obstacle", "polygon",
                                   square_settings), {"path": polygons}, "data"),
        ]
        save_case(name, job(name, layers, bbox, 480, 346, 96), OUT, cases, {"kind": "synthetic"})

    # the small squares have no text (obstacles without a label); the odd
    # ones are no obstacle
    case("dd_is_obstacle", with_dd(squares("if(\"id\" = 99, \"name\", '')"), IsObstacle='"id" % 2 = 0'))
    # the data-defined ObstacleFactor (0 to 10, a factor of 0.0001 to 2):
    # the odd squares barely repel the points' labels
    case("dd_obstacle_factor", with_dd(squares("if(\"id\" = 99, \"name\", '')"),
                                       ObstacleFactor='if("id" % 2 = 0, 10, 0)'))
    case("dd_obstacle_factor_only", with_dd(squares("\"name\"", drawLabels=False),
                                            ObstacleFactor='if("id" % 2 = 0, 10, 0)'))
    # the same for a layer that draws no labels, obstacles only
    case("dd_is_obstacle_only", with_dd(squares("\"name\"", drawLabels=False), IsObstacle='"id" % 2 = 0'))
    # text times a number is an evaluation error, not NULL: the small
    # squares are no obstacle
    case("label_eval_error", squares("if(\"id\" = 99, \"name\", \"name\" * 2)"))
    # the points layer registers its first three features only: the others
    # are neither labelled nor obstacles
    case("max_num_labels", squares("if(\"id\" = 99, \"name\", '')"),
         label_settings(dist=0.0, limitNumLabels=True, maxNumLabels=3))


def with_dd(settings, **props):
    """Data-defined label properties: "@field" or an expression."""
    for key, value in props.items():
        prop = QgsProperty.fromField(value[1:]) if value.startswith("@") else QgsProperty.fromExpression(value)
        settings.dataDefinedProperties().setProperty(getattr(QgsPalLayerSettings, key), prop)
    return settings


def one_layer_case(cases, name, file, kind, settings):
    """A case of one layer of our data over the synthetic view."""
    bbox = (X0 - 500, Y0 - 360, X0 + 500, Y0 + 360)
    layer = job_layer(styled_layer(os.path.join(DATA, file), file.split(".")[0], kind, settings), {"path": file}, "data")
    save_case(name, job(name, [layer], bbox, 480, 346, 96), OUT, cases, {"kind": "synthetic"})


def make_dd_points():
    # points, most of whose labels sit where fields say (the labeling
    # tool's auxiliary storage pattern): some beside other points' labels or
    # symbols, some with no position (placed by PAL), aligned and turned
    rows = [
        # name, offset of the label's point (m), hali, vali, rotation
        ("Aarberg", (-300, 200), (40, 30), "Left", "Bottom", None),
        ("Biel", (-200, 180), (-20, 40), "Center", "Base", 15),
        ("Chur", (-100, 190), None, None, None, None),
        ("Davos", (0, 200), (30, -40), "Right", "Half", None),
        ("Emmen", (100, 180), (-60, 10), None, "Cap", -30),
        ("Frick", (200, 200), (10, 10), "Right", "Top", 180),
        ("Gossau", (-300, -100), (20, 20), None, None, None),
        ("Horgen", (-240, -80), None, None, None, None),
        ("Ins", (-200, -120), (-30, 5), "center", "half", 90),
        ("Jona", (0, -100), (5, 5), None, None, None),
        ("Kriens", (20, -90), None, None, None, None),
        ("Lyss", (40, -110), (200, 150), None, None, None),
        ("Muri", (250, -150), (-15, 60), "Left", "Top", 45),
        ("Nyon", (330, -200), (560, 0), None, None, None),
    ]
    feats = []
    for i, (name, (x, y), off, hali, vali, rot) in enumerate(rows):
        props = {"id": i, "name": name, "px": None, "py": None, "hali": hali, "vali": vali, "rot": rot}
        if off is not None:
            props["px"] = X0 + x + off[0]
            props["py"] = Y0 + y + off[1]
        feats.append((props, {"type": "Point", "coordinates": [X0 + x, Y0 + y]}))
    return write_geojson("dd_points", feats)


def dd_layers():
    """Our points with label positions, polygons and lines."""
    os.makedirs(DATA, exist_ok=True)
    return make_dd_points(), make_polygons(), make_lines()


def dd_position_cases(cases):
    points, polygons, lines = dd_layers()
    P = QgsPalLayerSettings

    one_layer_case(cases, "dd_position_points", points, "point", with_dd(label_settings(dist=1.0, buffer=True), PositionX="@px", PositionY="@py"))
    one_layer_case(cases, "dd_position_aligned", points, "point", with_dd(label_settings(dist=1.0, size=9.0), PositionX="@px", PositionY="@py",
                                                   Hali="@hali", Vali="@vali", LabelRotation="@rot"))
    one_layer_case(cases, "dd_position_polygons", polygons, "polygon", with_dd(
        label_settings(placement=P.Horizontal),
        PositionX="x(centroid($geometry)) + 40 * (\"id\" % 3) - 60",
        PositionY="CASE WHEN \"id\" = 2 THEN NULL ELSE y(centroid($geometry)) + 25 END"))
    one_layer_case(cases, "dd_position_lines", lines, "line", with_dd(
        label_settings(placement=P.Line, line_flags=QgsLabeling.LinePlacementFlags(QgsLabeling.OnLine)),
        PositionX="x(start_point($geometry))", PositionY="y(start_point($geometry))", LabelRotation="\"id\" * 20"))


def dd_position_reprojected_cases(cases):
    # the positions are in the layer's CRS: QGIS 3.22's registerFeature
    # transforms them to the map's, as it does the features
    points, _, _ = dd_layers()
    settings = with_dd(label_settings(dist=1.0, size=9.0), PositionX="@px", PositionY="@py",
                       Hali="@hali", Vali="@vali", LabelRotation="@rot")
    layer = job_layer(styled_layer(os.path.join(DATA, points), "dd_points", "point", settings), {"path": points}, "data")
    ct = QgsCoordinateTransform(QgsCoordinateReferenceSystem(CRS), QgsCoordinateReferenceSystem("EPSG:3857"),
                                QgsProject.instance())
    r = ct.transformBoundingBox(QgsRectangle(X0 - 500, Y0 - 360, X0 + 500, Y0 + 360))
    height = round(480 * r.height() / r.width())
    name = "dd_position_points_3857"
    save_case(name, job(name, [layer], (r.xMinimum(), r.yMinimum(), r.xMaximum(), r.yMaximum()), 480, height, 96,
                        crs="EPSG:3857"), OUT, cases, {"kind": "synthetic"})


def callout_cases(cases):
    # labels moved from their features (data-defined positions, the
    # labeling tool's pattern) with a callout line back to them
    points, polygons, lines = dd_layers()
    P = QgsPalLayerSettings

    def with_callout(settings, kind="simple", symbol=None, **props):
        callout = QgsCalloutRegistry.defaultCallout() if kind == "simple" else \
            QgsApplication.calloutRegistry().createCallout(kind)
        callout.setEnabled(True)
        if symbol is not None:
            callout.setLineSymbol(symbol)
        for key, value in props.items():
            getattr(callout, key)(*value) if isinstance(value, tuple) else getattr(callout, key)(value)
        settings.setCallout(callout)
        return settings

    one_layer_case(cases, "callouts_points", points, "point", with_callout(
        with_dd(label_settings(dist=1.0), PositionX="@px", PositionY="@py", Hali="@hali", Vali="@vali")))
    def red():
        # a symbol per callout: setLineSymbol takes it over
        return QgsLineSymbol.createSimple({"line_color": "200,40,40", "line_width": "0.5"})

    one_layer_case(cases, "callouts_lines_manhattan", lines, "line", with_callout(
        with_dd(label_settings(placement=P.Line, line_flags=QgsLabeling.LinePlacementFlags(QgsLabeling.OnLine)),
           PositionX="x(start_point($geometry)) + 60", PositionY="y(start_point($geometry)) - 40"),
        kind="manhattan", symbol=red(), setMinimumLength=3.0, setOffsetFromAnchor=1.0, setOffsetFromLabel=0.5))
    one_layer_case(cases, "callouts_points_curved", points, "point", with_callout(
        with_dd(label_settings(dist=1.0), PositionX="@px", PositionY="@py", Hali="@hali", Vali="@vali"),
        kind="curved", symbol=red(), setCurvature=0.25, setOffsetFromLabel=0.5))
    one_layer_case(cases, "callouts_polygons_pole", polygons, "polygon", with_callout(
        with_dd(label_settings(placement=P.Horizontal), PositionX="x_max($geometry) - 30",
           PositionY="y_max($geometry) + 12")))
    one_layer_case(cases, "callouts_polygons_centroid", polygons, "polygon", with_callout(
        with_dd(label_settings(placement=P.Horizontal), PositionX="x_min($geometry) - 20",
           PositionY="y_min($geometry) - 20"),
        setAnchorPoint=QgsCallout.Centroid, setLabelAnchorPoint=QgsCallout.LabelTopRight))


def balloon_cases(cases):
    # balloon callouts (QGIS >= 3.20): a speech bubble, margins about the
    # label and a wedge to the feature, filled under every label
    points, polygons, _ = dd_layers()
    P = QgsPalLayerSettings

    def with_balloon(settings, fill=None, margins=None, radius=None, wedge=None):
        callout = QgsApplication.calloutRegistry().createCallout("balloon")
        callout.setEnabled(True)
        if fill is not None:
            callout.setFillSymbol(QgsFillSymbol.createSimple(fill))
        if margins is not None:
            callout.setMargins(QgsMargins(*margins))
            callout.setMarginsUnit(QgsUnitTypes.RenderMillimeters)
        if radius is not None:
            callout.setCornerRadius(radius)
            callout.setCornerRadiusUnit(QgsUnitTypes.RenderMillimeters)
        if wedge is not None:
            callout.setWedgeWidth(wedge)
            callout.setWedgeWidthUnit(QgsUnitTypes.RenderMillimeters)
        settings.setCallout(callout)
        return settings

    one_layer_case(cases, "balloon_points", points, "point", with_balloon(
        with_dd(label_settings(dist=1.0), PositionX="@px", PositionY="@py", Hali="@hali", Vali="@vali")))
    one_layer_case(cases, "balloon_points_rounded", points, "point", with_balloon(
        with_dd(label_settings(dist=1.0, buffer=True), PositionX="@px", PositionY="@py", Hali="@hali",
                Vali="@vali"),
        fill={"color": "255,255,255,220", "outline_color": "40,40,120", "outline_width": "0.4"},
        margins=(1.0, 0.5, 1.5, 0.8), radius=1.5, wedge=3.0))
    one_layer_case(cases, "balloon_polygons", polygons, "polygon", with_balloon(
        with_dd(label_settings(placement=P.Horizontal), PositionX="x_max($geometry) - 30",
                PositionY="y_max($geometry) + 12"),
        fill={"color": "200,230,255", "outline_color": "30,60,140", "outline_width": "0.3"},
        margins=(0.5, 0.5, 0.5, 0.5), radius=0.8))


def callout_dd_cases(cases):
    # callouts whose own properties are data-defined (QgsCallout's
    # property collection): anchors, lengths, offsets, curvature and
    # orientation, balloon margins, wedge and corners, per feature
    points, polygons, _ = dd_layers()
    P = QgsPalLayerSettings

    def with_dd_callout(settings, kind, symbol=None, **props):
        callout = QgsApplication.calloutRegistry().createCallout(kind)
        callout.setEnabled(True)
        if symbol is not None:
            callout.setLineSymbol(symbol)
        for key, value in props.items():
            callout.dataDefinedProperties().setProperty(getattr(QgsCallout, key), QgsProperty.fromExpression(value))
        settings.setCallout(callout)
        return settings

    def moved(settings):
        return with_dd(settings, PositionX="@px", PositionY="@py", Hali="@hali", Vali="@vali")

    red = QgsLineSymbol.createSimple({"line_color": "200,40,40", "line_width": "0.5"})
    one_layer_case(cases, "callouts_dd_points", points, "point", with_dd_callout(
        moved(label_settings(dist=1.0)), "simple", red.clone(),
        LabelAnchorPointPosition="CASE \"id\" % 4 WHEN 0 THEN 'TL' WHEN 1 THEN 'b' WHEN 2 THEN 'centroid' "
                                 "ELSE 'nonsense' END",
        OffsetFromLabel="(\"id\" % 3) * 0.6",
        OffsetFromAnchor="CASE WHEN \"id\" % 2 = 0 THEN 1.2 END",
        MinimumCalloutLength="CASE WHEN \"id\" = 3 THEN 50 ELSE 0 END"))
    one_layer_case(cases, "callouts_dd_curved", points, "point", with_dd_callout(
        moved(label_settings(dist=1.0)), "curved", red.clone(),
        Curvature="\"id\" * 6",
        Orientation="CASE WHEN \"id\" % 2 = 0 THEN 'clockwise' ELSE 'counterclockwise' END"))
    one_layer_case(cases, "callouts_dd_polygons", polygons, "polygon", with_dd_callout(
        with_dd(label_settings(placement=P.Horizontal), PositionX="x_max($geometry) - 30",
                PositionY="y_max($geometry) + 12"), "simple",
        AnchorPointPosition="CASE WHEN \"id\" % 2 = 0 THEN 'centroid' ELSE 'point_on_exterior' END",
        LabelAnchorPointPosition="'r'"))
    one_layer_case(cases, "balloon_dd_points", points, "point", with_dd_callout(
        moved(label_settings(dist=1.0)), "balloon",
        Margins="CASE \"id\" % 3 WHEN 0 THEN '1,2,0.5,0' WHEN 1 THEN array(0.5, 0.5, 2, 1) ELSE 'bad' END",
        WedgeWidth="\"id\" % 3 + 1",
        CornerRadius="(\"id\" % 2) * 1.5"))


def html_cases(cases):
    # labels of HTML (allowHtml, QGIS >= 3.14): 3.22 draws colours,
    # underline, strike-through, overline and line breaks; other tags and
    # styles are read and left, the markup itself never drawn
    points, polygons, _ = dd_layers()
    P = QgsPalLayerSettings

    def html(settings, expression):
        fmt = settings.format()
        fmt.setAllowHtmlFormatting(True)
        settings.setFormat(fmt)
        settings.fieldName = expression
        settings.isExpression = True
        return settings

    one_layer_case(cases, "html_points", points, "point", html(
        label_settings(dist=1.0, size=9.0, buffer=True),
        "CASE WHEN \"id\" % 4 = 0 THEN '<u>' || \"name\" || '</u>' "
        "WHEN \"id\" % 4 = 1 THEN '<span style=\"color:#c02020\">' || \"name\" || '</span> <s>' || \"id\" || '</s>' "
        "WHEN \"id\" % 4 = 2 THEN '<b>' || \"name\" || '</b><br><font color=\"#2040c0\">' || \"id\" || '</font>' "
        "ELSE '<i>' || \"name\" || '</i> &amp; <span style=\"font-size:14pt; text-decoration: overline\">x</span>' END"))
    one_layer_case(cases, "html_polygons", polygons, "polygon", html(
        label_settings(placement=P.OverPoint, size=10.0),
        "'<p style=\"color:rgb(20,110,40)\">' || \"name\" || '</p><div><font color=red>#</font>' || \"id\" || ' &lt;' || "
        "(\"id\" * 2) || '&gt;</div>'"))
    _, _, lines = dd_layers()
    one_layer_case(cases, "html_lines_curved", lines, "line", html(
        label_settings(placement=P.Curved, line_flags=QgsLabeling.LinePlacementFlags(QgsLabeling.OnLine)),
        "'<span style=\"color:#c02020\">' || left(\"name\", 4) || '</span><u>' || substr(\"name\", 5) || '</u>'"))
    # markup from data: unclosed and stray tags, bad colours, an entity
    # that is none; QGIS draws what its parser makes of them
    one_layer_case(cases, "html_hostile", points, "point", html(
        label_settings(dist=1.0, size=9.0),
        "'<b><i>' || \"name\" || '<span style=\"color:nonsense;;\">' || '</u>&bogus; a < b' || "
        "CASE WHEN \"id\" % 2 = 0 THEN '<font color=\"#00f\">' || \"id\" ELSE '<script>x</script>' END"))


def make_tie_lines():
    # long straight parallels of many nodes in degrees (EPSG:4326), inside
    # the map, some digitised westwards: their parallel candidates are
    # symmetric about the middle, so pairs tie in cost but for the last bits
    # of PAL's sums in map units (at small coordinates, pixels converted
    # back to map units differ there); nodes at full precision
    # seed 30 (of 22 to 32 tried): ties that both maps break the other way
    # when the line is pixels converted back to map units
    rnd = random.Random(int(os.environ.get("QSL_TIE_SEED", "30")))
    feats = []
    for i in range(5):
        lat = -64 + i * 32 + rnd.uniform(-3, 3)
        lon0, lon1 = -179.9 + rnd.uniform(0, 40), 179.9 - rnd.uniform(0, 40)
        n = rnd.randint(60, 360)
        pts = [[lon0 + (lon1 - lon0) * k / n, lat] for k in range(n + 1)]
        if i % 2:
            pts.reverse()
        feats.append(({"id": i + 1, "name": f"Parallel {NAMES[i]}"}, {"type": "LineString", "coordinates": pts}))
    return write_wgs84_geojson("lines_tie", feats)


def tie_cases(cases):
    # PAL computes line candidates in map units from the line as the data
    # has it (a line inside the map is not clipped), with sqrt(dx² + dy²)
    # lengths: the rounding of those sums breaks the ties between symmetric
    # positions (the order QGIS sorts them in)
    os.makedirs(DATA, exist_ok=True)
    lines = make_tie_lines()
    P = QgsPalLayerSettings
    on_line = QgsLabeling.LinePlacementFlags(QgsLabeling.OnLine)
    for name, dpi in (("lines_parallel_tie", 96), ("lines_parallel_tie_144dpi", 144)):
        layer = job_layer(styled_layer(os.path.join(DATA, lines), "lines_tie", "line",
                                       label_settings(placement=P.Line, line_flags=on_line, size=10.0)),
                          {"path": lines}, "data")
        # EPSG:4326 as a WMS 1.3 client asks for it: latitude first
        save_case(name, job(name, [layer], (-90, -180, 90, 180), 640, 320, dpi, crs="EPSG:4326"), OUT, cases,
                  {"kind": "synthetic"})


def make_touching_zones():
    # 60 strips of 6° from pole to pole (EPSG:4326), numbered: two-digit
    # numbers are wider than a strip, so the candidates above and below the
    # centroids of neighbours touch at the same latitude
    feats = []
    for i in range(60):
        x0 = -180 + 6 * i
        pts = [[x0, -80], [x0 + 6, -80], [x0 + 6, 84], [x0, 84], [x0, -80]]
        feats.append(({"id": i + 1, "name": str(i + 1)}, {"type": "Polygon", "coordinates": [pts]}))
    return write_wgs84_geojson("polygons_touching", feats)


def touching_cases(cases):
    # PAL makes its candidates in map units, where the label above one
    # centroid and the label below its neighbour's meet exactly, and counts
    # touching candidates as conflicting: the count decides which labels the
    # solver drops (every other one)
    os.makedirs(DATA, exist_ok=True)
    zones = make_touching_zones()
    settings = label_settings(placement=QgsPalLayerSettings.AroundPoint, dist=0.0, size=12.25, buffer=True)
    settings.obstacleSettings().setType(QgsLabelObstacleSettings.PolygonInterior)
    layer = job_layer(styled_layer(os.path.join(DATA, zones), "polygons_touching", "polygon", settings),
                      {"path": zones}, "data")
    # EPSG:4326 as a WMS 1.3 client asks for it: latitude first
    save_case("polygons_touching_candidates",
              job("polygons_touching_candidates", [layer], (-80, -180, 84, 180), 640, 292, 96, crs="EPSG:4326"),
              OUT, cases, {"kind": "synthetic"})


def background_cases(cases):
    # labels over a marker symbol or an SVG (QGIS's own library), sized by
    # the label (buffer) or fixed, some turned
    points, polygons, _ = dd_layers()
    P = QgsPalLayerSettings

    def with_background(settings, kind, size_type, size, **extra):
        fmt = settings.format()
        bg = QgsTextBackgroundSettings()
        bg.setEnabled(True)
        bg.setType(kind)
        bg.setSizeType(size_type)
        bg.setSize(QSizeF(size, size))
        bg.setSizeUnit(QgsUnitTypes.RenderMillimeters)
        if kind == QgsTextBackgroundSettings.ShapeMarkerSymbol:
            bg.setMarkerSymbol(QgsMarkerSymbol.createSimple(
                {"name": extra.get("shape", "circle"), "color": "250,230,120", "outline_color": "120,90,20",
                 "outline_width": "0.3"}))
        else:
            bg.setSvgFile("backgrounds/background_square_rounded.svg")
            bg.setFillColor(QColor(200, 230, 255))
            bg.setStrokeColor(QColor(30, 60, 140))
            bg.setStrokeWidth(0.4)
            bg.setStrokeWidthUnit(QgsUnitTypes.RenderMillimeters)
        if "opacity" in extra:
            bg.setOpacity(extra["opacity"])
        fmt.setBackground(bg)
        settings.setFormat(fmt)
        return settings

    B = QgsTextBackgroundSettings
    one_layer_case(cases, "background_marker_buffer", points, "point", with_background(
        with_dd(label_settings(dist=2.0), PositionX="@px", PositionY="@py", LabelRotation="@rot"),
        B.ShapeMarkerSymbol, B.SizeBuffer, 0.5))
    one_layer_case(cases, "background_marker_fixed", polygons, "polygon", with_background(
        label_settings(placement=P.OverPoint), B.ShapeMarkerSymbol, B.SizeFixed, 9.0, shape="square", opacity=0.7))
    one_layer_case(cases, "background_svg_buffer", points, "point", with_background(
        with_dd(label_settings(dist=2.0), PositionX="@px", PositionY="@py", LabelRotation="@rot"),
        B.ShapeSVG, B.SizeBuffer, 1.0))
    one_layer_case(cases, "background_svg_fixed", polygons, "polygon", with_background(
        label_settings(placement=P.OverPoint), B.ShapeSVG, B.SizeFixed, 12.0))


def generic_family_cases(cases):
    # labels in the generic families Qt's font database lists (fontconfig
    # aliases): QGIS keeps them (QgsFontUtils::fontFamilyMatchOnSystem) and
    # draws DejaVu Sans Mono / DejaVu Serif, not its DejaVu Sans fallback
    points, polygons, _ = dd_layers()
    P = QgsPalLayerSettings

    def in_family(settings, family, named_style=""):
        fmt = settings.format()
        fmt.setFont(QFont(family))
        if named_style:
            fmt.setNamedStyle(named_style)
        settings.setFormat(fmt)
        return settings

    one_layer_case(cases, "points_family_monospace", points, "point",
                   in_family(label_settings(dist=1.0, size=9.0), "Monospace"))
    one_layer_case(cases, "polygons_family_serif_italic", polygons, "polygon",
                   in_family(label_settings(placement=P.OverPoint, size=9.0), "Serif", "Italic"))


def layer_variable_cases(cases):
    # a label expression reading the layer's scope (@layer_name) and the
    # map's (@map_scale rounded): QGIS's labeling context holds both
    # (GwennaelFrancois/World-Domination labels its territories with
    # @layer_name)
    _, polygons, _ = dd_layers()
    P = QgsPalLayerSettings
    one_layer_case(cases, "polygons_layer_name_variable", polygons, "polygon",
                   label_settings(field="@layer_name || ' ' || \"name\"", placement=P.OverPoint, size=9.0,
                                  isExpression=True))


def draw_order_cases(cases):
    # two layers' labels drawn over each other (displayAll, over the point):
    # QgsLabelSorter draws lower layers' labels first, so the upper layer's
    # text covers the lower one's
    os.makedirs(DATA, exist_ok=True)
    with open(os.path.join(DATA, "points.geojson")) as f:
        feats = [(ft["properties"], ft["geometry"]) for ft in json.load(f)["features"]]
    layers = []
    for name, color in (("points_upper", QColor(200, 30, 30)), ("points_lower", QColor(30, 30, 200))):
        path = write_geojson(name, feats)
        s = label_settings(placement=QgsPalLayerSettings.OverPoint, size=11.0, buffer=True, displayAll=True)
        fmt = s.format()
        fmt.setColor(color)
        s.setFormat(fmt)
        layers.append(job_layer(styled_layer(os.path.join(DATA, path), name, "point", s), {"path": path}, "data"))
    bbox = (X0 - 500, Y0 - 360, X0 + 500, Y0 + 360)
    # the job's first layer is the top one
    save_case("points_layer_draw_order", job("points_layer_draw_order", layers, bbox, 480, 346, 96), OUT, cases,
              {"kind": "synthetic"})


def with_diagrams(layer, kind="pie", size=8.0, placement=QgsDiagramLayerSettings.OverPoint, dist=0.0,
                  flags=None, show_all=True):
    """Fixed-size diagrams of three expressions over our data's own fields."""
    s = QgsDiagramSettings()
    s.enabled = True
    s.categoryColors = [QColor(223, 36, 12), QColor(255, 144, 17), QColor(40, 120, 220)]
    s.categoryAttributes = ['"id" + 1', 'length("name") / 3', '("id" * 7) % 5 + 1']
    s.categoryLabels = ["A", "B", "C"]
    s.size = QSizeF(size, size)
    s.sizeType = QgsUnitTypes.RenderMillimeters
    s.penColor = QColor(60, 20, 10)
    s.penWidth = 0.3
    s.lineSizeUnit = QgsUnitTypes.RenderMillimeters
    s.barWidth = 2.0
    r = QgsSingleCategoryDiagramRenderer()
    r.setDiagram(QgsHistogramDiagram() if kind == "histogram" else QgsPieDiagram())
    r.setDiagramSettings(s)
    layer.setDiagramRenderer(r)
    ls = QgsDiagramLayerSettings()
    ls.setPlacement(placement)
    ls.setDistance(dist)
    ls.setShowAllDiagrams(show_all)
    if flags is not None:
        ls.setLinePlacementFlags(QgsDiagramLayerSettings.LinePlacementFlags(flags))
    layer.setDiagramLayerSettings(ls)
    return layer


def diagram_placement_cases(cases):
    # diagrams on polygons and lines, QgsDiagramLayerSettings' placements
    # (PAL places their boxes as it places labels, unrotated when drawn)
    polygons = make_polygons()
    lines = make_lines()
    bbox = (X0 - 500, Y0 - 360, X0 + 500, Y0 + 360)
    D = QgsDiagramLayerSettings

    def one(name, file, geometry, **diagram):
        layer = with_diagrams(styled_layer(os.path.join(DATA, file), file.split(".")[0], geometry, None), **diagram)
        layers = [job_layer(layer, {"path": file}, "data")]
        save_case(name, job(name, layers, bbox, 480, 346, 96), OUT, cases, {"kind": "synthetic"})

    points = make_points()
    one("diagram_points_horizontal", points, "point", placement=D.Horizontal, dist=2.0, size=6.0, show_all=False)
    one("diagram_polygons_over", polygons, "polygon", placement=D.OverPoint)
    one("diagram_polygons_around", polygons, "polygon", placement=D.AroundPoint, dist=3.0)
    one("diagram_polygons_around_dist0", polygons, "polygon", placement=D.AroundPoint, size=12.0, show_all=False)
    one("diagram_polygons_horizontal", polygons, "polygon", kind="histogram", placement=D.Horizontal)
    one("diagram_polygons_free", polygons, "polygon", placement=D.Free, size=10.0)
    one("diagram_polygons_curved", polygons, "polygon", placement=D.Curved, size=10.0)
    one("diagram_polygons_horizontal_hidden", polygons, "polygon", placement=D.Horizontal, size=12.0, show_all=False)
    one("diagram_polygons_line", polygons, "polygon", placement=D.Line, dist=2.0,
        flags=D.AboveLine | D.MapOrientation)
    one("diagram_lines_over", lines, "line", placement=D.OverPoint)
    one("diagram_lines_around", lines, "line", kind="histogram", placement=D.AroundPoint, dist=3.0)
    one("diagram_lines_free", lines, "line", placement=D.Free)
    one("diagram_lines_on", lines, "line", placement=D.Line, flags=D.OnLine)
    one("diagram_lines_above", lines, "line", placement=D.Line, dist=2.0, flags=D.AboveLine)
    one("diagram_lines_below", lines, "line", kind="histogram", placement=D.Line, dist=2.0, flags=D.BelowLine)
    one("diagram_lines_above_below_map", lines, "line", placement=D.Line, dist=2.0,
        flags=D.AboveLine | D.BelowLine | D.MapOrientation)
    one("diagram_lines_horizontal", lines, "line", placement=D.Horizontal, flags=D.OnLine)
    # "curved" along lines is not a case: QGIS 3.22 crashes on it (PAL's
    # curved candidates need a label's characters, a diagram has none)
    one("diagram_lines_hidden", lines, "line", placement=D.Line, size=14.0, dist=1.0,
        flags=D.AboveLine | D.BelowLine, show_all=False)


def job_layer_id(source, folder="data"):
    """The id job_layer gives the layer of a source."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, folder + "/" + json.dumps(source, sort_keys=True)))


def mask_refs(layer_id, *paths, key=""):
    return [QgsSymbolLayerReference(layer_id, QgsSymbolLayerId(key, list(p))) for p in paths]


def with_mask(settings, refs, size=1.0, unit=QgsUnitTypes.RenderMillimeters, opacity=1.0):
    fmt = settings.format()
    m = QgsTextMaskSettings()
    m.setEnabled(True)
    m.setSize(size)
    m.setSizeUnit(unit)
    m.setOpacity(opacity)
    m.setMaskedSymbolLayers(refs)
    fmt.setMask(m)
    settings.setFormat(fmt)
    return settings


def cased_lines(path, name, settings):
    """Our lines drawn as a road: a dark casing under a light centre."""
    layer = styled_layer(path, name, "line", settings)
    sym = QgsLineSymbol.createSimple({"line_color": "60,60,60", "line_width": "1.8"})
    sym.appendSymbolLayer(QgsSimpleLineSymbolLayer.create({"line_color": "250,220,120", "line_width": "0.9"}))
    layer.setRenderer(QgsSingleSymbolRenderer(sym))
    return layer


def mask_cases(cases):
    # selective masking (QGIS >= 3.12): label masks and mask markers cut the
    # casing of our roads (symbol layer 0) and leave their centre
    os.makedirs(DATA, exist_ok=True)
    points = make_points()
    lines = make_lines()
    polygons = make_polygons()
    bbox = (X0 - 500, Y0 - 360, X0 + 500, Y0 + 360)
    W, H, DPI = 480, 346, 96
    P = QgsPalLayerSettings
    lines_id = job_layer_id({"path": lines})
    polygons_id = job_layer_id({"path": polygons})
    on_line = QgsLabeling.LinePlacementFlags(QgsLabeling.OnLine)

    def save(name, layers):
        save_case(name, job(name, layers, bbox, W, H, DPI), OUT, cases, {"kind": "synthetic"})

    # the roads' own names mask their casing (1 mm)
    road = cased_lines(os.path.join(DATA, lines), "lines", with_mask(
        label_settings(placement=P.Line, line_flags=on_line, size=10.0), mask_refs(lines_id, [0])))
    save("masks_label_casing", [job_layer(road, {"path": lines}, "data")])
    # curved names (character by character), a round-joined 0.8 mm mask
    road = cased_lines(os.path.join(DATA, lines), "lines", with_mask(
        label_settings(placement=P.Curved, line_flags=on_line, size=10.0), mask_refs(lines_id, [0]), size=0.8))
    save("masks_label_curved", [job_layer(road, {"path": lines}, "data")])
    # place names over the points mask the roads' casing, 1 mm, and the
    # polygons' fill and outline at half opacity, 2 pt
    labelled = styled_layer(os.path.join(DATA, points), "points", "point", with_mask(
        label_settings(placement=P.OverPoint, size=10.0), mask_refs(lines_id, [0]), size=1.0))
    road = cased_lines(os.path.join(DATA, lines), "lines", None)
    save("masks_label_points", [job_layer(labelled, {"path": points}, "data"),
                                job_layer(road, {"path": lines}, "data")])
    labelled = styled_layer(os.path.join(DATA, points), "points", "point", with_mask(
        label_settings(placement=P.OverPoint, size=10.0), mask_refs(polygons_id, [0]),
        size=2.0, unit=QgsUnitTypes.RenderPoints, opacity=0.5))
    fills = styled_layer(os.path.join(DATA, polygons), "polygons", "polygon", None)
    save("masks_label_points_pt_opacity", [job_layer(labelled, {"path": points}, "data"),
                                           job_layer(fills, {"path": polygons}, "data")])
    # a mask marker around each point (a 5 mm circle) masks the casing
    marker = styled_layer(os.path.join(DATA, points), "points", "point", None)
    sym = marker.renderer().symbol()
    mask = QgsMaskMarkerSymbolLayer()
    mask.setSubSymbol(QgsMarkerSymbol.createSimple({"name": "circle", "size": "5", "color": "0,0,0"}))
    mask.setMasks(mask_refs(lines_id, [0]))
    sym.appendSymbolLayer(mask)
    road = cased_lines(os.path.join(DATA, lines), "lines", None)
    save("masks_marker", [job_layer(marker, {"path": points}, "data"),
                          job_layer(road, {"path": lines}, "data")])


def lines_horizontal_cases(cases):
    # labels horizontal along lines (PAL's createHorizontalCandidatesAlongLine:
    # centred on points stepped along the whole line, short lines too)
    lines = make_lines()
    one_layer_case(cases, "lines_horizontal", lines, "line",
                   label_settings(placement=QgsPalLayerSettings.Horizontal, size=9.0, buffer=True))


def project_diagram_cases(cases):
    # QGIS's own server test project (Lighter01/qgis_project's copy): its
    # countries' 15 mm pies around the centroid at distance 0, shown all
    # (SpatiaLite in the project, read by OGR here as by the job)
    mirror, folder = "Lighter01+qgis_project", "tests/testdata/qgis_server_accesscontrol"
    repo = os.path.join(MIRROR, mirror, "repo")
    if not os.path.isdir(repo):
        print("skipped project_diagrams: %s is absent" % repo, file=sys.stderr)
        return
    commit = git(repo, "rev-parse", "HEAD").decode().strip()
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data")
        os.makedirs(data)
        for f in ("helloworld.db", "project.qgs"):
            with open(os.path.join(data, f), "wb") as out:
                out.write(git(repo, "show", "%s:%s/%s" % (commit, folder, f)))
        project = QgsProject()
        assert project.read(os.path.join(data, "project.qgs"))
        styled = project.mapLayersByName("Country_Diagrams")[0]
        doc = QDomDocument()
        assert not styled.exportNamedStyle(doc)
        layer = QgsVectorLayer(os.path.join(data, "helloworld.db") + "|layername=country", "Country_Diagrams", "ogr")
        assert layer.isValid()
        layer.importNamedStyle(doc)
        layers = [job_layer(layer, {"path": "helloworld.db", "layerName": "country"}, "data")]
        for view, bbox in (("full", (-20037508.34, -12000000.0, 20037508.34, 19000000.0)),
                           ("europe", (-2500000.0, 3500000.0, 5500000.0, 9500000.0))):
            name = "project_diagrams_" + view
            save_case(name, job(name, layers, bbox, 640, 496 if view == "full" else 480, 96, "EPSG:3857"), tmp, cases, {
                "kind": "project", "mirror": mirror, "commit": commit, "folder": folder, "files": ["helloworld.db"]})


def main():
    only = set(sys.argv[1:])
    cases = []
    if not only or "diagram_placements" in only:
        diagram_placement_cases(cases)
    if not only or "masks" in only:
        mask_cases(cases)
    if not only or "lines_horizontal" in only:
        lines_horizontal_cases(cases)
    if not only or "project_diagrams" in only:
        project_diagram_cases(cases)
    if not only or "backgrounds" in only:
        background_cases(cases)
    if not only or "callouts" in only:
        callout_cases(cases)
    if not only or "balloon" in only:
        balloon_cases(cases)
    if not only or "callouts_dd" in only:
        callout_dd_cases(cases)
    if not only or "html" in only:
        html_cases(cases)
    if not only or "dd_position" in only:
        dd_position_cases(cases)
    if not only or "dd_position_reprojected" in only:
        dd_position_reprojected_cases(cases)
    if not only or "tie" in only:
        tie_cases(cases)
    if not only or "touching" in only:
        touching_cases(cases)
    if not only or "touching_symbol" in only:
        touching_symbol_cases(cases)
    if not only or "generic_families" in only:
        generic_family_cases(cases)
    if not only or "draw_order" in only:
        draw_order_cases(cases)
    if not only or "layer_variables" in only:
        layer_variable_cases(cases)
    if not only or "rotated" in only:
        rotated_cases(cases)
    if not only or "edge_points" in only:
        edge_points_cases(cases)
    if not only or "show_obstacle" in only:
        show_obstacle_cases(cases)
    if not only or "min_size_obstacle" in only:
        min_size_obstacle_cases(cases)
    if not only or "font_limit" in only:
        font_limit_cases(cases)
    if not only or "pal_gaps" in only:
        pal_gap_cases(cases)
    if not only or "overlap" in only:
        overlap_cases(cases)
    if not only or "two" in only:
        two_layer_cases(cases)
    if not only or "synthetic" in only:
        synthetic_cases(cases)
    if not only or "close" in only:
        close_cases(cases)
    if not only or "edge" in only:
        edge_cases(cases)
    if not only or "edge_boundary" in only:
        edge_boundary_cases(cases)
    if not only or "edge_lines" in only:
        edge_lines_cases(cases)
    if not only or "min_size" in only:
        min_size_cases(cases)
    for spec in PROJECTS:
        if not only or spec["name"] in only:
            project_cases(cases, spec)
    path = os.path.join(OUT, "cases.json")
    old = []
    if only and os.path.exists(path):
        with open(path) as f:
            old = [c for c in json.load(f) if c["name"] not in {c2["name"] for c2 in cases}]
    with open(path, "w") as f:
        json.dump(sorted(old + cases, key=lambda c: c["name"]), f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
    qgs.exitQgis()
