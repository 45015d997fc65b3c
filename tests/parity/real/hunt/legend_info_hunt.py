#!/usr/bin/python3
"""QGIS's side of legend_info_hunt.ts: for the job layers of a project (as
our exporter writes them), the legend of each layer as the upstream worker
draws it (``make_references.draw_legend``: default legend settings, dpi 91,
0.75 of its natural size, no layer title) and QGIS Server's answers to
GetFeatureInfo requests on the project itself (``ask_qgis_server``): for
each queryable layer three points (vectors: a point on the first, middle
and last feature in feature id order; rasters: three points inside the
raster), each on a 640 px map of the full extent, ×4 and ×16 around the
point, asked in the four formats with FEATURE_COUNT 10; the job carries the
queried layer and the other checked layers QGIS Server names alike. Writes
``<name>.job.json`` and ``<name>.qgis.<png|txt|json|html|xml>`` beside the
data and prints the case names as JSON on its last line (a third argument
``legend``: the legends alone). Run by
legend_info_hunt.ts with Debian's QGIS 3.22, never at run time or in CI."""
import json
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import make_references as mr  # noqa: E402

FORMATS = ("text/plain", "application/json", "text/html", "application/vnd.ogc.gml")
ZOOMS = (1, 4, 16)


def feature_points(layer, crs, project):
    """Points on the first, middle and last feature (feature id order)."""
    from qgis.core import QgsCoordinateTransform, QgsFeatureRequest

    ids = sorted(f.id() for f in layer.getFeatures(
        QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry).setNoAttributes()
    ))
    if not ids:
        return []
    picked = sorted({ids[0], ids[len(ids) // 2], ids[-1]})
    xform = None
    if crs.isValid() and layer.crs().isValid() and layer.crs() != crs:
        xform = QgsCoordinateTransform(layer.crs(), crs, project)
    out = []
    for fid in picked:
        f = next(layer.getFeatures(QgsFeatureRequest(fid)), None)
        if f is None or not f.hasGeometry() or f.geometry().isEmpty():
            continue
        g = f.geometry()
        if g.type() == 1:  # a line: its middle, on the line
            p = g.interpolate(g.length() / 2)
        else:
            p = g.pointOnSurface()
        if p is None or p.isEmpty():
            continue
        if xform is not None:
            p.transform(xform)
        pt = p.asPoint()
        out.append((pt.x(), pt.y()))
    return out


def raster_points(ext):
    return [(ext.xMinimum() + fx * ext.width(), ext.yMinimum() + fy * ext.height())
            for fx, fy in ((0.31, 0.43), (0.5, 0.5), (0.72, 0.61))]


def server_name(layer, project):
    if project.readBoolEntry("WMSUseLayerIDs", "/")[0]:
        return layer.id()
    return layer.shortName() or layer.name()


def main():
    from qgis.core import (
        QgsApplication,
        QgsCoordinateTransform,
        QgsProject,
        QgsRasterLayer,
        QgsRectangle,
    )

    spec = json.loads(Path(sys.argv[1]).read_text())
    root = Path(sys.argv[2])
    qgis = QgsApplication([], False)
    qgis.initQgis()
    project = QgsProject()
    project.read(spec["project"])
    crs = project.crs()
    authid = crs.authid() if crs.isValid() else ""
    # the project's feature info settings, as our exporter carries them
    settings = mr.feature_info_settings(project)
    names = []
    kept = []
    # legends, one per layer, as the upstream worker draws them
    for i, jl in enumerate(spec["layers"]):
        env = mr.legend_envelope({"name": f"legend_{i}"}, [jl])
        try:
            img, opened = mr.draw_legend(env, root)
        except Exception as e:  # data not in the snapshot, style refused
            print(f"skipped {jl['name']}: {e}", file=sys.stderr)
            continue
        kept.append((jl, opened[0]))
        name = f"legend_{i}"
        (root / f"{name}.job.json").write_text(json.dumps(env))
        img.save(str(root / f"{name}.qgis.png"), "PNG")
        names.append(name)
    if len(sys.argv) > 3 and sys.argv[3] == "legend":  # legends alone
        print(json.dumps(names))
        return
    # the full extent of the kept layers, as hunt_render.py computes it
    full = QgsRectangle()
    full.setMinimal()
    for _, layer in kept:
        ext = layer.extent()
        if crs.isValid() and layer.crs().isValid() and layer.crs() != crs:
            ext = QgsCoordinateTransform(layer.crs(), crs, project).transformBoundingBox(ext)
        full.combineExtentWith(ext)
    if full.isEmpty():
        print(json.dumps(names))
        return
    k = 0
    for i, (jl, opened) in enumerate(kept):
        layer = project.mapLayer(jl["id"])
        if layer is None:
            continue
        if isinstance(layer, QgsRasterLayer):
            ext = layer.extent()
            if crs.isValid() and layer.crs().isValid() and layer.crs() != crs:
                ext = QgsCoordinateTransform(layer.crs(), crs, project).transformBoundingBox(ext)
            points = raster_points(ext)
        else:
            points = feature_points(layer, crs, project)
        for p, (x, y) in enumerate(points):
            zoom = ZOOMS[p % len(ZOOMS)]
            w, h = full.width() / zoom, full.height() / zoom
            if w <= 0 or h <= 0:
                continue
            width = 640
            height = max(1, min(640, round(width * h / w)))
            # the point in the middle of a pixel near the map's centre
            cx = full.center().x() if zoom == 1 else x
            cy = full.center().y() if zoom == 1 else y
            xmin, ymax = cx - w / 2, cy + h / 2
            col = math.floor((x - xmin) / (w / width))
            row = math.floor((ymax - y) / (h / height))
            if not (0 <= col < width and 0 <= row < height):
                continue
            for fmt in FORMATS:
                name = f"info_{k}"
                k += 1
                case = {
                    "name": name,
                    "project": spec["project"],
                    "crs": authid,
                    "extent": [xmin, ymax - h, xmin + w, ymax],
                    "width": width,
                    "height": height,
                    "dpi": 96,
                    "query": {
                        "INFO_FORMAT": fmt,
                        "QUERY_LAYERS": server_name(layer, project),
                        "I": col,
                        "J": row,
                        "FEATURE_COUNT": 10,
                    },
                }
                # the layer named as QGIS Server names it, as a client
                # asking for it by that name would, with the other checked
                # layers of that name (QGIS Server answers the one whose id
                # sorts first, as our worker does when the job has them all)
                asked = case["query"]["QUERY_LAYERS"]
                twins = [
                    dict(other, name=asked) for other, _ in kept
                    if other["id"] != jl["id"]
                    and project.mapLayer(other["id"]) is not None
                    and server_name(project.mapLayer(other["id"]), project) == asked
                ]
                env = mr.feature_info_envelope(
                    case, [dict(jl, name=asked)] + twins, settings,
                )
                try:
                    body, ext = mr.ask_qgis_server(case, env, root)
                except Exception as e:
                    print(f"skipped {name} ({jl['name']}): {str(e)[:200]}", file=sys.stderr)
                    continue
                (root / f"{name}.job.json").write_text(json.dumps(env))
                (root / f"{name}.qgis.{ext}").write_bytes(body)
                names.append(name)
    print(json.dumps(names))


if __name__ == "__main__":
    main()
