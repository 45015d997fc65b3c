#!/usr/bin/python3
"""Exports the exporter's parity references with the upstream exporter.

For each case of ``cases.json`` (a public QGIS project fetched under
``/work/.mirror``; ``QSL_MIRROR_DIR`` overrides it) this writes, next to
this script:

- ``<name>.upstream.json``: the config the upstream Python exporter
  (``opengisch/qgis-server-light``, ``Exporter`` of
  ``qgis_server_light.exporter.extract``, read from its own fetched snapshot,
  never copied here) writes for the project, with every style's definition
  emptied (the QML is the public project's; our QML is compared on its own);
- ``<name>.qgis.json``: what QGIS itself says of each layer of the project,
  including those the upstream exporter skips (provider, decoded source,
  fields with their type name, length and precision, WKB type, validity).

The project's files are extracted into a temporary folder, never into the
repository. Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 exporter/parity/make_references.py [name ...]

The upstream exporter is written for QGIS ≥ 3.34 and xsdata 26; on Debian's
QGIS 3.22 and xsdata 22.12 it runs with these shims, which change no value
it computes: ``QgsTiledSceneLayer`` (absent in 3.22) is an empty class;
``QgsMapLayerServerProperties.shortName`` (3.22 keeps short names on the
layer, which upstream reads first) answers ""; ``toOgcUri``/``toOgcUrn``
are written as QGIS 3.30/3.38 write them (EPSG and OGC identifiers only); the geometry and WKB type enums
get the ``.name`` of Qgis.GeometryType / Qgis.WkbType; ``DictEncoder``
(used only to encode a value it throws away) is a stand-in; the config is
serialized with ``dataclasses.asdict`` (xsdata 22.12 cannot read
``str | None`` annotations), which gives the same fields in the same order.
A project without a creation time makes upstream raise on Debian's PyQt5
(``toPyDateTime`` of an invalid QDateTime): the script gives it 1900-01-01
and writes "" in its place, what the issue reports upstream writing.
"""
import dataclasses
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
MIRROR = Path(os.environ.get("QSL_MIRROR_DIR", ROOT.parent / ".mirror"))
UPSTREAM = "opengisch/qgis-server-light"
NO_CREATION = "1900-01-01T00:00:00"


def git_dir(repo):
    return MIRROR / repo.replace("/", "+") / "repo"


def extract(repo, commit, paths, dest):
    """Copies the files below ``paths`` at ``commit`` into ``dest``; a path
    ending in ``*`` names the files of its folder starting with the rest."""
    git = ["git", "--git-dir", str(git_dir(repo))]
    names = []
    for path in paths:
        prefix = path[:-1] if path.endswith("*") else None
        listed = subprocess.run(
            git + ["ls-tree", "-r", "--name-only", commit, "--",
                   os.path.dirname(prefix) if prefix else path],
            check=True, capture_output=True, text=True,
        ).stdout.split("\n")
        names += [n for n in listed if n and (prefix is None or n.startswith(prefix))]
    for name in names:
        blob = subprocess.run(
            git + ["cat-file", "blob", f"{commit}:{name}"], capture_output=True
        )
        if blob.returncode != 0:
            continue  # not in the snapshot (large files)
        out = dest / name
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(blob.stdout)


def shim_qgis():
    import qgis.core as core
    import xsdata.formats.dataclass.serializers as serializers

    if not hasattr(core, "QgsTiledSceneLayer"):
        core.QgsTiledSceneLayer = type("QgsTiledSceneLayer", (), {})
    if not hasattr(core.QgsMapLayerServerProperties, "shortName"):
        core.QgsMapLayerServerProperties.shortName = lambda self: ""

    # As QgsCoordinateReferenceSystem::toOgcUri/toOgcUrn: EPSG and OGC only
    def parts(crs):
        auth, sep, code = crs.authid().partition(":")
        return (auth, code) if sep and auth in ("EPSG", "OGC") else (None, None)

    def to_ogc_uri(crs):
        auth, code = parts(crs)
        if auth == "EPSG":
            return f"http://www.opengis.net/def/crs/EPSG/0/{code}"
        if auth == "OGC":
            return f"http://www.opengis.net/def/crs/OGC/1.3/{code}"
        return ""

    def to_ogc_urn(crs):
        auth, code = parts(crs)
        if auth == "EPSG":
            return f"urn:ogc:def:crs:EPSG::{code}"
        if auth == "OGC":
            return f"urn:ogc:def:crs:OGC:1.3:{code}"
        return ""

    crs = core.QgsCoordinateReferenceSystem
    if not hasattr(crs, "toOgcUri"):
        crs.toOgcUri = to_ogc_uri
    if not hasattr(crs, "toOgcUrn"):
        crs.toOgcUrn = to_ogc_urn

    class Named(int):
        def __new__(cls, value, name):
            obj = int.__new__(cls, int(value))
            obj.name = name
            return obj

    geometry_names = ["Point", "Line", "Polygon", "Unknown", "Null"]
    layer = core.QgsVectorLayer
    geometry_type, wkb_type = layer.geometryType, layer.wkbType
    if not hasattr(geometry_type(core.QgsVectorLayer("Point", "x", "memory")), "name"):
        layer.geometryType = lambda self: Named(
            geometry_type(self), geometry_names[int(geometry_type(self))]
        )
        layer.wkbType = lambda self: Named(
            wkb_type(self), core.QgsWkbTypes.displayString(wkb_type(self))
        )
    if not hasattr(serializers, "DictEncoder"):
        class DictEncoder:
            def encode(self, obj):
                return obj

        serializers.DictEncoder = DictEncoder


