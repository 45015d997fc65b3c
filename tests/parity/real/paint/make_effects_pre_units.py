#!/usr/bin/python3
"""Makes the pre-blur-unit paint-effect fixture (our own style).

Writes ``styles/effects_pre_units.qml``: the polygons and lines of
``data/effects_*.geojson`` (``make_effects.py``) drawn through a renderer's
drop shadow (multiply, as OSGeo Ireland's QGIS 2.14 workshop project) and
symbol layers' drop shadow and outer glow, saved by QGIS 3.22 and
then stripped of their ``blur_unit`` as styles from before blur units
(QGIS 2.x) carry none: QGIS 3.22 reads such a ``blur_level`` as pixels at
96 dpi (× 0.2645 mm). The reference
is then rendered by ``make_references.py paint/effects_pre_units``.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_effects_pre_units.py
"""
import re
from pathlib import Path

from qgis.core import (
    QgsApplication, QgsCategorizedSymbolRenderer,
    QgsDrawSourceEffect, QgsDropShadowEffect, QgsEffectStack, QgsFillSymbol,
    QgsLineSymbol, QgsOuterGlowEffect, QgsRendererCategory, QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor, QPainter

HERE = Path(__file__).resolve().parent
OUT = HERE / "styles" / "effects_pre_units.qml"

app = QgsApplication([], False)
app.initQgis()


def stack(*effects):
    s = QgsEffectStack()
    for e in effects:
        s.appendEffect(e)
    return s


def shadow(level, dist, angle):
    e = QgsDropShadowEffect()
    e.setBlurLevel(level)
    e.setOffsetDistance(dist)
    e.setOffsetAngle(angle)
    e.setColor(QColor(0, 0, 0))
    e.setBlendMode(QPainter.CompositionMode_Multiply)
    return e


glow = QgsOuterGlowEffect()
glow.setBlurLevel(3)
glow.setSpread(1.5)
glow.setColor(QColor(0, 90, 255))

fill = QgsFillSymbol.createSimple({
    "color": "212,246,171,255", "outline_color": "0,61,13,255", "outline_width": "0.26"})
fill.symbolLayer(0).setPaintEffect(stack(glow, QgsDrawSourceEffect()))
line = QgsLineSymbol.createSimple({"line_color": "40,90,200,255", "line_width": "1"})
line.symbolLayer(0).setPaintEffect(stack(shadow(6, 1.5, 45), QgsDrawSourceEffect()))
renderer = QgsCategorizedSymbolRenderer("kind", [
    QgsRendererCategory("poly", fill, "poly"),
    QgsRendererCategory("line", line, "line"),
])
# as the workshop's countries: a 10 px drop shadow over the whole layer
renderer.setPaintEffect(stack(shadow(10, 2, 135), QgsDrawSourceEffect()))
layer = QgsVectorLayer("Geometry?crs=EPSG:2056&field=kind:string", "pre", "memory")
layer.setRenderer(renderer)
msg, ok = layer.saveNamedStyle(str(OUT))
assert ok, msg
qml = OUT.read_text()


def strip(name, text):
    """Drops a property, as ``<prop>`` and as ``<Option>`` (3.22 writes both)."""
    return re.subn(
        r'\s*<(?:prop|Option)\b[^>]*\b(?:k|name)="' + name + r'"[^>]*/>', "", text)


qml, n = strip("blur_unit", qml)
assert n == 6, n
OUT.write_text(qml)

check = QgsVectorLayer("Geometry?crs=EPSG:2056&field=kind:string", "check", "memory")
check.loadNamedStyle(str(OUT))
levels = [e.blurLevel() for e in check.renderer().paintEffect().effectList()[:1]]
assert abs(levels[0] - 2.645) < 1e-9, levels
app.exitQgis()
