#!/usr/bin/python3
"""Renders the real-project parity references with QGIS (the oracle).

Shared by every area: each area keeps its cases in its own folder,
``tests/parity/real/<prefix>/cases.json``, and this script writes, next to
it, ``<name>.job.json`` (the wire envelope a client would post) and
``<name>.qgis.png`` (what QGIS rendered for that job).

A case names a public repository fetched under ``/work/.mirror`` (the
``search`` tool's ``fetch``; override with ``QSL_MIRROR_DIR``) and the files
it needs from it; they are extracted into a temporary data root, never
copied into the repository. A case with ``"repo": null`` uses our own data
below ``<prefix>/`` instead.

Jobs are rendered as the upstream worker (opengisch/qgis-server-light)
renders them: each job layer is opened from its source with the job's
style imported (``importNamedStyle``), into ``QgsMapSettings`` rendered by
``QgsMapRendererParallelJob`` on a transparent background.
A job layer's ``joins`` (our worker's addition) are added to it as QGIS joins
tables (``apply_joins``), as QGIS Server does from the project; its ``crs``
(our worker's addition too: the project's CRS where it is not the data's)
is set on it (``apply_crs``), as the project sets it.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/make_references.py [prefix[/name] ...]

Case fields (``cases.json`` is a list of them):

- ``name``: file stem of the outputs.
- ``repo``/``commit``: the public repository (``owner/name``) and the commit
  its files are read at; ``null`` repo: our own data in ``<prefix>/``.
- ``extract``: paths (files or folders) of the repository to extract.
- ``folder_name``: the job layers' ``folder_name`` (below the data root).
- ``project``: optional QGIS project (repository path) whose layers
  ``{"project_layer": "<name>"}`` refer to; their style is exported from it
  as the upstream exporter does (``exportNamedStyle``).
- ``layers``: top first. ``{"project_layer": name, "name"?, "index"?, "joins"?}``
  (``name``: the job layer's name, when it is not the project layer's;
  ``index``: of the project's layers of that name, the index-th in its layer
  tree; ``joins``: the job layer's joins, in wire form, as our exporter
  writes the project's), or
  ``{"name", "path", "layerName"?, "geometryType"?, "driver": "ogr"|"gdal",
  "qml"?}`` where
  ``qml`` is ``"repo:<path>"`` (a style file of the repository) or a path
  relative to ``<prefix>/``; no ``qml``: the job's ``style`` is null.
- ``crs``, ``extent`` (``[xmin, ymin, xmax, ymax]`` in map x/y order, even
  for CRSs with inverted axes: the wire bbox is written as the client's
  WMS 1.3 order), ``width``, ``height``, ``dpi``.
- ``kind``: ``"render"`` (the default, above), ``"legend"`` or
  ``"feature_info"``.

Legend cases (``kind: "legend"``) write a ``QslJobInfoLegend`` job and the
legend the upstream worker's legend runner draws for it (QgsLegendRenderer
with default QgsLegendSettings, white, 0.75 of its size when the job gives
none) from layers built from the job; ``job`` holds the job's fields other
than ``layers`` (defaults: PNG, dpi 91, no size, no scale, no titles).

Feature info cases (``kind: "feature_info"``, with a ``project``) write a
``QslJobInfoFeatureInfo`` job and QGIS Server's answer
(``<name>.qgis.<txt|json|html|xml>``) to the GetFeatureInfo request it
stands for, asked of QgsServer (the code behind qgis_mapserver) on the
project itself; ``query`` holds ``INFO_FORMAT``, ``QUERY_LAYERS``, ``I``,
``J`` and optional ``FEATURE_COUNT``, ``FI_*_TOLERANCE``,
``WITH_GEOMETRY``; the map is ``crs``/``extent``/``width``/``height``/``dpi``.
"""
import base64
import colorsys
import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
MIRROR = Path(os.environ.get("QSL_MIRROR_DIR", ROOT.parent / ".mirror"))


def mirror_git_dir(repo):
    d = MIRROR / repo.replace("/", "+") / "repo"
    # fetch leaves some snapshots as a work tree's .git
    return d / ".git" if (d / ".git").is_dir() else d


