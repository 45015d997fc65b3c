#!/usr/bin/python3
"""Writes the data and styles of the paint cases ``dd_2x`` and
``dd_area_3x`` (our own data), as in deleon-district-election-results-
analysis's map.qgs (QGIS 2.8: proportional circles, ``size_expression``
with ``scale_method`` ``area``):

- ``dd_2x``: QGIS 2.x data-defined symbol layer properties, which QGIS 3
  upgrades (``QgsSymbolLayer::restoreOldDataDefinedProperties``): points
  whose circles' ``size_expression`` is scaled by area (QGIS 2.8), polygons
  whose fill colour is a field (QGIS 2.16's ``color_dd_useexpr`` 0,
  ``color_dd_field``) and outline an expression (``outline_width_dd_*``),
  lines whose ``width``/``color`` expressions are the stroke's (a line
  layer's old names), and a ``size_dd_active`` 0 that stays off.
- ``dd_area_3x``: the same circles as QGIS 3.22 saves them (a
  data-defined ``size`` property, scale method area) beside squares
  scaled by diameter.

``make_references.py paint/dd_2x paint/dd_area_3x`` then renders them.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_dd_2x.py
"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
CRS = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}}

MARKER_2X = """<symbol alpha="1" type="marker" name="{name}">
            <layer pass="0" class="SimpleMarker" locked="0">
              <prop k="angle" v="0"/>
              <prop k="color" v="{color}"/>
              <prop k="horizontal_anchor_point" v="1"/>
              <prop k="name" v="{shape}"/>
              <prop k="offset" v="0,0"/>
              <prop k="offset_map_unit_scale" v="0,0"/>
              <prop k="offset_unit" v="MM"/>
              <prop k="outline_color" v="0,0,0,255"/>
              <prop k="outline_style" v="solid"/>
              <prop k="outline_width" v="0"/>
              <prop k="outline_width_map_unit_scale" v="0,0"/>
              <prop k="outline_width_unit" v="MM"/>
              <prop k="scale_method" v="{scale}"/>
              <prop k="size" v="2"/>
              {dd}
              <prop k="size_map_unit_scale" v="0,0"/>
              <prop k="size_unit" v="MM"/>
              <prop k="vertical_anchor_point" v="1"/>
            </layer>
          </symbol>"""

POINTS_2X = """<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="2.8.6-Wien" minimumScale="0" maximumScale="1e+08" hasScaleBasedVisibilityFlag="0">
  <renderer-v2 attr="kind" symbollevels="0" type="categorizedSymbol">
    <categories>
      <category render="true" symbol="0" value="a" label="a"/>
      <category render="true" symbol="1" value="b" label="b"/>
      <category render="true" symbol="2" value="c" label="c"/>
    </categories>
    <symbols>
      {s0}
      {s1}
      {s2}
    </symbols>
    <rotation/>
    <sizescale scalemethod="area"/>
  </renderer-v2>
</qgis>
"""

POLYGONS_2X = """<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="2.16.3-Nødebo" minimumScale="0" maximumScale="1e+08" hasScaleBasedVisibilityFlag="0">
  <renderer-v2 forceraster="0" symbollevels="0" type="singleSymbol" enableorderby="0">
    <symbols>
      <symbol alpha="1" clip_to_extent="1" type="fill" name="0">
        <layer pass="0" class="SimpleFill" locked="0">
          <prop k="border_width_map_unit_scale" v="0,0,0,0,0,0"/>
          <prop k="color" v="200,200,200,255"/>
          <prop k="color_dd_active" v="1"/>
          <prop k="color_dd_expression" v=""/>
          <prop k="color_dd_field" v="fill"/>
          <prop k="color_dd_useexpr" v="0"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="offset" v="0,0"/>
          <prop k="offset_map_unit_scale" v="0,0,0,0,0,0"/>
          <prop k="offset_unit" v="MM"/>
          <prop k="outline_color" v="0,0,0,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.26"/>
          <prop k="outline_width_dd_active" v="1"/>
          <prop k="outline_width_dd_expression" v="0.3 + &quot;n&quot; * 0.6"/>
          <prop k="outline_width_dd_field" v=""/>
          <prop k="outline_width_dd_useexpr" v="1"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="style" v="solid"/>
        </layer>
      </symbol>
    </symbols>
  </renderer-v2>
</qgis>
"""

LINES_2X = """<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="2.8.6-Wien" minimumScale="0" maximumScale="1e+08" hasScaleBasedVisibilityFlag="0">
  <renderer-v2 symbollevels="0" type="singleSymbol">
    <symbols>
      <symbol alpha="1" type="line" name="0">
        <layer pass="0" class="SimpleLine" locked="0">
          <prop k="capstyle" v="square"/>
          <prop k="color" v="60,60,60,255"/>
          <prop k="color_expression" v="CASE WHEN &quot;n&quot; = 0 THEN '20,120,200,255' ELSE '200,60,20,255' END"/>
          <prop k="customdash" v="5;2"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="offset" v="0"/>
          <prop k="penstyle" v="solid"/>
          <prop k="use_custom_dash" v="0"/>
          <prop k="width" v="0.26"/>
          <prop k="width_expression" v="0.8 + &quot;n&quot; * 1.2"/>
          <prop k="width_unit" v="MM"/>
        </layer>
      </symbol>
    </symbols>
  </renderer-v2>
