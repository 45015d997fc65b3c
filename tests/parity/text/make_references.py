#!/usr/bin/python3
"""Renders the delimited text and GPX parity references with QGIS 3.22.

Writes our own small data into ``data/`` from a fixed seed — stations as a
semicolon-separated, decimal-comma CSV in EPSG:2056 (``stations.csv``), the
same stations as GeoJSON (``stations.geojson``, for the GeoPackage
comparison), other points as a plain CSV in EPSG:4326 (``huts.csv``), zones
as WKT polygons in a TSV (``zones.tsv``) and a walk as GPX (``walk.gpx``:
waypoints and a track) — and styles made with PyQGIS (``*.qml``). For each
case of ``CASES`` it writes ``<name>.job.json`` (the wire envelope; each
layer's source is QGIS's ``decodeUri`` of the layer, its path made
relative to ``data/``) and ``<name>.qgis.png`` (what QGIS rendered with
``QgsMapRendererParallelJob`` on a transparent background, as the upstream
worker renders). Last, a QGIS project over the same files
(``data/text_project.qgs``, with a subset of its own) and QGIS's render of it
(``text_project.qgis.png``), for the exporter → worker chain.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/text/make_references.py
    deno fmt tests/parity/text
"""
import base64
import json
import random
import sys
import uuid
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"

LAYERS = {
    # stem: (file, URI query, provider, style)
    "stations": ("stations.csv",
                 "type=csv&delimiter=;&decimalPoint=,&xField=east&yField=north&crs=EPSG:2056",
                 "delimitedtext", "stations"),
    "huts": ("huts.csv", "type=csv&xField=lon&yField=lat&crs=EPSG:4326&subset=%22height%22%20%3E%201500",
             "delimitedtext", "huts"),
    "zones": ("zones.tsv", "type=csv&delimiter=%5Ct&wktField=wkt&geomType=polygon&crs=EPSG:2056",
              "delimitedtext", "zones"),
    "walk_track": ("walk.gpx", "type=track", "gpx", "track"),
    "walk_waypoints": ("walk.gpx", "type=waypoint", "gpx", "waypoints"),
}

CASES = [
    {"name": "text_points_2056", "crs": "EPSG:2056",
     "extent": [2590000, 1190000, 2640000, 1225000], "width": 500, "height": 350,
     "layers": ["stations", "zones"]},
    {"name": "text_huts_4326_in_2056", "crs": "EPSG:2056",
     "extent": [2590000, 1190000, 2640000, 1225000], "width": 500, "height": 350,
     "layers": ["huts"]},
    {"name": "gpx_walk_2056", "crs": "EPSG:2056",
     "extent": [2595000, 1195000, 2635000, 1220000], "width": 480, "height": 300,
     "layers": ["walk_waypoints", "walk_track"]},
]


