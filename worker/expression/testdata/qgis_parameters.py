"""Writes ../parameters.ts: the parameter names (and, for optional ones,
the default values) QGIS 3.22 declares for each expression function, which
named arguments (`func(name:=value)`) are resolved against.

Run (from this folder, only to regenerate after a QGIS upgrade):
QT_QPA_PLATFORM=offscreen /usr/bin/python3 qgis_parameters.py --update
then `deno fmt ../parameters.ts`.
"""
import json
import os
import re
import sys
from qgis.core import QgsApplication, QgsExpression

if "--update" not in sys.argv:
    sys.exit("qgis_parameters.py rewrites ../parameters.ts: pass --update")

app = QgsApplication([], False)
app.initQgis()

lines = []
for f in sorted(QgsExpression.Functions(), key=lambda f: f.name().lower()):
    params = []
    for p in f.parameters():
        if p.optional():
            params.append(json.dumps([p.name().lower(), p.defaultValue()],
                                     ensure_ascii=False))
        else:
            params.append(json.dumps([p.name().lower()]))
    names = [f.name()] + [a for a in f.aliases()
                          if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", a)]
    for n in names:
        lines.append(f"  {json.dumps(n.lower())}: [{', '.join(params)}],")

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "..", "parameters.ts"), "w", encoding="utf-8") as out:
    out.write('''/**
 * The parameters QGIS 3.22 declares for each expression function, by
 * lower-case name (aliases too): a required one as `[name]`, an optional one
 * as `[name, default]`. Written by testdata/qgis_parameters.py; an empty
 * list means the function takes no named arguments (QGIS's variadic
 * functions: `coalesce`, `concat`, `array`…).
 *
 * @module
 */

/** A parameter: `[name]` when required, `[name, default]` when optional. */
export type Parameter =
  | readonly [string]
  | readonly [string, string | number | boolean | null];

/**
 * QGIS's parameters of each function.
 *
 * @example
 * ```ts
 * import { PARAMETERS } from "./parameters.ts";
 * PARAMETERS["left"]; // [["string"], ["length"]]
 * ```
 */
export const PARAMETERS: Readonly<Record<string, readonly Parameter[]>> = {
''')
    out.write("\n".join(lines))
    out.write("\n};\n")
print(len(lines), "functions and aliases")