</qgis>
"""


def points():
    rows = [
        (2600060, 1200060, "a", 4), (2600150, 1200080, "b", 40),
        (2600250, 1200070, "c", 160), (2600330, 1200120, "a", 90),
        (2600090, 1200200, "b", 1), (2600200, 1200230, "c", 0),
        (2600320, 1200240, "a", None),
    ]
    return {
        "type": "FeatureCollection", "crs": CRS,
        "features": [{
            "type": "Feature",
            "properties": {"kind": kind, "margin": margin},
            "geometry": {"type": "Point", "coordinates": [x, y]},
        } for x, y, kind, margin in rows],
    }


def main():
    data = HERE / "data"
    (data / "dd_points.geojson").write_text(json.dumps(points()))
    polygons = {
        "type": "FeatureCollection", "crs": CRS,
        "features": [{
            "type": "Feature",
            "properties": {"n": n, "fill": fill},
            "geometry": {"type": "Polygon", "coordinates": [[
                [x, y], [x + 110, y], [x + 90, y + 90], [x, y + 100],
                [x, y]]]},
        } for n, fill, x, y in [
            (0, "240,180,40,255", 2600030, 1200030),
            (1, "#3c8c50", 2600200, 1200060),
            (2, "", 2600120, 1200170),
        ]],
    }
    (data / "dd_polygons.geojson").write_text(json.dumps(polygons))
    lines = {
        "type": "FeatureCollection", "crs": CRS,
        "features": [{
            "type": "Feature",
            "properties": {"n": n},
            "geometry": {"type": "LineString", "coordinates": coords},
        } for n, coords in [
            (0, [[2600010, 1200280], [2600200, 1200150], [2600390, 1200270]]),
            (1, [[2600020, 1200010], [2600380, 1200120]]),
        ]],
    }
    (data / "dd_lines.geojson").write_text(json.dumps(lines))
    styles = HERE / "styles"
    area = '<prop k="size_expression" v="sqrt(  &quot;margin&quot; / 10 ) * 10"/>'
    (styles / "dd_points_2x.qml").write_text(POINTS_2X.format(
        s0=MARKER_2X.format(name=0, color="20,235,113,255", shape="circle",
                            scale="area", dd=area),
        s1=MARKER_2X.format(
            name=1, color="240,233,131,200", shape="square",
            scale="diameter",
            dd='<prop k="size_dd_active" v="1"/>'
               '<prop k="size_dd_expression" v="&quot;margin&quot; / 8"/>'
               '<prop k="size_dd_field" v=""/>'
               '<prop k="size_dd_useexpr" v="1"/>'),
        s2=MARKER_2X.format(
            name=2, color="221,96,165,255", shape="triangle", scale="area",
            dd='<prop k="size_dd_active" v="0"/>'
               '<prop k="size_dd_expression" v="&quot;margin&quot;"/>'
               '<prop k="size_dd_field" v=""/>'
               '<prop k="size_dd_useexpr" v="1"/>'),
    ))
    (styles / "dd_polygons_2x.qml").write_text(POLYGONS_2X)
    (styles / "dd_lines_2x.qml").write_text(LINES_2X)

    from qgis.core import (
        QgsApplication,
        QgsCategorizedSymbolRenderer,
        QgsMarkerSymbol,
        QgsProperty,
        QgsRendererCategory,
        QgsSymbol,
        QgsSymbolLayer,
        QgsVectorLayer,
    )

    qgis = QgsApplication([], False)
    qgis.initQgis()
    layer = QgsVectorLayer(str(data / "dd_points.geojson"), "p", "ogr")
    categories = []
    for value, color, shape, method in [
        ("a", "20,235,113,255", "circle", QgsSymbol.ScaleArea),
        ("b", "240,233,131,200", "square", QgsSymbol.ScaleDiameter),
        ("c", "221,96,165,255", "circle", QgsSymbol.ScaleArea),
    ]:
        symbol = QgsMarkerSymbol.createSimple(
            {"name": shape, "color": color, "outline_color": "0,0,0,255",
             "outline_width": "0", "size": "2"})
        symbol.symbolLayer(0).setScaleMethod(method)
        symbol.symbolLayer(0).setDataDefinedProperty(
            QgsSymbolLayer.PropertySize,
            QgsProperty.fromExpression('sqrt("margin" / 10) * 10'
                                       if method == QgsSymbol.ScaleArea
                                       else '"margin" / 8'))
        categories.append(QgsRendererCategory(value, symbol, value))
    layer.setRenderer(QgsCategorizedSymbolRenderer("kind", categories))
    layer.saveNamedStyle(str(styles / "dd_area_3x.qml"))
    qgis.exitQgis()


if __name__ == "__main__":
    main()
