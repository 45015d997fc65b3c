#!/usr/bin/python3
"""Records how QGIS 3.22's delimitedtext provider reads small, tricky files.

Each case of ``CASES`` is a file's text (and, if given, its ``.csvt``
types file) and the URI options QGIS's source
select would set for it (encoded into the URI as it does, with
``QUrlQuery``; the encoded query is recorded too). This script writes the file, opens it with
``QgsVectorLayer(uri, …, "delimitedtext")`` and records what QGIS made of
it: validity, fields (name, type name), WKB type, and every feature (id,
attributes — NULL as null, dates as ISO text — and geometry as WKT).
The result, ``worker/sources/delimitedtext/testdata/qgis_reads.json``, is
what our reader's tests compare against.

Run with Debian's QGIS 3.22, never at run time or in CI::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/parity/text/make_reads.py
    deno fmt worker/sources/delimitedtext/testdata
"""
import json
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parents[2] / "worker" / "sources" / "delimitedtext" / "testdata" / "qgis_reads.json"

CASES = [
    {"name": "xy_types", "options": [['type', 'csv'], ['xField', 'x'], ['yField', 'y'], ['crs', 'EPSG:4326']],
     "text": "id,name,x,y,big,d,dt,t,flag,mixed\n"
             "1,Bern,7.44,46.95,9999999999,2020-01-02,2020-01-02T10:00:00,10:30:00,1,5\n"
             "2,  Zürich ,8.54,47.37,1,2021-12-31,2021-12-31 23:59:59,08:15,0,x\n"
             "3,,9,47,-5,2022-02-03,2022-02-03T01:02:03Z,23:00:01,1,\n"},
    {"name": "quotes", "options": [['type', 'csv'], ['xField', 'x'], ['yField', 'y'], ['crs', 'EPSG:4326']],
     "text": 'x,y,"a b",c\n'
             '7,46,"with, comma","say ""hi"""\n'
             '7.1,46.1,"",\n'
             '7.2,46.2,"multi\nline", after \n'
             '7.3,46.3,bad"quote,ok\n'
             '7.4,46.4,"x" y,ok\n'
             '\n'
             '7.5,46.5 , "  padded  " ,z,extra,more\n'},
    {"name": "semicolon_comma", "options": [['type', 'csv'], ['delimiter', ';'], ['decimalPoint', ','], ['xField', 'x'], ['yField', 'y'], ['crs', 'EPSG:2056']],
     "text": "name;x;y;value;count\r\n"
             "a;2600000,5;1200000,25;1,5;3\r\n"
             "b;2601000;1201000,75;-2,25;+4\r\n"
             "c;2602000,125;1202000;1e3; 7 \r\n"},
    {"name": "tab_header_off", "options": [['type', 'csv'], ['delimiter', '\\t'], ['useHeader', 'No'], ['xField', 'field_2'], ['yField', 'field_3'], ['crs', 'EPSG:4326']],
     "text": "p\t7.1\t46.1\t1\n"
             "q\t7.2\t46.2\t2.5\n"
             "r\t7.3\t46.3\n"},
    {"name": "skip_lines", "options": [['type', 'csv'], ['skipLines', '2'], ['xField', 'X'], ['yField', 'Y'], ['crs', 'EPSG:4326']],
     "text": "# a comment\n\nname,x,y\nn1,7,46\n\n\nn2,8,47\n"},
    {"name": "header_names", "options": [['type', 'csv'], ['geomType', 'none']],
     "text": "a,A,,field_7,field_4,b,b\n1,2,3,4,5,6,7,8\n"},
    {"name": "trim_skip_empty", "options": [['type', 'csv'], ['trimFields', 'Yes'], ['skipEmptyFields', 'Yes'], ['xField', 'x'], ['yField', 'y'], ['crs', 'EPSG:4326']],
     "text": " name , x , y \n  a  ,, 7.5 , 46.5 \n b ,7.6,,46.6\n"},
    {"name": "whitespace", "options": [['type', 'whitespace'], ['xField', 'x'], ['yField', 'y'], ['crs', 'EPSG:4326']],
     "text": "name   x     y\n  a  7.1  46.1\nb\t7.2\t46.2\n"},
    {"name": "regexp", "options": [['type', 'regexp'], ['delimiter', '\\s*\\|\\s*'], ['xField', 'x'], ['yField', 'y'], ['crs', 'EPSG:4326']],
     "text": "name | x | y\na|7.1|46.1\nb  |  7.2|46.2\n"},
    {"name": "regexp_anchored", "options": [['type', 'regexp'], ['delimiter', '^(\\w+):(\\S+)/(\\S+)'], ['xField', 'field_2'], ['yField', 'field_3'], ['useHeader', 'No'], ['crs', 'EPSG:4326']],
     "text": "alpha:7.1/46.1\nnot matching\nbeta:7.2/46.2\n"},
    {"name": "wkt", "options": [['type', 'csv'], ['delimiter', ';'], ['wktField', 'geom'], ['crs', 'EPSG:2056']],
     "text": "id;geom;label\n"
             "1;LINESTRING (2600000 1200000, 2601000 1201000);first\n"
             "2;;no geometry\n"
             "3;POINT (2600500 1200500);a point\n"
             "4;MULTILINESTRING ((2600000 1200000, 2600100 1200100), (2600200 1200200, 2600300 1200300));multi\n"
             "5;LINESTRING (nonsense);bad\n"},
    {"name": "wkt_prefix", "options": [['type', 'csv'], ['wktField', 'wkt'], ['geomType', 'polygon'], ['crs', 'EPSG:4326']],
     "text": "wkt,n\n"
             "\"SRID=4326;POLYGON ((7 46, 8 46, 8 47, 7 46))\",1\n"
             "\"POINT (7 46)\",2\n"
             "\"POLYGON ((7 46, 7.5 46, 7.5 46.5, 7 46))\",3\n"},
    {"name": "no_geometry", "options": [['type', 'csv'], ['geomType', 'none'], ['detectTypes', 'no']],
     "text": "a,b\n1,2.5\n3,x\n"},
    {"name": "subset", "options": [['type', 'csv'], ['xField', 'x'], ['yField', 'y'], ['crs', 'EPSG:4326'], ['subset', '"v" > 1 AND "name" LIKE \'%b%\'']],
     "text": "name,x,y,v\nab,7,46,2\nbb,7.1,46.1,1\ncb,7.2,46.2,3\nd,7.3,46.3,4\n"},
    {"name": "bad_xy", "options": [['type', 'csv'], ['xField', 'x'], ['yField', 'y'], ['crs', 'EPSG:4326']],
     "text": "name,x,y\na,7,46\nb,,\nc,seven,46\nd,7.5,\n"},
    {"name": "numbers", "options": [['type', 'csv'], ['geomType', 'none']],
     "text": "i,d,e,s,h,n\n 12 ,1.5,1e3,+7,0x10,inf\n-3,.5,-2E-2,007,1,nan\n"},
    {"name": "quote_escape", "options": [['type', 'csv'], ['quote', "'"], ['escape', '\\'], ['delimiter', ',;'], ['xField', 'x'], ['yField', 'y'], ['crs', 'EPSG:4326']],
     "text": "x;y,note\n7,46;'it\\'s, fine'\n7.1;46.1,say \\\"a\\\"\n7.2,46.2,'two''parts'\n"},
    {"name": "csvt", "options": [['type', 'csv'], ['xField', 'x'], ['yField', 'y'], ['crs', 'EPSG:4326']],
     "csvt": '"String","Real(10.3)","double","long","Integer","Date","String"\r\n\r\n',
     "text": "code,x,y,big,small,day,free\n007,7.5,46.5,12,3,2020-01-02,5\n010,7.6,46.6,13,x,bad,6\n"},
    {"name": "csvt_integer64", "options": [['type', 'csv'], ['geomType', 'none']],
     "csvt": "String,Integer64\n",
     "text": "a,b\n1,2\n"},
    {"name": "csvt_bad", "options": [['type', 'csv'], ['geomType', 'none']],
     "csvt": "String,Nonsense\n",
     "text": "a,b\n1,2\n"},
    {"name": "csvt_two_lines", "options": [['type', 'csv'], ['geomType', 'none']],
     "csvt": "String,String\nInteger,Integer\n",
     "text": "a,b\n1,2\n"},
    {"name": "xy_dms", "options": [['type', 'csv'], ['delimiter', ';'], ['xField', 'lon'], ['yField', 'lat'], ['xyDms', 'yes'], ['crs', 'EPSG:4326']],
     "text": "name;lon;lat\n"
             "a;7°26'30''E;46°57'0.25N\n"
             "b;W 7 26 30.5;S 46 57 12\n"
             "c;-7:26:30;+46:57\n"
             "d;7.5;46.5\n"
             "e;7d 30m;46d 30m\n"
             "f;E7 26 30 W;46 57 0\n"},
    {"name": "cr_only", "options": [['type', 'csv'], ['xField', 'x'], ['yField', 'y'], ['crs', 'EPSG:4326']],
     "text": "name,x,y\ra,7,46\rb,8,47\r"},
]


