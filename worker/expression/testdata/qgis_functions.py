"""Writes qgis_functions.json: QGIS 3.22's result for each expression below,
evaluated against one feature (fields name, pop, ratio, nothing, tags; a
10 x 5 rectangle) with @map_scale 25000.

Run: QT_QPA_PLATFORM=offscreen /usr/bin/python3 qgis_functions.py
(from this folder). Values are typed: numbers, strings, booleans, null,
arrays, maps as JSON; {"color": "r,g,b,a"} for a QColor; {"wkt": …} for a
geometry; {"date"|"datetime"|"time": …}; {"interval": seconds}; {"number": "nan"|"inf"|"-inf"};
{"error": true} for an evaluation error (NULL in our engine).
"""
import json
import math
import os
from qgis.core import (QgsApplication, QgsExpression, QgsExpressionContext,
                       QgsExpressionContextScope, QgsExpressionContextUtils, QgsFeature, QgsField,
                       QgsFields, QgsGeometry, QgsInterval, QgsProject,
                       QgsSymbolLayerUtils, QgsVectorLayer)
from qgis.PyQt.QtCore import QByteArray, QVariant, QDate, QDateTime, QTime
from qgis.PyQt.QtGui import QColor

app = QgsApplication([], False)
app.initQgis()

# GEOS's functions (worker/expression/fn_geos.ts): buffers of lines and
# polygons, offset curves, predicates over pairs of many kinds, validity,
# overlays, distances
_SQUARE = "geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))')"
_PAIRS = [
    "geom_from_wkt('POLYGON((10 0, 20 0, 20 10, 10 10, 10 0))')",
    "geom_from_wkt('POLYGON((5 5, 15 5, 15 15, 5 15, 5 5))')",
    "geom_from_wkt('POLYGON((2 2, 4 2, 4 4, 2 4, 2 2))')",
    "geom_from_wkt('POLYGON((10 10, 20 10, 20 20, 10 20, 10 10))')",
    "geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))')",
    "geom_from_wkt('POLYGON((20 20, 30 20, 30 30, 20 20))')",
    "geom_from_wkt('LINESTRING(-5 5, 15 5)')",
    "geom_from_wkt('LINESTRING(1 1, 9 9)')",
    "geom_from_wkt('LINESTRING(10 5, 20 5)')",
    "geom_from_wkt('LINESTRING(0 0, 10 0)')",
    "geom_from_wkt('POINT(10 5)')",
    "geom_from_wkt('POINT(5 5)')",
    "geom_from_wkt('POINT(20 20)')",
    "geom_from_wkt('MULTIPOINT((5 5), (20 20))')",
    "geom_from_wkt('MULTIPOLYGON(((10 0, 20 0, 20 5, 10 5, 10 0)), ((5 6, 15 6, 15 15, 5 15, 5 6)))')",
]
_LINE_PAIRS = [
    ("geom_from_wkt('LINESTRING(0 0, 10 10)')", "geom_from_wkt('LINESTRING(0 10, 10 0)')"),
    ("geom_from_wkt('LINESTRING(0 0, 10 0)')", "geom_from_wkt('LINESTRING(5 0, 15 0)')"),
    ("geom_from_wkt('LINESTRING(0 0, 10 0)')", "geom_from_wkt('LINESTRING(10 0, 10 10)')"),
    ("geom_from_wkt('LINESTRING(0 0, 10 0)')", "geom_from_wkt('LINESTRING(2 0, 8 0)')"),
    ("geom_from_wkt('LINESTRING(0 0, 10 0)')", "geom_from_wkt('POINT(5 0)')"),
    ("geom_from_wkt('LINESTRING(0 0, 10 0)')", "geom_from_wkt('POINT(0 0)')"),
]
_PREDICATES = ["touches", "crosses", "overlaps", "within", "contains", "intersects", "disjoint"]
GEOS_EXPRESSIONS = [
    # buffers of lines and polygons: segments, caps, joins, mitre limits
    "geom_to_wkt(buffer(geom_from_wkt('LINESTRING(0 0, 10 0)'), 1, 2))",
    "geom_to_wkt(buffer(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10)'), 1, 2))",
    "geom_to_wkt(buffer(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10)'), 1, 2, 'flat'))",
    "geom_to_wkt(buffer(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10)'), 1, 2, 'square'))",
    "geom_to_wkt(buffer(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10)'), 1, 2, 'round', 'miter'))",
    "geom_to_wkt(buffer(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10)'), 1, 2, 'flat', 'bevel'))",
    "geom_to_wkt(buffer(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10)'), 1, 2, 'square', 'miter', 1.2))",
    "geom_to_wkt(buffer(geom_from_wkt('LINESTRING(0 0, 10 0, 0 1)'), 2, 3, 'flat', 'miter', 5))",
    "geom_to_wkt(buffer(geom_from_wkt('LINESTRING(0 0, 10 0, 0 1)'), 2, 3, 'flat', 'miter', 50))",
    "geom_to_wkt(buffer(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10, 0 10, 0 0)'), 1, 1))",
    "geom_to_wkt(buffer(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10, 3 -2)'), 1, 2))",
    "geom_to_wkt(buffer(geom_from_wkt('MULTILINESTRING((0 0, 5 0), (0 3, 5 3))'), 1, 1))",
    "geom_to_wkt(buffer(geom_from_wkt('MULTILINESTRING((0 0, 5 0), (0 1, 5 1))'), 1, 1))",
    "geom_to_wkt(buffer(geom_from_wkt('LINESTRING(0 0, 10 0)'), -1))",
    "geom_to_wkt(buffer(geom_from_wkt('LINESTRING(0 0, 10 0)'), 0))",
    "geom_to_wkt(buffer(geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))'), 1, 2))",
    "geom_to_wkt(buffer(geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))'), 1, 2, 'flat', 'miter'))",
    "geom_to_wkt(buffer(geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))'), 1, 2, 'round', 'bevel'))",
    "geom_to_wkt(buffer(geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))'), -2))",
    "geom_to_wkt(buffer(geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))'), -5))",
    "geom_to_wkt(buffer(geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (3 3, 7 3, 7 7, 3 7, 3 3))'), 1, 1, 'round', 'miter'))",
    "geom_to_wkt(buffer(geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (3 3, 7 3, 7 7, 3 7, 3 3))'), 2.5, 2))",
    "geom_to_wkt(buffer(geom_from_wkt('POLYGON((0 0, 10 0, 5 1, 0 0))'), -0.1, 2))",
    "geom_to_wkt(buffer(geom_from_wkt('MULTIPOLYGON(((0 0, 4 0, 4 4, 0 4, 0 0)), ((5 0, 9 0, 9 4, 5 4, 5 0)))'), 1, 1))",
    "geom_to_wkt(buffer(geom_from_wkt('MULTIPOINT((0 0), (1 0))'), 1, 2))",
    "geom_to_wkt(buffer(geom_from_wkt('MULTIPOINT((0 0), (2 0))'), 1, 2))",
    "geom_to_wkt(buffer($geometry, 1, 1, 'round', 'bevel'))",
    "round(area(buffer($geometry, 2)), 6)", "round(area(buffer($geometry, 2, 30)), 6)",
    "buffer(geom_from_wkt('LINESTRING(0 0, 10 0)'), 1, 2, NULL)",
    "geom_to_wkt(buffer(geometry:=geom_from_wkt('LINESTRING(0 0, 10 0)'), distance:=2, cap:='square'))",
    # offset curves and single-sided buffers
    "geom_to_wkt(offset_curve(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10)'), 1))",
    "geom_to_wkt(offset_curve(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10)'), -1))",
    "geom_to_wkt(offset_curve(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10)'), 1, 2))",
    "geom_to_wkt(offset_curve(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10)'), -1, 2))",
    "geom_to_wkt(offset_curve(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10)'), -2, 8, 2))",
    "geom_to_wkt(offset_curve(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10)'), -2, 8, 3))",
    "geom_to_wkt(offset_curve(geom_from_wkt('LINESTRING(0 0, 10 0, 0 1)'), -2, 8, 2, 5))",
    "geom_to_wkt(offset_curve(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10, 0 10, 0 0)'), 1, 2))",
    "geom_to_wkt(offset_curve(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10, 0 10, 0 0)'), -1, 2))",
    "geom_to_wkt(offset_curve(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10, 0 10)'), -1, 2))",
    "geom_to_wkt(offset_curve(geom_from_wkt('MULTILINESTRING((0 0, 10 0), (0 5, 10 5))'), 1))",
    "geom_to_wkt(offset_curve(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10)'), 20))",
    "offset_curve(geom_from_wkt('LINESTRING(0 0, 10 0)'), 1, 8, 4)",
    "offset_curve(geom_from_wkt('LINESTRING(0 0, 10 0)'), 1, 8, 0)",
    "offset_curve($geometry, 1)", "offset_curve(make_point(1, 2), 1)",
    "geom_to_wkt(single_sided_buffer(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10)'), 1))",
    "geom_to_wkt(single_sided_buffer(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10)'), -1))",
    "geom_to_wkt(single_sided_buffer(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10)'), 1, 2))",
    "geom_to_wkt(single_sided_buffer(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10)'), -1, 2))",
    "geom_to_wkt(single_sided_buffer(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10)'), -2, 8, 2))",
    "geom_to_wkt(single_sided_buffer(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10)'), -2, 8, 3))",
    "geom_to_wkt(single_sided_buffer(geom_from_wkt('LINESTRING(0 0, 10 0, 0 1)'), -2, 8, 2, 5))",
    "geom_to_wkt(single_sided_buffer(geom_from_wkt('MULTILINESTRING((0 0, 10 0), (0 5, 10 5))'), 1))",
    "single_sided_buffer(geom_from_wkt('LINESTRING(0 0, 10 0)'), 1, 8, 5)",
    "single_sided_buffer($geometry, 1)", "single_sided_buffer(make_point(1, 2), 1)",
] + [
    "%s(%s, %s)" % (p, _SQUARE, other) for p in _PREDICATES for other in _PAIRS
] + [
    "%s(%s, %s)" % (p, a, b) for p in _PREDICATES for a, b in _LINE_PAIRS
] + [
    "%s(%s, %s)" % (p, b, a) for p in ["touches", "crosses", "within"] for a, b in _LINE_PAIRS
] + [
    "touches($geometry, geom_from_wkt('POINT(10 5)'))", "touches(NULL, $geometry)",
    "crosses($geometry, geom_from_wkt('LINESTRING(-1 1, 11 1)'))",
    "overlaps($geometry, geom_from_wkt('POLYGON((5 0, 15 0, 15 5, 5 5, 5 0))'))",
    # relate: the DE-9IM matrix, or a pattern
] + [
    "relate(%s, %s)" % (_SQUARE, other) for other in _PAIRS[:10]
] + [
    "relate(%s, %s, 'T*T***T**')" % (_SQUARE, _PAIRS[1]),
    "relate(%s, %s, 'T*T***T**')" % (_SQUARE, _PAIRS[2]),
    "relate(%s, %s, 'F***T****')" % (_SQUARE, _PAIRS[0]),
    "relate(%s, %s, '****T****')" % (_SQUARE, _PAIRS[0]),
    "relate($geometry, geom_from_wkt('POINT(5 5)'))",
    # validity
    "is_valid(geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))'))",
    "is_valid(geom_from_wkt('POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))'))",
    "is_valid(geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (20 20, 30 20, 30 30, 20 20))'))",
    "is_valid(geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (5 0, 7 5, 3 5, 5 0))'))",
    "is_valid(geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 8 2, 8 8, 2 8, 2 2), (3 3, 4 3, 4 4, 3 3))'))",
    "is_valid(geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 5 0, 0 10, 0 0))'))",
    "is_valid(geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (0 0, 5 2, 5 5, 0 0))'))",
    "is_valid(geom_from_wkt('POLYGON((0 0, 10 0, 10 0, 0 0))'))",
    "is_valid(geom_from_wkt('MULTIPOLYGON(((0 0, 10 0, 10 10, 0 10, 0 0)), ((5 5, 15 5, 15 15, 5 15, 5 5)))'))",
    "is_valid(geom_from_wkt('MULTIPOLYGON(((0 0, 10 0, 10 10, 0 10, 0 0)), ((10 0, 20 0, 20 10, 10 10, 10 0)))'))",
    "is_valid(geom_from_wkt('LINESTRING(0 0, 10 10, 10 0, 0 10)'))",
    "is_valid(geom_from_wkt('LINESTRING(0 0, 0 0)'))",
    "is_valid(geom_from_wkt('MULTIPOINT((0 0), (0 0))'))",
    "is_valid(make_point(1, 2))", "is_valid($geometry)", "is_valid(NULL)",
    # overlays
] + [
    "geom_to_wkt(%s(%s, %s))" % (op, _SQUARE, other)
    for op in ["intersection", "difference", "combine", "sym_difference"]
    for other in _PAIRS
] + [
    "geom_to_wkt(%s(%s, %s))" % (op, a, b)
    for op in ["intersection", "difference", "combine", "sym_difference"]
    for a, b in _LINE_PAIRS
] + [
    "geom_to_wkt(difference(%s, %s))" % (other, _SQUARE)
    for other in _PAIRS[:6] if other not in _SQUARE
] + [
    "geom_to_wkt(union(%s, %s))" % (_SQUARE, _PAIRS[1]),
    "geom_to_wkt(symDifference(%s, %s))" % (_SQUARE, _PAIRS[1]),
    "geom_to_wkt(intersection($geometry, geom_from_wkt('LINESTRING(-5 2, 15 2)')))",
    "geom_to_wkt(combine(geom_from_wkt('MULTIPOINT((0 0), (1 1))'), geom_from_wkt('POINT(1 1)')))",
    "geom_to_wkt(combine(geom_from_wkt('POINT(5 5)'), %s))" % _SQUARE,
    "geom_to_wkt(combine(geom_from_wkt('POINT(50 5)'), %s))" % _SQUARE,
    "geom_to_wkt(intersection(geom_from_wkt('POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))'), %s))" % _SQUARE,
    "geom_to_wkt(difference(geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (3 3, 7 3, 7 7, 3 7, 3 3))'), geom_from_wkt('POLYGON((5 -1, 6 -1, 6 11, 5 11, 5 -1))')))",
    "area(intersection($geometry, geom_from_wkt('POLYGON((5 2, 20 2, 20 20, 5 20, 5 2))')))",
    "intersection(NULL, $geometry)",
    # distances, nearest points, merged lines
    "hausdorff_distance(geom_from_wkt('LINESTRING (0 0, 2 1)'), geom_from_wkt('LINESTRING (0 0, 2 0)'))",
    "hausdorff_distance(geom_from_wkt('LINESTRING (130 0, 0 0, 0 150)'), geom_from_wkt('LINESTRING (10 10, 10 150, 130 10)'))",
    "hausdorff_distance(geom_from_wkt('LINESTRING (130 0, 0 0, 0 150)'), geom_from_wkt('LINESTRING (10 10, 10 150, 130 10)'), 0.5)",
    "hausdorff_distance($geometry, geom_from_wkt('POINT(20 20)'))",
    "hausdorff_distance(%s, %s)" % (_SQUARE, _PAIRS[1]),
    "geom_to_wkt(shortest_line(geom_from_wkt('LINESTRING (20 80, 98 190, 110 180, 50 75 )'), geom_from_wkt('POINT(100 100)')))",
    "geom_to_wkt(shortest_line(geom_from_wkt('POINT(100 100)'), geom_from_wkt('LINESTRING (20 80, 98 190, 110 180, 50 75 )')))",
    "geom_to_wkt(shortest_line(%s, %s))" % (_SQUARE, _PAIRS[5]),
    "geom_to_wkt(shortest_line(%s, %s))" % (_SQUARE, _PAIRS[1]),
    "geom_to_wkt(closest_point(geom_from_wkt('LINESTRING (20 80, 98 190, 110 180, 50 75 )'), geom_from_wkt('POINT(100 100)')))",
    "geom_to_wkt(closest_point(%s, geom_from_wkt('POINT(20 3)')))" % _SQUARE,
    "geom_to_wkt(closest_point($geometry, geom_from_wkt('POINT(5 2)')))",
    "geom_to_wkt(line_merge(geom_from_wkt('MULTILINESTRING((0 0, 1 1), (1 1, 2 2))')))",
    "geom_to_wkt(line_merge(geom_from_wkt('MULTILINESTRING((0 0, 1 1), (1 1, 2 2), (5 5, 6 6))')))",
    "geom_to_wkt(line_merge(geom_from_wkt('MULTILINESTRING((1 1, 2 2), (1 1, 0 0), (2 2, 3 2))')))",
    "geom_to_wkt(line_merge(geom_from_wkt('MULTILINESTRING((0 0, 1 1), (1 1, 2 2), (1 1, 1 5))')))",
    "geom_to_wkt(line_merge(geom_from_wkt('LINESTRING(0 0, 1 1, 2 2)')))",
    "line_merge($geometry)", "line_merge(make_point(1, 2))",
    "overlay_touches('cities')", "overlay_crosses('cities', \"name\")",
    "overlay_equals('cities', \"name\")",
    "overlay_touches('cities', \"name\", filter:=\"pop\" > 0)",
    # the nearest features of a point layer (QgsSpatialIndex's distances)
    "overlay_nearest('cities', \"name\")", "overlay_nearest('cities', \"name\", limit:=2)",
    "overlay_nearest('cities', \"name\", limit:=5)", "overlay_nearest('cities')",
    "overlay_nearest('cities', \"name\", filter:=\"pop\" < 50000, limit:=3)",
    "overlay_nearest('cities', \"name\", limit:=-1)", "overlay_nearest('cities', \"name\", limit:=0)",
    "overlay_nearest('cities', \"name\", limit:=10, max_distance:=20)",
    "overlay_nearest('cities', \"name\", limit:=10, max_distance:=1.5)",
    "overlay_nearest('nolayer')",
    # the smallest circle around a geometry (QGIS's recursion over the hull)
    "geom_to_wkt(minimal_circle(geom_from_wkt('MULTIPOINT((0 0), (4 0))'), 4))",
    "geom_to_wkt(minimal_circle(geom_from_wkt('MULTIPOINT((0 0), (4 0), (0 3))'), 4))",
    "geom_to_wkt(minimal_circle(geom_from_wkt('MULTIPOINT((0 0), (4 0), (2 3))'), 6))",
    "geom_to_wkt(minimal_circle(geom_from_wkt('MULTIPOINT((0 0), (4 0), (2 3), (1 1), (3 -1))'), 8))",
    "geom_to_wkt(minimal_circle(geom_from_wkt('LINESTRING(0 0, 4 2)'), 4))",
    "geom_to_wkt(minimal_circle(geom_from_wkt('LINESTRING(0 0, 4 2, 5 -3, 1 -4, -1 1)')))",
    "geom_to_wkt(minimal_circle(geom_from_wkt('POLYGON((0 0, 10 0, 10 5, 0 5, 0 0))'), 6))",
    "geom_to_wkt(minimal_circle(geom_from_wkt('POLYGON((0 0, 6 0, 3 5, 0 0))'), 5))",
    "geom_to_wkt(minimal_circle(geom_from_wkt('POLYGON((1 1, 9 2, 8 9, 2 7, 1 1))'), 12))",
    "geom_to_wkt(minimal_circle($geometry, 4))", "geom_to_wkt(minimal_circle(make_point(1, 2), 3))",
    "minimal_circle($geometry, 2)", "minimal_circle(NULL)",
    "round(area(minimal_circle(geom_from_wkt('POLYGON((0 0, 6 0, 3 5, 0 0))'), 100)), 6)",
]

