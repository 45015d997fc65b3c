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
- ``layers``: top first. ``{"project_layer": name}``, or
  ``{"name", "path", "layerName"?, "driver": "ogr"|"gdal", "qml"?}`` where
  ``qml`` is ``"repo:<path>"`` (a style file of the repository) or a path
  relative to ``<prefix>/``; no ``qml``: the job's ``style`` is null.
- ``crs``, ``extent`` (``[xmin, ymin, xmax, ymax]`` in map x/y order, even
  for CRSs with inverted axes: the wire bbox is written as the client's
  WMS 1.3 order), ``width``, ``height``, ``dpi``.
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
    return MIRROR / repo.replace("/", "+") / "repo"


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


def relative_source(decoded, base):
    src = {"path": os.path.relpath(decoded["path"], base)}
    if decoded.get("layerName"):
        src["layerName"] = decoded["layerName"]
    return src


def job_layers(case, prefix_dir, data_root, qgis):
    from qgis.core import QgsProject, QgsProviderRegistry
    from qgis.PyQt.QtXml import QDomDocument

    folder = data_root / case["folder_name"]
    project = None
    if case.get("project"):
        project = QgsProject.instance()
        if not project.read(str(data_root / case["project"])):
            raise RuntimeError(f"cannot read project {case['project']}")
    out = []
    for spec in case["layers"]:
        if "project_layer" in spec:
            found = project.mapLayersByName(spec["project_layer"])
            if not found:
                raise RuntimeError(f"no layer {spec['project_layer']}")
            layer = found[0]
            provider = layer.providerType()
            decoded = QgsProviderRegistry.instance().decodeUri(
                provider, layer.source()
            )
            doc = QDomDocument()
            layer.exportNamedStyle(doc)
            out.append({
                "id": layer.id(),
                "name": layer.name(),
                "source": json.dumps(relative_source(decoded, folder)),
                "remote": False,
                "folder_name": case["folder_name"],
                "driver": provider,
                "style": {
                    "name": "default",
                    "definition": encode_style(bytes(doc.toByteArray())),
                },
                "filter": None,
            })
            continue
        src = {"path": spec["path"]}
        if spec.get("layerName"):
            src["layerName"] = spec["layerName"]
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
        src = json.loads(jl["source"])
        src["path"] = str(data_root / jl["folder_name"] / src["path"])
        uri = QgsProviderRegistry.instance().encodeUri(jl["driver"], src)
        if jl["driver"] == "gdal":
            layer = QgsRasterLayer(uri, jl["name"], "gdal")
        else:
            layer = QgsVectorLayer(uri, jl["name"], jl["driver"])
        if not layer.isValid():
            raise RuntimeError(f"layer {jl['name']} is not valid: {uri}")
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
                env = envelope(case, job_layers(case, prefix_dir, data_root, qgis))
                img, layers = render(env, data_root, qgis)
                (prefix_dir / f"{case['name']}.job.json").write_text(
                    json.dumps(env, indent=2) + "\n"
                )
                if not img.save(str(prefix_dir / f"{case['name']}.qgis.png"), "PNG"):
                    raise RuntimeError(f"cannot write the PNG of {key}")
                del layers
                made += 1
                print(f"{key}: {env['job']['width']}×{env['job']['height']}")
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
    qgis.exitQgis()
    return 0 if made else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
