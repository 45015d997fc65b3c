#!/usr/bin/python3
"""Renders the web map parity references with QGIS 3.22 (the oracle).

Maps mixing an XYZ, WMS or WMTS layer (served by ``tests/web_map_server.ts``
on a free loopback port, which this script starts) under our own vector
layers (``data/*.geojson``, written here from a fixed seed, with styles made
here with PyQGIS and saved as ``data/*.qml``). For each case of
``cases.json`` it writes ``<name>.job.json`` (the wire envelope a client
would post; the server's address in web sources is ``{server}``, which the
test replaces) and ``<name>.qgis.png`` (what QGIS rendered).

Jobs are rendered as the upstream worker (opengisch/qgis-server-light)
renders them: a web layer's source is QGIS's decoded URI, turned back into a
URI with ``encodeUri('wms', …)``; vector layers are opened from their path;
every layer's style is imported with ``importNamedStyle``; the map is
rendered by ``QgsMapRendererParallelJob`` on a transparent background.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/web/make_references.py [name ...]
    deno fmt tests/parity/web

Case fields: ``name``; ``crs``; ``extent`` (map x/y order);
``width``/``height``/``dpi``; ``layers`` top first, each either
``{"vector": "<stem>"}`` (``data/<stem>.geojson`` with ``data/<stem>.qml``)
or ``{"web": {decoded URI}, "name", "opacity"?, "blend"?}``.
"""
import base64
import json
import math
import os
import random
import subprocess
import sys
import uuid
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
DATA = HERE / "data"


def write_data():
    """Our own small vector layers around 8.2° E, 47° N (EPSG:4326)."""
    rnd = random.Random(7)

    def blob(cx, cy, r, n=9):
        pts = []
        for i in range(n):
            a = 2 * math.pi * i / n
            rr = r * (0.6 + 0.4 * rnd.random())
            pts.append([round(cx + math.cos(a) * rr * 1.45, 5), round(cy + math.sin(a) * rr, 5)])
        pts.append(pts[0])
        return [pts]

    zones = [{
        "type": "Feature",
        "properties": {"id": i + 1, "name": f"zone {i + 1}", "kind": "abc"[i % 3]},
        "geometry": {"type": "Polygon", "coordinates": blob(
            7.9 + rnd.random() * 0.7, 46.85 + rnd.random() * 0.3, 0.03 + rnd.random() * 0.04)},
    } for i in range(8)]
    routes = []
    for i in range(5):
        x = 7.85 + rnd.random() * 0.7
        y = 46.85 + rnd.random() * 0.3
        line = [[round(x, 5), round(y, 5)]]
        d = rnd.random() * 6.28
        for _ in range(8):
            d += (rnd.random() - 0.5) * 1.0
            x += math.cos(d) * 0.035
            y += math.sin(d) * 0.025
            line.append([round(x, 5), round(y, 5)])
        routes.append({
            "type": "Feature",
            "properties": {"id": i + 1, "name": f"route {i + 1}"},
            "geometry": {"type": "LineString", "coordinates": line},
        })
    places = [{
        "type": "Feature",
        "properties": {"id": i + 1, "name": f"place {i + 1}"},
        "geometry": {"type": "Point", "coordinates": [
            round(7.85 + rnd.random() * 0.75, 5), round(46.83 + rnd.random() * 0.35, 5)]},
    } for i in range(14)]
    DATA.mkdir(exist_ok=True)
    for name, features in [("zones", zones), ("routes", routes), ("places", places)]:
        collection = {
            "type": "FeatureCollection",
            "name": name,
            "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
            "features": features,
        }
        (DATA / f"{name}.geojson").write_text(
            json.dumps(collection, separators=(",", ":")) + "\n")


def write_styles():
    """Simple styles for the vector layers, saved as QGIS writes QML."""
    from qgis.core import (
        QgsFillSymbol, QgsLineSymbol, QgsMarkerSymbol, QgsSingleSymbolRenderer,
        QgsVectorLayer,
    )
    symbols = {
        "zones": QgsFillSymbol.createSimple({
            "color": "255,80,60,90", "outline_color": "160,30,20,255",
            "outline_width": "0.5", "outline_style": "solid", "style": "solid",
        }),
        "routes": QgsLineSymbol.createSimple({
            "line_color": "40,40,160,255", "line_width": "0.8",
            "capstyle": "round", "joinstyle": "round",
        }),
        "places": QgsMarkerSymbol.createSimple({
            "name": "circle", "color": "255,220,0,255", "size": "2.6",
            "outline_color": "0,0,0,255", "outline_width": "0.3",
        }),
    }
    for name, symbol in symbols.items():
        layer = QgsVectorLayer(str(DATA / f"{name}.geojson"), name, "ogr")
        layer.setRenderer(QgsSingleSymbolRenderer(symbol))
        message, ok = layer.saveNamedStyle(str(DATA / f"{name}.qml"))
        if not ok:
            raise RuntimeError(f"cannot save style {name}: {message}")


def encode_style(xml_bytes):
    return base64.urlsafe_b64encode(zlib.compress(xml_bytes)).decode("ascii")


def start_server():
    proc = subprocess.Popen(
        ["deno", "run", "-A", str(ROOT / "tests" / "web_map_server.ts")],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )
    url = proc.stdout.readline().strip()
    if not url.startswith("http://"):
        proc.kill()
        raise RuntimeError(f"the web map server did not start: {url!r}")
    return proc, url


