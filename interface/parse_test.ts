import assert from "node:assert/strict";
import { NO_REFERENCE, REFERENCE_DIR } from "../tests/reference.ts";
import {
  jsonNestsDeeperThan,
  MAX_JSON_DEPTH,
  parseJobInfo,
  WireFormatError,
} from "./parse.ts";
import { BBox } from "./common.ts";
import { QslJobInfo } from "./job/input.ts";

const JOBS = [
  "upstream/placenames.job.json",
  "upstream/bui20220630.job.json",
  "upstream/placenames_features.job.json",
  "demo/all_lv95.job.json",
  "demo/zones_outline_style.job.json",
];

Deno.test({
  name: "reference jobs parse and round-trip through JSON unchanged",
  ignore: NO_REFERENCE,
  fn() {
    for (const file of JOBS) {
      const text = Deno.readTextFileSync(`${REFERENCE_DIR}/${file}`);
      const job = parseJobInfo(text);
      const again = parseJobInfo(JSON.stringify(job));
      assert.deepEqual(again, job, file);
      // every field of the wire JSON survives (unknown fields are kept too)
      const wire = JSON.parse(text);
      assert.equal(job.id, wire.id);
      assert.equal(job.type, wire.type);
      if (job.type === "QslJobInfoRender") {
        assert.equal(job.job.layers.length, wire.job.layers.length);
        assert.equal(job.job.bbox.x_min, wire.job.bbox.x_min);
        assert.equal(job.job.layers[0].source, wire.job.layers[0].source);
      }
    }
  },
});

Deno.test("bad input names the path of the bad field", () => {
  const bad = {
    id: "1",
    type: "QslJobInfoRender",
    job: {
      layers: [{
        id: "a",
        name: "a",
        source: 3,
        remote: false,
        folder_name: "d",
        driver: "ogr",
      }],
      bbox: "0,0,1,1",
      crs: "EPSG:2056",
      width: 10,
      height: 10,
    },
  };
  const err = assertThrowsWire(() => parseJobInfo(bad));
  assert.equal(err.path, "job.layers.0.source");
  assert.match(err.message, /job\.layers\.0\.source/);
  assert.match(
    assertThrowsWire(() => parseJobInfo("{nope")).message,
    /malformed JSON/,
  );
  assert.match(
    assertThrowsWire(() => parseJobInfo({ id: "1", type: "Nope", job: {} }))
      .message,
    /type/,
  );
});

function assertThrowsWire(fn: () => unknown): WireFormatError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof WireFormatError, String(e));
    return e;
  }
  throw new Error("expected a WireFormatError");
}

Deno.test("BBox accepts the Python from_string/from_list forms", () => {
  assert.deepEqual(BBox.parse("1,2,3,4"), {
    x_min: 1,
    y_min: 2,
    x_max: 3,
    y_max: 4,
    z_min: 0,
    z_max: 0,
  });
  assert.deepEqual(BBox.parse([1, 2, 5, 3, 4, 6]), {
    x_min: 1,
    y_min: 2,
    z_min: 5,
    x_max: 3,
    y_max: 4,
    z_max: 6,
  });
  assert.equal(BBox.safeParse("1,2,3").success, false);
});

Deno.test("feature job: numeric strings for paging, a filter with null definition is no filter", () => {
  const job = QslJobInfo.parse({
    id: "1",
    type: "QslJobInfoFeature",
    job: {
      queries: [{ layers: [], filter: { definition: null } }],
      start_index: "5",
      count: "10",
    },
  });
  assert.ok(job.type === "QslJobInfoFeature");
  assert.equal(job.job.start_index, 5);
  assert.equal(job.job.count, 10);
  assert.equal(job.job.queries[0].filter, null);
});

Deno.test("parseJobInfo refuses JSON nested deeper than MAX_JSON_DEPTH before parsing it", () => {
  const deep = (n: number) =>
    JSON.stringify({ id: "1", type: "QslJobInfoLegend", job: { layers: [] } })
      .replace(
        '"layers":[]',
        `"x":${"[".repeat(n)}${"]".repeat(n)},"layers":[]`,
      );
  // two levels are the envelope and its job
  assert.equal(parseJobInfo(deep(MAX_JSON_DEPTH - 2)).type, "QslJobInfoLegend");
  assert.throws(
    () => parseJobInfo(deep(MAX_JSON_DEPTH)),
    (e: Error) =>
      e instanceof WireFormatError &&
      e.message ===
        `Cannot parse job: its JSON nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`,
  );
  // brackets in strings, escaped quotes included, are text
  const quoted = JSON.stringify({
    id: "[".repeat(600) + '\\"' + "{".repeat(600),
    type: "QslJobInfoLegend",
    job: { layers: [] },
  });
  assert.equal(parseJobInfo(quoted).type, "QslJobInfoLegend");
  assert.equal(jsonNestsDeeperThan("[[[]]]", 3), false);
  assert.equal(jsonNestsDeeperThan("[[[[]]]]", 3), true);
});

Deno.test("numbers are JSON numbers or numeric text; booleans, arrays and objects are refused, not coerced", () => {
  const render = (width: unknown) => ({
    id: "1",
    type: "QslJobInfoRender",
    job: { layers: [], bbox: "0,0,10,10", crs: "EPSG:2056", width, height: 5 },
  });
  // WMS parameters come as text, as the Python project's clients send them
  for (const width of [256, "256", " 256 "]) {
    const info = parseJobInfo(render(width));
    assert.equal((info.job as { width: number }).width, 256);
  }
  // before: true was read as 1 (a map 1 px wide), [300] as 300
  for (const width of [true, [300], { a: 1 }, "", "abc"]) {
    assert.throws(
      () => parseJobInfo(render(width)),
      (e: Error) =>
        e instanceof WireFormatError &&
        /^Cannot parse job: job\.width: /.test(e.message),
      JSON.stringify(width),
    );
  }
  const legend = parseJobInfo({
    id: "2",
    type: "QslJobInfoLegend",
    job: { layers: [], dpi: null, scale: "1000" },
  }).job as { dpi: number; scale: number };
  assert.equal(legend.dpi, 91);
  assert.equal(legend.scale, 1000);
});
