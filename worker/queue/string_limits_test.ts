import assert from "node:assert/strict";
import { executeJob } from "./execute.ts";
import { checkStringLengths, STRING_LIMITS } from "./string_limits.ts";
import { defaultRunners } from "../runners/registry.ts";
import { testRunnerContext } from "../runners/_test_util.ts";

const DEMO = new URL("../../demo", import.meta.url).pathname;

function render(
  job: Record<string, unknown>,
  layer: Record<string, unknown> = {},
) {
  return {
    id: "1",
    type: "QslJobInfoRender",
    job: {
      layers: [{
        id: "l",
        name: "roads",
        source: '{"path":"data/roads.geojson"}',
        remote: false,
        folder_name: "",
        driver: "ogr",
        style: null,
        filter: null,
        ...layer,
      }],
      bbox: { x_min: 0, y_min: 0, x_max: 10, y_max: 10 },
      crs: "EPSG:2056",
      width: 10,
      height: 10,
      dpi: 96,
      format: "image/png",
      svg_paths: [],
      ...job,
    },
  };
}

Deno.test("string limits: the CRS of 100,000 digits fails at the edge, naming the field", async () => {
  const outcome = await executeJob(
    JSON.stringify(render({ crs: "EPSG:" + "1".repeat(100_000) })),
    defaultRunners(),
    testRunnerContext(DEMO),
  );
  assert.equal(outcome.status, "failed");
  assert.equal(
    outcome.data,
    "Cannot run job: job.crs has 100005 characters, over the limit of 256",
  );
});

Deno.test("string limits: every bounded field of every job type", () => {
  const over = (n: number) => "x".repeat(n + 1);
  const cases: [Record<string, unknown>, string][] = [
    [render({ format: over(STRING_LIMITS.format) }), "job.format"],
    [render({ svg_paths: [over(STRING_LIMITS.path)] }), "job.svg_paths.0"],
    [render({ svg_paths: Array(1001).fill("a") }), "job.svg_paths"],
    [render({}, { name: over(STRING_LIMITS.name) }), "job.layers.0.name"],
    [render({}, { id: over(STRING_LIMITS.name) }), "job.layers.0.id"],
    [render({}, { source: over(STRING_LIMITS.source) }), "job.layers.0.source"],
    [
      render({}, { folder_name: over(STRING_LIMITS.path) }),
      "job.layers.0.folder_name",
    ],
    [render({}, { driver: over(STRING_LIMITS.format) }), "job.layers.0.driver"],
    [
      render({}, { style: { name: "s", definition: over(2 * 1000 + 1024) } }),
      "job.layers.0.style.definition",
    ],
    [
      {
        id: "2",
        type: "QslJobInfoFeatureInfo",
        job: { INFO_FORMAT: over(256) },
      },
      "job.INFO_FORMAT",
    ],
    [
      { id: "2", type: "QslJobInfoFeatureInfo", job: { I: over(64) } },
      "job.I",
    ],
    [
      {
        id: "2",
        type: "QslJobInfoFeatureInfo",
        job: { QUERY_LAYERS: over(STRING_LIMITS.queryLayers) },
      },
      "job.QUERY_LAYERS",
    ],
    [
      {
        id: "3",
        type: "QslJobInfoFeature",
        job: { queries: [{ layers: [], aliases: [over(STRING_LIMITS.name)] }] },
      },
      "job.queries.0.aliases.0",
    ],
    [
      {
        id: "3",
        type: "QslJobInfoFeature",
        job: {
          queries: [{
            layers: [render({}, { source: over(65536) }).job.layers[0]],
          }],
        },
      },
      "job.queries.0.layers.0.source",
    ],
  ];
  for (const [info, field] of cases) {
    assert.throws(
      () => checkStringLengths(info as never, 1000),
      (e: Error) => e.message.startsWith(`Cannot run job: ${field} has `),
      field,
    );
  }
  checkStringLengths(render({}) as never, 1000);
});