def extract(repo, commit, paths, dest):
    """Copies the files below ``paths`` at ``commit`` into ``dest``."""
    git = ["git", "--git-dir", str(mirror_git_dir(repo))]
    listed = subprocess.run(
        git + ["ls-tree", "-r", "--name-only", commit, "--"] + paths,
        check=True, capture_output=True, text=True,
    ).stdout.split("\n")
    for name in filter(None, listed):
        blob = subprocess.run(
            git + ["cat-file", "blob", f"{commit}:{name}"], capture_output=True
        )
        if blob.returncode != 0:
            continue  # not in the snapshot (large files, LFS)
        out = dest / name
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(blob.stdout)


def encode_style(xml_bytes):
    return base64.urlsafe_b64encode(zlib.compress(xml_bytes)).decode("ascii")


def default_symbol_rgb(layer_id):
    """The colour our worker gives a layer without style (QGIS: random).

    FNV-1a of the layer id picks hue 0–359, saturation 64–255 and value
    128–255, the ranges QGIS draws its random default colours from.
    """
    h = 0x811C9DC5
    for b in layer_id.encode("utf-8"):
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    hue = h % 360
    sat = 64 + (h >> 9) % 192
    val = 128 + (h >> 17) % 128
    r, g, b = colorsys.hsv_to_rgb(hue / 360, sat / 255, val / 255)
    return tuple(int(c * 255 + 0.5) for c in (r, g, b))


def project_renderer_type(project_file, layer_id):
    """The renderer type a project file gives a layer (None: none), as
    written, whether or not QGIS can load it."""
    import re
    import zipfile
    path = Path(project_file)
    if path.suffix.lower() == ".qgz":
        with zipfile.ZipFile(path) as z:
            name = next(n for n in z.namelist() if n.lower().endswith(".qgs"))
            text = z.read(name).decode("utf-8", "replace")
    else:
        text = path.read_text("utf-8", "replace")
    at = text.find(f"<id>{layer_id}</id>")
    if at < 0:
        return None
    end = text.find("</maplayer>", at)
    m = re.search(r'<renderer-v2[^>]*\stype="([^"]*)"', text[at:end])
    return m.group(1) if m else None


def relative_source(decoded, base, layer=None):
    src = {"path": os.path.relpath(decoded["path"], base)}
    if decoded.get("layerName"):
        src["layerName"] = decoded["layerName"]
    if decoded.get("subset"):
        # the provider's filter, as our exporter writes it
        src["subset"] = decoded["subset"]
    if (
        layer is not None and layer.providerType() == "ogr"
        and decoded["path"].lower().endswith((".shp", ".dbf"))
    ):
        # the encoding QGIS reads a Shapefile in (the project's declared
        # one, else the file's own), as our exporter writes the declared one
        src["open_options"] = [f"ENCODING={layer.dataProvider().encoding()}"]
    return src


