"""Writes qgis_operators.json: QGIS 3.22's value of each expression below
(comparisons, truth values, unary operators: how QGIS mixes texts, numbers,
booleans and dates), evaluated against one feature whose fields are typed as
a provider gives them (flag: a boolean, code: the text '10', ratio: 0.4,
n: the integer 0).

Run: QT_QPA_PLATFORM=offscreen /usr/bin/python3 qgis_operators.py
(from this folder). {"error": true} marks an evaluation error (NULL in our
engine); booleans QGIS returns (lists compared, a unary plus of a boolean)
are written as they are.
"""
import json
from qgis.core import (QgsApplication, QgsExpression, QgsExpressionContext,
                       QgsExpressionContextScope, QgsFeature, QgsField,
                       QgsFields)
from qgis.PyQt.QtCore import QVariant

app = QgsApplication([], False)
app.initQgis()

EXPRESSIONS = [
    # comparisons: numbers only when not both texts; booleans as texts
    "true = 1", "false = 0", "true = 'true'", "true = 'True'", "true = true",
    "true > 0", "true < 2", "'1' = true", "1 IN (true)", "true IN (1, 2)",
    "true IN (true)", "true IN ('true')", "coalesce(true) = 1",
    "'10' > '9'", "'10' < '9'", "'10' = 10", "10 > '9'", "'10' <= 9",
    "'1.0' = '1'", "1 = '1.0'", "'1.0' IN (1)", "1 IN ('1', 2)",
    "' 10' = '10'", "' 12 ' = 12", "'1e1' = '10'", "'1e3' = 1000",
    "'0x10' = 16", "'1e400' = 1", "'1e400' > 1", "'abc' < 1",
    "'abc' > 'abd'", "'B' < 'a'", "'x' = 'x '", "'abc' = 'ABC'",
    "0.1 + 0.2 = 0.3", "1 = 1.0000000000000002", "1 < 1.0000000000000002",
    "1 >= 1.0000000000000002", "0.1 + 0.2 IN (0.3)", "0.1 + 0.2 IS 0.3",
    "to_date('2020-01-01') = '2020-01-01'", "to_date('2020-01-01') > '2019'",
    "\"flag\" = 1", "\"flag\" = true", "\"flag\" = 'true'", "\"code\" > '9'",
    "\"code\" > 9", "\"n\" = false", "\"code\" IS '10.0'", "\"code\" IS 10.0",
    # truth of AND, OR, NOT, CASE (errors for texts that are no numbers)
    "'x' AND true", "'1' AND true", "'0' OR false", "'' AND true",
    "'true' AND true", "' 1 ' AND true", "NOT 'x'", "NOT '0'",
    "CASE WHEN 'x' THEN 1 ELSE 0 END", "CASE WHEN '0' THEN 1 ELSE 0 END",
    "CASE WHEN 0.4 THEN 1 ELSE 0 END", "CASE WHEN \"flag\" THEN 1 ELSE 0 END",
    "2.5 AND true", "1e-300 AND true", "to_date('2020-01-01') AND true",
    "make_point(1, 2) AND true", "array(1) AND true", "'0x1' AND true",
    "\"flag\" AND true", "\"ratio\" AND true",
    # QVariant::toBool(), as if() (and a rule's filter) read a value
    "if('x', 1, 0)", "if('0', 1, 0)", "if('false', 1, 0)", "if('FALSE', 1, 0)",
    "if('', 1, 0)", "if(' 0 ', 1, 0)", "if('0.0', 1, 0)", "if('no', 1, 0)",
    "if(0.4, 1, 0)", "if(0.5, 1, 0)", "if(-0.4, 1, 0)", "if(-0.6, 1, 0)",
    "if(1e-11, 1, 0)", "if(\"ratio\", 1, 0)", "if(\"flag\", 1, 0)",
    "if(to_date('2020-01-01'), 1, 0)", "if(make_point(1, 2), 1, 0)",
    "if(array(1), 1, 0)", "if(NULL, 1, 0)",
    # unary operators and arithmetic with booleans
    "-true", "-'5'", "-'x'", "+'5'", "true + 1", "true - 1", "'5' - true",
    "true / 2", "true // 2", "true || 'a'", "'0x10' + 1", "' 12 ' + 1",
    "'inf' + 1", "'1,5' + 1", "to_string(true)",
]

fields = QgsFields()
fields.append(QgsField("flag", QVariant.Bool))
fields.append(QgsField("code", QVariant.String))
fields.append(QgsField("ratio", QVariant.Double))
fields.append(QgsField("n", QVariant.Int))
feature = QgsFeature(fields, 1)
feature.setAttributes([True, "10", 0.4, 0])

out = []
for text in EXPRESSIONS:
    e = QgsExpression(text)
    assert not e.hasParserError(), text
    ctx = QgsExpressionContext()
    ctx.setFeature(feature)
    ctx.setFields(fields)
    v = e.evaluate(ctx)
    entry = {"expression": text}
    if e.hasEvalError():
        entry["error"] = True
    elif v is None or (hasattr(v, "isNull") and v.isNull()):
        entry["value"] = None
    else:
        entry["value"] = v
    out.append(entry)

with open("qgis_operators.json", "w") as f:
    json.dump(out, f, indent=1, ensure_ascii=False)
    f.write("\n")
