"""QGIS 3.22's render time of the big-layer bench layers (issue #17 item 5).

Run once with the QGIS installed on the machine (never at run time or in CI):

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/bench/big_layer_qgis.py /tmp/big_layer.gpkg

Writes (if absent) a GeoPackage with three layers of 1,000,000 features each
on a 1000 x 1000 grid of 100 m cells in EPSG:2056 (origin 2,600,000 /
1,200,000): `points` (cell centres), `lines` (a 60 m diagonal per cell),
`polygons` (a 50 m square per cell), each feature with an integer `id` and a
text `name`. Then renders each layer alone, as the upstream worker does
(QgsMapRendererParallelJob, one 1000 x 1000 px image, simple symbols), at the
full extent and at 1:5,000 around the centre, median of the given runs, and
prints milliseconds and the process's peak resident memory.

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/bench/big_layer_qgis.py postgis:<dbname> 3

renders the same layers from PostGIS instead (tables `public.points`,
`public.lines`, `public.polygons` keyed by `fid`, on 127.0.0.1:5432 as user
postgres), as `deno task bench:big --postgis --keep-db` leaves them.

    ... big_layer_qgis.py postgis:<dbname> 3 --graduated

draws each layer with a graduated renderer on `id` instead (four ranges of
250,000, as `bench:big --graduated`): a render that reads a field.
"""

import os
import resource
import statistics
import sys
import time
from pathlib import Path

from osgeo import ogr, osr

N = 1000
CELL = 100.0
X0, Y0 = 2_600_000.0, 1_200_000.0


def generate(path: Path) -> None:
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2056)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    for name, gtype in (
        ("points", ogr.wkbPoint),
        ("lines", ogr.wkbLineString),
        ("polygons", ogr.wkbPolygon),
    ):
        layer = ds.CreateLayer(name, srs, gtype)
        layer.CreateField(ogr.FieldDefn("id", ogr.OFTInteger))
        layer.CreateField(ogr.FieldDefn("name", ogr.OFTString))
        defn = layer.GetLayerDefn()
        layer.StartTransaction()
        for j in range(N):
            for i in range(N):
                x, y = X0 + i * CELL, Y0 + j * CELL
                if name == "points":
                    wkt = f"POINT ({x + 50} {y + 50})"
                elif name == "lines":
                    wkt = f"LINESTRING ({x + 20} {y + 20}, {x + 80} {y + 80})"
                else:
                    a, b = x + 25, x + 75
                    c, d = y + 25, y + 75
                    wkt = f"POLYGON (({a} {c}, {b} {c}, {b} {d}, {a} {d}, {a} {c}))"
                f = ogr.Feature(defn)
                f.SetField("id", j * N + i)
                f.SetField("name", f"f{j * N + i}")
                f.SetGeometryDirectly(ogr.CreateGeometryFromWkt(wkt))
                layer.CreateFeature(f)
        layer.CommitTransaction()
    ds = None


def main() -> None:
    graduated = "--graduated" in sys.argv
    sys.argv = [a for a in sys.argv if a != "--graduated"]
    target = sys.argv[1] if len(sys.argv) > 1 else "/tmp/big_layer.gpkg"
    dbname = target[len("postgis:"):] if target.startswith("postgis:") else None
    path = Path(target)
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    if dbname is None and not path.exists():
        t = time.perf_counter()
        generate(path)
        print(f"generated {path} in {time.perf_counter() - t:.1f} s")

    from qgis.core import (
        QgsApplication,
        QgsCoordinateReferenceSystem,
        QgsGraduatedSymbolRenderer,
        QgsRendererRange,
        QgsMapRendererParallelJob,
        QgsMapSettings,
        QgsRectangle,
        QgsVectorLayer,
    )
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor

    app = QgsApplication([], False)
    app.initQgis()
    full = QgsRectangle(X0, Y0, X0 + N * CELL, Y0 + N * CELL)
    # 1:5,000 at 96 dpi: 1000 px x 0.0254 / 96 m x 5000 = 1322.9 m
    half = 1000 * 0.0254 / 96 * 5000 / 2
    cx, cy = X0 + N * CELL / 2, Y0 + N * CELL / 2
    zoom = QgsRectangle(cx - half, cy - half, cx + half, cy + half)
    for name in ("points", "lines", "polygons"):
        if dbname is None:
            layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
        else:
            kind = {"points": "Point", "lines": "LineString", "polygons": "Polygon"}
            layer = QgsVectorLayer(
                f"dbname='{dbname}' host=127.0.0.1 port=5432 user='postgres' "
                f"key='fid' srid=2056 type={kind[name]} "
                f'table="public"."{name}" (geom)',
                name,
                "postgres",
            )
        assert layer.isValid(), name
        symbol = layer.renderer().symbol()
        symbol.setColor(QColor(200, 80, 40))
        if graduated:
            colours = [(200, 80, 40), (40, 160, 80), (40, 80, 200), (160, 40, 160)]
            ranges = []
            for k, colour in enumerate(colours):
                s = symbol.clone()
                s.setColor(QColor(*colour))
                upper = (k + 1) * 250_000 - (0.5 if k < 3 else 0)
                ranges.append(QgsRendererRange(k * 250_000, upper, s, str(k)))
            layer.setRenderer(QgsGraduatedSymbolRenderer("id", ranges))
        for label, extent in (("full extent", full), ("1:5,000", zoom)):
            ms = []
            for _ in range(runs):
                settings = QgsMapSettings()
                settings.setLayers([layer])
                settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:2056"))
                settings.setOutputSize(QSize(1000, 1000))
                settings.setOutputDpi(96)
                settings.setExtent(extent)
                settings.setBackgroundColor(QColor(255, 255, 255, 0))
                t = time.perf_counter()
                job = QgsMapRendererParallelJob(settings)
                job.start()
                job.waitForFinished()
                job.renderedImage()
                ms.append((time.perf_counter() - t) * 1000)
            print(
                f"{name} {label}: median {statistics.median(ms):.0f} ms "
                f"of {runs} ({', '.join(f'{m:.0f}' for m in ms)})"
            )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory {peak:.0f} MB", flush=True)
    # QGIS 3.22 crashes in exitQgis() after these renders (exit 139); the
    # figures are out, so leave without tearing QGIS down.
    os._exit(0)


if __name__ == "__main__":
    main()