def job_layers(case, prefix_dir, data_root, qgis):
    from qgis.core import QgsProject, QgsProviderRegistry, QgsVectorLayer
    from qgis.PyQt.QtGui import QColor
    from qgis.PyQt.QtXml import QDomDocument

    folder = data_root / case["folder_name"]
    project = None
    if case.get("project"):
        # a project of its own: QgsServer makes the projects it serves the
        # instance; a case with "relations" reads it as the instance, whose
        # relations QgsVectorLayer writes into the styles it exports
        # (<referencedLayers>, as the project file holds them for our
        # exporter)
        project = QgsProject.instance() if case.get("relations") else QgsProject()
        if not project.read(str(data_root / case["project"])):
            raise RuntimeError(f"cannot read project {case['project']}")
    out = []
    for spec in case["layers"]:
        if "project_layer" in spec:
            found = project.mapLayersByName(spec["project_layer"])
            if not found:
                raise RuntimeError(f"no layer {spec['project_layer']}")
            layer = found[0]
            if "index" in spec:
                # of layers sharing the name, the index-th in the layer tree
                tree = [
                    n.layer() for n in project.layerTreeRoot().findLayers()
                    if n.layer() in found
                ]
                layer = tree[spec["index"]]
            provider = layer.providerType()
            decoded = QgsProviderRegistry.instance().decodeUri(
                provider, layer.source()
            )
            if isinstance(layer, QgsVectorLayer) and project_renderer_type(
                    data_root / case["project"], layer.id()
            ) not in (None, layer.renderer().type()):
                # a plugin's renderer QGIS cannot load: the layer keeps its
                # default renderer, with our colour instead of a random one
                layer.renderer().symbol().setColor(
                    QColor(*default_symbol_rgb(layer.id())))
            doc = QDomDocument()
            layer.exportNamedStyle(doc)
            # the project's CRS over the data's, as our exporter writes it
            # (only where they differ)
            declared = layer.crs().authid()
            data = layer.dataProvider().crs()
            extra = {}
            if declared and not declared.upper().startswith("USER:") and (
                not data.isValid() or data.authid() != declared
            ):
                extra["crs"] = declared
            aux = auxiliary_join(
                layer, data_root / case["project"], folder, case["folder_name"]
            )
            if aux is not None:
                extra["joins"] = [aux]
            if spec.get("joins"):
                # the project's joins as our exporter writes them (wire form)
                extra["joins"] = extra.get("joins", []) + spec["joins"]
            out.append({
                "id": layer.id(),
                # a client asks QGIS Server for a layer by its short name
                "name": spec.get("name", layer.name()),
                "source": json.dumps(relative_source(decoded, folder, layer)),
                "remote": False,
                "folder_name": case["folder_name"],
                "driver": provider,
                "style": {
                    "name": "default",
                    "definition": encode_style(bytes(doc.toByteArray())),
                },
                "filter": None,
                **extra,
            })
            continue
        src = {"path": spec["path"]}
        if spec.get("layerName"):
            src["layerName"] = spec["layerName"]
        if spec.get("geometryType"):
            # QGIS's decoded-URI key, as encodeUri writes `geometrytype=`
            src["geometryType"] = spec["geometryType"]
        style = None
        if spec.get("qml"):
            qml = spec["qml"]
            path = data_root / qml[5:] if qml.startswith("repo:") else prefix_dir / qml
            style = {"name": "default", "definition": encode_style(path.read_bytes())}
        out.append({
            "id": spec.get("id") or f"{spec['name']}_{case['name']}",
            "name": spec["name"],
            "source": json.dumps(src),
            "remote": False,
            "folder_name": case["folder_name"],
            "driver": spec.get("driver", "ogr"),
            "style": style,
            "filter": None,
        })
    if project is not None:
        project.clear()
    return out


def auxiliary_join(layer, project_file, folder, folder_name):
    """The join QGIS adds for a layer's auxiliary storage, as our exporter
    writes it into the job (the table of the layer's id in the project's
    ``.qgd``, inside a ``.qgz`` or beside a ``.qgs``); None without one or
    when it holds no field."""
    import zipfile

    # rasters have no auxiliary storage
    aux = layer.auxiliaryLayer() if hasattr(layer, "auxiliaryLayer") else None
    if aux is None:
        return None
    fields = [f.name() for f in aux.fields() if f.name() not in ("ASPK", "rowid")]
    if not fields:
        return None
    if project_file.suffix.lower() == ".qgz":
        member = next(
            n for n in zipfile.ZipFile(project_file).namelist()
            if n.lower().endswith(".qgd")
        )
        src = {
            "path": os.path.relpath(project_file, folder),
            "layer_name": layer.id(),
            "vsi_prefix": "/vsizip/",
            "vsi_suffix": "/" + member,
        }
    else:
        qgd = project_file.parent / (project_file.name.split(".")[0] + ".qgd")
        src = {"path": os.path.relpath(qgd, folder), "layer_name": layer.id()}
    name = f"{layer.id()}_auxiliarystorage"
    return {
        "layer": {
            "id": name,
            "name": name,
            "source": json.dumps(src),
            "remote": False,
            "folder_name": folder_name,
            "driver": "ogr",
            "style": None,
            "filter": None,
        },
        "target_field": aux.joinInfo().targetFieldName(),
        "join_field": "ASPK",
        "prefix": "auxiliary_storage_",
        "fields_subset": fields,
        "memory_cache": False,
    }


def envelope(case, layers):
    from qgis.core import QgsCoordinateReferenceSystem

    xmin, ymin, xmax, ymax = case["extent"]
    crs = QgsCoordinateReferenceSystem.fromOgcWmsCrs(case["crs"])
    if crs.hasAxisInverted():
        xmin, ymin, xmax, ymax = ymin, xmin, ymax, xmax
    return {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"qsl-parity:{case['name']}")),
        "type": "QslJobInfoRender",
        "job": {
            "layers": layers,
            "bbox": {
                "x_min": xmin, "x_max": xmax, "y_min": ymin, "y_max": ymax,
                "z_min": 0.0, "z_max": 0.0,
            },
            "crs": case["crs"],
            "width": case["width"],
            "height": case["height"],
            "dpi": case.get("dpi", 96),
            "format": "image/png",
        },
    }


