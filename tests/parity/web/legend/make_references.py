#!/usr/bin/python3
"""Draws the WMS legend parity references with QGIS 3.22 (the oracle).

Legends of jobs mixing a WMS layer (served by ``tests/web_map_server.ts``
on a free loopback port, which this script starts) with our own vector
layers (``../data``): for each case of ``cases.json`` it writes
``<name>.job.json`` (a ``QslJobInfoLegend`` envelope; the server's address
in web sources is ``{server}``) and ``<name>.qgis.png``, the legend the
upstream worker's legend runner draws (QgsLegendRenderer with default
QgsLegendSettings over a QgsLayerTreeModel, white, 0.75 of its size, layer
titles hidden unless ``layer_title``) once each QgsWmsLegendNode has its
GetLegendGraphic image (QGIS fetches it asynchronously: the script runs
Qt's event loop until every WMS node holds the server's image).

Layers are made by ``../make_references.py``'s ``build``. Run with Debian's
QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/web/legend/make_references.py
"""
import json
import sys
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import make_references as web  # noqa: E402


def envelope(case, layers):
    return {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"qsl-web-legend:{case['name']}")),
        "type": "QslJobInfoLegend",
        "job": {
            "layers": layers,
            "format": "image/png",
            "width": None,
            "height": None,
            "dpi": case["dpi"],
            "scale": None,
            "layer_title": case["layer_title"],
        },
    }


def wait_for_wms_images(model, root, app):
    """Asks every WMS legend node for its image and runs the event loop
    until each holds the server's (not QGIS's 512 px wide progress or error
    message)."""
    from qgis.core import QgsWmsLegendNode
    from qgis.PyQt.QtCore import Qt

    nodes = []
    for layer_node in root.findLayers():
        for node in model.layerLegendNodes(layer_node):
            if isinstance(node, QgsWmsLegendNode):
                node.data(Qt.DecorationRole)
                nodes.append(node)
    deadline = time.time() + 20
    while time.time() < deadline:
        app.processEvents()
        images = [node.data(Qt.DecorationRole) for node in nodes]
        if all(hasattr(i, "width") and 0 < i.width() != 512 for i in images):
            return
        time.sleep(0.02)
    raise RuntimeError("the WMS legend images did not arrive")


def draw_legend(env, qgis_layers, app):
    from qgis.core import (
        QgsLayerTree, QgsLayerTreeModel, QgsLegendRenderer, QgsLegendSettings,
        QgsLegendStyle,
    )
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtGui import QImage, QPainter

    job = env["job"]
    root = QgsLayerTree()
    for layer in qgis_layers:
        root.addLayer(layer)
    model = QgsLayerTreeModel(root)
    wait_for_wms_images(model, root, app)
    dpi = job["dpi"]
    px_per_mm = dpi / 25.4
    settings = QgsLegendSettings()
    if not job["layer_title"]:
        style = QgsLegendStyle()
        style.setMargin(QgsLegendStyle.Bottom, 0)
        settings.setStyle(QgsLegendStyle.Title, style)
        for node in root.children():
            QgsLegendRenderer.setNodeLegendStyle(node, QgsLegendStyle.Hidden)
    renderer = QgsLegendRenderer(model, settings)
    size_mm = renderer.minimumSize()
    width = int(0.75 * int(size_mm.width() * px_per_mm))
    height = int(0.75 * int(size_mm.height() * px_per_mm))
    image = QImage(width, height, QImage.Format_ARGB32)
    image.setDotsPerMeterX(int(dpi * 39.37))
    image.setDotsPerMeterY(int(dpi * 39.37))
    image.fill(Qt.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing, True)
    painter.setRenderHint(QPainter.TextAntialiasing, True)
    painter.setRenderHint(QPainter.SmoothPixmapTransform, True)
    painter.scale(0.75, 0.75)
    renderer.drawLegend(painter)
    painter.end()
    return image.convertToFormat(QImage.Format_RGBA8888)


def main():
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    cases = json.loads((HERE / "cases.json").read_text())
    proc, server = web.start_server()
    try:
        for case in cases:
            qgis_layers, job_layers = web.build(case, server)
            env = envelope(case, job_layers)
            image = draw_legend(env, qgis_layers, app)
            image.save(str(HERE / f"{case['name']}.qgis.png"), "PNG")
            (HERE / f"{case['name']}.job.json").write_text(json.dumps(env, indent=1) + "\n")
            print(f"{case['name']}: {image.width()}×{image.height()}")
    finally:
        proc.kill()
        proc.wait()
    app.exitQgis()


if __name__ == "__main__":
    main()
