#!/usr/bin/python3
"""Makes the vector join parity references with QGIS 3.22.

Writes our own small data into ``data/`` from a fixed seed — zones as
GeoJSON polygons in EPSG:2056 (``zones.geojson``: ``code`` text, ``num``
integer), a statistics table as a CSV read by the delimited text provider
(``stats.csv``: a duplicated code, a code of no zone, a code differing only
in case, an empty code) and a ranks table read by the OGR provider
(``ranks.csv``: every column text, numbers written ``01``, ``2.0`` …) — and a
QGIS project over them (``data/joins_project.qgs``): the zones joined

- to ``stats`` on ``code`` = ``code``, memory cache on, QGIS's default prefix
  (``stats_``), the fields ``population`` and ``name`` only;
- to ``ranks`` on ``num`` = ``num``, no memory cache, prefix ``r_``, every
  field;

drawn by a graduated renderer on ``stats_population`` and labelled with
``"stats_name" || ' #' || "r_rank"``. It writes QGIS's render of the project
(``joins_project.qgis.png``, ``QgsMapRendererParallelJob`` on a transparent
background) and the zones' attributes as QGIS reads them through the joins
(``joined.qgis.json``: the layer's field names in order and each feature's
values), for the unit tests of the join.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/joins/make_references.py
    deno fmt tests/parity/joins
"""
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"

EXTENT = [2590000, 1190000, 2640000, 1225000]
WIDTH, HEIGHT = 500, 350


def write_data():
    rnd = random.Random(16)
    features = []
    for i in range(12):
        x = 2591000 + (i % 4) * 12000 + rnd.random() * 1500
        y = 1191000 + (i // 4) * 11000 + rnd.random() * 1500
        w, h = 9000 + rnd.random() * 2000, 8500 + rnd.random() * 1500
        ring = [[x, y], [round(x + w, 1), y], [round(x + w, 1), round(y + h, 1)],
                [x, round(y + h, 1)], [x, y]]
        ring = [[round(a, 1), round(b, 1)] for a, b in ring]
        features.append({
            "type": "Feature",
            "properties": {"code": f"Z{i + 1}", "num": i + 1 if i != 10 else None},
            "geometry": {"type": "Polygon", "coordinates": [ring]},
        })
    (DATA / "zones.geojson").write_text(json.dumps({
        "type": "FeatureCollection",
        "name": "zones",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}},
        "features": features,
    }, separators=(",", ":")) + "\n")
    names = ["Aare", "Birs", "Emme", "Limmat", "Reuss", "Saane", "Thur", "Töss",
             "Sihl", "Kander", "Orbe", "Broye"]
    rows = ["code,population,name,share"]
    for i in range(12):
        if i == 6:
            continue  # Z7: no statistics
        code = f"Z{i + 1}" if i != 4 else "z5"  # Z5: only a lower-case code
        rows.append(f"{code},{rnd.randrange(200, 9000)},{names[i]},{rnd.random():.3f}")
    rows.append(f"Z3,{rnd.randrange(200, 9000)},Aare bis,0.5")  # Z3 twice
    rows.append("Z99,100,Nowhere,0.1")
    rows.append(",50,Empty,0.2")
    (DATA / "stats.csv").write_text("\n".join(rows) + "\n")
    ranks = ["num,rank", "01,first", "2,second", "3.0,third", "4,fourth", "4,fourth again",
             "6,sixth", "7 ,seventh", "8,eighth", "9,ninth", "10,tenth", "12,twelfth", ",none"]
    (DATA / "ranks.csv").write_text("\n".join(ranks) + "\n")