EXPRESSIONS = [
    # QGIS 2 aliases
    "toint('42')", "toint(4.6)", "toreal('2.5')", "tostring(12)",
    "tostring(1.5)", "todate('2024-02-03')", "todatetime('2024-02-03 04:05:06')",
    "totime('04:05:06')", "todecimal('6° 21'' 16.445')",
    "to_decimal('6° 21'' 16.445')", "to_interval('1 day')",
    "to_interval('2 hours')", "tointerval('3 minutes')",
    "to_dm(6.3545681, 'x', 3)", "to_dms(6.3545681, 'x', 3)",
    "to_dms(-6.3545681, 'y', 2)", "to_dm(6.3545681, 'y', 2, 'suffix')",
    "todms(46.5, 'y', 0)", "todm(7.25, 'x', 1)",
    # $-functions
    "$scale", "$pi", "length($uuid)", "length(uuid())", "uuid('WithoutBraces') is not null",
    "length(uuid('WithoutBraces'))", "$now > make_date(2020, 1, 1)",
    # dates
    "make_date(2020, 5, 4)", "make_datetime(2020, 5, 4, 13, 45, 30.5)",
    "make_time(13, 45, 30)", "make_interval(days:=2)",
    "make_interval(1, 2, 3, 4, 5, 6, 7)", "make_interval(hours:=3, minutes:=15)",
    "make_date(2020, 13, 1)", "day(make_interval(days:=2))",
    # arrays
    "array_append(array(1, 2), 3)", "array_prepend(array(1, 2), 0)",
    "array_cat(array(1, 2), array(3), array('a'))", "array_count(array('a', 'b', 'a'), 'a')",
    "array_distinct(array(1, 2, 1, 3, 2))", "array_insert(array(1, 2, 3), 1, 100)",
    "array_insert(array(1, 2, 3), 5, 100)",
    "array_remove_all(array('a', 'b', 'a'), 'a')", "array_remove_at(array(1, 2, 3), 0)",
    "array_remove_at(array(1, 2, 3), -1)",
    "array_replace(array('a', 'b', 'c'), 'b', 'x')",
    "array_replace(array('a', 'b', 'c'), array('a', 'c'), array('1', '3'))",
    "array_replace(array('a', 'b', 'c'), array('a', 'c'), 'z')",
    "array_replace(array('a', 'b', 'c'), map('a', 1, 'b', 2))",
    "array_reverse(array(1, 2, 3))", "array_slice(array(1, 2, 3, 4, 5), 1, 3)",
    "array_slice(array(1, 2, 3, 4, 5), -3, -1)", "array_slice(array(1, 2, 3, 4, 5), 3, 1)",
    "array_sort(array(3, 1, 2))", "array_sort(array(3, 1, 2), false)",
    "array_sort(array('b', 'C', 'a'))", "array_sum(array(1, 2, 3.5))",
    "array_sum(array(1, 'a', 2))", "array_min(array(3, 1, 2))", "array_max(array(3, 1, 2))",
    "array_min(array('b', 'a'))", "array_mean(array(1, 2, 3, 4))",
    "array_mean(array(1, 'x', 3))", "array_median(array(1, 2, 3, 4))",
    "array_median(array(5, 1, 3))", "array_majority(array(1, 1, 2, 2, 2, 3))",
    "array_majority(array(1, 1, 2, 2), 'all')", "array_majority(array(1, 1, 2, 2), 'median')",
    "array_majority(array(1, 1, 2, 2, 3), 'real_majority')",
    "array_majority(array(1, 1, 1, 2), 'real_majority')",
    "array_minority(array(1, 1, 2, 2, 2, 3))", "array_minority(array(1, 2, 2, 3, 3), 'all')",
    "array_all(array(1, 2, 3), array(2, 3))", "array_all(array(1, 2, 3), array(2, 4))",
    "array_prioritize(array(1, 8, 2, 5), array(5, 4, 2, 1, 3, 8))",
    "generate_series(1, 5)", "generate_series(5, 1, -2)", "generate_series(0, 1, 0.25)",
    "array_length(array_append(array(), 'x'))", "array_sort(array(2, 'a', 1))",
    "array_min(array())", "array_sum(array())", "array_mean(array())",
    # maps
    "map_akeys(map('a', 1, 'b', 2))", "map_avals(map('a', 1, 'b', 2))",
    "map_concat(map('a', 1), map('b', 2, 'a', 3))", "map_delete(map('a', 1, 'b', 2), 'a')",
    "map_exist(map('a', 1), 'a')", "map_exist(map('a', 1), 'b')",
    "map_insert(map('a', 1), 'b', 2)", "json_to_map('{\"a\": 1, \"b\": [1, 2], \"c\": \"x\"}')",
    "map_to_json(map('a', 1, 'b', 'x'))", "from_json('[1, 2, {\"a\": null}]')",
    "from_json('3.5')", "from_json('\"x\"')", "to_json(array(1, 'a', 2.5))",
    "to_json(map('k', array(1, 2)))", "to_json('x')", "to_json(NULL)",
    "hstore_to_map('\"a\"=>\"1\",\"b\"=>\"x y\"')", "map_to_hstore(map('a', '1', 'b', 'x y'))",
    "hstore_to_map('a=>1, b=>NULL')", "json_to_map('not json')", "from_json('{')",
    # strings and hashes
    "md5('QGIS')", "sha256('QGIS')", "hash('QGIS', 'md5')", "hash('QGIS', 'sha1')",
    "hash('QGIS', 'sha256')", "hash('QGIS', 'sha512')", "hash('QGIS', 'md4')",
    "hash('QGIS', 'sha224')", "hash('QGIS', 'sha384')",
    "to_base64('QGIS')", "from_base64('UUdJUw==')", "to_base64('Zürich')",
    "levenshtein('kittens', 'mitten')", "levenshtein('Kitten', 'kitten')",
    "longest_common_substring('ABABC', 'BABCA')", "longest_common_substring('abc', 'xyz')",
    "hamming_distance('abc', 'abd')", "hamming_distance('abc', 'abcd')",
    "soundex('Robert')", "soundex('Rupert')", "soundex('Tymczak')", "soundex('Pfister')",
    "soundex('Ashcraft')", "soundex('')", "is_empty_or_null('')",
    "is_empty_or_null(NULL)", "is_empty_or_null('a')", "is_empty_or_null(0)",
    "is_empty_or_null(array())", "rand(3, 3)", "randf(2, 2)", "rand(1, 10) >= 1",
    "randf() < 1", "base_file_name('/a/b/c.tar.gz')", "file_name('/a/b/c.tar.gz')",
    "file_suffix('/a/b/c.tar.gz')", "base_file_name('c')", "file_suffix('c')",
    "with_variable('x', 5, @x * 2)", "with_variable('x', 'a', @x || @x)",
    "eval('1 + 2')", "eval('\"pop\" * 2')", "eval('')", "env('FNS16_UNSET_VAR')",
    "regexp_matches('a1b22', '([a-z])(\\\\d+)')",
    # colours
    "color_hsv(120, 50, 50)", "color_hsva(120, 50, 50, 128)", "color_hsla(200, 60, 40, 100)",
    "color_cmyk(10, 20, 30, 40)", "color_cmyka(10, 20, 30, 40, 200)",
    "color_part('200,10,30,40', 'red')", "color_part('200,10,30', 'alpha')",
    "color_part('200,10,30', 'hue')", "color_part('200,10,30', 'saturation')",
    "color_part('200,10,30', 'value')", "color_part('200,10,30', 'hsl_hue')",
    "color_part('200,10,30', 'hsl_saturation')", "color_part('200,10,30', 'lightness')",
    "color_part('200,10,30', 'cyan')", "color_part('200,10,30', 'magenta')",
    "color_part('200,10,30', 'yellow')", "color_part('200,10,30', 'black')",
    "color_part('#ff8000', 'green')", "color_part('red', 'red')",
    "set_color_part('200,10,30', 'green', 99)", "set_color_part('200,10,30', 'alpha', 50)",
    "set_color_part('200,10,30', 'hue', 100)", "set_color_part('200,10,30', 'lightness', 80)",
    "set_color_part('200,10,30', 'black', 10)",
    "darker('200,10,30', 200)", "lighter('200,10,30', 150)", "darker('#336699', 150)",
    "lighter('#336699', 300)",
    "color_grayscale_average('255,100,50')", "color_mix_rgb('0,0,0', '255,255,255', 0.5)",
    "color_mix_rgb('255,0,0,255', '0,0,255,0', 0.25)",
    "ramp_color(create_ramp(map(0, '0,0,0', 1, '255,255,255')), 0.5)",
    "ramp_color(create_ramp(map(0, '0,0,0', 0.5, '255,0,0', 1, '255,255,255')), 0.25)",
    "ramp_color(create_ramp(map(0, '0,0,0', 1, '255,255,255'), true), 0.7)",
    "ramp_color('Spectral', 0.3)", "ramp_color('Blues', 0)", "ramp_color('Reds', 1)",
    "ramp_color('Greens', 0.5)", "ramp_color('Viridis', 0.5)", "ramp_color('NoSuchRamp', 0.5)",
    "color_rgb(255, 127, 0)", "color_rgba(255, 127, 0, 10)", "color_hsl(100, 50, 50)",
    # geometry accessors
    "x_at(0)", "y_at(2)", "x_at(-1)", "$x_at(1)", "xat(1)", "yat(-2)",
    "geom_to_wkt(start_point($geometry))", "geom_to_wkt(end_point(geom_from_wkt('LINESTRING(1 2, 3 4, 5 6)')))",
    "geom_to_wkt(point_n(geom_from_wkt('LINESTRING(1 2, 3 4, 5 6)'), 2))",
    "geom_to_wkt(point_n(geom_from_wkt('LINESTRING(1 2, 3 4, 5 6)'), -1))",
    "bounds_width($geometry)", "bounds_height($geometry)",
    "xmin($geometry)", "xmax($geometry)", "ymin($geometry)", "ymax($geometry)",
    "is_closed(geom_from_wkt('LINESTRING(0 0, 1 1, 0 0)'))",
    "is_closed(geom_from_wkt('LINESTRING(0 0, 1 1)'))", "is_closed($geometry)",
    "is_multipart($geometry)", "is_multipart(geom_from_wkt('MULTIPOINT((1 2), (3 4))'))",
    "num_geometries(geom_from_wkt('MULTIPOINT((1 2), (3 4))'))", "num_geometries($geometry)",
    "geom_to_wkt(geometry_n(geom_from_wkt('MULTIPOINT((1 2), (3 4))'), 2))",
    "geom_to_wkt(exterior_ring($geometry))",
    "num_rings(geom_from_wkt('POLYGON((0 0, 9 0, 9 9, 0 9, 0 0), (1 1, 2 1, 2 2, 1 1))'))",
    "num_interior_rings(geom_from_wkt('POLYGON((0 0, 9 0, 9 9, 0 9, 0 0), (1 1, 2 1, 2 2, 1 1))'))",
    "geom_to_wkt(interior_ring_n(geom_from_wkt('POLYGON((0 0, 9 0, 9 9, 0 9, 0 0), (1 1, 2 1, 2 2, 1 1))'), 1))",
    "degrees(azimuth(make_point(0, 0), make_point(1, 1)))",
    "degrees(azimuth(make_point(0, 0), make_point(-1, 0)))",
    "geom_to_wkt(project(make_point(1, 2), 3, radians(90)))",
    "geom_to_wkt(make_line(make_point(1, 2), make_point(3, 4)))",
    "geom_to_wkt(make_polygon(geom_from_wkt('LINESTRING(0 0, 0 1, 1 1, 1 0, 0 0)')))",
    "geom_to_wkt(make_square(make_point(0, 0), make_point(2, 2)))",
    "geom_to_wkt(translate(make_point(1, 2), 10, 20))", "geom_to_wkt(translate($geometry, 1, 1))",
    "geom_to_wkt(flip_coordinates(make_point(1, 2)))",
    "geom_to_wkt(rotate(make_point(1, 0), 90, make_point(0, 0)))",
    "geom_to_wkt(line_interpolate_point(geom_from_wkt('LINESTRING(0 0, 10 0)'), 2.5))",
    "line_locate_point(geom_from_wkt('LINESTRING(0 0, 10 0)'), make_point(4, 3))",
    "geom_to_wkt(geomfromwkt('POINT(1 2)'))", "geomtowkt(make_point(1, 2))",
    "is_empty(geom_from_wkt('POINT EMPTY'))", "is_empty($geometry)",
    "geom_to_wkt(point_on_surface(make_point(3, 4)))",
        "distance(make_point(0, 0), make_point(3, 4))", "sinuosity(geom_from_wkt('LINESTRING(0 0, 3 4, 6 0)'))",
    "straight_distance_2d(geom_from_wkt('LINESTRING(0 0, 3 4, 6 0)'))",
    "geom_to_wkt(close_line(geom_from_wkt('LINESTRING(0 0, 1 0, 1 1)')))",
    "geom_to_wkt(boundary($geometry))", "geom_to_wkt(reverse(geom_from_wkt('LINESTRING(0 0, 1 0, 1 1)')))",
    "geom_to_wkt(collect_geometries(make_point(1, 2), make_point(3, 4)))",
    "angle_at_vertex(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10)'), 1)",
    "distance_to_vertex(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10)'), 2)",
    "geom_to_wkt(nodes_to_points(geom_from_wkt('LINESTRING(0 0, 1 0, 1 1)')))",
    "geom_to_wkt(make_triangle(make_point(0, 0), make_point(1, 0), make_point(0, 1)))",
    "inclination(make_point(0, 0, 0), make_point(1, 0, 1))",
    "z(make_point(1, 2, 3))", "geom_to_wkt(line_substring(geom_from_wkt('LINESTRING(0 0, 10 0)'), 2, 5))",
    "line_interpolate_angle(geom_from_wkt('LINESTRING(0 0, 10 10)'), 2)",
    "main_angle(geom_from_wkt('POLYGON((0 0, 4 0, 4 1, 0 1, 0 0))'))",
    "geom_to_wkt(make_point_m(1, 2, 3))", "m(make_point_m(1, 2, 3))",
    "geom_to_wkt(extend(geom_from_wkt('LINESTRING(0 0, 10 0)'), 1, 2))",
    # the feature itself
    "attributes()", "attributes()['name']", "map_akeys(attributes())",
    "attribute($currentfeature, 'pop')", "geom_to_wkt(geometry($currentfeature))",
    "eval_template('[% \"name\" %] has [% \"pop\" / 1000 %]k')",
    "eval_template('plain text')", "eval_template('[% NULL %]x')",
    "bbox(make_point(1, 1), $geometry)", "bbox(make_point(11, 1), $geometry)",
    # more geometry
    "to_base64(geom_to_wkb(make_point(1, 2)))",
    "to_base64(geom_to_wkb(geom_from_wkt('MULTILINESTRING((0 0, 1 1), (2 2, 3 3))')))",
    "geom_to_wkt(geom_from_wkb(geom_to_wkb($geometry)))",
    "geom_to_wkt(force_rhr(geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (1 1, 1 2, 2 2, 1 1))')))",
    "geom_to_wkt(force_rhr($geometry))",
    "geom_to_wkt(segments_to_lines(geom_from_wkt('LINESTRING(0 0, 1 0, 1 1)')))",
    "geom_to_wkt(segments_to_lines($geometry))",
    "geom_to_wkt(make_circle(make_point(0, 0), 1, 4))",
    "geom_to_wkt(make_circle(make_point(10, 5), 2, 6))",
    "geom_to_wkt(make_ellipse(make_point(0, 0), 2, 1, 0, 4))",
    "geom_to_wkt(make_ellipse(make_point(0, 0), 2, 1, 30, 6))",
    "geom_to_wkt(make_regular_polygon(make_point(0, 0), make_point(0, 2), 4))",
    "geom_to_wkt(make_regular_polygon(make_point(0, 0), make_point(0, 2), 3, 1))",
    "geom_to_wkt(make_regular_polygon(make_point(1, 1), make_point(4, 5), 5))",
    "geom_to_wkt(make_rectangle_3points(make_point(0, 0), make_point(0, 5), make_point(5, 5), 0))",
    "geom_to_wkt(make_rectangle_3points(make_point(0, 0), make_point(0, 5), make_point(5, 3), 1))",
    "geom_to_wkt(make_rectangle_3points(make_point(0, 0), make_point(3, 4), make_point(10, 0)))",
    "geom_to_wkt(affine_transform(make_point(1, 1), 10, 20, 90, 2, 3))",
    "geom_to_wkt(affine_transform($geometry, 1, 2, 0, 1, 1))",
    "geom_to_wkt(order_parts(geom_from_wkt('MULTIPOINT((3 3), (1 1), (2 2))'), 'x', true))",
    "z(make_point(1, 2))", "m(make_point(1, 2))",
    # interior points and hulls (GEOS's algorithms)
    "geom_to_wkt(point_on_surface($geometry))",
    "geom_to_wkt(point_on_surface(geom_from_wkt('POLYGON((0 0, 10 0, 10 2, 2 2, 2 10, 0 10, 0 0))')))",
    "geom_to_wkt(point_on_surface(geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 8 2, 8 8, 2 8, 2 2))')))",
    "geom_to_wkt(point_on_surface(geom_from_wkt('MULTIPOLYGON(((0 0, 1 0, 1 1, 0 1, 0 0)), ((5 0, 9 0, 9 3, 5 3, 5 0)))')))",
    "geom_to_wkt(point_on_surface(geom_from_wkt('POLYGON((0 0, 4 1, 3 5, 1 3, -1 4, 0 0))')))",
    "geom_to_wkt(point_on_surface(geom_from_wkt('LINESTRING(0 0, 1 5, 2 0, 3 5, 10 0)')))",
    "geom_to_wkt(point_on_surface(geom_from_wkt('LINESTRING(0 0, 10 0)')))",
    "geom_to_wkt(point_on_surface(geom_from_wkt('MULTIPOINT((0 0), (5 5), (9 1))')))",
    "geom_to_wkt(convex_hull(geom_from_wkt('MULTIPOINT((0 0), (2 0), (2 2), (0 2), (1 1))')))",
    "geom_to_wkt(convex_hull(geom_from_wkt('LINESTRING(0 0, 4 1, 3 5, 1 3, -1 4)')))",
    "geom_to_wkt(convex_hull($geometry))",
    "geom_to_wkt(convexhull(geom_from_wkt('POLYGON((0 0, 10 0, 10 2, 2 2, 2 10, 0 10, 0 0))')))",
    # QGIS's oriented minimum bounding box
    "main_angle($geometry)",
    "main_angle(geom_from_wkt('POLYGON((0 0, 4 3, 1 7, -3 4, 0 0))'))",
    "main_angle(geom_from_wkt('POLYGON((0 0, 3 -4, 11 2, 8 6, 0 0))'))",
    "main_angle(geom_from_wkt('POLYGON((0 0, 10 0, 10 2, 2 2, 2 10, 0 10, 0 0))'))",
    "main_angle(geom_from_wkt('LINESTRING(0 0, 5 5, 10 9)'))",
    "geom_to_wkt(oriented_bbox($geometry))",
    "geom_to_wkt(oriented_bbox(geom_from_wkt('POLYGON((0 0, 4 3, 1 7, -3 4, 0 0))')))",
    "geom_to_wkt(oriented_bbox(geom_from_wkt('POLYGON((0 0, 3 -4, 11 2, 8 6, 0 0))')))",
    "geom_to_wkt(oriented_bbox(geom_from_wkt('POLYGON((0 0, 10 0, 10 2, 2 2, 2 10, 0 10, 0 0))')))",
    # parts ordered by an expression evaluated on each
    "geom_to_wkt(order_parts(geom_from_wkt('MULTIPOLYGON(((0 0, 3 0, 3 3, 0 3, 0 0)), ((5 5, 6 5, 6 6, 5 6, 5 5)), ((8 8, 10 8, 10 10, 8 10, 8 8)))'), 'area($geometry)', true))",
    "geom_to_wkt(order_parts(geom_from_wkt('MULTIPOLYGON(((0 0, 3 0, 3 3, 0 3, 0 0)), ((5 5, 6 5, 6 6, 5 6, 5 5)), ((8 8, 10 8, 10 10, 8 10, 8 8)))'), 'area($geometry)', false))",
    "geom_to_wkt(order_parts(geom_from_wkt('MULTIPOINT((3 1), (1 2), (2 3))'), '$x', true))",
    "geom_to_wkt(order_parts(geom_from_wkt('MULTIPOINT((3 1), (1 2), (2 3))'), 'y($geometry)', false))",
    "geom_to_wkt(order_parts(make_point(1, 2), '$x', true))",
    "geom_to_wkt(order_parts(geom_from_wkt('MULTILINESTRING((0 0, 9 0), (0 1, 1 1), (0 2, 4 2))'), 'length($geometry) + \"pop\" * 0', true))",
    # QGIS's own smoothing and extrusion
    "geom_to_wkt(smooth(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10, 20 10)')))",
    "geom_to_wkt(smooth(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10, 20 10)'), 2, 0.2))",
    "geom_to_wkt(smooth(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10, 11 10, 20 10)'), 1, 0.25, 5))",
    "geom_to_wkt(smooth(geom_from_wkt('LINESTRING(0 0, 10 0, 10 10, 20 10)'), 1, 0.25, -1, 45))",
    "geom_to_wkt(smooth($geometry, 1))",
    "geom_to_wkt(smooth(geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))'), 1, 0.25, -1, 60))",
    "geom_to_wkt(smooth(geom_from_wkt('MULTILINESTRING((0 0, 4 0, 4 4), (9 9, 9 5, 5 5))')))",
    "geom_to_wkt(smooth(make_point(1, 2), 3))",
    "geom_to_wkt(extrude(geom_from_wkt('LINESTRING(1 2, 3 2, 4 3)'), 1, 2))",
    "geom_to_wkt(extrude(geom_from_wkt('MULTILINESTRING((1 2, 3 2), (4 3, 8 3))'), 1, 2))",
    # NULL and edge arguments
    "array_append(NULL, 1)", "array_append(array(1), NULL)", "array_cat(array(1), NULL)",
    "array_replace(array(1, 2), 1, NULL)", "array_count(array(1, NULL), NULL)",
    "array_sort(array(3, NULL, 1))", "array_distinct(array(1, NULL, NULL))",
    "array_min(array(NULL, 2, 1))", "array_sum(array(NULL, 2))",
    "map_insert(map('a', 1), 'b', NULL)", "map_concat(map('a', 1), NULL)",
    "to_json(map('a', NULL))", "map_akeys(NULL)", "make_interval(1, NULL)",
    "rand(NULL, 3)", "randf(NULL)", "uuid(NULL) is not null", "with_variable('x', NULL, @x)",
    "eval(NULL)", "levenshtein(NULL, 'a')", "md5(NULL)", "soundex(NULL)",
    "geom_to_wkt(make_line(make_point(0, 0), NULL, make_point(1, 1)))",
    "geom_to_wkt(rotate(make_point(1, 0), 90, NULL))", "geom_to_wkt(rotate(make_point(1, 0), 90))",
    "color_part(NULL, 'red')", "darker('not a color', 200)", "set_color_part('1,2,3', 'bogus', 4)",
    "make_date(2020, 2, 30)", "make_time(25, 0, 0)", "to_dms(181, 'x', 2)", "to_dms(-0.0000001, 'x', 2)",
    "to_dm(45.99999999, 'y', 3, 'aligned')", "to_dms(5.5, 'y', 2, 'aligned')",
    "array_slice(array(1, 2, 3), 5, 9)", "array_insert(array(1, 2), -1, 9)",
    "generate_series(1, 3, 0)", "generate_series(3, 1)", "hash('x', 'bogus')",
    "from_base64('not base64!')", "longest_common_substring('', 'a')", "file_name('')",
    "point_n($geometry, 0)", "x_at(99)", "geometry_n($geometry, 1)",
    "exterior_ring(make_point(1, 1))", "num_rings(make_point(1, 1))",
    "line_interpolate_point(geom_from_wkt('LINESTRING(0 0, 10 0)'), 20)",
    "line_substring(geom_from_wkt('LINESTRING(0 0, 10 0)'), 5, 2)",
    "azimuth(make_point(0, 0), make_point(0, 0))", "sinuosity(geom_from_wkt('LINESTRING(0 0, 1 1, 0 0)'))",
    # mixed types and texts
    "array_sort(array('10', '9', '100'))", "array_sort(array(10, '9', 8.5))",
    "array_max(array('10', '9'))", "array_min(array(2, '10'))",
    "array_distinct(array(1, '1', 1.0))", "array_count(array(1, '1', 2), 1)",
    "array_median(array('1', '3', 'x'))", "array_sum(array('1.5', 2))",
    "array_contains(array_distinct(array('a', 'A')), 'A')",
    "array_majority(array('a', 'b', 'a'), 'any')", "array_minority(array(1, 1, 2, 3), 'real_minority')",
    "array_all(array(), array())", "array_prioritize(array('b', 'z', 'a'), array('a', 'b'))",
    "array_reverse(array())", "array_slice(array(1, 2, 3), -1, -3)", "array_slice(array(1, 2, 3), 0, -1)",
    "generate_series(-1, -2.5, -0.5)", "generate_series(1.5, 3)",
    "map_avals(map('b', 2, 'a', 1, 'c', 3))", "map_akeys(map('10', 1, '9', 2, 'a', 3))",
    "to_json(map('b', 1.5, 'a', true))", "to_json(array('x\"y', 'é'))",
    "from_json('{\"b\": 1, \"a\": [true, false, null]}')",
    "map_to_hstore(map('k', 'a\"b'))",
    "md5('Zürich')", "to_base64('')", "levenshtein('', 'abc')", "hamming_distance('', '')",
    "soundex('Lloyd')", "soundex('Gutierrez')", "soundex('Jackson')", "soundex('a1b2')",
    "to_dms(0, 'x', 2)", "to_dms(-179.9999999, 'x', 2, 'suffix')", "to_dm(90, 'y', 0, 'suffix')",
    "to_decimal('46°30''0\"N')", "to_decimal('6.5 W')", "to_decimal('-7°30''0')",
    "to_interval('1.5 hours')", "to_interval('2 weeks 1 day')", "to_interval('x')",
    "make_datetime(2021, 12, 31, 23, 59, 59.999)", "make_time(0, 0, 0.5)",
    "color_hsv(360, 100, 100)", "color_hsl(0, 0, 50)", "color_cmyk(0, 0, 0, 100)",
    "color_part('#80ff0000', 'alpha')", "color_part('transparent', 'alpha')", "color_part('DarkOrange', 'green')",
    "set_color_part('10,20,30', 'saturation', 50)", "set_color_part('10,20,30', 'value', 50)",
    "set_color_part('10,20,30', 'hsl_hue', 200)", "set_color_part('10,20,30', 'hsl_saturation', 50)",
    "set_color_part('10,20,30', 'cyan', 50)", "set_color_part('10,20,30', 'red', 300)",
    "darker('10,20,30', 50)", "lighter('255,255,255', 150)", "lighter('0,0,0', 200)", "darker('128,128,128', 0)",
    "color_mix_rgb('10,20,30', '200,100,50', 1.5)", "color_grayscale_average('#ff0000')",
    "ramp_color(create_ramp(map(0, 'red', 0.3, 'green', 1, 'blue')), 0.3)",
    "ramp_color(create_ramp(map(0, 'red', 0.3, 'green', 1, 'blue'), true), 0.5)",
    "ramp_color(create_ramp(map(0, '0,0,0,0', 1, '255,255,255,255')), 0.33)",
    "ramp_color(create_ramp(map(0, 'red', 1, 'blue')), -1)",
    # QGIS's pole of inaccessibility (polylabel)
    "geom_to_wkt(pole_of_inaccessibility($geometry, 0.1))",
    "geom_to_wkt(pole_of_inaccessibility(geom_from_wkt('POLYGON((0 0, 10 0, 10 2, 2 2, 2 10, 0 10, 0 0))'), 0.01))",
    "geom_to_wkt(pole_of_inaccessibility(geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 8 2, 8 8, 2 8, 2 2))'), 0.5))",
    "geom_to_wkt(pole_of_inaccessibility(geom_from_wkt('MULTIPOLYGON(((0 0, 1 0, 1 1, 0 1, 0 0)), ((5 0, 9 0, 9 3, 5 3, 5 0)))'), 0.1))",
    "geom_to_wkt(pole_of_inaccessibility(geom_from_wkt('POLYGON((0 0, 4 1, 3 5, 1 3, -1 4, 0 0))'), 0.001))",
    "geom_to_wkt(pole_of_inaccessibility(geom_from_wkt('POLYGON((0 0, 100 0, 100 1, 0 1, 0 0))'), 1))",
    "geom_to_wkt(pole_of_inaccessibility(geom_from_wkt('POLYGON((0 0, 10 0, 5 8, 0 0))'), 0.05))",
    # named arguments (name:=value) and optional parameters QGIS fills with defaults
    "format_number(3.14159, places:=2)", "format_number(number:=1234.5)",
    "format_number(3.14159, 2, NULL)", "to_dms(6.3545681, 'x', 3, NULL)",
    "to_dms(value:=6.3545681, axis:='y', precision:=1, formatting:='suffix')",
    "left(length:=2, string:='abcd')", "Upper(String:='x')", "left('abc', LENGTH:=1)",
    "substr('abcdef', start:=2)", "substr('abcdef', 2, NULL)", "substr('abcdef', NULL, 2)",
    "substr(string:='abcdef', start:=-3, length:=2)",
    "array_to_string(array(1, 2), delimiter:='-')", "array_to_string(array:=array(1, NULL), emptyvalue:='?')",
    "geom_to_wkt(rotate(geometry:=make_point(1, 0), rotation:=90))",
    "geom_to_wkt(rotate(make_point(1, 0), 90, center:=make_point(0, 0)))",
    "geom_to_wkt(make_circle(make_point(0, 0), radius:=1, segments:=4))",
    "geom_to_wkt(make_circle(center:=make_point(0, 0), radius:=1))",
    "with_variable(name:='x', value:=3, expression:=@x * 2)",
    "coalesce(NULL, 1)", "regexp_replace(string:='a1b2', pattern:='\\\\d', replacement:='#')",
    "round(value:=3.14159, places:=2)", "round(3.7)", "round(3.14159, NULL)",
    "wordwrap(text:='a short text to wrap', wrap_length:=7)",
    "to_dms(6.3545681, 'x', precision:=2)",
    "make_interval(1, years:=2)", "make_interval(dayz:=2)", "upper(foo:='a')",
    "coalesce(a:=1)", "make_interval(days:=2, days:=3)", "make_interval(1, days:=2, 3)",
    "left(string:='abcd')", "concat(a:=1)",
    "array_to_string(array(1, 2), delimiter:=NULL)",
    "regexp_replace(input_string:='a1b2', regex:='\\\\d', replacement:='#')",
    "wordwrap(text:='a short text to wrap', length:=7)", "wordwrap('a b c d', 3, delimiter:=NULL)",
    # other layers of the project (CITIES below; ours: the job's layers)
    "attribute(get_feature('cities', 'name', 'Basel'), 'pop')",
    "attribute(get_feature('cities', 'pop', '134000'), 'name')",
    "attribute(get_feature('cities', 'pop', 134000.0), 'name')",
    "attribute(get_feature('cities', 'kind', 'town'), 'name')",
    "attribute(get_feature('cities', 'NAME', 'Bern'), 'pop')",
    "attribute(get_feature(layer:='cities', attribute:='name', value:=\"name\"), 'kind')",
    "geom_to_wkt(geometry(get_feature('cities', 'name', 'Thun')))",
    "get_feature('cities', 'name', 'Paris') is null", "get_feature('cities', 'nosuch', 1) is null",
    "get_feature('nolayer', 'name', 'Bern') is null", "get_feature('cities', 'name', NULL) is null",
    "attribute(get_feature('cities', 'code', '0'), 'name')",
    "attribute(get_feature('cities', 'code', ''), 'name')",
    "intersects($geometry, geometry(get_feature('cities', 'name', 'Bern')))",
    "intersects($geometry, geometry(get_feature('cities', 'name', 'Basel')))",
    "attribute(get_feature_by_id('cities', 2), 'name')", "get_feature_by_id('cities', 99) is null",
    "attribute(get_feature_by_id('cities', '3'), 'name')", "get_feature_by_id('nolayer', 1) is null",
    "aggregate('cities', 'sum', \"pop\")", "aggregate('cities', 'count', \"pop\")",
    "aggregate('cities', 'count', \"code\")", "aggregate('cities', 'count_missing', \"code\")",
    "aggregate('cities', 'count_distinct', \"kind\")", "aggregate('cities', 'min', \"pop\")",
    "aggregate('cities', 'max', \"pop\")", "aggregate('cities', 'mean', \"pop\")",
    "aggregate('cities', 'median', \"pop\")", "aggregate('cities', 'range', \"pop\")",
    "aggregate('cities', 'stdev', \"pop\")", "aggregate('cities', 'stdevsample', \"pop\")",
    "aggregate('cities', 'q1', \"pop\")", "aggregate('cities', 'q3', \"pop\")",
    "aggregate('cities', 'iqr', \"pop\")", "aggregate('cities', 'minority', \"kind\")",
    "aggregate('cities', 'majority', \"kind\")", "aggregate('cities', 'min', \"name\")",
    "aggregate('cities', 'max', \"name\")", "aggregate('cities', 'min_length', \"name\")",
    "aggregate('cities', 'max_length', \"name\")",
    "aggregate('cities', 'concatenate', \"name\", concatenator:=', ')",
    "aggregate('cities', 'concatenate', \"name\")",
    "aggregate('cities', 'concatenate_unique', \"kind\", concatenator:='/')",
    "aggregate('cities', 'array_agg', \"name\")", "aggregate('cities', 'array_agg', \"code\")",
    "aggregate('cities', 'sum', \"pop\" / 1000)", "aggregate('cities', 'sum', \"pop\", \"kind\" = 'city')",
    "aggregate(layer:='cities', aggregate:='max', expression:=\"pop\", filter:=\"name\" <> attribute(@parent, 'name'))",
    "aggregate('cities', 'concatenate', \"name\", concatenator:=',', order_by:=\"pop\")",
    "aggregate('cities', 'array_agg', \"name\", order_by:=\"name\")",
    "aggregate('cities', 'array_agg', \"pop\", \"pop\" > 1000000)",
    "aggregate('cities', 'sum', \"pop\", \"pop\" > 1000000)", "aggregate('cities', 'count', \"pop\", \"pop\" > 1000000)",
    "aggregate('cities', 'mean', \"name\")", "aggregate('cities', 'bogus', \"pop\")",
    "aggregate('nolayer', 'sum', \"pop\")",
    "geom_to_wkt(aggregate('cities', 'collect', $geometry, \"kind\" = 'town'))",
    "aggregate('cities', 'mean', \"pop\", \"pop\" > 1000000)", "aggregate('cities', 'min', \"pop\", \"pop\" > 1000000)",
    "aggregate('cities', 'median', \"pop\", \"pop\" > 1000000)", "aggregate('cities', 'majority', \"pop\", \"pop\" > 1000000)",
    "aggregate('cities', 'concatenate', \"name\", \"pop\" > 1000000)", "aggregate('cities', 'max', \"name\", \"pop\" > 1000000)",
    "aggregate('cities', 'concatenate', \"code\", concatenator:='-')", "aggregate('cities', 'count_distinct', \"code\")",
    "aggregate('cities', 'q1', \"pop\", \"pop\" > 20000)", "aggregate('cities', 'q3', \"pop\", \"pop\" > 20000)",
    "aggregate('cities', 'median', \"pop\", \"pop\" > 20000)", "aggregate('cities', 'majority', \"code\")",
    "aggregate('cities', 'minority', \"pop\")", "aggregate('cities', 'majority', \"name\")",
    "aggregate('cities', 'max', \"code\")", "aggregate('cities', 'sum', \"code\")", "aggregate('cities', 'mean', \"code\")",
    "aggregate('cities', 'count', \"name\")", "aggregate('cities', 'array_agg', \"name\", order_by:=\"code\")",
    "aggregate('cities', 'SUM', \"pop\")", "aggregate('cities', 'sum', \"name\")",
    "aggregate('cities', 'sum', \"pop\", NULL)", "aggregate('cities', 'sum', to_string(\"pop\"))",
    # GEOS's topology-preserving simplifier
    "geom_to_wkt(simplify(geom_from_wkt('LINESTRING(0 0, 1 0.1, 2 0, 3 5, 4 0)'), 0.5))",
    "geom_to_wkt(simplify(geom_from_wkt('POLYGON((0 0, 5 0.1, 10 0, 10 10, 0 10, 0 0))'), 0.5))",
    "geom_to_wkt(simplify(geom_from_wkt('POLYGON((0 0, 5 0.1, 10 0, 10 10, 5 10.1, 0 10, 0 0))'), 20))",
    "geom_to_wkt(simplify(geom_from_wkt('MULTILINESTRING((0 0, 5 1, 10 0), (5 -0.5, 5 0.5))'), 2))",
    "geom_to_wkt(simplify(geom_from_wkt('MULTILINESTRING((0 0, 5 1, 10 0), (5 2, 5 3))'), 2))",
    "geom_to_wkt(simplify(geom_from_wkt('LINESTRING(0 0, 10 0, 10 1, 5 1, 5 -1, 4 -1)'), 3))",
    "geom_to_wkt(simplify(geom_from_wkt('LINESTRING(0 0, 1 0, 2 0, 3 0)'), 0))",
    "geom_to_wkt(simplify(geom_from_wkt('LINESTRING(0 0, 1 1, 2 0)'), 100))",
    "geom_to_wkt(simplify(geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 3 2.2, 4 2, 4 4, 2 4, 2 2))'), 0.5))",
    "geom_to_wkt(simplify(geom_from_wkt('POLYGON((0 0, 4 0.2, 8 0, 8.2 4, 8 8, 4 7.8, 0 8, 0.2 4, 0 0), (3.9 0.5, 4.1 0.5, 4 1.5, 3.9 0.5))'), 1))",
    "geom_to_wkt(simplify(geom_from_wkt('MULTIPOLYGON(((0 0, 1 0.05, 2 0, 2 2, 0 2, 0 0)), ((3 0, 5 0, 5 2, 4 2.05, 3 2, 3 0)))'), 0.1))",
    "geom_to_wkt(simplify(geom_from_wkt('LINESTRING(0 0, 3 4, 6 0, 9 4, 12 0, 15 4)'), 4.5))",
    "geom_to_wkt(simplify(geom_from_wkt('LINESTRING(0 0, 5 5, 10 0, 10 10, 0 10, 0 1)'), 6))",
    "geom_to_wkt(simplify($geometry, 1))", "geom_to_wkt(simplify(make_point(1, 2), 10))",
    "simplify(geom_from_wkt('LINESTRING(0 0, 1 1, 2 0)'), -1)", "simplify(NULL, 1)",
    # GEOS's buffer of points (lines and polygons are NULL in our engine)
    "geom_to_wkt(buffer(make_point(3, 4), 2))", "geom_to_wkt(buffer(make_point(1, 2), 1, 1))",
    "geom_to_wkt(buffer(make_point(1, 2), 1, 3))", "geom_to_wkt(buffer(make_point(1, 2), 1, 0))",
    "geom_to_wkt(buffer(make_point(1, 2), 1, -3, 'round', 'miter'))",
    "geom_to_wkt(buffer(make_point(1, 2), 1, 2, 'square'))", "geom_to_wkt(buffer(make_point(1, 2), 1, 2, 'bogus'))",
    "geom_to_wkt(buffer(make_point(1, 2), 1, 2, 'flat'))", "geom_to_wkt(buffer(make_point(1, 2), 0))",
    "geom_to_wkt(buffer(make_point(1e6, 2e6), 12.5))",
    "geom_to_wkt(buffer(geom_from_wkt('MULTIPOINT((0 0), (10 0), (5 20), (20 5))'), 1, 1))",
    "geom_to_wkt(buffer(geom_from_wkt('MULTIPOINT((0 0), (0 10))'), 1, 2))",
    "geom_to_wkt(buffer(geom_from_wkt('MULTIPOINT((0 0), (0 10), (3 3))'), 1, 1, 'square'))",
    "geom_to_wkt(buffer(geometry:=make_point(5, 5), distance:=3, segments:=2))",
    "buffer(make_point(1, 2), NULL)", "buffer(make_point(1, 2), 1, NULL)",
    "area(buffer(make_point(0, 0), 10)) > 300",
    # spatial relations to the features of another layer
    "overlay_intersects('cities')", "overlay_intersects('cities', \"name\")",
    "overlay_intersects('cities', \"name\", \"pop\" > 50000)",
    "overlay_intersects('cities', \"name\", limit:=1)", "overlay_intersects(layer:='cities', filter:=\"pop\" > 1000000)",
    "overlay_within('cities')", "overlay_contains('cities', \"name\")",
    "overlay_disjoint('cities')", "overlay_disjoint('cities', \"name\")",
    "is_selected()", "num_selected()", "num_selected('cities')", "num_selected('nolayer')",
    "var('map_scale')", "var('nosuch')", "var('map_' || 'scale') * 2", "var(NULL)",
    "with_variable('v', 3, var('v') + 1)",
    "overlay_intersects('nolayer')", "overlay_contains('cities', geom_to_wkt($geometry))",
    "aggregate('cities', 'sum', \"pop\", filter:=intersects($geometry, geom_from_wkt('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))')))",
] + GEOS_EXPRESSIONS

