import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { parseExpression } from "../expression/mod.ts";
import type { AttributeValue } from "../geometry/types.ts";
import { joinTable, type SourceJoin, withJoins } from "./joins.ts";
import { openSource, openVectorSource } from "./registry.ts";
import {
  collectFeatures,
  type SourceContext,
  type SourceLayer,
  type VectorSource,
} from "./source.ts";

// QGIS 3.22's project and its joined attributes (tests/parity/joins/)
const DIR = fileURLToPath(
  new URL("../../tests/parity/joins/", import.meta.url),
);
const ctx: SourceContext = { dataRoot: `${DIR}data`, remoteHosts: [] };

const layer = (
  name: string,
  source: unknown,
  driver = "ogr",
): SourceLayer => ({
  id: `${name}_1`,
  name,
  source: JSON.stringify(source),
  remote: false,
  folder_name: "",
  driver,
});

/** The zones with their two joins, as the parity project has them. */
const zones = (): SourceLayer => ({
  ...layer("zones", { path: "zones.geojson" }),
  joins: [{
    layer: layer("stats", {
      path: "stats.csv",
      open_options: ["type=csv", "geomType=none", "detectTypes=yes"],
    }, "delimitedtext"),
    target_field: "code",
    join_field: "code",
    prefix: "stats_",
    fields_subset: ["population", "name"],
    memory_cache: true,
  }, {
    layer: layer("ranks", { path: "ranks.csv" }),
    target_field: "num",
    join_field: "num",
    prefix: "r_",
    fields_subset: null,
    memory_cache: false,
  }],
});

Deno.test("joined attributes: every zone's fields and values as QGIS 3.22 reads them through the joins", async () => {
  const expected = JSON.parse(
    await Deno.readTextFile(`${DIR}joined.qgis.json`),
  );
  const source = openVectorSource(zones(), ctx, "read");
  const page = await source.page({ startIndex: 0, count: null });
  assert.deepEqual(page.fields.map((f) => f.name), expected.fields);
  assert.deepEqual(
    page.features.map((f) =>
      expected.fields.map((n: string) => f.attributes[n])
    ),
    expected.features,
  );
  // the same through a map's features, only the columns a map asks for
  const set = await source.features({
    bbox: { xmin: 2590000, ymin: 1190000, xmax: 2640000, ymax: 1225000 },
    crs: "EPSG:2056",
    columns: ["stats_population", "STATS_NAME", "r_rank"],
  });
  const features = await collectFeatures(set);
  assert.equal(features.length, 12);
  const z3 = features.find((f) => f.attributes.code === "Z3")!;
  // Z3 is twice in the cached table: the last row wins
  assert.equal(z3.attributes.stats_name, "Aare bis");
  assert.equal(z3.attributes.r_rank, "third"); // 3 = '3.0'
  assert.deepEqual(set.fields.slice(-3).map((f) => f.name), [
    "stats_population",
    "stats_name",
    "r_rank",
  ]);
});

Deno.test("joinTable: the memory cache matches text keys, the last row winning; a null is its type's default text, as Qt 5 writes it", () => {
  const join: SourceJoin = {
    layer: layer("t", {}),
    target_field: "k",
    join_field: "k",
    prefix: "t_",
  };
  const fields = [
    { name: "v", type: "String" },
    { name: "k", type: "Real" },
  ];
  const rows: Record<string, AttributeValue>[] = [
    { k: 3, v: "a" },
    { k: 3, v: "b" },
    { k: 1.5, v: "c" },
    { k: null, v: "d" },
  ];
  const table = joinTable(join, fields, rows);
  assert.deepEqual(table.fields, [{ name: "t_v", type: "String" }]);
  assert.equal(table.lookup(3)?.v, "b");
  assert.equal(table.lookup("3")?.v, "b"); // "3" is 3's text
  assert.equal(table.lookup("3.0"), null); // not its text
  assert.equal(table.lookup(1.5)?.v, "c");
  // a null Real key reads "0": a null or 0 integer target finds it (QGIS
  // joins lizmap's dataviz.qgs bakeries without polygon to polygon 0)
  assert.equal(table.lookup(null, "Integer64")?.v, "d");
  assert.equal(table.lookup(0, "Integer")?.v, "d");
  // a null text target reads "": no key of a Real field reads so
  assert.equal(table.lookup(null, "String"), null);
  assert.equal(table.lookup(""), null);
  assert.equal(table.lookup(undefined), null);
  const text = joinTable(join, [{ name: "v", type: "String" }, {
    name: "k",
    type: "String",
  }], [{ k: null, v: "n" }, { k: "0", v: "z" }]);
  assert.equal(text.lookup(null, "String")?.v, "n");
  assert.equal(text.lookup("")?.v, "n");
  assert.equal(text.lookup(null, "Integer")?.v, "z");
});

