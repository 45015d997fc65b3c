"""QGIS 3.22's ellipsoidal measures (QgsDistanceArea) for ellipsoidal_test.ts.

Run: QT_QPA_PLATFORM=offscreen /usr/bin/python3 \
  worker/geometry/testdata/make_ellipsoidal.py > worker/geometry/testdata/ellipsoidal.json

Each geometry is in the ellipsoid's own geographic CRS (QgsEllipsoidUtils'
crs), so QgsDistanceArea's transform is the identity and the figures are its
computePolygonArea / computeDistanceBearing alone; ``projected`` measures
geometries of a projected CRS through QGIS's transform, in the units asked
(``NONE``: planar in the CRS). Unit factors are
QgsUnitTypes.fromUnitToUnitFactor from square metres / metres.
"""
import json
from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem,
                       QgsDistanceArea, QgsEllipsoidUtils,
                       QgsGeometry, QgsProject, QgsUnitTypes)

app = QgsApplication([], False)
app.initQgis()

ELLIPSOIDS = ["WGS84", "GRS80", "intl", "bessel", "clrk66", "clrk80",
              "krass", "airy", "WGS72", "GRS67", "EPSG:7030", "EPSG:7019",
              "EPSG:7022", "EPSG:7004", "PARAMETER:6378137:6356752.314245"]
GEOMETRIES = [
    "Polygon((3.85 43.6, 3.9 43.6, 3.9 43.63, 3.85 43.63, 3.85 43.6))",
    "Polygon((3.85 43.6, 3.9 43.6, 3.9 43.63, 3.85 43.63, 3.85 43.6),"
    "(3.86 43.61, 3.87 43.61, 3.87 43.62, 3.86 43.61))",
    "MultiPolygon(((7 46, 8 46, 8 47.5, 7 46)),((-120 60, -100 60, -100 70, -120 70, -120 60)))",
    "Polygon((170 -10, -170 -10, -170 10, 170 10, 170 -10))",
    "Polygon((0 0, 0.0000001 0, 0.0000001 0.0000001, 0 0))",
    "Polygon((-180 -89, 180 -89, 180 -85, -180 -85, -180 -89))",
    "LineString(3.85 43.6, 3.9 43.6, 3.9 43.63, 4.5 44)",
    "MultiLineString((0 0, 1 1, 2 0),(10 50, -20 -40))",
    "LineString(0 0, 179.5 0.5)",
    "LineString(5 5, 5 5, 6 6)",
    "Point(1 2)",
]

out = {"ellipsoids": {}, "measures": [], "area_units": {}, "distance_units": {}}
for name in ELLIPSOIDS:
    p = QgsEllipsoidUtils.ellipsoidParameters(name)
    out["ellipsoids"][name] = {
        "valid": p.valid, "semi_major": p.semiMajor, "semi_minor": p.semiMinor,
        "inverse_flattening": p.inverseFlattening}
    da = QgsDistanceArea()
    da.setSourceCrs(p.crs, QgsProject.instance().transformContext())
    da.setEllipsoid(name)
    for wkt in GEOMETRIES:
        g = QgsGeometry.fromWkt(wkt)
        out["measures"].append({
            "ellipsoid": name, "wkt": wkt, "area": da.measureArea(g),
            "length": da.measureLength(g), "perimeter": da.measurePerimeter(g)})
for u in range(0, 13):
    if QgsUnitTypes.encodeUnit(QgsUnitTypes.AreaUnit(u)):
        out["area_units"][QgsUnitTypes.encodeUnit(QgsUnitTypes.AreaUnit(u))] = \
            QgsUnitTypes.fromUnitToUnitFactor(QgsUnitTypes.AreaSquareMeters, QgsUnitTypes.AreaUnit(u))
for u in range(0, 11):
    if QgsUnitTypes.encodeUnit(QgsUnitTypes.DistanceUnit(u)):
        out["distance_units"][QgsUnitTypes.encodeUnit(QgsUnitTypes.DistanceUnit(u))] = \
            QgsUnitTypes.fromUnitToUnitFactor(QgsUnitTypes.DistanceMeters, QgsUnitTypes.DistanceUnit(u))
# through a transform: geometries in a projected CRS, measured in the
# project's units as $area / $length / $perimeter convert them
out["projected"] = []
PROJECTED = [
    ("EPSG:2154", "Polygon((770000 6277000, 772000 6277000, 772000 6279000, 770500 6279500, 770000 6277000))"),
    ("EPSG:2154", "LineString(770000 6277000, 775000 6280000, 776000 6270000)"),
    ("EPSG:2056", "Polygon((2600000 1200000, 2601000 1200000, 2601000 1201000, 2600000 1200000),(2600600 1200100, 2600900 1200100, 2600900 1200400, 2600600 1200100))"),
]
for crs, wkt in PROJECTED:
    for name, area_units, distance_units in [("WGS84", "km2", "km"), ("EPSG:7004", "m2", "meters"), ("NONE", "ha", "feet")]:
        da = QgsDistanceArea()
        da.setSourceCrs(QgsCoordinateReferenceSystem(crs), QgsProject.instance().transformContext())
        da.setEllipsoid(name)
        g = QgsGeometry.fromWkt(wkt)
        au = QgsUnitTypes.decodeAreaUnit(area_units)[0]
        du = QgsUnitTypes.decodeDistanceUnit(distance_units)[0]
        out["projected"].append({
            "crs": crs, "ellipsoid": name, "area_units": area_units,
            "distance_units": distance_units, "wkt": wkt,
            "area": da.convertAreaMeasurement(da.measureArea(g), au),
            "length": da.convertLengthMeasurement(da.measureLength(g), du),
            "perimeter": da.convertLengthMeasurement(da.measurePerimeter(g), du)})
print(json.dumps(out, indent=1))