# A layer of the project, for get_feature, get_feature_by_id and aggregate.
CITIES = [
    # fid, name, pop, kind, code, WKT
    (1, "Bern", 134000, "city", 0, "POINT(5 2)"),
    (2, "Basel", 173000, "city", None, "POINT(20 30)"),
    (3, "Thun", 43000, "town", 7, "POINT(3 4)"),
    (4, "Spiez", 13000, "town", None, "POINT(40 1)"),
    (5, "Biel", 55000, "town", 3, "POINT(8 1)"),
]


def encode(v):
    if isinstance(v, QVariant) and v.isNull():
        return None
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return {"number": str(v)}
    if isinstance(v, (int, float)):
        return v
    if isinstance(v, str):
        return v
    if isinstance(v, list):
        return [encode(x) for x in v]
    if isinstance(v, dict):
        return {str(k): encode(x) for k, x in v.items()}
    if isinstance(v, QByteArray):
        return {"bytes": bytes(v).decode("utf-8", "replace")}
    if isinstance(v, QColor):
        return {"color": QgsSymbolLayerUtils.encodeColor(v)}
    if isinstance(v, QgsGeometry):
        return {"wkt": v.asWkt(8)}
    if isinstance(v, QDateTime):
        return {"datetime": v.toString("yyyy-MM-ddTHH:mm:ss.zzz")}
    if isinstance(v, QDate):
        return {"date": v.toString("yyyy-MM-dd")}
    if isinstance(v, QTime):
        return {"time": v.toString("HH:mm:ss.zzz")}
    if isinstance(v, QgsInterval):
        return {"interval": v.seconds()}
    return {"other": type(v).__name__, "text": str(v)}


