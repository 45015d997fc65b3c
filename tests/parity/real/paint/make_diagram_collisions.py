#!/usr/bin/python3
"""Writes the styles of the paint cases ``diagram_labels`` and
``diagram_around_collide`` (our own data, ``data/diagram_points.geojson``
of ``make_diagrams.py``): diagrams as QGIS 3.22's labelling engine places
them, PAL label features among the labels.

- ``diagram_labels.qml``: fixed 14 mm pies over the points, shown all,
  and the points' labels (``"total"``, 10 pt DejaVu Sans) around the
  points 1 mm away: the labels avoid the pies;
- ``diagram_around_collide.qml``: fixed 30 mm pies around the points 1
  mm away, not shown all: neighbours' pies overlap, PAL moves or drops
  them;
- ``diagram_dd_show.qml``: fixed 12 mm pies over the points, shown where
  the data-defined ``show`` expression ``"a" > 5`` holds;
- ``diagram_obstacle.qml`` (``data/diagram_polygons.geojson``): 8 mm pies
  over the polygons' centroids, shown all, obstacles;
  ``diagram_obstacle_labels.qml`` the same polygons' labels (``'total: '
  || "total"``, not obstacles) around their centroids 6 mm away, a layer
  above: the polygons' boundaries, as the diagrams' obstacles, repel the
  labels crossing them; ``diagram_obstacle_own_labels.qml`` the pies and
  the labels in one layer: a feature's diagram obstacle does not repel its
  own label (PAL's hasSameLabelFeatureAs);
- ``diagram_text.qml``: 16 mm text diagrams (``QgsTextDiagram``: a
  circle of the background colour, a row per value in its colour, 9 pt
  DejaVu Sans) over the points, shown all.

``make_references.py paint/diagram_labels paint/diagram_around_collide
paint/diagram_dd_show paint/diagram_obstacle paint/diagram_obstacle_own_labels paint/diagram_text`` then renders them.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_diagram_collisions.py
"""
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main():
    from qgis.core import (
        QgsApplication,
        QgsDiagramLayerSettings,
        QgsDiagramSettings,
        QgsMarkerSymbol,
        QgsPalLayerSettings,
        QgsFillSymbol,
        QgsPieDiagram,
        QgsProperty,
        QgsSingleCategoryDiagramRenderer,
        QgsSingleSymbolRenderer,
        QgsTextDiagram,
        QgsTextFormat,
        QgsUnitTypes,
        QgsVectorLayer,
        QgsVectorLayerSimpleLabeling,
    )
    from qgis.PyQt.QtCore import QSizeF
    from qgis.PyQt.QtGui import QColor, QFont

    qgis = QgsApplication([], False)
    qgis.initQgis()

    def layer():
        pts = QgsVectorLayer(str(HERE / "data" / "diagram_points.geojson"),
                             "p", "ogr")
        assert pts.isValid()
        pts.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple({
            "name": "circle", "size": "1.2", "color": "60,60,60,255",
            "outline_style": "no"})))
        return pts

    def pies(pts, size, placement, show_all, dist):
        s = QgsDiagramSettings()
        s.enabled = True
        s.categoryColors = [QColor(223, 36, 12), QColor(255, 144, 17),
                            QColor(40, 120, 220)]
        s.categoryAttributes = ['"a"', '"b"', '"c"']
        s.categoryLabels = ["A", "B", "C"]
        s.size = QSizeF(size, size)
        s.sizeType = QgsUnitTypes.RenderMillimeters
        s.penColor = QColor(60, 20, 10)
        s.penWidth = 0.3
        s.lineSizeUnit = QgsUnitTypes.RenderMillimeters
        r = QgsSingleCategoryDiagramRenderer()
        r.setDiagram(QgsPieDiagram())
        r.setDiagramSettings(s)
        pts.setDiagramRenderer(r)
        ls = QgsDiagramLayerSettings()
        ls.setPlacement(placement)
        ls.setShowAllDiagrams(show_all)
        ls.setDistance(dist)
        pts.setDiagramLayerSettings(ls)

    def save(pts, name):
        msg, ok = pts.saveNamedStyle(str(HERE / "styles" / f"{name}.qml"))
        assert ok, msg

    pts = layer()
    pies(pts, 14, QgsDiagramLayerSettings.OverPoint, True, 0)
    fmt = QgsTextFormat()
    fmt.setFont(QFont("DejaVu Sans"))
    fmt.setSize(10)
    fmt.setColor(QColor(30, 30, 30))
    settings = QgsPalLayerSettings()
    settings.fieldName = "total"
    settings.placement = QgsPalLayerSettings.AroundPoint
    settings.dist = 1
    settings.setFormat(fmt)
    pts.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    pts.setLabelsEnabled(True)
    save(pts, "diagram_labels")

    pts = layer()
    pies(pts, 30, QgsDiagramLayerSettings.AroundPoint, False, 1)
    save(pts, "diagram_around_collide")

    pts = layer()
    pies(pts, 12, QgsDiagramLayerSettings.OverPoint, True, 0)
    ls = pts.diagramLayerSettings()
    props = ls.dataDefinedProperties()
    props.setProperty(QgsDiagramLayerSettings.Show,
                      QgsProperty.fromExpression('"a" > 5'))
    ls.setDataDefinedProperties(props)
    pts.setDiagramLayerSettings(ls)
    save(pts, "diagram_dd_show")

    def obstacle_pies():
        polys = QgsVectorLayer(
            str(HERE / "data" / "diagram_polygons.geojson"), "p", "ogr")
        assert polys.isValid()
        polys.setRenderer(QgsSingleSymbolRenderer(
            QgsFillSymbol.createSimple({
                "color": "230,225,200,255",
                "outline_color": "120,110,90,255",
                "outline_width": "0.26"})))
        pies(polys, 8, QgsDiagramLayerSettings.OverPoint, True, 0)
        ls = polys.diagramLayerSettings()
        ls.setIsObstacle(True)
        polys.setDiagramLayerSettings(ls)
        return polys

    save(obstacle_pies(), "diagram_obstacle")

    polys = QgsVectorLayer(str(HERE / "data" / "diagram_polygons.geojson"),
                           "p", "ogr")
    polys.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple({
        "style": "no", "outline_style": "no"})))
    settings = QgsPalLayerSettings()
    settings.fieldName = "'total: ' || \"total\""
    settings.isExpression = True
    settings.placement = QgsPalLayerSettings.AroundPoint
    settings.dist = 6
    settings.obstacle = False
    settings.setFormat(fmt)
    polys.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    polys.setLabelsEnabled(True)
    save(polys, "diagram_obstacle_labels")

    polys = obstacle_pies()
    settings.obstacle = True
    polys.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    polys.setLabelsEnabled(True)
    save(polys, "diagram_obstacle_own_labels")

    pts = layer()
    pies(pts, 16, QgsDiagramLayerSettings.OverPoint, True, 0)
    r = pts.diagramRenderer()
    s = r.diagramSettings()[0]
    s.backgroundColor = QColor(250, 240, 200)
    s.font = QFont("DejaVu Sans", 9)
    r.setDiagram(QgsTextDiagram())
    r.setDiagramSettings(s)
    save(pts, "diagram_text")
    qgis.exitQgis()


if __name__ == "__main__":
    main()
