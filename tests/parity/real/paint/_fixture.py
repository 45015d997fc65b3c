"""What the paint cases' fixture scripts (``make_*.py``) share: our own
data written as they write it. Imported by those scripts only; run with
Debian's QGIS 3.22, never at run time or in CI."""


def collection(features):
    """A GeoJSON FeatureCollection in EPSG:2056 of ``(properties,
    geometry)`` pairs."""
    return {
        "type": "FeatureCollection",
        "crs": {"type": "name",
                "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}},
        "features": [
            {"type": "Feature", "properties": props, "geometry": geometry}
            for props, geometry in features
        ],
    }


def labelled_points(points, labels):
    """A GeoJSON FeatureCollection in EPSG:2056 of ``points`` (x, y), each
    with the property ``label`` taken from ``labels`` in turn."""
    return {
        "type": "FeatureCollection",
        "crs": {"type": "name",
                "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}},
        "features": [{
            "type": "Feature",
            "properties": {"label": labels[i % len(labels)]},
            "geometry": {"type": "Point", "coordinates": [x, y]},
        } for i, (x, y) in enumerate(points)],
    }


def write_discrete_grid(here, name, header, rows, prj, minimum, maximum,
                        items):
    """Writes ``data/<name>.asc`` (an Arc/Info ASCII grid: ``header`` then
    ``rows``), its ESRI ``.prj`` and ``styles/<name>.qml``: a singleband
    pseudocolour renderer of discrete classes ``items`` (value, (r, g, b),
    label) between ``minimum`` and ``maximum``. Call between QGIS's
    ``initQgis`` and ``exitQgis``; returns the layer's CRS authid."""
    from qgis.core import (
        QgsColorRampShader,
        QgsRasterLayer,
        QgsRasterShader,
        QgsSingleBandPseudoColorRenderer,
    )
    from qgis.PyQt.QtGui import QColor

    (here / "data" / f"{name}.asc").write_text(
        header + "\n".join(rows) + "\n")
    (here / "data" / f"{name}.prj").write_text(prj)
    layer = QgsRasterLayer(str(here / "data" / f"{name}.asc"), "g", "gdal")
    ramp = QgsColorRampShader(minimum, maximum)
    ramp.setColorRampType(QgsColorRampShader.Discrete)
    ramp.setColorRampItemList([
        QgsColorRampShader.ColorRampItem(value, QColor(*rgb), label)
        for value, rgb, label in items
    ])
    shader = QgsRasterShader()
    shader.setRasterShaderFunction(ramp)
    layer.setRenderer(
        QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, shader))
    layer.saveNamedStyle(str(here / "styles" / f"{name}.qml"))
    return layer.crs().authid()
