#!/usr/bin/python3
"""Writes the data and styles of the paint cases ``geojson_untyped`` and
``layer_transparency_2x`` (our own data), as in sb827-analysis's map.qgs:

- ``geojson_untyped``: a GeoJSON FeatureCollection whose features lack
  ``"type": "Feature"``, which QGIS 3.22's GDAL (3.6) reads and the
  worker's GDAL (3.8) answers as an empty layer; style saved by QGIS 3.22.
- ``layer_transparency_2x``: overlapping squares under a QGIS 2.18 style
  whose layer opacity is ``<layerTransparency>50</layerTransparency>``
  (QGIS 3 reads it as opacity 0.5 when no ``<layerOpacity>`` follows).

``make_references.py paint/geojson_untyped paint/layer_transparency_2x``
then renders them.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/real/paint/make_qgis2_geojson.py
"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

QGIS2_STYLE = """<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="2.18.13" minimumScale="0" maximumScale="1e+08" hasScaleBasedVisibilityFlag="0">
  <renderer-v2 forceraster="0" symbollevels="0" type="singleSymbol" enableorderby="0">
    <symbols>
      <symbol alpha="1" clip_to_extent="1" type="fill" name="0">
        <layer pass="0" class="SimpleFill" locked="0">
          <prop k="color" v="140,222,192,255"/>
          <prop k="outline_color" v="0,0,0,255"/>
          <prop k="outline_style" v="no"/>
          <prop k="outline_width" v="0.26"/>
          <prop k="style" v="solid"/>
        </layer>
      </symbol>
    </symbols>
  </renderer-v2>
  <layerTransparency>50</layerTransparency>
</qgis>
"""


def square(x, y, size):
    return [[x, y], [x + size, y], [x + size, y + size], [x, y + size],
            [x, y]]


def main():
    from qgis.core import QgsApplication, QgsFillSymbol, \
        QgsSingleSymbolRenderer, QgsVectorLayer

    crs = {"type": "name",
           "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}}
    untyped = {
        "type": "FeatureCollection", "crs": crs,
        "features": [
            {"id": i, "properties": {"n": i},
             "geometry": {"type": "Polygon", "coordinates": [ring]}}
            for i, ring in enumerate([
                square(2600050, 1200050, 120), square(2600220, 1200100, 130),
            ])
        ],
    }
    (HERE / "data" / "untyped.geojson").write_text(json.dumps(untyped))
    overlapping = {
        "type": "FeatureCollection", "crs": crs,
        "features": [
            {"type": "Feature", "properties": {"n": i},
             "geometry": {"type": "Polygon", "coordinates": [ring]}}
            for i, ring in enumerate([
                square(2600050, 1200050, 160), square(2600150, 1200100, 160),
            ])
        ],
    }
    (HERE / "data" / "overlapping.geojson").write_text(json.dumps(overlapping))
    (HERE / "styles" / "transparency_2x.qml").write_text(QGIS2_STYLE)
    qgis = QgsApplication([], False)
    qgis.initQgis()
    layer = QgsVectorLayer(str(HERE / "data" / "untyped.geojson"), "u", "ogr")
    layer.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple({
        "color": "140,222,192,255", "outline_color": "40,40,40,255",
        "outline_width": "0.26"})))
    layer.saveNamedStyle(str(HERE / "styles" / "untyped.qml"))
    assert len(list(layer.getFeatures())) == 2
    qgis.exitQgis()


if __name__ == "__main__":
    main()
