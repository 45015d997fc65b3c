#!/usr/bin/python3
"""QGIS's time on the reprojected maps of ``reproject_bench.ts`` (issue 17).

Each job written by ``deno run -A tests/bench/reproject_bench.ts
--write-jobs DIR`` (the jobs and, below DIR, their data: DIR is also the
data root) is done as the upstream worker's render runner does it:
the job's layers opened from their sources with the job's styles imported,
rendered by ``QgsMapRendererParallelJob`` on a transparent background
(``tests/parity/real/make_references.py``'s ``render``), the image encoded
as PNG. In process, without Redis: less than the Python worker's
end-to-end time. Two warm-up runs per job, then the median of RUNS,
interleaved; prints the medians in ms as JSON.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/bench/reproject_qgis.py /tmp/jobs /tmp/jobs 11
"""
import json
import pathlib
import statistics
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "parity" / "real"))
from make_references import render  # noqa: E402


def main(argv):
    jobs_dir, data_root = pathlib.Path(argv[1]), pathlib.Path(argv[2])
    runs = int(argv[3]) if len(argv) > 3 else 11
    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import QBuffer, QByteArray, QIODevice

    qgis = QgsApplication([], False)
    qgis.initQgis()
    envs = {
        p.name[: -len(".job.json")]: json.loads(p.read_text())
        for p in sorted(jobs_dir.glob("*.job.json"))
    }
    # our exporter writes the upstream exporter's `layer_name`; QGIS's
    # encodeUri reads `layerName`
    for env in envs.values():
        if env["job"].get("dpi") is None:
            env["job"]["dpi"] = 96  # QgsMapSettings's default, as ours
        for jl in env["job"]["layers"]:
            src = json.loads(jl["source"])
            if "layer_name" in src:
                src["layerName"] = src.pop("layer_name")
            jl["source"] = json.dumps(src)

    def once(env):
        t0 = time.perf_counter()
        img, _layers = render(env, data_root, qgis)
        data = QByteArray()
        buf = QBuffer(data)
        buf.open(QIODevice.WriteOnly)
        img.save(buf, "PNG")
        return (time.perf_counter() - t0) * 1000

    for name, env in envs.items():
        once(env)
        once(env)
        if len(argv) > 4:  # a folder for the images, to look at them
            render(env, data_root, qgis)[0].save(f"{argv[4]}/{name}.qgis.png")
    times = {name: [] for name in envs}
    for _ in range(runs):
        for name, env in envs.items():
            times[name].append(once(env))
    print(json.dumps({n: round(statistics.median(t), 1) for n, t in times.items()}))
    qgis.exitQgis()


if __name__ == "__main__":
    main(sys.argv)
