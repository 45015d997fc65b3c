#!/usr/bin/python3
"""QGIS's side of hunt.ts: the full extent of the job layers (as QGIS
computes it in the project's CRS), four render jobs (full extent, x4, x16
at 96 dpi, full at 144 dpi, 640 px wide) and QGIS's renders of them, made
as make_references.py renders (the upstream worker's way). Prints the map
names as JSON on its last line. Run by hunt.ts with Debian's QGIS 3.22."""
import json
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import make_references as mr  # noqa: E402


def main():
    from qgis.core import QgsApplication, QgsCoordinateTransform, QgsProject, QgsRectangle

    spec = json.loads(Path(sys.argv[1]).read_text())
    root = Path(sys.argv[2])
    qgis = QgsApplication([], False)
    qgis.initQgis()
    project = QgsProject()
    project.read(spec["project"])
    crs = project.crs()
    # A project without a CRS (QGIS 3.x: "No CRS", or no ProjectionsEnabled)
    # is asked for with an empty job CRS: QGIS draws its layers unprojected.
    authid = crs.authid() if crs.isValid() else ""
    layers, kept = [], []
    for jl in spec["layers"]:
        try:
            env = {"job": {"layers": [jl], "width": 1, "height": 1, "dpi": 96,
                           "crs": authid, "bbox": {"x_min": 0, "y_min": 0, "x_max": 1, "y_max": 1}}}
            # as the render opens it (its style imported), on a tiny map
            _, opened = mr.render(env, root, qgis)
        except Exception as e:  # data not in the snapshot, style refused
            print(f"skipped {jl['name']}: {e}", file=sys.stderr)
            continue
        layers += opened
        kept.append(jl)
    full = QgsRectangle()
    full.setMinimal()
    for layer in layers:
        ext = layer.extent()
        # no transform from or to an invalid CRS: extents as they are
        if crs.isValid() and layer.crs().isValid() and layer.crs() != crs:
            ext = QgsCoordinateTransform(layer.crs(), crs, project).transformBoundingBox(ext)
        full.combineExtentWith(ext)
    if full.isEmpty() or not kept:
        raise SystemExit("no extent")
    cx, cy = full.center().x(), full.center().y()
    names = []
    for tag, zoom, dpi in (("full", 1, 96), ("x4", 4, 96), ("x16", 16, 96), ("full144", 1, 144)):
        w, h = full.width() / zoom, full.height() / zoom
        width = 640
        height = max(1, min(640, round(width * h / w)))
        extent = [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2]
        case = {"name": f"hunt_{tag}", "extent": extent, "crs": authid,
                "width": width, "height": height, "dpi": dpi}
        env = mr.envelope(case, kept)
        img, _ = mr.render(env, root, qgis)
        (root / f"{tag}.job.json").write_text(json.dumps(env))
        img.save(str(root / f"{tag}.qgis.png"), "PNG")
        names.append(tag)
    print(json.dumps(names))


if __name__ == "__main__":
    main()
