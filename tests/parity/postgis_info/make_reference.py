#!/usr/bin/python3
"""QGIS Server 3.22's GetFeatureInfo on a PostGIS layer in another CRS.

A point table in EPSG:2056 (LV95) queried on a map in EPSG:3857 near Geneva,
where the two grids turn about 1° against each other. QGIS Server takes the
search rectangle to the layer's CRS by its two corners alone
(``QgsCoordinateTransform::transform`` of a rectangle) and lets PostGIS test
the layer's own geometries against it (``&&`` and ``ST_Intersects``). The
points are placed from the request (``request.json``):

- 1, 5: in the middle, hit either way;
- 2: in the two-corner rectangle, outside the map rectangle's image;
- 3: inside the map rectangle's image, outside the two-corner rectangle;
- 4: outside both.

They are inserted out of key order (5 first): QGIS Server answers in the
order PostgreSQL gives them (2026-12-06: 2, 1, 5, the GiST index scan's; not
the key's, not the insertion's). The script writes ``table.sql`` (the table as the test creates
it), loads it into a database of its own, runs QGIS Server in process
(``qgis.server.QgsServer``) on the request in every format of
``request.json`` and writes its answers as ``reference.qgis.<ext>``; then drops
the database. Debian's QGIS 3.22 only, never at run time or in CI; from
/tmp (QGIS writes ``symbology-style.db`` in the working directory)::

    cd /tmp && QT_QPA_PLATFORM=offscreen /usr/bin/python3 \\
        /work/main/tests/parity/postgis_info/make_reference.py
"""
import json
import tempfile
import uuid
from pathlib import Path

import psycopg2

HERE = Path(__file__).resolve().parent
EXTENSIONS = {"text/plain": "txt", "application/json": "json"}
PG = dict(host="127.0.0.1", port=5432, user="postgres")


def search_rect(req):
    """QGIS Server's: the pixel's centre ± the point tolerance."""
    b = req["bbox"]
    res_x = (b["x_max"] - b["x_min"]) / req["width"]
    res_y = (b["y_max"] - b["y_min"]) / req["height"]
    x = b["x_min"] + (req["I"] + 0.5) * res_x
    y = b["y_max"] - (req["J"] + 0.5) * res_y
    t = req["FI_POINT_TOLERANCE"] * res_x
    return x - t, y - t, x + t, y + t


def make_table(req):
    from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform,
                           QgsPointXY, QgsProject, QgsRectangle)
    to_layer = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem(req["crs"]),
        QgsCoordinateReferenceSystem("EPSG:2056"), QgsProject.instance())
    to_map = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:2056"),
        QgsCoordinateReferenceSystem(req["crs"]), QgsProject.instance())
    xmin, ymin, xmax, ymax = search_rect(req)
    box = to_layer.transform(QgsRectangle(xmin, ymin, xmax, ymax))

    def in_box(x, y):
        return box.xMinimum() <= x <= box.xMaximum() and box.yMinimum() <= y <= box.yMaximum()

    def in_map(x, y):
        p = to_map.transform(QgsPointXY(x, y))
        return xmin <= p.x() <= xmax and ymin <= p.y() <= ymax

    # the map rectangle's other two corners, where the two tests part
    corners = [to_layer.transform(QgsPointXY(xmin, ymax)),
               to_layer.transform(QgsPointXY(xmax, ymin))]
    cx, cy = (box.xMinimum() + box.xMaximum()) / 2, (box.yMinimum() + box.yMaximum()) / 2

    def find(want_box, want_map):
        for c in corners:
            for dx in range(-60, 61):
                for dy in range(-60, 61):
                    x, y = round(c.x() + dx * 0.5, 2), round(c.y() + dy * 0.5, 2)
                    # 2 m from any edge of either test, not a rounding's call
                    ok = all(in_box(x + ex, y + ey) == want_box and in_map(x + ex, y + ey) == want_map
                             for ex in (-2, 0, 2) for ey in (-2, 0, 2))
                    if ok:
                        return x, y
        raise SystemExit(f"no point with box={want_box} map={want_map}")

    points = {
        5: (round(cx + 40, 2), round(cy - 30, 2)),
        1: (round(cx, 2), round(cy, 2)),
        2: find(True, False),
        3: find(False, True),
        4: (round(box.xMaximum() + 30, 2), round(box.yMaximum() + 30, 2)),
    }
    lines = [
        "-- made by make_reference.py: points around the corners of the search",
        "-- rectangle of request.json, inserted out of key order",
        "CREATE TABLE public.pts (id int4 PRIMARY KEY, name text, geom geometry(Point, 2056));",
    ]
    for fid, (x, y) in points.items():
        lines.append(
            f"INSERT INTO public.pts VALUES ({fid}, 'p{fid}', ST_SetSRID(ST_MakePoint({x:.2f}, {y:.2f}), 2056));")
    lines.append("CREATE INDEX ON public.pts USING gist (geom);")
    lines.append("ANALYZE public.pts;")
    return "\n".join(lines) + "\n"


def main():
    from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsProject,
                           QgsVectorLayer)
    from qgis.server import QgsBufferServerRequest, QgsBufferServerResponse, QgsServer

    req = json.loads((HERE / "request.json").read_text())
    app = QgsApplication([], False)
    app.initQgis()
    table = make_table(req)
    (HERE / "table.sql").write_text(table)
    name = "qsl_ref_" + uuid.uuid4().hex[:12]
    admin = psycopg2.connect(dbname="postgres", **PG)
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    try:
        db = psycopg2.connect(dbname=name, **PG)
        db.autocommit = True
        db.cursor().execute("CREATE EXTENSION postgis")
        db.cursor().execute(table)
        db.close()
        uri = (f"dbname='{name}' host=127.0.0.1 port=5432 user='postgres' key='id' "
               f"srid=2056 type=Point checkPrimaryKeyUnicity='1' "
               f'table="public"."pts" (geom)')
        layer = QgsVectorLayer(uri, "pts", "postgres")
        assert layer.isValid(), layer.error().message()
        project = QgsProject.instance()
        project.addMapLayer(layer)
        project.setCrs(QgsCoordinateReferenceSystem(req["crs"]))
        with tempfile.TemporaryDirectory() as tmp:
            path = str(Path(tmp) / "project.qgs")
            project.write(path)
            server = QgsServer()
            b = req["bbox"]
            for fmt in req["formats"]:
                query = (f"?MAP={path}&SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo"
                         f"&LAYERS=pts&QUERY_LAYERS=pts&CRS={req['crs']}"
                         f"&BBOX={b['x_min']},{b['y_min']},{b['x_max']},{b['y_max']}"
                         f"&WIDTH={req['width']}&HEIGHT={req['height']}&I={req['I']}&J={req['J']}"
                         f"&FI_POINT_TOLERANCE={req['FI_POINT_TOLERANCE']}"
                         f"&FEATURE_COUNT={req['FEATURE_COUNT']}&INFO_FORMAT={fmt}")
                response = QgsBufferServerResponse()
                server.handleRequest(QgsBufferServerRequest("http://localhost/" + query), response)
                body = bytes(response.body()).decode()
                (HERE / f"reference.qgis.{EXTENSIONS[fmt]}").write_text(body)
                print(f"---- {fmt}\n{body}")
        project.clear()
    finally:
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
    app.exitQgis()


if __name__ == "__main__":
    main()
