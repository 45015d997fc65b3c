#!/usr/bin/python3
"""Writes qt_shortest.json: doubles and the text Qt 5.15 gives them in its
shortest form (QLocale::FloatingPointShortest, which QVariant's text of a
double and QgsField::displayString of a real field without precision use),
the reference of number_format_test.ts. Run with Debian's QGIS 3.22 Python
(PyQt5 of Qt 5.15)::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 worker/legend/testdata/make_qt_shortest.py
"""
import json
from pathlib import Path

from qgis.PyQt.QtCore import QLocale

values = []
for m in (1, 1.5, 2, 12, 12.5, 123, 1234, 12345, 123456, 1234567, 12345678,
          1.2345678901234567):
    for e in range(-9, 24):
        values += [m * 10.0 ** e, -m * 10.0 ** e]
values += [0.1 + 0.2, 1 / 3, 3.14159, 5e-5, 0.5, 100.25, 20.0, 2500.0]
out = [[v, QLocale.c().toString(v, "g", QLocale.FloatingPointShortest)]
       for v in values]
(Path(__file__).parent / "qt_shortest.json").write_text(json.dumps(out) + "\n")
