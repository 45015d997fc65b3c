#!/usr/bin/python3
"""Writes the data and style of the paint case ``labels_2x`` (our own data):
points labelled by a QGIS 2.12-style rule-based labelling, as
StanfordGeospatialCenter/Intro-to-QGIS's test.qgs (QGIS 2.12) labels its
cities. QGIS 2.x wrote no ``labelsEnabled`` (QgsVectorLayer::readSymbology
then turns labels on) and put the buffer, background and shadow beside the
text style in ``<settings>``, with transparencies (``textTransp``,
``bufferTransp``, ``shapeTransparency``) and unit flags or old unit numbers
(``bufferSizeInMapUnits``, ``shapeSizeUnits``…) instead of QGIS 3's
attributes. The style is written here as QGIS 2.12 writes it (QGIS 3.22
would rewrite it); ``make_references.py paint/labels_2x`` then has QGIS
3.22 import it and render.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_labels_2x.py
"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
CITIES = [("Lagos", 1, 40, 230), ("Cairo", 1, 150, 200), ("Kinshasa", 2, 70, 140),
          ("Karachi", 1, 260, 240), ("Dhaka", 2, 300, 170), ("Luanda", 2, 180, 90),
          ("Manila", 1, 330, 60), ("Jakarta", 2, 60, 50)]

SETTINGS = """<settings>
              <text-style fontItalic="0" fontFamily="DejaVu Sans" fontLetterSpacing="0" fontUnderline="0" fontSizeMapUnitMaxScale="0" fontWeight="50" fontStrikeout="0" textTransp="{transp}" previewBkgrdColor="#ffffff" fontCapitals="0" textColor="0,0,0,255" fontSizeMapUnitMinScale="0" fontSizeInMapUnits="0" isExpression="0" blendMode="0" fontSize="{size}" fieldName="name" namedStyle="" fontWordSpacing="0"/>
              <text-format placeDirectionSymbol="0" multilineAlign="0" rightDirectionSymbol="&gt;" multilineHeight="1" plussign="0" addDirectionSymbol="0" leftDirectionSymbol="&lt;" formatNumbers="0" decimals="3" wrapChar="" reverseDirectionSymbol="0"/>
              <text-buffer bufferSize="{buffer}" bufferSizeMapUnitMinScale="0" bufferColor="255,255,255,255" bufferDraw="{buffer_draw}" bufferBlendMode="0" bufferTransp="{buffer_transp}" bufferSizeInMapUnits="0" bufferSizeMapUnitMaxScale="0" bufferNoFill="0" bufferJoinStyle="64"/>
              <background shapeSizeUnits="1" shapeType="0" shapeOffsetMapUnitMinScale="0" shapeSizeMapUnitMinScale="0" shapeSVGFile="" shapeOffsetX="0" shapeOffsetY="0" shapeBlendMode="0" shapeBorderWidthMapUnitMaxScale="0" shapeFillColor="250,220,120,255" shapeTransparency="{shape_transp}" shapeSizeType="0" shapeJoinStyle="64" shapeDraw="{shape}" shapeSizeMapUnitMaxScale="0" shapeBorderWidthUnits="1" shapeSizeX="1.5" shapeSizeY="1" shapeRadiiX="0" shapeOffsetMapUnitMaxScale="0" shapeOffsetUnits="1" shapeRadiiY="0" shapeRotation="0" shapeBorderWidth="0.4" shapeRadiiMapUnitMinScale="0" shapeRadiiMapUnitMaxScale="0" shapeBorderColor="120,80,20,255" shapeRotationType="0" shapeRadiiUnits="1" shapeBorderWidthMapUnitMinScale="0"/>
              <shadow shadowOffsetGlobal="1" shadowRadiusUnits="1" shadowRadiusMapUnitMinScale="0" shadowTransparency="30" shadowColor="0,0,0,255" shadowUnder="0" shadowScale="100" shadowOffsetDist="1" shadowOffsetMapUnitMinScale="0" shadowRadiusMapUnitMaxScale="0" shadowDraw="0" shadowOffsetAngle="135" shadowRadius="1.5" shadowBlendMode="6" shadowOffsetMapUnitMaxScale="0" shadowRadiusAlphaOnly="0" shadowOffsetUnits="1"/>
              <placement repeatDistanceUnit="1" placement="0" maxCurvedCharAngleIn="20" repeatDistance="0" distMapUnitMaxScale="0" labelOffsetMapUnitMaxScale="0" distInMapUnits="0" labelOffsetInMapUnits="1" xOffset="0" preserveRotation="1" centroidWhole="0" priority="5" repeatDistanceMapUnitMaxScale="0" yOffset="0" placementFlags="10" repeatDistanceMapUnitMinScale="0" centroidInside="0" dist="2" angleOffset="0" maxCurvedCharAngleOut="-20" fitInPolygonOnly="0" quadOffset="4" distMapUnitMinScale="0" labelOffsetMapUnitMinScale="0"/>
              <rendering fontMinPixelSize="3" scaleMax="10000000" fontMaxPixelSize="10000" scaleMin="1" upsidedownLabels="0" limitNumLabels="0" obstacle="1" obstacleFactor="1" scaleVisibility="0" fontLimitPixelSize="0" mergeLines="0" obstacleType="0" labelPerPart="0" zIndex="0" maxNumLabels="2000" displayAll="0" minFeatureSize="0"/>
              <data-defined/>
            </settings>"""

QML = """<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="2.12.1-Lyon" minimumScale="0" maximumScale="1e+08" hasScaleBasedVisibilityFlag="0">
  <renderer-v2 forceraster="0" symbollevels="0" type="singleSymbol">
    <symbols>
      <symbol alpha="1" clip_to_extent="1" type="marker" name="0">
        <layer pass="0" class="SimpleMarker" locked="0">
          <prop k="angle" v="0"/>
          <prop k="color" v="0,0,0,255"/>
          <prop k="horizontal_anchor_point" v="1"/>
          <prop k="name" v="circle"/>
          <prop k="offset" v="0,0"/>
          <prop k="offset_map_unit_scale" v="0,0,0,0,0,0"/>
          <prop k="offset_unit" v="MM"/>
          <prop k="outline_color" v="0,0,0,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0"/>
          <prop k="outline_width_map_unit_scale" v="0,0,0,0,0,0"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="scale_method" v="diameter"/>
          <prop k="size" v="4"/>
          <prop k="size_map_unit_scale" v="0,0,0,0,0,0"/>
          <prop k="size_unit" v="MM"/>
          <prop k="vertical_anchor_point" v="1"/>
        </layer>
      </symbol>
    </symbols>
    <rotation/>
    <sizescale scalemethod="diameter"/>
  </renderer-v2>
  <labeling type="rule-based">
    <rules>
      <rule description="Rank 1" filter=" &quot;rank&quot;  = 1">
            {rule1}
      </rule>
      <rule description="Rank 2" filter=" &quot;rank&quot;  = 2">
            {rule2}
      </rule>
    </rules>
  </labeling>
  <customproperties>
    <property key="labeling" value="pal"/>
    <property key="labeling/enabled" value="false"/>
  </customproperties>
  <blendMode>0</blendMode>
  <featureBlendMode>0</featureBlendMode>
  <layerTransparency>0</layerTransparency>
</qgis>
"""


def main():
    data = {
        "type": "FeatureCollection",
        "crs": {"type": "name",
                "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}},
        "features": [{
            "type": "Feature",
            "properties": {"name": name, "rank": rank},
            "geometry": {"type": "Point",
                         "coordinates": [2600000 + x, 1200000 + y]},
        } for name, rank, x, y in CITIES],
    }
    (HERE / "data" / "labels_2x.geojson").write_text(json.dumps(data))
    rule1 = SETTINGS.format(transp=0, size=13, buffer=1, buffer_draw=1,
                            buffer_transp=0, shape=0, shape_transp=0)
    rule2 = SETTINGS.format(transp=30, size=10, buffer=0.7, buffer_draw=0,
                            buffer_transp=0, shape=1, shape_transp=40)
    (HERE / "styles" / "labels_2x.qml").write_text(
        QML.replace("{rule1}", rule1).replace("{rule2}", rule2))


if __name__ == "__main__":
    main()
