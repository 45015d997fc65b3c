#!/usr/bin/python3
"""Runs the upstream exporter on every project of the fetched snapshots.

The wide half of the exporter's parity sweep (``sweep.ts`` is the other):
every ``.qgs``/``.qgz`` at ``HEAD`` of the snapshots under ``/work/.mirror``
(``QSL_MIRROR_DIR``), or the ``owner+name<TAB>path`` lines of ``--list``, is
extracted with its folder's parent (data beside it such as ``../data``) into
``DIR/src/<owner+name>/`` and exported by the upstream Python exporter with
the shims of ``make_references.py``; this writes, per project,
``DIR/out/<slug>/upstream.json`` (styles emptied, paths below the extraction
as ``<data>``) and ``qgis.json`` (QGIS's own view of each layer), or
``upstream.error`` with the exception. Projects run in one QGIS process; one
that crashes it or runs over 90 s is marked ``crashed`` and the sweep goes
on in a new process. Then ``deno run -A exporter/parity/sweep.ts DIR``.

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 exporter/parity/sweep.py DIR [--list FILE]

Never run in CI: it needs Debian's QGIS 3.22 and minutes per hundred
projects.
"""
import dataclasses
import json
import os
import signal
import subprocess
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_references as refs  # noqa: E402


def slug(repo, path):
    return f"{repo}__{path}".replace("/", "__")


def listing(list_file):
    if list_file:
        rows = [l.split("\t") for l in Path(list_file).read_text().splitlines()]
        return [(r[0], r[1]) for r in rows if len(r) == 2]
    out = []
    for repo in sorted(os.listdir(refs.MIRROR)):
        git_dir = refs.MIRROR / repo / "repo"
        if not git_dir.is_dir():
            continue
        names = subprocess.run(
            ["git", "--git-dir", str(git_dir), "ls-tree", "-r", "-z", "--name-only", "HEAD"],
            capture_output=True, text=True,
        ).stdout.split("\0")
        out += [(repo, n) for n in names if n.lower().endswith((".qgs", ".qgz"))]
    return out


def extract_all(projects, src):
    """Per repository, the files below its projects' parent folders, streamed
    by one `git cat-file --batch` (blobs absent from the snapshot skipped)."""
    by_repo = {}
    for repo, path in projects:
        parent = os.path.dirname(os.path.dirname(path))
        by_repo.setdefault(repo, set()).add(parent)
    for repo, folders in by_repo.items():
        dest = src / repo
        if (dest / ".extracted").exists():
            continue
        git = ["git", "--git-dir", str(refs.MIRROR / repo / "repo")]
        folders = [] if "" in folders else sorted(folders)
        listed = subprocess.run(
            git + ["ls-tree", "-r", "-z", "HEAD", "--", *folders], capture_output=True, text=True,
        ).stdout.split("\0")
        blobs = [(l.split()[2], l.split("\t", 1)[1]) for l in listed if " blob " in l]
        batch = subprocess.run(
            git + ["cat-file", "--batch"], input="".join(f"{o}\n" for o, _ in blobs).encode(),
            capture_output=True,
        ).stdout
        at = 0
        for _, name in blobs:
            end = batch.index(b"\n", at)
            header = batch[at:end].split()
            at = end + 1
            if len(header) < 3 or header[1] != b"blob":
                continue  # missing (large files are not in the snapshot)
            size = int(header[2])
            out = dest / name
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(batch[at:at + size])
            at += size + 1
        (dest / ".extracted").write_text("")


def worker(root, items):
    """Exports `items` (repo, path) in this process; see the module doc."""
    from qgis.core import QgsApplication, QgsProject, QgsSettings

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    # Offline: remote layers must fail fast, not after QGIS's 60 s
    QgsSettings().setValue("qgis/networkAndProxy/networkTimeout", 3000)
    refs.shim_qgis()
    sys.path.insert(0, str(root / "upstream" / "src"))
    from qgis_server_light.exporter.extract import Exporter

    refs.give_creation_time(Exporter)
    for repo, path in items:
        out = root / "out" / slug(repo, path)
        out.mkdir(parents=True, exist_ok=True)
        (out / "upstream.started").write_text("")
        base = root / "src" / repo
        signal.alarm(90)
        try:
            config = dataclasses.asdict(Exporter(str(base / path)).run())
            if config["meta_data"]["creationDateTime"] == refs.NO_CREATION:
                config["meta_data"]["creationDateTime"] = ""
            config = refs.relative(refs.blank_styles(config), base)
            (out / "upstream.json").write_text(json.dumps(config, indent=1, ensure_ascii=False))
            layers = refs.qgis_layers(QgsProject.instance(), base)
            (out / "qgis.json").write_text(json.dumps(layers, indent=1, ensure_ascii=False))
        except Exception:  # noqa: BLE001 — recorded, the sweep goes on
            (out / "upstream.error").write_text(traceback.format_exc())
        signal.alarm(0)
        QgsProject.instance().clear()
    app.exitQgis()


def main(argv):
    if argv and argv[0] == "--worker":
        root = Path(argv[1])
        items = [tuple(l.split("\t")) for l in Path(argv[2]).read_text().splitlines()]
        worker(root, items)
        return
    root = Path(argv[0]).resolve()
    list_file = argv[argv.index("--list") + 1] if "--list" in argv else None
    projects = listing(list_file)
    (root / "src").mkdir(parents=True, exist_ok=True)
    upstream = json.loads((HERE / "upstream.json").read_text())
    refs.extract(refs.UPSTREAM, upstream["commit"], ["src/qgis_server_light"], root / "upstream")
    extract_all(projects, root / "src")
    (root / "projects.tsv").write_text("".join(f"{r}\t{p}\n" for r, p in projects))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    while True:
        todo = [
            (r, p) for r, p in projects
            if not (root / "out" / slug(r, p) / "upstream.started").exists()
        ]
        if not todo:
            break
        batch = root / "batch.tsv"
        batch.write_text("".join(f"{r}\t{p}\n" for r, p in todo))
        ran = subprocess.run([sys.executable, __file__, "--worker", str(root), str(batch)])
        if not (root / "out" / slug(*todo[0]) / "upstream.started").exists():
            sys.exit(f"Cannot run the upstream exporter: exit {ran.returncode}")
        for r, p in todo:
            out = root / "out" / slug(r, p)
            started = (out / "upstream.started").exists()
            done = (out / "upstream.json").exists() or (out / "upstream.error").exists()
            if started and not done:
                (out / "upstream.error").write_text("crashed: QGIS died or ran over 90 s\n")
    done = sum((root / "out" / slug(r, p) / "upstream.json").exists() for r, p in projects)
    print(f"{done} of {len(projects)} projects exported by upstream")


if __name__ == "__main__":
    main(sys.argv[1:])
