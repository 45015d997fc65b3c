#!/usr/bin/python3
"""Makes the paint-effect fixtures (our own data and styles).

Writes ``data/effects_points.geojson``, ``data/effects_lines.geojson``, ``data/effects_polygons.geojson`` and
their styles ``styles/effects_points.qml``, ``styles/effects_shapes.qml`` (both)
and ``styles/effects_layer.qml`` (a renderer's effect over the whole layer):
markers, lines and polygons whose symbol layers carry QGIS effect stacks
(drop shadow, outer glow, inner shadow, inner glow, blur, draw source with
opacity and blend mode), saved by QGIS 3.22 itself. The references are then
rendered by ``make_references.py paint/effects_points ...``.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_effects.py
"""
import json
from pathlib import Path

from qgis.core import (
    QgsApplication, QgsCategorizedSymbolRenderer, QgsDrawSourceEffect,
    QgsDropShadowEffect, QgsEffectStack, QgsFillSymbol, QgsGlowEffect,
    QgsInnerGlowEffect, QgsInnerShadowEffect, QgsLineSymbol, QgsMarkerSymbol,
    QgsOuterGlowEffect, QgsRendererCategory, QgsUnitTypes, QgsVectorLayer,
    QgsBlurEffect, QgsGradientColorRamp, QgsPaintEffect, QgsTransformEffect,
)
from qgis.PyQt.QtGui import QColor, QPainter

HERE = Path(__file__).resolve().parent
MM = QgsUnitTypes.RenderMillimeters

app = QgsApplication([], False)
app.initQgis()


def feature(kind, geometry):
    return {"type": "Feature", "properties": {"kind": kind}, "geometry": geometry}


def write_geojson(name, features):
    (HERE / "data" / name).write_text(json.dumps({
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}},
        "features": features,
    }, indent=1) + "\n")


def pt(x, y):
    return {"type": "Point", "coordinates": [2600000 + x, 1200000 + y]}


def line(*xy):
    return {"type": "LineString", "coordinates": [[2600000 + x, 1200000 + y] for x, y in xy]}


def poly(*xy):
    ring = [[2600000 + x, 1200000 + y] for x, y in xy]
    return {"type": "Polygon", "coordinates": [ring + ring[:1]]}


def shadow(cls, blur, dist, angle, color, opacity, blend):
    e = cls()
    e.setBlurLevel(blur)
    e.setBlurUnit(MM)
    e.setOffsetDistance(dist)
    e.setOffsetUnit(MM)
    e.setOffsetAngle(angle)
    e.setColor(QColor(*color))
    e.setOpacity(opacity)
    e.setBlendMode(blend)
    return e


def glow(cls, spread, blur, color, opacity, ramp=None):
    e = cls()
    e.setSpread(spread)
    e.setSpreadUnit(MM)
    e.setBlurLevel(blur)
    e.setBlurUnit(MM)
    e.setColor(QColor(*color))
    e.setOpacity(opacity)
    if ramp:
        e.setRamp(QgsGradientColorRamp(QColor(*ramp[0]), QColor(*ramp[1])))
        e.setColorType(QgsGlowEffect.ColorRamp)
    return e


def stack(*effects):
    s = QgsEffectStack()
    for e in effects:
        s.appendEffect(e)
    return s


def source(opacity=1.0, blend=QPainter.CompositionMode_SourceOver):
    e = QgsDrawSourceEffect()
    e.setOpacity(opacity)
    e.setBlendMode(blend)
    return e


def blur(level, method, opacity=1.0):
    e = QgsBlurEffect()
    e.setBlurLevel(level)
    e.setBlurUnit(MM)
    e.setBlurMethod(method)
    e.setOpacity(opacity)
    return e


MULTIPLY = QPainter.CompositionMode_Multiply


def save(name, geometry, cats):
    layer = QgsVectorLayer(f"{geometry}?crs=EPSG:2056&field=kind:string", name, "memory")
    categories = []
    for kind, symbol in cats:
        categories.append(QgsRendererCategory(kind, symbol, kind))
    layer.setRenderer(QgsCategorizedSymbolRenderer("kind", categories))
    msg, ok = layer.saveNamedStyle(str(HERE / "styles" / f"{name}.qml"))
    assert ok, msg


def marker(shape, size, fill, outline, width, effect):
    s = QgsMarkerSymbol.createSimple({
        "name": shape, "size": str(size), "color": fill,
        "outline_color": outline, "outline_width": str(width),
    })
    s.symbolLayer(0).setPaintEffect(effect)
    return s


