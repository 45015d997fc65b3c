#!/usr/bin/python3
"""Writes the styles of the legend case ``legend_diagram_size_legends``
(our own data, ``data/diagram_points.geojson`` of ``make_diagrams.py``):
the size legends of interpolated diagrams as QGIS 3.22's legend draws
them (``QgsDataDefinedSizeLegend``).

- ``diagram_size_collapsed.qml``: pies sized by ``total`` by area (0 → 0
  mm, 60 → 12 mm, minimum 2 mm), their collapsed size legend titled
  "Total", markers centred, automatic classes (pretty breaks 20, 40, 60),
  a light blue circle with a 0.3 mm outline;
- ``diagram_size_separated.qml``: histograms sized by ``total`` (60 → 15
  mm), a separated size legend titled "Bars" with classes given by hand
  (10, 30, 60 labelled in words) and no symbol (QGIS's default marker).

``make_references.py legend_info/legend_diagram_size_legends`` then draws
the legend of both layers.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_diagram_size_legends.py
"""
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main():
    from qgis.core import (
        QgsApplication,
        QgsDataDefinedSizeLegend,
        QgsDiagramLayerSettings,
        QgsDiagramSettings,
        QgsHistogramDiagram,
        QgsLinearlyInterpolatedDiagramRenderer,
        QgsMarkerSymbol,
        QgsPieDiagram,
        QgsSingleSymbolRenderer,
        QgsUnitTypes,
        QgsVectorLayer,
    )
    from qgis.PyQt.QtCore import QSizeF
    from qgis.PyQt.QtGui import QColor

    qgis = QgsApplication([], False)
    qgis.initQgis()
    pts = QgsVectorLayer(str(HERE / "data" / "diagram_points.geojson"), "p",
                         "ogr")
    assert pts.isValid()
    pts.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple({
        "name": "circle", "size": "1.2", "color": "60,60,60,255",
        "outline_style": "no"})))
    ls = QgsDiagramLayerSettings()
    ls.setPlacement(QgsDiagramLayerSettings.OverPoint)
    ls.setShowAllDiagrams(True)

    def renderer(diagram, upper):
        s = QgsDiagramSettings()
        s.enabled = True
        s.categoryColors = [QColor(223, 36, 12), QColor(40, 120, 220)]
        s.categoryAttributes = ['"a"', '"b"']
        s.categoryLabels = ["A", "B"]
        s.sizeType = QgsUnitTypes.RenderMillimeters
        s.minimumSize = 2
        s.barWidth = 3
        r = QgsLinearlyInterpolatedDiagramRenderer()
        r.setDiagram(diagram)
        r.setDiagramSettings(s)
        r.setLowerValue(0)
        r.setUpperValue(60)
        r.setLowerSize(QSizeF(0, 0))
        r.setUpperSize(QSizeF(upper, upper))
        r.setClassificationField("total")
        return r

    def save(name):
        pts.setDiagramLayerSettings(ls)
        msg, ok = pts.saveNamedStyle(str(HERE / "styles" / f"{name}.qml"))
        assert ok, msg

    r = renderer(QgsPieDiagram(), 12)
    legend = QgsDataDefinedSizeLegend()
    legend.setLegendType(QgsDataDefinedSizeLegend.LegendCollapsed)
    legend.setVerticalAlignment(QgsDataDefinedSizeLegend.AlignCenter)
    legend.setTitle("Total")
    legend.setSymbol(QgsMarkerSymbol.createSimple({
        "name": "circle", "color": "150,200,240,255",
        "outline_color": "20,60,110,255", "outline_width": "0.3"}))
    r.setDataDefinedSizeLegend(legend)
    pts.setDiagramRenderer(r)
    save("diagram_size_collapsed")

    r = renderer(QgsHistogramDiagram(), 15)
    legend = QgsDataDefinedSizeLegend()
    legend.setLegendType(QgsDataDefinedSizeLegend.LegendSeparated)
    legend.setTitle("Bars")
    legend.setClasses([
        QgsDataDefinedSizeLegend.SizeClass(10, "ten"),
        QgsDataDefinedSizeLegend.SizeClass(30, "thirty"),
        QgsDataDefinedSizeLegend.SizeClass(60, "sixty"),
    ])
    r.setDataDefinedSizeLegend(legend)
    pts.setDiagramRenderer(r)
    save("diagram_size_separated")
    qgis.exitQgis()


if __name__ == "__main__":
    main()