def give_creation_time(exporter):
    """A project without a creation time gets 1900-01-01 (see the module doc)."""
    from qgis.PyQt.QtCore import QDate, QDateTime, QTime

    original_metadata = exporter.extract_metadata

    def extract_metadata(project):
        metadata = project.metadata()
        if not metadata.creationDateTime().isValid():
            metadata.setCreationDateTime(QDateTime(QDate(1900, 1, 1), QTime(0, 0)))
            project.setMetadata(metadata)
        return original_metadata(project)

    exporter.extract_metadata = staticmethod(extract_metadata)


def blank_styles(config):
    for kind in ("vector", "raster", "custom"):
        for dataset in config["datasets"][kind]:
            for style in dataset["styles"]:
                style["definition"] = ""
    return config


def relative(text, base):
    """Paths below the extraction folder as <data>/…, the rest as they are."""
    if isinstance(text, str):
        return text.replace(str(base), "<data>")
    if isinstance(text, dict):
        return {k: relative(v, base) for k, v in text.items()}
    if isinstance(text, list):
        return [relative(v, base) for v in text]
    return text


def qgis_layers(project, base):
    from qgis.core import QgsProviderRegistry, QgsWkbTypes

    out = {}
    for layer_id, layer in project.mapLayers().items():
        entry = {
            "provider": layer.providerType(),
            "valid": layer.isValid(),
            "decoded": {
                k: (None if str(v) in ("None", "NULL") else str(v))
                for k, v in QgsProviderRegistry.instance()
                .decodeUri(layer.providerType(), layer.source())
                .items()
            },
        }
        if hasattr(layer, "fields"):
            entry["fields"] = [
                {
                    "name": f.name(),
                    "typeName": f.typeName(),
                    "type": int(f.type()),
                    "length": f.length(),
                    "precision": f.precision(),
                }
                for f in layer.fields()
            ]
            entry["wkbType"] = QgsWkbTypes.displayString(int(layer.wkbType()))
        out[layer_id] = relative(entry, base)
    return out


def main(names):
    cases = json.loads((HERE / "cases.json").read_text())
    if names:
        cases = [c for c in cases if c["name"] in names]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="qsl_exporter_refs_") as tmp:
        tmp = Path(tmp)
        upstream = json.loads((HERE / "upstream.json").read_text())
        extract(UPSTREAM, upstream["commit"], ["src/qgis_server_light"], tmp / "upstream")
        sys.path.insert(0, str(tmp / "upstream" / "src"))
        from qgis.core import QgsApplication, QgsProject

        QgsApplication.setPrefixPath("/usr", True)
        app = QgsApplication([], False)
        app.initQgis()
        shim_qgis()
        from qgis_server_light.exporter.extract import Exporter

        give_creation_time(Exporter)
        for case in cases:
            base = tmp / case["name"]
            extract(case["repo"], case["commit"], case["extract"], base)
            project_path = str(base / case["project"])
            exporter = Exporter(
                project_path,
                unify_layer_names_by_group=case.get("unify", False),
            )
            config = dataclasses.asdict(exporter.run())
            if config["meta_data"]["creationDateTime"] == NO_CREATION:
                config["meta_data"]["creationDateTime"] = ""
            config = relative(blank_styles(config), base)
            (HERE / f"{case['name']}.upstream.json").write_text(
                json.dumps(config, indent=2, ensure_ascii=False) + "\n"
            )
            layers = qgis_layers(QgsProject.instance(), base)
            (HERE / f"{case['name']}.qgis.json").write_text(
                json.dumps(layers, indent=2, ensure_ascii=False) + "\n"
            )
            print(f"{case['name']}: {len(layers)} layers")
        QgsProject.instance().clear()
        app.exitQgis()


if __name__ == "__main__":
    main(sys.argv[1:])