def qgis_uri_parts(src):
    """A job source as QGIS's encodeUri wants it: our exporter writes the
    upstream config's snake_case keys (``layer_name``, ``open_options``),
    decodeUri gives camelCase ones; without this QGIS opens a file's first
    layer instead of the named one or the one at its index (``layer_id``),
    and every geometry type of a file holding several, where the project
    reads one (``geometry_type``, our exporter's addition, is QGIS's
    ``geometrytype=``, as QGIS Server opens the project's layer)."""
    out = dict(src)
    for snake, camel in (
        ("layer_name", "layerName"), ("layer_id", "layerId"),
        ("open_options", "openOptions"), ("vsi_prefix", "vsiPrefix"),
        ("vsi_suffix", "vsiSuffix"),
        ("geometry_type", "geometryType"),
    ):
        if snake in out:
            value = out.pop(snake)
            if value is not None and camel not in out:
                out[camel] = value
    return out


def archive_path(src):
    """An archive GDAL does not know by its extension (a ``.qgz`` holding a
    project's auxiliary storage) named in braces, as our worker names it."""
    if src.get("vsiSuffix") and not src["path"].lower().endswith(
        (".zip", ".kmz", ".dwf", ".ods", ".xlsx", ".xlsm", ".tar", ".tgz", ".tar.gz")
    ):
        src["path"] = "{" + src["path"] + "}"
    return src


# the joined tables of the layers opened: a join holds its layer weakly
_JOINED = []


def apply_crs(layer, jl):
    """The job layer's ``crs`` (the project's, over the data's) set on the
    layer, as the project sets it when QGIS Server reads it."""
    from qgis.core import QgsCoordinateReferenceSystem

    if jl.get("crs"):
        layer.setCrs(QgsCoordinateReferenceSystem(jl["crs"]))


def apply_joins(layer, jl, data_root):
    """The job layer's ``joins`` (our worker's addition to the job), added as
    QGIS joins them, so that QGIS draws and answers with the joined fields as
    QGIS Server does from the project (the upstream worker does not join)."""
    from qgis.core import QgsProviderRegistry, QgsVectorLayer, QgsVectorLayerJoinInfo

    for j in jl.get("joins") or []:
        t = j["layer"]
        src = qgis_uri_parts(json.loads(t["source"]))
        src["path"] = str(data_root / t["folder_name"] / src["path"])
        uri = QgsProviderRegistry.instance().encodeUri(t["driver"], archive_path(src))
        joined = QgsVectorLayer(uri, t["name"], t["driver"])
        if not joined.isValid():
            raise RuntimeError(f"joined layer {t['name']} is not valid: {uri}")
        _JOINED.append(joined)
        info = QgsVectorLayerJoinInfo()
        info.setJoinLayer(joined)
        info.setJoinFieldName(j["join_field"])
        info.setTargetFieldName(j["target_field"])
        info.setUsingMemoryCache(j.get("memory_cache", True))
        info.setPrefix(j["prefix"])
        if j.get("fields_subset") is not None:
            info.setJoinFieldNamesSubset(j["fields_subset"])
        if not layer.addJoin(info):
            raise RuntimeError(f"cannot join {t['name']} to {jl['name']}")