def main():
    from qgis.core import (
        QgsApplication, QgsCoordinateReferenceSystem, QgsFillSymbol, QgsGraduatedSymbolRenderer,
        QgsMapRendererParallelJob, QgsMapSettings, QgsPalLayerSettings, QgsProject, QgsRectangle,
        QgsRendererRange, QgsTextFormat, QgsVectorLayer, QgsVectorLayerJoinInfo,
        QgsVectorLayerSimpleLabeling,
    )
    from qgis.PyQt.QtCore import QEventLoop, QSize, Qt
    from qgis.PyQt.QtGui import QColor, QFont

    app = QgsApplication([], False)
    app.initQgis()
    DATA.mkdir(exist_ok=True)
    write_data()
    project = QgsProject.instance()
    project.clear()
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:2056"))
    zones = QgsVectorLayer(str(DATA / "zones.geojson"), "zones", "ogr")
    stats = QgsVectorLayer(
        f"file://{DATA / 'stats.csv'}?type=csv&geomType=none&detectTypes=yes", "stats",
        "delimitedtext")
    ranks = QgsVectorLayer(str(DATA / "ranks.csv"), "ranks", "ogr")
    for layer in (zones, stats, ranks):
        if not layer.isValid():
            raise RuntimeError(f"{layer.name()} is not valid")
        layer.setShortName(layer.name())
    # as the layers panel adds them: the tables below the zones
    project.addMapLayer(ranks)
    project.addMapLayer(stats)
    project.addMapLayer(zones)

    join = QgsVectorLayerJoinInfo()
    join.setJoinLayer(stats)
    join.setJoinFieldName("code")
    join.setTargetFieldName("code")
    join.setUsingMemoryCache(True)
    join.setJoinFieldNamesSubset(["population", "name"])
    if not zones.addJoin(join):
        raise RuntimeError("cannot join stats")
    join = QgsVectorLayerJoinInfo()
    join.setJoinLayer(ranks)
    join.setJoinFieldName("num")
    join.setTargetFieldName("num")
    join.setUsingMemoryCache(False)
    join.setPrefix("r_")
    if not zones.addJoin(join):
        raise RuntimeError("cannot join ranks")

    colors = ["255,245,200,255", "250,190,110,255", "230,110,40,255", "160,40,20,255"]
    bounds = [0, 2000, 4000, 6500, 100000]
    ranges = []
    for i, color in enumerate(colors):
        symbol = QgsFillSymbol.createSimple({
            "color": color, "outline_color": "60,40,20,255", "outline_width": "0.4",
            "style": "solid", "outline_style": "solid"})
        ranges.append(QgsRendererRange(bounds[i], bounds[i + 1], symbol,
                                       f"{bounds[i]} - {bounds[i + 1]}"))
    renderer = QgsGraduatedSymbolRenderer("stats_population", ranges)
    zones.setRenderer(renderer)
    settings = QgsPalLayerSettings()
    settings.fieldName = "\"stats_name\" || ' #' || \"r_rank\""
    settings.isExpression = True
    settings.placement = QgsPalLayerSettings.OverPoint
    fmt = QgsTextFormat()
    fmt.setFont(QFont("DejaVu Sans"))
    fmt.setSize(9)
    fmt.setColor(QColor(20, 20, 60))
    settings.setFormat(fmt)
    zones.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    zones.setLabelsEnabled(True)
    if not project.write(str(DATA / "joins_project.qgs")):
        raise RuntimeError("cannot write the project")

    joined = {"fields": [f.name() for f in zones.fields()], "features": []}
    for f in zones.getFeatures():
        values = []
        for v in f.attributes():
            values.append(None if v is None or (hasattr(v, "isNull") and v.isNull()) else v)
        joined["features"].append(values)
    (HERE / "joined.qgis.json").write_text(json.dumps(joined, indent=1, ensure_ascii=False) + "\n")

    map_settings = QgsMapSettings()
    map_settings.setOutputSize(QSize(WIDTH, HEIGHT))
    map_settings.setOutputDpi(96)
    map_settings.setExtent(QgsRectangle(*EXTENT))
    map_settings.setLayers([zones])
    map_settings.setBackgroundColor(QColor(Qt.transparent))
    map_settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:2056"))
    job = QgsMapRendererParallelJob(map_settings)
    loop = QEventLoop()
    job.finished.connect(loop.quit)
    job.start()
    loop.exec_()
    for error in job.errors():
        print(f"  QGIS: {error.layerID}: {error.message}", file=sys.stderr)
    job.renderedImage().save(str(HERE / "joins_project.qgis.png"), "PNG")
    print(json.dumps(joined, ensure_ascii=False))
    app.exitQgis()


if __name__ == "__main__":
    main()
