#!/usr/bin/python3
"""Renders one render job with QGIS 3.22 as the parity references are made
(tests/parity/real/make_references.py's render) and prints QGIS's placed
labels: text, the label's (or curved character's) map bounds, rotation.
Run under pal_trace.so (see pal_trace.c) to log PAL's steps too::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 render_job.py JOB.json DATA_ROOT
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "real"))
import make_references as mr  # noqa: E402


def main():
    import qgis.core as core

    app = core.QgsApplication([], False)
    app.initQgis()
    envelope = json.loads(Path(sys.argv[1]).read_text())
    jobs = []

    class Keep(core.QgsMapRendererParallelJob):
        def __init__(self, settings):
            super().__init__(settings)
            jobs.append(self)

    core.QgsMapRendererParallelJob = Keep
    mr.render(envelope, Path(sys.argv[2]), app)
    for p in jobs[0].takeLabelingResults().allLabels():
        r = p.labelRect
        print(p.labelText, f"{r.xMinimum():.4f} {r.yMinimum():.4f} {r.xMaximum():.4f} {r.yMaximum():.4f}",
              f"{p.rotation:.4f}")


if __name__ == "__main__":
    main()