def render(env, data_root, qgis):
    """Renders the job as the upstream worker's RenderRunner does."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsMapRendererParallelJob,
        QgsMapSettings,
        QgsProviderRegistry,
        QgsRasterLayer,
        QgsRectangle,
        QgsVectorLayer,
    )
    from qgis.PyQt.QtCore import QEventLoop, QSize, Qt
    from qgis.PyQt.QtGui import QColor, QImage
    from qgis.PyQt.QtXml import QDomDocument

    job = env["job"]
    layers = []
    for jl in job["layers"]:
        src = qgis_uri_parts(json.loads(jl["source"]))
        src["path"] = str(data_root / jl["folder_name"] / src["path"])
        uri = QgsProviderRegistry.instance().encodeUri(jl["driver"], src)
        if jl["driver"] == "gdal":
            layer = QgsRasterLayer(uri, jl["name"], "gdal")
        else:
            layer = QgsVectorLayer(uri, jl["name"], jl["driver"])
        if not layer.isValid():
            raise RuntimeError(f"layer {jl['name']} is not valid: {uri}")
        apply_crs(layer, jl)
        if isinstance(layer, QgsVectorLayer):
            apply_joins(layer, jl, data_root)
        if jl["style"]:
            doc = QDomDocument()
            doc.setContent(zlib.decompress(
                base64.urlsafe_b64decode(jl["style"]["definition"])
            ))
            ok, err = layer.importNamedStyle(doc)
            if not ok:
                raise RuntimeError(f"style of {jl['name']}: {err}")
        elif isinstance(layer, QgsVectorLayer):
            # QGIS's default symbol, with our colour instead of a random one
            layer.renderer().symbol().setColor(QColor(*default_symbol_rgb(jl["id"])))
        layers.append(layer)
    settings = QgsMapSettings()
    settings.setOutputSize(QSize(job["width"], job["height"]))
    settings.setOutputDpi(job["dpi"])
    crs = QgsCoordinateReferenceSystem.fromOgcWmsCrs(job["crs"])
    b = job["bbox"]
    bbox = QgsRectangle(b["x_min"], b["y_min"], b["x_max"], b["y_max"])
    if crs.hasAxisInverted():
        bbox.invert()
    settings.setExtent(bbox)
    settings.setLayers(layers)
    settings.setBackgroundColor(QColor(Qt.transparent))
    settings.setDestinationCrs(crs)
    renderer = QgsMapRendererParallelJob(settings)
    loop = QEventLoop(qgis)
    renderer.finished.connect(loop.quit)
    renderer.start()
    loop.exec_()
    img = renderer.renderedImage().convertToFormat(QImage.Format_RGBA8888)
    return img, layers


def open_job_layers(job, data_root):
    """The job's layers as the upstream worker opens them (source + style)."""
    from qgis.core import QgsProviderRegistry, QgsRasterLayer, QgsVectorLayer
    from qgis.PyQt.QtXml import QDomDocument

    layers = []
    for jl in job["layers"]:
        src = qgis_uri_parts(json.loads(jl["source"]))
        src["path"] = str(data_root / jl["folder_name"] / src["path"])
        uri = QgsProviderRegistry.instance().encodeUri(jl["driver"], src)
        if jl["driver"] == "gdal":
            layer = QgsRasterLayer(uri, jl["name"], "gdal")
        else:
            options = QgsVectorLayer.LayerOptions(readExtentFromXml=False)
            options.skipCrValidation = True
            options.forceReadOnly = True
            layer = QgsVectorLayer(uri, jl["name"], jl["driver"], options)
        if not layer.isValid():
            raise RuntimeError(f"layer {jl['name']} is not valid: {uri}")
        apply_crs(layer, jl)
        if isinstance(layer, QgsVectorLayer):
            apply_joins(layer, jl, data_root)
        if jl["style"]:
            doc = QDomDocument()
            doc.setContent(zlib.decompress(
                base64.urlsafe_b64decode(jl["style"]["definition"])
            ))
            layer.importNamedStyle(doc)
        elif isinstance(layer, QgsVectorLayer):
            # QGIS's default symbol, with our colour instead of a random one
            from qgis.PyQt.QtGui import QColor

            layer.renderer().symbol().setColor(
                QColor(*default_symbol_rgb(jl["id"]))
            )
        layers.append(layer)
    return layers


def legend_envelope(case, layers):
    job = {
        "layers": layers,
        "format": "image/png",
        "width": None,
        "height": None,
        "dpi": 91,
        "scale": None,
        "layer_title": False,
    }
    job.update(case.get("job", {}))
    return {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"qsl-parity:{case['name']}")),
        "type": "QslJobInfoLegend",
        "job": job,
    }