def write_data():
    from qgis.core import (
        QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsProject,
    )
    rnd = random.Random(12)
    kinds = ["rail", "bus", "boat"]
    stations = []
    for i in range(40):
        stations.append({
            "name": f"S{i + 1}",
            "kind": kinds[rnd.randrange(3)],
            "east": round(2592000 + rnd.random() * 46000, 2),
            "north": round(1191000 + rnd.random() * 32000, 2),
            "value": round(rnd.random() * 100, 1),
        })
    lines = ["name;kind;east;north;value"]
    for s in stations:
        lines.append(";".join([s["name"], s["kind"], str(s["east"]).replace(".", ","),
                               str(s["north"]).replace(".", ","), str(s["value"]).replace(".", ",")]))
    (DATA / "stations.csv").write_text("\r\n".join(lines) + "\r\n")
    (DATA / "stations.geojson").write_text(json.dumps({
        "type": "FeatureCollection",
        "name": "stations",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}},
        "features": [{
            "type": "Feature",
            "properties": {"name": s["name"], "kind": s["kind"], "value": s["value"]},
            "geometry": {"type": "Point", "coordinates": [s["east"], s["north"]]},
        } for s in stations],
    }, separators=(",", ":")) + "\n")
    to4326 = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:2056"),
                                    QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance())
    huts = ['name,lon,lat,height']
    for i in range(30):
        p = to4326.transform(QgsPointXY(2591000 + rnd.random() * 48000, 1191000 + rnd.random() * 33000))
        huts.append(f'"Hut {i + 1}, upper",{p.x():.6f},{p.y():.6f},{rnd.randrange(800, 2600)}')
    (DATA / "huts.csv").write_text("\n".join(huts) + "\n")
    zones = ["id\tname\twkt"]
    for i in range(4):
        x, y = 2595000 + i * 11000, 1195000 + (i % 2) * 12000
        w, h = 8000 + rnd.random() * 3000, 9000 + rnd.random() * 4000
        zones.append(f"{i + 1}\tzone {i + 1}\tPOLYGON (({x} {y}, {x + w:.1f} {y}, {x + w:.1f} {y + h:.1f}, {x} {y + h:.1f}, {x} {y}))")
    (DATA / "zones.tsv").write_text("\n".join(zones) + "\n")
    to4326_pts = []
    x, y = 2598000, 1198000
    for i in range(25):
        x += 1200 + rnd.random() * 400
        y += (rnd.random() - 0.3) * 1500
        p = to4326.transform(QgsPointXY(x, y))
        to4326_pts.append((p.x(), p.y()))
    wpts = "".join(
        f'  <wpt lat="{lat:.6f}" lon="{lon:.6f}"><name>P{i + 1}</name></wpt>\n'
        for i, (lon, lat) in enumerate(to4326_pts[::6]))
    trkpts = "".join(f'    <trkpt lat="{lat:.6f}" lon="{lon:.6f}"/>\n' for lon, lat in to4326_pts)
    (DATA / "walk.gpx").write_text(
        '<?xml version="1.0"?>\n'
        '<gpx version="1.1" creator="qsl parity" xmlns="http://www.topografix.com/GPX/1/1">\n'
        f'{wpts}  <trk><name>walk</name><trkseg>\n{trkpts}  </trkseg></trk>\n</gpx>\n')


def write_styles():
    from qgis.core import (
        QgsCategorizedSymbolRenderer, QgsFillSymbol, QgsLineSymbol, QgsMarkerSymbol,
        QgsRendererCategory, QgsSingleSymbolRenderer,
    )
    categories = []
    for value, color in [("rail", "200,30,30,255"), ("bus", "30,120,200,255"), ("boat", "20,160,60,255")]:
        categories.append(QgsRendererCategory(value, QgsMarkerSymbol.createSimple({
            "name": "circle", "color": color, "size": "3", "outline_color": "0,0,0,255",
            "outline_width": "0.3"}), value))
    renderers = {
        "stations": QgsCategorizedSymbolRenderer("kind", categories),
        "huts": QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple({
            "name": "triangle", "color": "240,160,0,255", "size": "3.2",
            "outline_color": "60,30,0,255", "outline_width": "0.3"})),
        "zones": QgsSingleSymbolRenderer(QgsFillSymbol.createSimple({
            "color": "120,120,220,80", "outline_color": "40,40,140,255", "outline_width": "0.5",
            "outline_style": "solid", "style": "solid"})),
        "track": QgsSingleSymbolRenderer(QgsLineSymbol.createSimple({
            "line_color": "200,0,120,255", "line_width": "0.8", "capstyle": "round",
            "joinstyle": "round"})),
        "waypoints": QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple({
            "name": "square", "color": "255,255,255,255", "size": "2.6",
            "outline_color": "200,0,120,255", "outline_width": "0.4"})),
    }
    for stem, (file, query, provider, style) in LAYERS.items():
        layer = qgis_layer(stem)
        layer.setRenderer(renderers[style].clone())
        message, ok = layer.saveNamedStyle(str(DATA / f"{style}.qml"))
        if not ok:
            raise RuntimeError(f"cannot save style {style}: {message}")


def qgis_layer(stem):
    from qgis.core import QgsVectorLayer
    from qgis.PyQt.QtCore import QUrl
    file, query, provider, _ = LAYERS[stem]
    path = DATA / file
    if provider == "delimitedtext":
        uri = f"{bytes(QUrl.fromLocalFile(str(path)).toEncoded()).decode()}?{query}"
    else:
        uri = f"{path}?{query}"
    layer = QgsVectorLayer(uri, stem, provider)
    if not layer.isValid():
        raise RuntimeError(f"{stem} is not valid: {uri}")
    return layer


def encode_style(xml_bytes):
    return base64.urlsafe_b64encode(zlib.compress(xml_bytes)).decode("ascii")


