#!/usr/bin/python3
"""What QGIS Server 3.22 asks a WMS layer's server on GetFeatureInfo.

Starts ``tests/web_map_server.ts`` (``--log``: it prints every request),
writes a project with one WMS layer (``scene``, EPSG:3857) in an EPSG:4326
project, runs QGIS Server in process (``qgis.server.QgsServer``) on the
GetFeatureInfo of ``tests/web_info_legend_e2e_test.ts`` (the first town of
the test world at pixel 100, 60 of a 200 × 120 map in EPSG:4326) and prints
QGIS Server's answers and the GetFeatureInfo requests it made. The e2e test
checks our request against these (2026-12-05: INFO_FORMAT=application/json,
CRS=EPSG:3857, the map's extent as a bounding box there, I=100, J=60, no
FEATURE_COUNT; 2026-12-06: its text and JSON answers are ours byte for byte,
its GML but for the root's attribute order). QGIS runs behind
``_header_proxy.py`` (``Content-Type`` spelled as servers do: straight against
Deno's ``content-type`` it read the JSON answer as GML and answered an empty
layer). Debian's QGIS 3.22 only, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/web/feature_info_qgis.py
"""
import math
import subprocess
import tempfile
import time
from pathlib import Path

import _header_proxy

ROOT = Path(__file__).resolve().parents[3]
TOWN_SCRIPT = """
import { WORLD } from "./tests/web_map_server.ts";
const [x, y] = WORLD.find((f) => f.kind === "town")!.coords[0];
console.log(x, y);
"""


def main():
    from qgis.core import (
        QgsApplication, QgsCoordinateReferenceSystem, QgsProject,
        QgsProviderRegistry, QgsRasterLayer,
    )
    from qgis.server import QgsBufferServerRequest, QgsBufferServerResponse, QgsServer

    with tempfile.TemporaryDirectory() as tmp:
        x, y = map(float, subprocess.check_output(
            ["deno", "eval", TOWN_SCRIPT.replace("./tests/", f"{ROOT}/tests/")],
            cwd=ROOT, text=True).split())
        r = 6378137
        lon = x / r * 180 / math.pi
        lat = (2 * math.atan(math.exp(y / r)) - math.pi / 2) * 180 / math.pi
        log = open(Path(tmp) / "server.log", "w+")
        proc = subprocess.Popen(
            ["deno", "run", "-A", str(ROOT / "tests" / "web_map_server.ts"), "--log"],
            stdout=log, cwd=ROOT, text=True)
        try:
            while not log.tell() and proc.poll() is None:
                time.sleep(0.1)
                log.seek(0, 2)
            log.seek(0)
            # QGIS in front of a proxy that spells Content-Type as servers do
            server_url = _header_proxy.start(log.readline().strip())
            app = QgsApplication([], False)
            app.initQgis()
            src = {"crs": "EPSG:3857", "dpiMode": "7", "format": "image/png",
                   "layers": "scene", "styles": "", "url": f"{server_url}/wms"}
            layer = QgsRasterLayer(QgsProviderRegistry.instance().encodeUri("wms", src), "wms", "wms")
            assert layer.isValid(), layer.error().message()
            project = QgsProject.instance()
            project.addMapLayer(layer)
            project.setCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
            path = str(Path(tmp) / "project.qgs")
            project.write(path)
            server = QgsServer()
            bbox = f"{lat - 0.0305},{lon - 0.0505},{lat + 0.0295},{lon + 0.0495}"
            for fmt in ["text/plain", "application/vnd.ogc.gml", "application/json"]:
                query = (f"?MAP={path}&SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo"
                         f"&LAYERS=wms&QUERY_LAYERS=wms&CRS=EPSG:4326&BBOX={bbox}"
                         f"&WIDTH=200&HEIGHT=120&I=100&J=60&INFO_FORMAT={fmt}&FEATURE_COUNT=5")
                response = QgsBufferServerResponse()
                server.handleRequest(QgsBufferServerRequest("http://localhost/" + query), response)
                print(f"---- QGIS Server's answer, {fmt}")
                print(bytes(response.body()).decode())
            app.exitQgis()
        finally:
            proc.kill()
            proc.wait()
        log.seek(0)
        print("---- QGIS's GetFeatureInfo requests to the WMS")
        for line in log:
            if "GetFeatureInfo" in line:
                print(line.strip())


if __name__ == "__main__":
    main()
