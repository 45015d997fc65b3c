import assert from "node:assert/strict";
import { z } from "zod";
import {
  isOurs,
  ours,
  upstreamFields,
  upstreamKeysOnly,
} from "./upstream_keys.ts";
import { Config } from "./config/config.ts";
import { ExportParameters, ExportResult } from "./config/export_api.ts";
import {
  QslJobInfo,
  QslJobInfoFeature,
  QslJobInfoFeatureInfo,
  QslJobInfoLegend,
  QslJobInfoRender,
} from "./job/input.ts";
import { JobResult, QueryCollection } from "./job/output.ts";
import { unknownKeys, UPSTREAM_ENTITIES } from "./testdata/upstream_fields.ts";

/**
 * Walks `schema` beside the Python entity `entity` from their roots: at
 * each object, the schema's fields that are not marked ours must be the
 * dataclass's fields, no more, no fewer.
 */
function mismatches(schema: z.ZodType, entity: string): string[] {
  const out: string[] = [];
  const walk = (s: z.ZodType, names: string[], path: string) => {
    const fields = upstreamFields(s);
    if (!fields) {
      out.push(`${path || entity}: not an object schema, upstream ${names}`);
      return;
    }
    const theirs: Record<string, string[]> = {};
    for (const n of names) Object.assign(theirs, UPSTREAM_ENTITIES[n].fields);
    for (const key of Object.keys(fields)) {
      if (!(key in theirs)) out.push(`${path}${key}: not upstream's, not ours`);
    }
    for (const [key, refs] of Object.entries(theirs)) {
      if (!(key in fields)) out.push(`${path}${key}: upstream's, missing`);
      else if (refs.length > 0) walk(fields[key], refs, `${path}${key}.`);
    }
  };
  walk(schema, [entity], "");
  return out;
}

Deno.test("every field of our schemas is the Python dataclass's or marked ours, and none of the dataclass's is missing", () => {
  const pairs: [z.ZodType, string][] = [
    [Config, "Config"],
    [QslJobInfoRender, "QslJobInfoRender"],
    [QslJobInfoLegend, "QslJobInfoLegend"],
    [QslJobInfoFeature, "QslJobInfoFeature"],
    [QslJobInfoFeatureInfo, "QslJobInfoFeatureInfo"],
    [JobResult, "JobResult"],
    [QueryCollection, "QueryCollection"],
    [ExportParameters, "ExportParameters"],
    [ExportResult, "ExportResult"],
  ];
  const found = pairs.flatMap(([s, e]) =>
    mismatches(s, e).map((m) => `${e}: ${m}`)
  );
  assert.deepEqual(found, []);
});

Deno.test("upstreamKeysOnly leaves out fields marked ours and undeclared keys at any depth; with onlyDefaults, only ours that say what their absence says", () => {
  const Inner = z.looseObject({
    a: z.string(),
    extra: ours(z.string().optional()),
  });
  const Outer = z.looseObject({
    items: z.array(Inner).default([]),
    box: z.record(z.string(), z.unknown()).nullable().default(null),
    paths: ours(z.array(z.string()).default([])),
    count: ours(z.number().default(1)),
  });
  assert.ok(isOurs(Outer.shape.paths));
  assert.ok(!isOurs(Outer.shape.items));
  const value = Outer.parse({
    items: [{ a: "x", extra: "y", stray: 1 }],
    box: { url: "u" },
    count: 2,
  });
  assert.deepEqual(upstreamKeysOnly(Outer, value), {
    items: [{ a: "x" }],
    box: {},
  });
  assert.deepEqual(upstreamKeysOnly(Outer, value, { onlyDefaults: true }), {
    items: [{ a: "x", extra: "y", stray: 1 }],
    box: { url: "u" },
    count: 2,
  });
});

Deno.test("a render, legend and feature job of the Python project's fields keeps them all; our additions at their defaults go", () => {
  const layer = {
    id: "l1",
    name: "roads",
    source: '{"path": "roads.gpkg"}',
    remote: false,
    folder_name: "",
    driver: "ogr",
    style: { name: "default", definition: "eJw=" },
    filter: null,
  };
  const jobs = [
    {
      id: "1",
      type: "QslJobInfoRender",
      job: {
        layers: [layer],
        bbox: "0,0,1,1",
        crs: "EPSG:2056",
        width: 2,
        height: 2,
      },
    },
    { id: "2", type: "QslJobInfoLegend", job: { layers: [layer] } },
    {
      id: "3",
      type: "QslJobInfoFeature",
      job: { queries: [{ layers: [layer], aliases: ["r"] }] },
    },
  ];
  for (const raw of jobs) {
    const parsed = QslJobInfo.parse(raw);
    // parsing fills our defaults in (svg_paths: [])
    const wire = upstreamKeysOnly(QslJobInfo, parsed, { onlyDefaults: true });
    assert.deepEqual(unknownKeys(wire, raw.type), [], raw.type);
    assert.deepEqual(QslJobInfo.parse(wire), parsed, raw.type);
  }
});