def job_layer(case, stem, layer):
    from qgis.core import QgsProviderRegistry
    file, query, provider, style = LAYERS[stem]
    decoded = QgsProviderRegistry.instance().decodeUri(provider, layer.source())
    decoded["path"] = file
    qml = (DATA / f"{style}.qml").read_bytes()
    return {
        "id": f"{stem}_{case['name']}",
        "name": stem,
        "source": json.dumps(decoded),
        "remote": False,
        "folder_name": "",
        "driver": provider,
        "style": {"name": "default", "definition": encode_style(qml)},
        "filter": None,
    }


def render(case, layers, styled=False):
    from qgis.core import (
        QgsCoordinateReferenceSystem, QgsMapRendererParallelJob, QgsMapSettings, QgsRectangle,
    )
    from qgis.PyQt.QtCore import QEventLoop, QSize, Qt
    from qgis.PyQt.QtGui import QColor
    from qgis.PyQt.QtXml import QDomDocument

    for stem, layer in ([] if styled else layers):
        doc = QDomDocument()
        doc.setContent((DATA / f"{LAYERS[stem][3]}.qml").read_bytes())
        layer.importNamedStyle(doc)
    settings = QgsMapSettings()
    settings.setOutputSize(QSize(case["width"], case["height"]))
    settings.setOutputDpi(96)
    settings.setExtent(QgsRectangle(*case["extent"]))
    settings.setLayers([layer for _, layer in layers])
    settings.setBackgroundColor(QColor(Qt.transparent))
    settings.setDestinationCrs(QgsCoordinateReferenceSystem(case["crs"]))
    job = QgsMapRendererParallelJob(settings)
    loop = QEventLoop()
    job.finished.connect(loop.quit)
    job.start()
    loop.exec_()
    for error in job.errors():
        print(f"  QGIS: {error.layerID}: {error.message}", file=sys.stderr)
    return job.renderedImage()


PROJECT = {
    "name": "text_project", "crs": "EPSG:2056",
    "extent": [2590000, 1190000, 2640000, 1225000], "width": 500, "height": 350,
    # top first; a subset of the project's own on stations
    "layers": ["stations", "huts", "zones"],
    "subsets": {"stations": "\"kind\" = 'rail' OR \"value\" > 80"},
}


def write_project():
    """A QGIS project over the same files (``data/text_project.qgs``, paths
    relative as QGIS saves them), and QGIS's render of it."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsProject
    from qgis.PyQt.QtXml import QDomDocument
    project = QgsProject.instance()
    project.clear()
    project.setCrs(QgsCoordinateReferenceSystem(PROJECT["crs"]))
    layers = []
    for stem in PROJECT["layers"]:
        layer = qgis_layer(stem)
        if stem in PROJECT["subsets"]:
            layer.setSubsetString(PROJECT["subsets"][stem])
        doc = QDomDocument()
        doc.setContent((DATA / f"{LAYERS[stem][3]}.qml").read_bytes())
        layer.importNamedStyle(doc)
        layer.setShortName(stem)
        layers.append((stem, layer))
    for _, layer in reversed(layers):
        project.addMapLayer(layer)
    if not project.write(str(DATA / "text_project.qgs")):
        raise RuntimeError("cannot write the project")
    image = render(PROJECT, layers, styled=True)
    image.save(str(HERE / "text_project.qgis.png"), "PNG")
    print(f"text_project: {image.width()}×{image.height()}")


def main():
    from qgis.core import QgsApplication
    app = QgsApplication([], False)
    app.initQgis()
    DATA.mkdir(exist_ok=True)
    write_data()
    write_styles()
    for case in CASES:
        layers = [(stem, qgis_layer(stem)) for stem in case["layers"]]
        image = render(case, layers)
        xmin, ymin, xmax, ymax = case["extent"]
        envelope = {
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"qsl-text-parity:{case['name']}")),
            "type": "QslJobInfoRender",
            "job": {
                "layers": [job_layer(case, stem, layer) for stem, layer in layers],
                "bbox": {"x_min": xmin, "x_max": xmax, "y_min": ymin, "y_max": ymax,
                         "z_min": 0.0, "z_max": 0.0},
                "crs": case["crs"],
                "width": case["width"],
                "height": case["height"],
                "dpi": 96,
                "format": "image/png",
            },
        }
        image.save(str(HERE / f"{case['name']}.qgis.png"), "PNG")
        (HERE / f"{case['name']}.job.json").write_text(json.dumps(envelope, indent=1) + "\n")
        print(f"{case['name']}: {image.width()}×{image.height()}")
    write_project()
    app.exitQgis()


if __name__ == "__main__":
    main()