def fill(value, server):
    if isinstance(value, str):
        return value.replace("{server}", server)
    if isinstance(value, dict):
        return {k: fill(v, server) for k, v in value.items()}
    return value


def build(case, server):
    """QGIS layers (top first) and the job's layers."""
    from qgis.core import QgsProviderRegistry, QgsRasterLayer, QgsVectorLayer
    from qgis.PyQt.QtGui import QPainter
    from qgis.PyQt.QtXml import QDomDocument

    qgis_layers, job_layers = [], []
    for i, spec in enumerate(case["layers"]):
        if "vector" in spec:
            stem = spec["vector"]
            layer = QgsVectorLayer(str(DATA / f"{stem}.geojson"), stem, "ogr")
            qml = (DATA / f"{stem}.qml").read_bytes()
            doc = QDomDocument()
            doc.setContent(qml)
            layer.importNamedStyle(doc)
            qgis_layers.append(layer)
            job_layers.append({
                "id": f"{stem}_{case['name']}",
                "name": stem,
                "source": json.dumps({"path": f"{stem}.geojson"}),
                "remote": False,
                "folder_name": "",
                "driver": "ogr",
                "style": {"name": "default", "definition": encode_style(qml)},
                "filter": None,
            })
            continue
        decoded = spec["web"]
        uri = QgsProviderRegistry.instance().encodeUri("wms", fill(decoded, server))
        layer = QgsRasterLayer(uri, spec["name"], "wms")
        if not layer.isValid():
            raise RuntimeError(f"{case['name']}: layer {spec['name']} is not valid: {layer.error().message()}")
        if "opacity" in spec:
            layer.renderer().setOpacity(spec["opacity"])
        if "blend" in spec:
            layer.setBlendMode(getattr(QPainter, spec["blend"]))
        doc = QDomDocument()
        layer.exportNamedStyle(doc)
        qml = bytes(doc.toByteArray())
        qgis_layers.append(layer)
        job_layers.append({
            "id": f"{spec['name']}_{case['name']}",
            "name": spec["name"],
            "source": json.dumps(decoded),
            "remote": True,
            "folder_name": "",
            "driver": "wms",
            "style": {"name": "default", "definition": encode_style(qml)},
            "filter": None,
        })
    return qgis_layers, job_layers


def envelope(case, layers):
    from qgis.core import QgsCoordinateReferenceSystem

    xmin, ymin, xmax, ymax = case["extent"]
    if QgsCoordinateReferenceSystem.fromOgcWmsCrs(case["crs"]).hasAxisInverted():
        xmin, ymin, xmax, ymax = ymin, xmin, ymax, xmax
    return {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"qsl-web-parity:{case['name']}")),
        "type": "QslJobInfoRender",
        "job": {
            "layers": layers,
            "bbox": {"x_min": xmin, "x_max": xmax, "y_min": ymin, "y_max": ymax,
                     "z_min": 0.0, "z_max": 0.0},
            "crs": case["crs"],
            "width": case["width"],
            "height": case["height"],
            "dpi": case.get("dpi", 96),
            "format": "image/png",
        },
    }


def render(env, qgis_layers):
    """As the upstream worker's RenderRunner (common.py _get_map_settings)."""
    from qgis.core import (
        QgsCoordinateReferenceSystem, QgsMapRendererParallelJob, QgsMapSettings,
        QgsRectangle,
    )
    from qgis.PyQt.QtCore import QEventLoop, QSize, Qt
    from qgis.PyQt.QtGui import QColor

    job = env["job"]
    settings = QgsMapSettings()
    settings.setOutputSize(QSize(int(job["width"]), int(job["height"])))
    settings.setOutputDpi(job["dpi"])
    crs = QgsCoordinateReferenceSystem.fromOgcWmsCrs(job["crs"])
    b = job["bbox"]
    rect = QgsRectangle(b["x_min"], b["y_min"], b["x_max"], b["y_max"])
    if crs.hasAxisInverted():
        rect.invert()
    settings.setExtent(rect)
    settings.setLayers(qgis_layers)
    settings.setBackgroundColor(QColor(Qt.transparent))
    settings.setDestinationCrs(crs)
    renderer = QgsMapRendererParallelJob(settings)
    loop = QEventLoop()
    renderer.finished.connect(loop.quit)
    renderer.start()
    loop.exec_()
    for error in renderer.errors():
        print(f"  QGIS: {error.layerID}: {error.message}", file=sys.stderr)
    return renderer.renderedImage()


def main():
    from qgis.core import QgsApplication, QgsNetworkAccessManager

    app = QgsApplication([], False)
    app.initQgis()
    cache = QgsNetworkAccessManager.instance().cache()
    if cache:
        cache.clear()
    write_data()
    write_styles()
    wanted = set(sys.argv[1:])
    cases = json.loads((HERE / "cases.json").read_text())
    proc, server = start_server()
    try:
        for case in cases:
            if wanted and case["name"] not in wanted:
                continue
            qgis_layers, job_layers = build(case, server)
            env = envelope(case, job_layers)
            image = render(env, qgis_layers)
            image.save(str(HERE / f"{case['name']}.qgis.png"), "PNG")
            (HERE / f"{case['name']}.job.json").write_text(json.dumps(env, indent=1) + "\n")
            print(f"{case['name']}: {image.width()}×{image.height()}")
    finally:
        proc.kill()
        proc.wait()
    app.exitQgis()


if __name__ == "__main__":
    main()
