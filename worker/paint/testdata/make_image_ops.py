#!/usr/bin/python3
"""Writes image_ops.json: QGIS 3.22's QgsImageOperation results on a small
image we draw here (an anti-aliased disc and a half-transparent square on a
transparent 40×32 ARGB32 image), the reference of image_ops_test.ts.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 worker/paint/testdata/make_image_ops.py
"""
import base64
import json
from pathlib import Path

from qgis.core import QgsApplication, QgsGradientColorRamp, QgsImageOperation
from qgis.PyQt.QtCore import QPointF, QRectF, Qt
from qgis.PyQt.QtGui import QColor, QImage, QPainter

app = QgsApplication([], False)
app.initQgis()


def source():
    im = QImage(40, 32, QImage.Format_ARGB32)
    im.fill(Qt.transparent)
    p = QPainter(im)
    p.setRenderHint(QPainter.Antialiasing)
    p.setPen(Qt.NoPen)
    p.setBrush(QColor(200, 40, 90))
    p.drawEllipse(QPointF(14.3, 15.6), 7.2, 6.4)
    p.setBrush(QColor(20, 120, 220, 140))
    p.drawRect(QRectF(22.5, 6.25, 10.5, 12))
    p.end()
    return im


def rgba(im):
    im = im.convertToFormat(QImage.Format_RGBA8888)
    ptr = im.constBits()
    ptr.setsize(im.sizeInBytes())
    return base64.b64encode(bytes(ptr)).decode()


out = {"width": 40, "height": 32, "source": rgba(source())}
for r in (1, 2, 3, 5, 16):
    im = source()
    QgsImageOperation.stackBlur(im, r)
    out[f"stack_{r}"] = rgba(im)
for r in (3, 8):
    out[f"gauss_{r}"] = rgba(QgsImageOperation.gaussianBlur(source(), r))
for exterior in (True, False):
    im = source()
    props = QgsImageOperation.DistanceTransformProperties()
    props.spread = 4.6
    props.useMaxDistance = False
    props.shadeExterior = exterior
    ramp = QgsGradientColorRamp(QColor(255, 1, 1), QColor(255, 1, 1, 0))
    props.ramp = ramp
    QgsImageOperation.distanceTransform(im, props)
    out["dt_" + ("exterior" if exterior else "interior")] = rgba(im)
for f in (0.5, 1.7):
    im = source()
    QgsImageOperation.multiplyOpacity(im, f)
    out[f"opacity_{f}"] = rgba(im)
Path(__file__).with_name("image_ops.json").write_text(json.dumps(out, indent=1) + "\n")
