#!/usr/bin/python3
"""Makes random dense point clusters and where QGIS 3.22 places their labels.

Run with Debian's QGIS (python3-qgis) from the repository root:

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/labels/make_clusters.py [count]

Writes tests/parity/labels/testdata/clusters.json: the label styles (as the
render job carries them), and per case the points (our own, from a fixed
seed per case) and the label rectangles QGIS's labelling results give for
them (map units). `clusters_test.ts` renders each case with our engine and
counts the labels placed elsewhere than QGIS places them: in dense clusters
ties among equally costly candidates decide, so positions say more than
pixels.
"""

import json
import math
import os
import random
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import make_references as mr  # noqa: E402  (starts QGIS)
from qgis.core import QgsPalLayerSettings  # noqa: E402

BBOX = (mr.X0 - 500, mr.Y0 - 360, mr.X0 + 500, mr.Y0 + 360)
W, H, DPI = 480, 346, 96

VARIANTS = {
    "around_dist1": lambda: mr.label_settings(dist=1.0),
    "around_dist0": lambda: mr.label_settings(dist=0.0, size=9.0),
}


def points(seed):
    rnd = random.Random(1000 + seed)
    pts = []
    for _ in range(rnd.randint(2, 4)):
        cx, cy = rnd.uniform(-400, 400), rnd.uniform(-280, 280)
        r = rnd.uniform(30, 90)
        for _ in range(rnd.randint(5, 12)):
            a = rnd.uniform(0, 2 * math.pi)
            d = r * math.sqrt(rnd.uniform(0, 1))
            pts.append([cx + d * math.cos(a), cy + d * math.sin(a)])
    for _ in range(rnd.randint(0, 6)):
        pts.append([rnd.uniform(-480, 480), rnd.uniform(-340, 340)])
    pts = pts[:len(mr.NAMES)]
    return [[round(mr.X0 + x, 2), round(mr.Y0 + y, 2), mr.NAMES[i]] for i, (x, y) in enumerate(pts)]


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 48
    out = {"bbox": BBOX, "width": W, "height": H, "dpi": DPI, "crs": mr.CRS, "styles": {}, "cases": []}
    tmp = tempfile.mkdtemp(prefix="qsl-clusters-")
    os.makedirs(os.path.join(tmp, "data"))
    for seed in range(count):
        variant = list(VARIANTS)[seed % len(VARIANTS)]
        pts = points(seed)
        feats = [({"id": i, "name": n}, {"type": "Point", "coordinates": [x, y]}) for i, (x, y, n) in enumerate(pts)]
        path = os.path.join(tmp, "data", "points.geojson")
        with open(path, "w") as f:
            json.dump(mr.feature_collection(feats), f)
        layer = mr.styled_layer(path, "points", "point", VARIANTS[variant]())
        if variant not in out["styles"]:
            out["styles"][variant] = mr.style_definition(layer)
        envelope = mr.job("cluster_%d" % seed, [mr.job_layer(layer, {"path": "points.geojson"}, "data")],
                          BBOX, W, H, DPI)
        results = mr.render_results(envelope, tmp)
        labels = []
        for lp in results.allLabels():
            if lp.isUnplaced:
                continue
            r = lp.labelRect
            labels.append({"text": lp.labelText, "rect": [round(v, 4) for v in
                                                          (r.xMinimum(), r.yMinimum(), r.xMaximum(), r.yMaximum())]})
        labels.sort(key=lambda lab: lab["text"])
        out["cases"].append({"seed": seed, "style": variant, "points": pts, "labels": labels})
        print("case", seed, variant, len(pts), "points,", len(labels), "labels")
    with open(os.path.join(mr.OUT, "clusters.json"), "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
    mr.qgs.exitQgis()
