#!/usr/bin/python3
"""Writes the data and styles of the paint cases ``diagram_*`` (our own
data): layer diagrams as QGIS 3.22 draws them.

- ``data/diagram_points.geojson``: points with values ``a``, ``b``, ``c``
  (one with a single value above 0, one with none) and a ``total``;
- ``data/diagram_polygons.geojson``: squares and an L-shaped polygon, one
  reaching beyond the map's edge, with the same values.

Styles (each a plain marker or fill plus its diagrams, saved by QGIS):

- ``diagram_pie.qml``: pies sized linearly by ``total`` (0 → 0 mm, 60 →
  12 mm; minimum 2 mm), categories ``"a"``, ``"b"`` and the expression
  ``"c" * 2``, a 0.5 pt outline, 0.8 opacity, over the point;
- ``diagram_pie_fixed.qml``: polygons' pies of a fixed 9 mm, clockwise
  from 90°, no outline (0 width: a hairline), over the centroid;
- ``diagram_categorized.qml``: the same pies on polygons categorized by
  ``a`` (10 and 0 drawn, 30 turned off, 5 and 25 in no category): every
  feature gets its pie, drawn by the renderer or not;
- ``diagram_histogram.qml``: histograms of bars 3 mm wide, their length
  linearly by ``total`` (0 → 0 mm, 60 → 15 mm), a 0.3 mm outline, over
  the point;
- ``diagram_stacked.qml``: stacked bars 4 mm wide, 1 px apart, their
  length linearly by ``total`` (60 → 16 mm), a 0.4 px outline, 0.9
  opacity, over the point;
- ``diagram_histogram_left.qml``: histograms growing left, bars 2.5 mm
  wide 0.5 mm apart, around the point;
- ``diagram_effects_points.qml``: the pies of ``diagram_pie.qml`` drawn
  through an effect stack holding a red drop shadow and no source (only
  the blurred shadow is drawn, not the pies);
- ``diagram_effects_polygons.qml``: pies of a fixed 7 mm drawn through a
  stack of an outer glow, then the source.

``make_references.py paint/diagram_pie paint/diagram_pie_144dpi
paint/diagram_pie_fixed paint/diagram_histogram paint/diagram_stacked
paint/diagram_histogram_left paint/diagram_categorized
paint/diagram_effects`` then renders them, and
``make_references.py legend_info/legend_diagrams`` the legend of the same
layers (the data written to ``legend_info/own/diagrams`` too).

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_diagrams.py
"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
X0, Y0 = 2600000, 1200000
VALUES = [
    (10, 20, 5), (30, 0, 15), (0, 0, 0), (5, 5, 5), (0, 12, 0),
    (25, 10, 2), (3, 40, 7), (18, 18, 9),
]


def props(i):
    a, b, c = VALUES[i % len(VALUES)]
    return {"a": a, "b": b, "c": c, "total": a + b + 2 * c}


def main():
    from _fixture import collection
    from qgis.core import (
        QgsApplication,
        QgsCategorizedSymbolRenderer,
        QgsDiagramLayerSettings,
        QgsDiagramSettings,
        QgsDrawSourceEffect,
        QgsDropShadowEffect,
        QgsEffectStack,
        QgsFillSymbol,
        QgsHistogramDiagram,
        QgsLinearlyInterpolatedDiagramRenderer,
        QgsMarkerSymbol,
        QgsOuterGlowEffect,
        QgsPieDiagram,
        QgsRendererCategory,
        QgsSingleCategoryDiagramRenderer,
        QgsSingleSymbolRenderer,
        QgsStackedBarDiagram,
        QgsUnitTypes,
        QgsVectorLayer,
    )
    from qgis.PyQt.QtCore import QSizeF
    from qgis.PyQt.QtGui import QColor

    points = collection([
        (props(i), {"type": "Point", "coordinates": [
            X0 + 40.3 + (i % 4) * 98.7, Y0 + 60.6 + (i // 4) * 151.3]})
        for i in range(8)
    ])
    squares = []
    for i in range(5):
        x, y = X0 + 20 + i * 90.5, Y0 + 30 + (i % 2) * 130.25
        squares.append((props(i), {"type": "Polygon", "coordinates": [[
            [x, y], [x + 70, y], [x + 70, y + 80], [x, y + 80], [x, y]]]}))
    squares.append((props(5), {"type": "Polygon", "coordinates": [[
        [X0 + 250, Y0 + 180], [X0 + 380, Y0 + 180], [X0 + 380, Y0 + 200],
        [X0 + 280, Y0 + 200], [X0 + 280, Y0 + 290], [X0 + 250, Y0 + 290],
        [X0 + 250, Y0 + 180]]]}))
    data = HERE / "data"
    # the same data for the legend cases (legend_info/own/diagrams)
    legend = HERE.parent / "legend_info" / "own" / "diagrams"
    legend.mkdir(parents=True, exist_ok=True)
    for folder in (data, legend):
        (folder / "diagram_points.geojson").write_text(
            json.dumps(points, indent=1) + "\n")
        (folder / "diagram_polygons.geojson").write_text(
            json.dumps(collection(squares), indent=1) + "\n")
    qgis = QgsApplication([], False)
    qgis.initQgis()
    colors = [QColor(223, 36, 12), QColor(255, 144, 17, 200),
              QColor(40, 120, 220)]

    def settings(size, pen_width, pen_unit, opacity):
        s = QgsDiagramSettings()
        s.enabled = True
        s.categoryColors = colors
        s.categoryAttributes = ['"a"', '"b"', '"c" * 2']
        s.categoryLabels = ["A", "B", "C twice"]
        s.size = QSizeF(size, size)
        s.sizeType = QgsUnitTypes.RenderMillimeters
        s.penColor = QColor(116, 19, 6)
        s.penWidth = pen_width
        s.lineSizeUnit = pen_unit
        s.opacity = opacity
        return s

    def layer_settings(placement):
        ls = QgsDiagramLayerSettings()
        ls.setPlacement(placement)
        ls.setShowAllDiagrams(True)
        return ls

    def save(layer, name):
        msg, ok = layer.saveNamedStyle(str(HERE / "styles" / f"{name}.qml"))
        assert ok, msg

    pts = QgsVectorLayer(str(data / "diagram_points.geojson"), "p", "ogr")
    assert pts.isValid()
    pts.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple({
        "name": "circle", "size": "1.2", "color": "60,60,60,255",
        "outline_style": "no"})))

    s = settings(12, 0.5, QgsUnitTypes.RenderPoints, 0.8)
    s.minimumSize = 2
    s.rotationOffset = 270
    r = QgsLinearlyInterpolatedDiagramRenderer()
    r.setDiagram(QgsPieDiagram())
    r.setDiagramSettings(s)
    r.setLowerValue(0)
    r.setUpperValue(60)
    r.setLowerSize(QSizeF(0, 0))
    r.setUpperSize(QSizeF(12, 12))
    r.setClassificationField("total")
    pts.setDiagramRenderer(r)
    pts.setDiagramLayerSettings(layer_settings(QgsDiagramLayerSettings.OverPoint))
    save(pts, "diagram_pie")
    # the same pies through a stack of a drop shadow and no source
    # (ahmethakankuru/QGIS-project's buildings): only the shadow is drawn
    shadow = QgsDropShadowEffect()
    shadow.setColor(QColor(255, 0, 0))
    shadow.setBlurLevel(1.5)
    shadow.setBlurUnit(QgsUnitTypes.RenderMillimeters)
    shadow.setOpacity(0.5)
    stack = QgsEffectStack()
    stack.appendEffect(shadow)
    stack.setEnabled(True)
    s.setPaintEffect(stack)
    r.setDiagramSettings(s)
    save(pts, "diagram_effects_points")

    s = settings(3, 0.3, QgsUnitTypes.RenderMillimeters, 1)
    s.barWidth = 3
    r = QgsLinearlyInterpolatedDiagramRenderer()
    r.setDiagram(QgsHistogramDiagram())
    r.setDiagramSettings(s)
    r.setLowerValue(0)
    r.setUpperValue(60)
    r.setLowerSize(QSizeF(0, 0))
    r.setUpperSize(QSizeF(15, 15))
    r.setClassificationField("total")
    pts.setDiagramRenderer(r)
    pts.setDiagramLayerSettings(layer_settings(QgsDiagramLayerSettings.OverPoint))
    save(pts, "diagram_histogram")

    s = settings(3, 0.4, QgsUnitTypes.RenderPixels, 0.9)
    s.barWidth = 4
    s.setSpacing(1)
    s.setSpacingUnit(QgsUnitTypes.RenderPixels)
    r = QgsLinearlyInterpolatedDiagramRenderer()
    r.setDiagram(QgsStackedBarDiagram())
    r.setDiagramSettings(s)
    r.setLowerValue(0)
    r.setUpperValue(60)
    r.setLowerSize(QSizeF(0, 0))
    r.setUpperSize(QSizeF(16, 16))
    r.setClassificationField("total")
    pts.setDiagramRenderer(r)
    pts.setDiagramLayerSettings(layer_settings(QgsDiagramLayerSettings.OverPoint))
    save(pts, "diagram_stacked")

    s = settings(3, 0.3, QgsUnitTypes.RenderMillimeters, 1)
    s.barWidth = 2.5
    s.setSpacing(0.5)
    s.diagramOrientation = QgsDiagramSettings.Left
    r = QgsLinearlyInterpolatedDiagramRenderer()
    r.setDiagram(QgsHistogramDiagram())
    r.setDiagramSettings(s)
    r.setLowerValue(0)
    r.setUpperValue(60)
    r.setLowerSize(QSizeF(0, 0))
    r.setUpperSize(QSizeF(18, 18))
    r.setClassificationField("total")
    pts.setDiagramRenderer(r)
    pts.setDiagramLayerSettings(
        layer_settings(QgsDiagramLayerSettings.AroundPoint))
    save(pts, "diagram_histogram_left")

    polys = QgsVectorLayer(str(data / "diagram_polygons.geojson"), "q", "ogr")
    assert polys.isValid()
    polys.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple({
        "color": "230,230,210,255", "outline_color": "120,120,120,255",
        "outline_width": "0.26"})))
    s = settings(9, 0, QgsUnitTypes.RenderMillimeters, 1)
    s.rotationOffset = 90
    s.setDirection(QgsDiagramSettings.Clockwise)
    r = QgsSingleCategoryDiagramRenderer()
    r.setDiagram(QgsPieDiagram())
    r.setDiagramSettings(s)
    polys.setDiagramRenderer(r)
    polys.setDiagramLayerSettings(
        layer_settings(QgsDiagramLayerSettings.OverPoint))
    save(polys, "diagram_pie_fixed")
    s = settings(7, 0.3, QgsUnitTypes.RenderMillimeters, 1)
    glow = QgsOuterGlowEffect()
    glow.setColor(QColor(20, 160, 40))
    glow.setSpread(1)
    glow.setBlurLevel(1)
    glow.setOpacity(0.8)
    stack = QgsEffectStack()
    stack.appendEffect(glow)
    stack.appendEffect(QgsDrawSourceEffect())
    stack.setEnabled(True)
    s.setPaintEffect(stack)
    r.setDiagramSettings(s)
    save(polys, "diagram_effects_polygons")
    # "a" = 30 is turned off, 5 and 25 take no category: QGIS 3.22 still
    # draws their diagrams (not their labels)
    categories = [
        QgsRendererCategory(value, QgsFillSymbol.createSimple({
            "color": color, "outline_color": "120,120,120,255"}), value,
            value != "30")
        for value, color in (("10", "230,230,210,255"),
                             ("30", "200,230,200,255"),
                             ("0", "210,210,240,255"))
    ]
    polys.setRenderer(QgsCategorizedSymbolRenderer("a", categories))
    save(polys, "diagram_categorized")
    # the layers own their renderers: gone before QGIS exits
    del pts, polys
    qgis.exitQgis()


if __name__ == "__main__":
    main()
