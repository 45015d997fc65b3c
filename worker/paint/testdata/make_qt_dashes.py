#!/usr/bin/python3
"""Writes qt_dashes.json: how Qt's raster engine strokes polylines with
dashed pens wider than a pixel, anti-aliased (QPainter::drawPath of a path
built with QPainterPath::addPolygon, as QGIS draws lines and polygon
outlines), for qt_dasher_test.ts. Each case: the pen (width, cap, join, the
dash pattern and offset in pen widths, as QPen takes them), the polylines
(one path) and the alpha of every pixel of a 40 x 40
ARGB32_Premultiplied image drawn in opaque black, base64.

Run with Debian's QGIS 3.22 Python (Qt 5.15), never in CI:

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 worker/paint/testdata/make_qt_dashes.py
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
    return [[c for i in range(14) for c in (2.5 + i * 2.6 + rnd.random() * 0.8, 20 + rnd.uniform(-9, 9))]]


RING = [5.3, 5.2, 30.7, 6.1, 33.2, 33.9, 8.1, 30.4, 5.3, 5.2]
HOLE = [14.2, 14.6, 22.9, 15.1, 20.3, 24.7, 14.2, 14.6]
TURN = [[3.2, 30.4, 20.6, 8.3, 36.1, 31.7]]
CASES = [
    # Qt's named patterns (pen widths)
    ("dash_zigzag_flat_miter", 1.8, "flat", "miter", [4, 2], 0, zigzag(3)),
    ("dot_zigzag_round_round", 2.3, "round", "round", [1, 2], 0, zigzag(4)),
    ("dashdot_zigzag_square_bevel", 1.474, "square", "bevel", [4, 2, 1, 2], 0, zigzag(5)),
    # custom dashes with an offset, dashes running over vertices
    ("custom_turn_round", 3.2, "round", "round", [2.5, 1.2], 1.7, TURN),
    ("custom_turn_miter_square", 2.6, "square", "miter", [3.1, 0.9], 0.4, TURN),
    # an odd pattern: QPen adds a gap of one width
    ("odd_pattern", 2.0, "flat", "bevel", [3, 1, 2], 0.5, zigzag(6)),
    # a polygon outline: both rings in one path, dashes over the start
    ("ring_hole_dash", 2.2, "square", "miter", [4, 2], 0, [RING, HOLE]),
    ("ring_dot_offset", 2.0, "round", "round", [1, 2], 2.5, [RING]),
]


def main():
    app = QGuiApplication([])  # noqa: F841 (fonts and raster engine need one)
    out = []
    for name, width, cap, join, pattern, offset, lines in CASES:
        img = QImage(SIZE, SIZE, QImage.Format_ARGB32_Premultiplied)
        img.fill(0)
        p = QPainter(img)
        p.setRenderHint(QPainter.Antialiasing)
        pen = QPen(QColor(0, 0, 0))
        pen.setWidthF(width)
        pen.setCapStyle(CAPS[cap])
        pen.setJoinStyle(JOINS[join])
        pen.setDashPattern(pattern)
        pen.setDashOffset(offset)
        p.setPen(pen)
        path = QPainterPath()
        for line in lines:
            path.addPolygon(QPolygonF([QPointF(line[i], line[i + 1]) for i in range(0, len(line), 2)]))
        p.drawPath(path)
        p.end()
        alpha = bytes(QColor.fromRgba(img.pixel(x, y)).alpha() for y in range(SIZE) for x in range(SIZE))
        out.append({
            "name": name, "width": width, "cap": cap, "join": join,
            "pattern": pattern, "offset": offset,
            "lines": [[round(v, 6) for v in line] for line in lines],
            "alpha": base64.b64encode(alpha).decode("ascii"),
        })
    target = Path(__file__).resolve().parent / "qt_dashes.json"
    target.write_text(json.dumps({"size": SIZE, "cases": out}, indent=1) + "\n")
    print(f"{target}: {len(out)} cases")


if __name__ == "__main__":
    main()