def value(v):
    from qgis.PyQt.QtCore import QDate, QDateTime, QTime
    if v is None:
        return None
    try:
        from qgis.PyQt.QtCore import QVariant
        if isinstance(v, QVariant) and v.isNull():
            return None
    except ImportError:
        pass
    if isinstance(v, float) and v != v:
        return "NaN"
    if isinstance(v, float) and v in (float("inf"), float("-inf")):
        return "Infinity" if v > 0 else "-Infinity"
    if isinstance(v, QDateTime):
        return v.toString("yyyy-MM-ddTHH:mm:ss") if v.isValid() else None
    if isinstance(v, QDate):
        return v.toString("yyyy-MM-dd") if v.isValid() else None
    if isinstance(v, QTime):
        return v.toString("HH:mm:ss") if v.isValid() else None
    return v


def main():
    from qgis.core import QgsApplication, QgsVectorLayer, QgsWkbTypes
    from qgis.PyQt.QtCore import QUrl, QUrlQuery

    app = QgsApplication([], False)
    app.initQgis()
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for case in CASES:
            path = Path(tmp) / f"{case['name']}.csv"
            path.write_bytes(case["text"].encode("utf-8"))
            if "csvt" in case:
                Path(f"{path}t").write_text(case["csvt"])
            url = QUrl.fromLocalFile(str(path))
            query = QUrlQuery()
            for key, val in case["options"]:
                query.addQueryItem(key, val)
            url.setQuery(query)
            uri = bytes(url.toEncoded()).decode("ascii")
            layer = QgsVectorLayer(uri, case["name"], "delimitedtext")
            entry = {
                "name": case["name"],
                "query": uri.split("?", 1)[1],
                "text": case["text"],
                "csvt": case.get("csvt"),
                "valid": layer.isValid(),
            }
            if layer.isValid():
                entry["fields"] = [[f.name(), f.typeName()] for f in layer.fields()]
                entry["wkbType"] = QgsWkbTypes.displayString(layer.wkbType())
                entry["features"] = [{
                    "id": f.id(),
                    "attributes": [value(a) for a in f.attributes()],
                    "wkt": f.geometry().asWkt(6) if f.hasGeometry() else None,
                } for f in layer.getFeatures()]
            out.append(entry)
            print(case["name"], entry["valid"], len(entry.get("features", [])))
    OUT.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
    app.exitQgis()


if __name__ == "__main__":
    main()
