#!/usr/bin/python3
"""Writes the data and style of the paint case ``unclosed_rings`` (our own
data): a Shapefile of EPSG:2056 polygons whose rings are not closed (the
last point is not the first, as covid19UNGS/Mobility's Barrios Lujan.shp
has them; GDAL reads such rings as they are), and one closed, with a
translucent fill and a dark outline. QGIS closes every ring before drawing
it (``QgsSymbol::_getPolygonRing2d``), so an unclosed ring's outline runs
back to its start. ``make_references.py paint/unclosed_rings`` then
renders it.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_unclosed_rings.py
"""
import struct
from pathlib import Path

HERE = Path(__file__).resolve().parent

PRJ = ('PROJCS["CH1903+_LV95",GEOGCS["GCS_CH1903+",DATUM["D_CH1903+",'
       'SPHEROID["Bessel_1841",6377397.155,299.1528128]],'
       'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],'
       'PROJECTION["Hotine_Oblique_Mercator_Azimuth_Center"],'
       'PARAMETER["False_Easting",2600000.0],'
       'PARAMETER["False_Northing",1200000.0],'
       'PARAMETER["Scale_Factor",1.0],'
       'PARAMETER["Azimuth",90.0],'
       'PARAMETER["Longitude_Of_Center",7.439583333333333],'
       'PARAMETER["Latitude_Of_Center",46.95240555555556],'
       'UNIT["Meter",1.0]]')


def write_shapefile(stem, polygons):
    """Writes ``stem``.shp/.shx/.dbf/.prj: polygons (lists of rings, each a
    list of (x, y) written as given, closed or not) with an ``id``."""
    records = []
    for rings in polygons:
        pts = [p for ring in rings for p in ring]
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        parts, k = [], 0
        for ring in rings:
            parts.append(k)
            k += len(ring)
        body = struct.pack("<i4d2i", 5, min(xs), min(ys), max(xs), max(ys),
                           len(rings), len(pts))
        body += struct.pack(f"<{len(parts)}i", *parts)
        body += b"".join(struct.pack("<2d", *p) for p in pts)
        records.append((body, (min(xs), min(ys), max(xs), max(ys))))
    box = (min(r[1][0] for r in records), min(r[1][1] for r in records),
           max(r[1][2] for r in records), max(r[1][3] for r in records))

    def header(length_words):
        return (struct.pack(">7i", 9994, 0, 0, 0, 0, 0, length_words)
                + struct.pack("<2i", 1000, 5)
                + struct.pack("<4d", *box) + struct.pack("<4d", 0, 0, 0, 0))

    shp, shx, offset = b"", b"", 50
    for i, (body, _) in enumerate(records):
        shp += struct.pack(">2i", i + 1, len(body) // 2) + body
        shx += struct.pack(">2i", offset, len(body) // 2)
        offset += 4 + len(body) // 2
    Path(f"{stem}.shp").write_bytes(header(50 + len(shp) // 2) + shp)
    Path(f"{stem}.shx").write_bytes(header(50 + len(shx) // 2) + shx)
    # dBASE III: one numeric field "id"
    n = len(records)
    dbf = struct.pack("<B3BIHH20x", 3, 126, 1, 1, n, 32 + 32 + 1, 1 + 10)
    dbf += b"id".ljust(11, b"\0") + b"N" + b"\0" * 4 + bytes([10, 0]) + \
        b"\0" * 14
    dbf += b"\r"
    for i in range(n):
        dbf += b" " + str(i).rjust(10).encode()
    dbf += b"\x1a"
    Path(f"{stem}.dbf").write_bytes(dbf)
    Path(f"{stem}.prj").write_text(PRJ)


def main():
    from qgis.core import QgsApplication, QgsFillSymbol, QgsSingleSymbolRenderer
    from qgis.core import QgsVectorLayer

    x0, y0 = 2600000, 1200000
    # a C open to the right, its last point far from its first
    c_shape = [(x0 + 300, y0 + 250), (x0 + 100, y0 + 250), (x0 + 50, y0 + 150),
               (x0 + 100, y0 + 50), (x0 + 300, y0 + 50), (x0 + 300, y0 + 100),
               (x0 + 150, y0 + 110), (x0 + 140, y0 + 190)]
    # an unclosed square with an unclosed hole
    square = [(x0 + 400, y0 + 50), (x0 + 400, y0 + 250), (x0 + 650, y0 + 250),
              (x0 + 650, y0 + 50)]
    hole = [(x0 + 480, y0 + 120), (x0 + 580, y0 + 120), (x0 + 580, y0 + 190),
            (x0 + 480, y0 + 190)]
    closed = [(x0 + 700, y0 + 50), (x0 + 700, y0 + 250), (x0 + 800, y0 + 150),
              (x0 + 700, y0 + 50)]
    stem = HERE / "data" / "unclosed_rings"
    # Shapefile rings: exteriors clockwise, holes counter-clockwise
    write_shapefile(str(stem), [[c_shape[::-1]], [square, hole], [closed]])
    qgis = QgsApplication([], False)
    qgis.initQgis()
    layer = QgsVectorLayer(f"{stem}.shp", "p", "ogr")
    assert layer.isValid() and layer.featureCount() == 3
    fill = QgsFillSymbol.createSimple({
        "color": "120,180,220,160", "outline_color": "30,40,90,255",
        "outline_width": "0.6"})
    layer.setRenderer(QgsSingleSymbolRenderer(fill))
    layer.saveNamedStyle(str(HERE / "styles" / "unclosed_rings.qml"))
    qgis.exitQgis()


if __name__ == "__main__":
    main()
