#!/usr/bin/python3
"""Makes the SVG fill fixtures (our own data and styles).

Writes ``data/svg_fill.geojson`` and ``styles/svg_fill.qml``: polygons
filled by QgsSVGFillSymbolLayer (``SVGFill``, as town-planning's
domiko_sxedio.qgs and hauke96/qgis-outdoor-map's map.qgs fill woods and
areas) with QGIS's own SVGs (its ``param(fill)`` colours, a stroke width),
tiles of 4 to 8 mm, one turned by 30°, one half transparent, with the
layer's outline sub-symbol, saved by QGIS 3.22 itself. The references are
then rendered by ``make_references.py paint/svg_fill paint/svg_fill_144dpi``.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_svg_fill.py
"""
import json
from pathlib import Path

from qgis.core import (
    QgsApplication, QgsCategorizedSymbolRenderer, QgsFillSymbol,
    QgsLineSymbol, QgsRendererCategory, QgsSVGFillSymbolLayer,
    QgsVectorLayer,
)

from _fixture import collection

HERE = Path(__file__).resolve().parent

app = QgsApplication([], False)
app.initQgis()


def feature(kind, geometry):
    return {"kind": kind}, geometry


def poly(*xy):
    ring = [[2600000 + x, 1200000 + y] for x, y in xy]
    return {"type": "Polygon", "coordinates": [ring + ring[:1]]}


def svg_fill(svg, width, alpha=1.0, outline=None, **props):
    base = {"svgFile": f"/usr/share/qgis/svg/{svg}", "width": str(width), "pattern_width_unit": "MM"}
    base.update({k: str(v) for k, v in props.items()})
    layer = QgsSVGFillSymbolLayer.create(base)
    if outline is not None:
        layer.setSubSymbol(QgsLineSymbol.createSimple(outline))
    symbol = QgsFillSymbol()
    symbol.deleteSymbolLayer(0)
    symbol.appendSymbolLayer(layer)
    symbol.setOpacity(alpha)
    return symbol


cats = [
    ("woods", svg_fill("symbol/landuse_deciduous.svg", 6, color="40,140,60,255", outline_color="10,60,20,255",
                       outline_width=0.3, outline={"line_color": "10,60,20,255", "line_width": "0.4"})),
    ("swamp", svg_fill("symbol/landuse_swamp.svg", 4, color="30,90,200,255", angle=30,
                       outline={"line_style": "no"})),
    ("grass", svg_fill("symbol/landuse_grass.svg", 5, alpha=0.5, color="120,180,40,255",
                       outline={"line_color": "80,80,80,255", "line_width": "0.5", "line_style": "dash"})),
    ("planes", svg_fill("gpsicons/plane.svg", 8, color="200,60,60,255", outline_color="0,0,0,255",
                        outline_width=0.2)),
]
(HERE / "data" / "svg_fill.geojson").write_text(json.dumps(collection([
        feature("woods", poly((10.3, 160.2), (180.7, 150.4), (190.1, 290.9), (30.6, 280.3))),
        feature("swamp", poly((210.2, 170.6), (390.4, 160.2), (370.8, 290.1), (220.3, 280.7))),
        feature("grass", poly((15.6, 10.1), (170.2, 20.8), (150.4, 140.5))),
        feature("planes", poly((200.5, 15.3), (385.2, 25.1), (390.7, 140.6), (205.1, 130.4))),
]), indent=1) + "\n")
layer = QgsVectorLayer("Geometry?crs=EPSG:2056&field=kind:string", "svg_fill", "memory")
layer.setRenderer(QgsCategorizedSymbolRenderer(
    "kind", [QgsRendererCategory(k, s, k) for k, s in cats]))
msg, ok = layer.saveNamedStyle(str(HERE / "styles" / "svg_fill.qml"))
assert ok, msg
app.exitQgis()