def draw_legend(env, data_root):
    """The legend as the upstream worker's GetLegendRunner draws it."""
    from qgis.core import (
        QgsLayerTree,
        QgsLayerTreeModel,
        QgsLegendRenderer,
        QgsLegendSettings,
        QgsLegendStyle,
    )
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtGui import QImage, QPainter

    job = env["job"]
    layers = open_job_layers(job, data_root)
    root = QgsLayerTree()
    for layer in layers:
        root.addLayer(layer)
    dpi = job["dpi"]
    px_per_mm = dpi / 25.4
    model = QgsLayerTreeModel(root)
    settings = QgsLegendSettings()
    if job.get("scale") is not None:
        settings.setMapScale(job["scale"])
    if not job["layer_title"]:
        style = QgsLegendStyle()
        style.setMargin(QgsLegendStyle.Bottom, 0)
        settings.setStyle(QgsLegendStyle.Title, style)
        for node in root.children():
            QgsLegendRenderer.setNodeLegendStyle(node, QgsLegendStyle.Hidden)
    renderer = QgsLegendRenderer(model, settings)
    size_mm = renderer.minimumSize()
    default_w = int(size_mm.width() * px_per_mm)
    default_h = int(size_mm.height() * px_per_mm)
    width, height = job.get("width"), job.get("height")
    if width is None and height is None:
        width, height, scale = int(0.75 * default_w), int(0.75 * default_h), 0.75
    elif width is None:
        scale = height / default_h
        width = int(default_w * scale)
    elif height is None:
        scale = width / default_w
        height = int(default_h * scale)
    else:
        scale = min(width / (size_mm.width() * px_per_mm),
                    height / (size_mm.height() * px_per_mm))
    image = QImage(width, height, QImage.Format_ARGB32)
    image.setDotsPerMeterX(int(dpi * 39.37))
    image.setDotsPerMeterY(int(dpi * 39.37))
    image.fill(Qt.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing, True)
    painter.setRenderHint(QPainter.TextAntialiasing, True)
    painter.setRenderHint(QPainter.SmoothPixmapTransform, True)
    painter.scale(scale, scale)
    renderer.drawLegend(painter)
    painter.end()
    return image.convertToFormat(QImage.Format_RGBA8888), layers


def feature_info_settings(project):
    """The project's feature info settings our exporter carries into jobs
    (only where set): "Add geometry to feature response", the precision,
    "Use attribute form settings for GetFeatureInfo response" and the
    measures' ellipsoid and units,
    as QGIS Server reads them (``QgsServerProjectUtils``)."""
    out = {}
    if project.readBoolEntry("WMSAddWktGeometry", "/")[0]:
        out["wms_add_wkt_geometry"] = True
    precision = project.readNumEntry("WMSPrecision", "/", 6)[0]
    if precision != 6 and 0 <= precision <= 17:
        out["wms_precision"] = precision
    if project.readBoolEntry("WMSFeatureInfoUseAttributeFormSettings", "/")[0]:
        out["wms_feature_info_use_attribute_form_settings"] = True
    # the ellipsoid and units $area, $length and $perimeter measure in
    # (our exporter's, each only when not QGIS's default)
    ellipsoid = project.ellipsoid()
    if ellipsoid and ellipsoid != "NONE":
        out["ellipsoid"] = ellipsoid
    area = project.readEntry("Measurement", "/AreaUnits", "")[0]
    if area and area != "m2":
        out["area_units"] = area
    distance = project.readEntry("Measurement", "/DistanceUnits", "")[0]
    if distance and distance != "meters":
        out["distance_units"] = distance
    return out


def project_feature_info_settings(project_path):
    """``feature_info_settings`` of a project file."""
    from qgis.core import QgsProject

    project = QgsProject()
    if not project.read(str(project_path)):
        return {}
    out = feature_info_settings(project)
    project.clear()
    return out


def feature_info_envelope(case, layers, settings=None):
    """A feature info job; ``settings``: the project's
    (``feature_info_settings``), carried as our exporter and job builder
    carry them."""
    from qgis.core import QgsCoordinateReferenceSystem

    xmin, ymin, xmax, ymax = case["extent"]
    crs = QgsCoordinateReferenceSystem.fromOgcWmsCrs(case["crs"])
    if crs.hasAxisInverted():
        xmin, ymin, xmax, ymax = ymin, xmin, ymax, xmax
    q = case["query"]
    job = {
        "INFO_FORMAT": q["INFO_FORMAT"],
        "QUERY_LAYERS": q["QUERY_LAYERS"],
        "I": str(q["I"]),
        "J": str(q["J"]),
        "X": None,
        "Y": None,
        "layers": layers,
        "bbox": {
            "x_min": xmin, "x_max": xmax, "y_min": ymin, "y_max": ymax,
            "z_min": 0.0, "z_max": 0.0,
        },
        "crs": case["crs"],
        "width": case["width"],
        "height": case["height"],
        "dpi": case.get("dpi", 96),
    }
    for k in ("FEATURE_COUNT", "FI_POINT_TOLERANCE", "FI_LINE_TOLERANCE",
              "FI_POLYGON_TOLERANCE", "WITH_GEOMETRY"):
        if k in q:
            job[k] = q[k]
    job.update(settings or {})
    return {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"qsl-parity:{case['name']}")),
        "type": "QslJobInfoFeatureInfo",
        "job": job,
    }


