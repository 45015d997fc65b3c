import assert from "node:assert/strict";

const assertEquals = (a: unknown, b: unknown) => assert.deepEqual(a, b);
import { parseQmlDocument, vectorStyleOf } from "../style/mod.ts";
import { parseExpression } from "../expression/mod.ts";
import { renderColumns } from "./render_columns.ts";

const MARKER = (dd = "") =>
  `<symbol type="marker" name="0"><layer class="SimpleMarker"><Option type="Map"><Option name="color" value="200,80,40,255" type="QString"/></Option>${dd}</layer></symbol>`;
const DD = (name: string, expression: string) =>
  `<data_defined_properties><Option type="Map"><Option name="name" value="" type="QString"/><Option name="properties" type="Map"><Option name="${name}" type="Map"><Option name="active" value="true" type="bool"/><Option name="expression" value="${expression}" type="QString"/><Option name="type" value="3" type="int"/></Option></Option><Option name="type" value="collection" type="QString"/></Option></data_defined_properties>`;
const LABELS = (settings: string) =>
  `<labeling type="simple"><settings calloutType="simple">${settings}</settings></labeling>`;

function columns(qml: string, filter?: string): string[] | "all" {
  const root = parseQmlDocument(`<qgis labelsEnabled="1">${qml}</qgis>`);
  const style = vectorStyleOf(root);
  const out = renderColumns(
    style,
    root,
    true,
    filter ? parseExpression(filter) : null,
  );
  return out === "all" ? out : out.sort();
}

Deno.test("renderColumns: a plain symbol reads no field, the filter its columns", () => {
  const single =
    `<renderer-v2 type="singleSymbol"><symbols>${MARKER()}</symbols></renderer-v2>`;
  assertEquals(columns(single), []);
  assertEquals(columns(single, '"pop" > 3 AND kind = 1'), ["kind", "pop"]);
  assertEquals(renderColumns(null, null, false, null), []);
});

Deno.test("renderColumns: the renderer's attribute, rule filters, data-defined properties", () => {
  assertEquals(
    columns(
      `<renderer-v2 type="categorizedSymbol" attr="kind"><categories><category value="a" symbol="0" label="a" render="true"/></categories><symbols>${
        MARKER(DD("size", "&quot;w&quot; * 2"))
      }</symbols></renderer-v2>`,
    ),
    ["kind", "w"],
  );
  assertEquals(
    columns(
      `<renderer-v2 type="graduatedSymbol" attr="&quot;Odd Name&quot;"><ranges><range lower="0" upper="1" symbol="0" label="x" render="true"/></ranges><symbols>${MARKER()}</symbols></renderer-v2>`,
    ),
    ['"Odd Name"', "Odd Name"],
  );
  assertEquals(
    columns(
      `<renderer-v2 type="graduatedSymbol" attr="a + length(b)"><ranges><range lower="0" upper="1" symbol="0" label="x" render="true"/></ranges><symbols>${MARKER()}</symbols></renderer-v2>`,
    ),
    ["a", "a + length(b)", "b"],
  );
  assertEquals(
    columns(
      `<renderer-v2 type="RuleRenderer"><rules key="r"><rule key="1" filter="&quot;x&quot; = 1" symbol="0"><rule key="2" filter="y IS NULL" symbol="0"/></rule><rule key="3" filter="ELSE" symbol="0"/></rules><symbols>${MARKER()}</symbols></renderer-v2>`,
    ),
    ["x", "y"],
  );
});

Deno.test("renderColumns: labels' field, expression and data-defined properties", () => {
  const single =
    `<renderer-v2 type="singleSymbol"><symbols>${MARKER()}</symbols></renderer-v2>`;
  assertEquals(
    columns(single + LABELS(`<text-style fieldName="name" isExpression="0"/>`)),
    ["name"],
  );
  assertEquals(
    columns(
      single +
        LABELS(
          `<text-style fieldName="upper(&quot;n&quot;) || m" isExpression="1"/><dd_properties><Option type="Map"><Option name="name" value="" type="QString"/><Option name="properties" type="Map"><Option name="Size" type="Map"><Option name="active" value="true" type="bool"/><Option name="field" value="sz" type="QString"/><Option name="type" value="2" type="int"/></Option></Option><Option name="type" value="collection" type="QString"/></Option></dd_properties>`,
        ),
    ),
    ["m", "n", "sz", 'upper("n") || m'],
  );
});

Deno.test("renderColumns: a callout's own data-defined properties", () => {
  const single =
    `<renderer-v2 type="singleSymbol"><symbols>${MARKER()}</symbols></renderer-v2>`;
  const callout =
    `<callout type="simple"><Option type="Map"><Option name="enabled" value="1" type="QString"/><Option name="ddProperties" type="Map"><Option name="name" value="" type="QString"/><Option name="properties" type="Map"><Option name="OffsetFromLabel" type="Map"><Option name="active" value="true" type="bool"/><Option name="expression" value="&quot;gap&quot; * 2" type="QString"/><Option name="type" value="3" type="int"/></Option></Option><Option name="type" value="collection" type="QString"/></Option></Option></callout>`;
  assertEquals(
    columns(
      single +
        LABELS(`<text-style fieldName="name" isExpression="0"/>${callout}`),
    ),
    ["gap", "name"],
  );
});

Deno.test("renderColumns: what cannot be analysed reads every field", () => {
  const single = (dd: string) =>
    `<renderer-v2 type="singleSymbol"><symbols>${
      MARKER(DD("size", dd))
    }</symbols></renderer-v2>`;
  assertEquals(columns(single("attribute(@name)")), "all");
  assertEquals(columns(single("attribute($currentfeature, 'a')")), "all");
  assertEquals(columns(single("length(attributes())")), "all");
  assertEquals(columns(single("map_get(@feature, 'a')")), "all");
  assertEquals(columns(single("1 +")), "all");
  assertEquals(columns(single("attribute('a')")), ["a"]);
  assertEquals(
    columns(
      `<renderer-v2 type="singleSymbol"><symbols>${MARKER()}</symbols></renderer-v2>` +
        LABELS(`<text-style fieldName="eval(x)" isExpression="1"/>`),
    ),
    "all",
  );
});