cities = QgsVectorLayer("Point?crs=EPSG:2056&field=name:string&field=pop:integer"
                        "&field=kind:string&field=code:integer", "cities", "memory")
for fid, name, pop, kind, code, wkt in CITIES:
    f = QgsFeature(cities.fields(), fid)
    f.setAttributes([name, pop, kind, code])
    f.setGeometry(QgsGeometry.fromWkt(wkt))
    cities.dataProvider().addFeatures([f])
QgsProject.instance().addMapLayer(cities)

fields = QgsFields()
for name, t in (("name", QVariant.String), ("pop", QVariant.Int),
                ("ratio", QVariant.Double), ("nothing", QVariant.String),
                ("tags", QVariant.String)):
    fields.append(QgsField(name, t))
feature = QgsFeature(fields, 7)
feature.setAttributes(["Bern", 134000, 0.25, None, "a,b,c"])
feature.setGeometry(QgsGeometry.fromWkt("POLYGON((0 0, 10 0, 10 5, 0 5, 0 0))"))

# Evaluated on the feature of fid 3 of CITIES, in its layer's scope (the
# aggregates of the feature's own layer: sum("pop", group_by:=…)); marked
# "feature": 3 in the golden file.
ON_CITIES = [
    "sum(\"pop\")", "maximum(\"pop\")", "minimum(\"pop\")", "count(\"name\")",
    "mean(\"pop\", group_by:=\"kind\")", "sum(\"pop\", \"kind\")", "count(\"code\", \"kind\")",
    "sum(\"pop\", filter:=\"pop\" > 40000)", "sum(\"pop\", \"kind\", \"pop\" > 40000)",
    "\"pop\" / maximum(\"pop\")", "count_distinct(\"kind\")", "count_missing(\"code\")",
    "median(\"pop\")", "stdev(\"pop\")", "range(\"pop\", \"kind\")", "minority(\"kind\")",
    "majority(\"kind\")", "q1(\"pop\")", "q3(\"pop\")", "iqr(\"pop\")",
    "min_length(\"name\")", "max_length(\"name\", \"kind\")",
    "geom_to_wkt(collect($geometry, \"kind\"))",
    "concatenate(\"name\", \"kind\", concatenator:=', ')",
    "concatenate(\"name\", concatenator:='/', order_by:=\"pop\")",
    "concatenate_unique(\"kind\", concatenator:='-')",
    "array_agg(\"name\", group_by:=\"kind\", order_by:=\"name\")",
    "array_agg(\"code\", group_by:=\"code\")",
    "sum(\"pop\", filter:=\"name\" <> attribute(@parent, 'name'))",
    "sum(\"pop\" * 2, \"kind\" || 'x')", "count(\"pop\", group_by:=\"code\" IS NULL)",
    "attribute(get_feature(@layer, 'name', 'Bern'), 'pop')",
    "aggregate(@layer, 'sum', \"pop\")", "sum(\"name\")", "maximum(\"name\")",
    "overlay_intersects('cities')", "overlay_intersects('cities', \"name\")",
    "overlay_disjoint('cities', \"name\")", "overlay_within(@layer, \"name\")",
    "is_selected()", "num_selected()", "is_selected('cities', $currentfeature)",
    "num_selected('cities')", "NOT is_selected()",
    "overlay_touches('cities')", "overlay_equals(@layer, \"name\")",
    "overlay_equals('cities', \"name\")", "overlay_crosses('cities')",
    "overlay_contains(@layer, \"name\")",
    "within($geometry, geom_from_wkt('POLYGON((3 4, 5 4, 5 6, 3 4))'))",
    "touches($geometry, geom_from_wkt('POLYGON((3 4, 5 4, 5 6, 3 4))'))",
    "overlay_nearest('cities', \"name\")", "overlay_nearest(@layer, \"name\", limit:=2)",
    "overlay_nearest(@layer, \"name\", limit:=3)", "overlay_nearest(@layer, \"name\", limit:=10, max_distance:=6)",
    "overlay_nearest('cities', \"name\", limit:=-1)", "overlay_nearest(@layer)",
    "overlay_nearest('cities', \"pop\", filter:=\"kind\" = 'city', limit:=2)",
]

out = []
for text, on in [(t, None) for t in EXPRESSIONS] + [(t, 3) for t in ON_CITIES]:
    context = QgsExpressionContext()
    scope = QgsExpressionContextScope()
    scope.setVariable("map_scale", 25000)
    context.appendScope(scope)
    if on is None:
        context.setFeature(feature)
        context.setFields(fields)
    else:
        context.appendScope(QgsExpressionContextUtils.layerScope(cities))
        context.setFeature(cities.getFeature(on))
        context.setFields(cities.fields())
    e = QgsExpression(text)
    if e.hasParserError():
        out.append({"expression": text, "parserError": e.parserErrorString()})
        assert on is None
        continue
    e.prepare(context)
    v = e.evaluate(context)
    entry = {"expression": text}
    if on is not None:
        entry["feature"] = on
    if e.hasEvalError():
        entry["error"] = True
    else:
        entry["value"] = encode(v)
    out.append(entry)

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "qgis_functions.json"), "w", encoding="utf-8") as f:
    json.dump(out, f, indent=1, ensure_ascii=False)
    f.write("\n")