# as QField's test_bees.qgz: drop shadow (multiply) and outer glow (ramp)
bees = stack(
    shadow(QgsDropShadowEffect, 2.645, 2, 135, (0, 0, 0), 1, MULTIPLY),
    glow(QgsOuterGlowEffect, 1.4, 2.245, (255, 1, 1), 0.5,
         ((69, 116, 40), (188, 220, 60))),
    source(),
)
points = [
    ("bees", marker("hexagon", 3, "227,117,119,255", "227,20,82,255", 0.5, bees)),
    ("shadow", marker("circle", 4, "80,140,220,255", "20,40,90,255", 0.3, stack(
        shadow(QgsDropShadowEffect, 1, 1.5, 45, (60, 0, 90), 0.7, QPainter.CompositionMode_SourceOver),
        source(),
    ))),
    ("glow", marker("star", 5, "250,200,40,255", "120,80,0,255", 0.26, stack(
        glow(QgsOuterGlowEffect, 2, 0.5, (255, 60, 0), 0.8), source(),
    ))),
    ("inner", marker("square", 6, "240,240,240,255", "50,50,50,255", 0.4, stack(
        source(),
        shadow(QgsInnerShadowEffect, 1, 1, 300, (0, 0, 0), 1, MULTIPLY),
        glow(QgsInnerGlowEffect, 1.5, 0.5, (0, 160, 255), 1),
    ))),
    ("blur", marker("diamond", 5, "30,160,90,255", "0,60,30,255", 0.4, stack(
        blur(1, QgsBlurEffect.StackBlur),
    ))),
    ("gauss", marker("triangle", 6, "200,40,120,255", "90,0,40,255", 0.4, stack(
        blur(5, QgsBlurEffect.GaussianBlur, 0.8),
    ))),
    ("faded", marker("pentagon", 5, "90,90,200,255", "0,0,80,255", 0.4, stack(
        glow(QgsOuterGlowEffect, 1, 0, (0, 0, 0), 0.6),
        source(0.5, MULTIPLY),
    ))),
    ("single", marker("circle", 4, "255,120,0,255", "0,0,0,255", 0.3,
                      shadow(QgsDropShadowEffect, 0.5, 1, 180, (0, 0, 0), 1, MULTIPLY))),
]
feats = []
xs = [37.3, 111.8, 186.2, 262.7, 337.1]
for i, (kind, _) in enumerate(points):
    feats.append(feature(kind, pt(xs[i % 5] + (i // 5) * 30.4, 225.6 - (i // 5) * 120.3)))
    feats.append(feature(kind, pt(xs[(i + 2) % 5] + 11.1, 160.35 - (i // 5) * 110.7 - (i % 3) * 3.3)))
write_geojson("effects_points.geojson", feats)
save("effects_points", "Point", points)

line_sym = QgsLineSymbol.createSimple({"line_color": "40,90,200,255", "line_width": "1.2", "capstyle": "round"})
line_sym.symbolLayer(0).setPaintEffect(stack(
    shadow(QgsDropShadowEffect, 1.5, 1.2, 135, (0, 0, 0), 0.8, MULTIPLY), source()))
fill_sym = QgsFillSymbol.createSimple({"color": "250,230,150,255", "outline_color": "120,80,20,255", "outline_width": "0.5"})
fill_sym.symbolLayer(0).setPaintEffect(stack(
    glow(QgsOuterGlowEffect, 2.5, 1, (0, 120, 255), 0.7), source(),
    glow(QgsInnerGlowEffect, 2, 1, (255, 255, 255), 0.9)))
# one geometry type per file, as a layer has one
write_geojson("effects_lines.geojson", [
    feature("line", line((20.3, 30.2), (120.7, 90.4), (180.1, 40.9), (260.6, 110.3))),
])
write_geojson("effects_polygons.geojson", [
    feature("poly", poly((230.2, 170.4), (370.8, 190.1), (350.5, 270.3), (250.9, 250.6))),
    feature("poly", poly((40.7, 150.1), (150.2, 160.6), (110.4, 260.2))),
])
save("effects_shapes", "Geometry", [("line", line_sym), ("poly", fill_sym)])

# a renderer's own effect: the whole layer drawn through it
layer = QgsVectorLayer("Geometry?crs=EPSG:2056&field=kind:string", "effects_layer", "memory")
renderer = QgsCategorizedSymbolRenderer("kind", [
    QgsRendererCategory("line", QgsLineSymbol.createSimple(
        {"line_color": "200,60,20,255", "line_width": "0.8"}), "line"),
    QgsRendererCategory("poly", QgsFillSymbol.createSimple(
        {"color": "120,200,120,255", "outline_color": "20,80,20,255", "outline_width": "0.4"}), "poly"),
])
renderer.setPaintEffect(stack(
    shadow(QgsDropShadowEffect, 1.2, 1.8, 120, (20, 20, 60), 0.6, MULTIPLY),
    glow(QgsOuterGlowEffect, 1.2, 0.6, (255, 220, 0), 0.9),
    source(),
))
layer.setRenderer(renderer)
msg, ok = layer.saveNamedStyle(str(HERE / "styles" / "effects_layer.qml"))
assert ok, msg


def transform(tx=0.0, ty=0.0, rotation=0.0, sx=1.0, sy=1.0, shx=0.0, shy=0.0,
              reflect_x=False, mode=QgsPaintEffect.ModifyAndRender):
    e = QgsTransformEffect()
    e.setTranslateX(tx)
    e.setTranslateY(ty)
    e.setTranslateUnit(MM)
    e.setRotation(rotation)
    e.setScaleX(sx)
    e.setScaleY(sy)
    e.setShearX(shx)
    e.setShearY(shy)
    e.setReflectX(reflect_x)
    e.setDrawMode(mode)
    return e


# transform effects: alone, and as a modifier under a drop shadow
save("effects_transform", "Geometry", [
    ("bees", marker("square", 4, "227,117,119,255", "120,20,40,255", 0.4,
                    stack(transform(2, 1, 30, 1.5, 0.8)))),
    ("shadow", marker("triangle", 5, "80,140,220,255", "20,40,90,255", 0.4, stack(
        shadow(QgsDropShadowEffect, 0.5, 1.5, 45, (0, 0, 0), 1, MULTIPLY),
        source(),
        transform(0, 0, 45, 1.2, 1.2, mode=QgsPaintEffect.Modifier),
    ))),
    ("line", QgsLineSymbol.createSimple({"line_color": "40,90,200,255", "line_width": "0.8"})),
])

app.exitQgis()