Deno.test("joinTable: without the cache, the first row equal as QGIS's = compares; a null target the first null key", () => {
  const join: SourceJoin = {
    layer: layer("t", {}),
    target_field: "k",
    join_field: "k",
    prefix: "",
    fields_subset: ["v", "k"],
    memory_cache: false,
  };
  const fields = [
    { name: "k", type: "String" },
    { name: "v", type: "String" },
  ];
  const rows: Record<string, AttributeValue>[] = [
    { k: "03", v: "a" },
    { k: "3", v: "b" },
    { k: "", v: "c" },
    { k: null, v: "d" },
    { k: "x", v: "e" },
  ];
  const table = joinTable(join, fields, rows);
  // a subset keeps the table's order and may name the join field
  assert.deepEqual(table.fields.map((f) => f.name), ["k", "v"]);
  assert.equal(table.lookup(3)?.v, "a"); // '03' = 3 numerically, first row
  assert.equal(table.lookup("3.0")?.v, "a");
  assert.equal(table.lookup(null)?.v, "d");
  assert.equal(table.lookup("")?.v, "c");
  assert.equal(table.lookup("X"), null); // text compares with its case
  assert.equal(table.lookup(4), null);
});

/** A source over fixed rows that counts its reads. */
function tableSource(
  rows: Record<string, AttributeValue>[],
  reads: { n: number },
): VectorSource {
  const fields = Object.keys(rows[0]).map((name) => ({
    name,
    type: typeof rows[0][name] === "number" ? "Integer" : "String",
  }));
  return {
    kind: "vector",
    provider: "test",
    features: () => Promise.reject(new Error("not used")),
    hitTest: () => Promise.reject(new Error("not used")),
    page: () => {
      reads.n++;
      return Promise.resolve({
        fields,
        fidColumn: null,
        geometryKind: null,
        numbersMatched: rows.length,
        features: rows.map((attributes, i) => ({
          id: i,
          attributes,
          wkb: null,
        })),
      });
    },
  };
}

Deno.test("withJoins: a filter on a joined field is the residual of features and is evaluated for pages; each table is read once per join object", async () => {
  const base = tableSource([
    { id: 1, code: "a" },
    { id: 2, code: "b" },
    { id: 3, code: "c" },
  ], { n: 0 });
  const asked: unknown[] = [];
  const layerSource: VectorSource = {
    ...base,
    features: (q) => {
      asked.push(q.filter ?? null, q.columns);
      return Promise.resolve({
        fields: [{ name: "id", type: "Integer" }, {
          name: "code",
          type: "String",
        }],
        geometryKind: null,
        residual: null,
        batches: (async function* () {
          yield [1, 2, 3].map((id) => ({
            id,
            attributes: { id, code: "abc"[id - 1] },
            geometry: null,
          }));
        })(),
      });
    },
  };
  const reads = { n: 0 };
  const joined = withJoins(layerSource, {
    ...layer("l", {}),
    joins: [{
      layer: layer("t", {}),
      target_field: "code",
      join_field: "code",
      prefix: "t_",
      fields_subset: ["id", "score"],
    }],
  }, () =>
    tableSource([
      { code: "a", id: 9, score: 10 },
      { code: "c", id: 9, score: 30 },
    ], reads));
  const filter = parseExpression('"t_score" > 15');
  const set = await joined.features({
    bbox: { xmin: 0, ymin: 0, xmax: 1, ymax: 1 },
    crs: "EPSG:2056",
    filter,
    columns: ["t_score"],
  });
  // the provider is asked for the target field, not the joined one, and
  // without the filter it cannot read
  assert.deepEqual(asked, [null, ["code"]]);
  assert.equal(set.residual, filter);
  assert.deepEqual(set.fields.map((f) => f.name), [
    "id",
    "code",
    "t_id",
    "t_score",
  ]);
  const features = await collectFeatures(set);
  assert.deepEqual(features.map((f) => f.attributes.t_score), [10, null, 30]);
  const page = await joined.page({ startIndex: 0, count: 1, filter });
  assert.equal(page.numbersMatched, 1);
  assert.deepEqual(page.features.map((f) => f.attributes), [
    { id: 3, code: "c", t_id: 9, t_score: 30 },
  ]);
  assert.equal(reads.n, 1);
});