FORMAT_EXTENSIONS = {
    "text/plain": "txt",
    "application/json": "json",
    "application/geo+json": "json",
    "text/html": "html",
    "application/vnd.ogc.gml": "xml",
    "text/xml": "xml",
}


_SERVER = []


def qgis_server():
    """One QgsServer for the process (a second one does not answer)."""
    from qgis.server import QgsServer

    if not _SERVER:
        # public projects often have layers whose data is not in the
        # snapshot; the queried ones are
        os.environ["QGIS_SERVER_IGNORE_BAD_LAYERS"] = "true"
        _SERVER.append(QgsServer())
    return _SERVER[0]


def ask_qgis_server(case, env, data_root):
    """QGIS Server's GetFeatureInfo answer for the job, on the project."""
    from urllib.parse import urlencode
    from qgis.server import QgsBufferServerRequest, QgsBufferServerResponse

    job = env["job"]
    b = job["bbox"]
    params = {
        "MAP": str(data_root / case["project"]),
        "SERVICE": "WMS",
        "VERSION": "1.3.0",
        "REQUEST": "GetFeatureInfo",
        "CRS": job["crs"],
        # the wire bbox is already in the CRS's WMS 1.3 axis order
        "BBOX": f"{b['x_min']},{b['y_min']},{b['x_max']},{b['y_max']}",
        "WIDTH": job["width"],
        "HEIGHT": job["height"],
        "DPI": job["dpi"],
        "LAYERS": job["QUERY_LAYERS"],
        "STYLES": "",
        "FORMAT": "image/png",
    }
    params.update({
        k: v for k, v in case["query"].items()
        if k not in ("LAYERS",)
    })
    server = qgis_server()
    request = QgsBufferServerRequest("http://localhost/?" + urlencode(params))
    response = QgsBufferServerResponse()
    server.handleRequest(request, response)
    body = bytes(response.body())
    if response.statusCode() != 200:
        raise RuntimeError(f"{case['name']}: QGIS Server {response.statusCode()}: {body[:300]}")
    return body, FORMAT_EXTENSIONS[case["query"]["INFO_FORMAT"].lower()]


def main(argv):
    from qgis.core import QgsApplication

    wanted = argv[1:]
    qgis = QgsApplication([], False)
    qgis.initQgis()
    made = 0
    for cases_file in sorted(HERE.glob("*/cases.json")):
        prefix_dir = cases_file.parent
        prefix = prefix_dir.name
        for case in json.loads(cases_file.read_text()):
            key = f"{prefix}/{case['name']}"
            if wanted and prefix not in wanted and key not in wanted:
                continue
            tmp = Path(tempfile.mkdtemp(prefix="qsl-ref-"))
            try:
                if case.get("repo"):
                    extract(case["repo"], case["commit"], case["extract"], tmp)
                    data_root = tmp
                else:
                    data_root = prefix_dir
                kind = case.get("kind", "render")
                layers_json = job_layers(case, prefix_dir, data_root, qgis)
                if kind == "legend":
                    env = legend_envelope(case, layers_json)
                    img, layers = draw_legend(env, data_root)
                    answer = None
                elif kind == "feature_info":
                    env = feature_info_envelope(
                        case, layers_json,
                        project_feature_info_settings(
                            data_root / case["project"]
                        ),
                    )
                    answer, ext = ask_qgis_server(case, env, data_root)
                    img, layers = None, []
                else:
                    env = envelope(case, layers_json)
                    img, layers = render(env, data_root, qgis)
                    answer = None
                (prefix_dir / f"{case['name']}.job.json").write_text(
                    json.dumps(env, indent=2) + "\n"
                )
                if answer is not None:
                    (prefix_dir / f"{case['name']}.qgis.{ext}").write_bytes(answer)
                    print(f"{key}: {len(answer)} bytes")
                else:
                    if not img.save(str(prefix_dir / f"{case['name']}.qgis.png"), "PNG"):
                        raise RuntimeError(f"cannot write the PNG of {key}")
                    print(f"{key}: {img.width()}×{img.height()}")
                del layers
                made += 1
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
    qgis.exitQgis()
    return 0 if made else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
