#!/usr/bin/python3
"""Writes qt_strokes.json: how Qt's raster engine strokes polylines with pens
wider than a pixel, anti-aliased (QPainter::drawPath of a path built with
QPainterPath::addPolygon, as QGIS draws lines and polygon outlines), for
wide_pen_test.ts. Each case: the pen, the polylines (one path) and the
alpha of every pixel of a 40 x 40 ARGB32_Premultiplied image drawn in
opaque black (the coverage Qt blends), base64.

Run with Debian's QGIS 3.22 Python (Qt 5.15), never in CI:

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 worker/paint/testdata/make_qt_strokes.py
"""
import base64
import json
import random
from pathlib import Path

from qgis.PyQt.QtCore import QPointF, Qt
from qgis.PyQt.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen, QPolygonF

SIZE = 40
CAPS = {"flat": Qt.FlatCap, "square": Qt.SquareCap, "round": Qt.RoundCap}
JOINS = {"bevel": Qt.BevelJoin, "miter": Qt.MiterJoin, "round": Qt.RoundJoin}


def zigzag(seed):
    rnd = random.Random(seed)
    return [[c for i in range(27) for c in (2.5 + i * 1.3 + rnd.random() * 0.8, 20 + rnd.uniform(-6, 6))]]


RING = [5.3, 5.2, 30.7, 6.1, 33.2, 33.9, 8.1, 30.4, 5.3, 5.2]
HOLE = [14.2, 14.6, 22.9, 15.1, 20.3, 24.7, 14.2, 14.6]
CASES = [
    # QGIS's default line (0.26 mm) at 144 dpi: 1.474 px
    ("zigzag_bevel_square", 1.474, "square", "bevel", zigzag(3)),
    ("zigzag_round_round", 2.3, "round", "round", zigzag(4)),
    ("zigzag_miter_flat", 1.8, "flat", "miter", zigzag(5)),
    ("zigzag_bevel_flat", 1.8, "flat", "bevel", zigzag(6)),
    ("zigzag_round_square", 2.3, "square", "round", zigzag(7)),
    ("zigzag_bevel_round", 2.3, "round", "bevel", zigzag(8)),
    # sharp turns past the miter limit (2 widths)
    ("zigzag_miter_wide", 4.0, "square", "miter", zigzag(9)),
    # a closed ring: joined where it starts, no caps
    ("ring_bevel", 1.474, "square", "bevel", [RING]),
    # a polygon outline: both rings in one path
    ("polygon_hole_miter", 2.6, "square", "miter", [RING, HOLE]),
    # a line leaving the image on the left and the top
    ("clipped_line", 3.1, "square", "bevel", [[-6.3, 12.2, 9.7, 18.4, 20.2, -5.5, 31.6, 22.1]]),
]


def main():
    app = QGuiApplication([])  # noqa: F841 (fonts and raster engine need one)
    out = []
    for name, width, cap, join, lines in CASES:
        img = QImage(SIZE, SIZE, QImage.Format_ARGB32_Premultiplied)
        img.fill(0)
        p = QPainter(img)
        p.setRenderHint(QPainter.Antialiasing)
        pen = QPen(QColor(0, 0, 0))
        pen.setWidthF(width)
        pen.setCapStyle(CAPS[cap])
        pen.setJoinStyle(JOINS[join])
        p.setPen(pen)
        path = QPainterPath()
        for line in lines:
            path.addPolygon(QPolygonF([QPointF(line[i], line[i + 1]) for i in range(0, len(line), 2)]))
        p.drawPath(path)
        p.end()
        alpha = bytes(QColor.fromRgba(img.pixel(x, y)).alpha() for y in range(SIZE) for x in range(SIZE))
        out.append({
            "name": name, "width": width, "cap": cap, "join": join,
            "lines": [[round(v, 6) for v in line] for line in lines],
            "alpha": base64.b64encode(alpha).decode("ascii"),
        })
    target = Path(__file__).resolve().parent / "qt_strokes.json"
    target.write_text(json.dumps({"size": SIZE, "cases": out}, indent=1) + "\n")
    print(f"{target}: {len(out)} cases")


if __name__ == "__main__":
    main()