Deno.test("a joined table outside the data root, or without its join field, fails the job naming both layers", async () => {
  const outside: SourceLayer = {
    ...layer("zones", { path: "zones.geojson" }),
    joins: [{
      layer: layer("stats", { path: "../../../../deno.json" }),
      target_field: "code",
      join_field: "code",
      prefix: "s_",
    }],
  };
  const source = openSource(outside, ctx) as VectorSource;
  await assert.rejects(
    () => source.page({ startIndex: 0, count: null }),
    /Cannot join layer 'stats' to layer 'zones': .*data root/,
  );
  const noField: SourceLayer = {
    ...layer("zones", { path: "zones.geojson" }),
    joins: [{
      layer: layer("ranks", { path: "ranks.csv" }),
      target_field: "code",
      join_field: "code",
      prefix: "r_",
    }],
  };
  await assert.rejects(
    () =>
      (openSource(noField, ctx) as VectorSource).page({
        startIndex: 0,
        count: null,
      }),
    /Cannot join layer 'ranks' to layer 'zones': it has no field 'code' \(fields: num, rank\)/,
  );
});

Deno.test("with a runner's logger, a joined table that cannot be read is a warning and the layer is read without that join, as QGIS draws it", async () => {
  const missing: SourceLayer = {
    ...zones(),
    joins: [
      { ...zones().joins![0], layer: layer("stats", { path: "gone.csv" }) },
      zones().joins![1],
    ],
  };
  const warnings: string[] = [];
  const logged: SourceContext = {
    ...ctx,
    logger: {
      log: (level, message) => warnings.push(`${level}: ${message}`),
    },
  };
  const page = await (openSource(missing, logged) as VectorSource).page({
    startIndex: 0,
    count: null,
  });
  // the ranks join still applies; the stats fields are not there
  const names = page.fields.map((f) => f.name);
  assert.ok(names.includes("r_rank"), names.join(", "));
  assert.ok(!names.some((n) => n.startsWith("stats_")), names.join(", "));
  assert.equal(warnings.length, 1, warnings.join("\n"));
  assert.match(
    warnings[0],
    /^warning: Cannot join layer 'stats' to layer 'zones': .*gone\.csv.*; drawn without this join$/,
  );
});

Deno.test("joinTable without the cache: its index finds what a scan comparing with QGIS's = finds", async () => {
  const { compareValues } = await import("../expression/values.ts");
  const values: AttributeValue[] = [
    "03",
    "3",
    3,
    3.5,
    "3.50",
    " 7 ",
    7,
    "x",
    "X",
    "",
    "1e3",
    1000,
    -0,
    0,
    "0",
    null,
    "abc",
    "Infinity",
    "inf",
  ];
  const rows = values.map((k, i) => ({ k, i }));
  const table = joinTable(
    {
      layer: layer("t", {}),
      target_field: "k",
      join_field: "k",
      prefix: "",
      memory_cache: false,
    },
    [{ name: "k", type: "String" }, { name: "i", type: "Integer" }],
    rows,
  );
  for (const target of [...values, "7", 1e3, "000", 2, "nope"]) {
    const expected = target === null
      ? rows.find((r) => r.k === null)
      : rows.find((r) => r.k !== null && compareValues(r.k, target) === 0);
    assert.equal(table.lookup(target)?.i, expected?.i, `target ${target}`);
  }
});
