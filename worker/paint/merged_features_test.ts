import assert from "node:assert/strict";
import type { Feature } from "../geometry/types.ts";
import type { Symbol } from "../style/model.ts";
import { loadGeos } from "../geos/geos.ts";
import { mergedFeatures } from "./merged_features.ts";

const symbol = (name: string): Symbol => ({
  type: "line",
  alpha: 1,
  clipToExtent: true,
  layers: [{
    className: "SimpleLine",
    enabled: true,
    pass: 0,
    props: { name },
    dataDefined: {},
    subSymbol: null,
  }],
});

const line = (id: number, kind: string, ...xy: number[]): Feature => ({
  id,
  attributes: { kind },
  geometry: { kind: "line", parts: [[new Float64Array(xy)]] },
});

Deno.test("mergedFeatures: pieces drawn with the same symbols unioned and merged into one feature, the first one's attributes", async () => {
  await loadGeos();
  const road = symbol("road"), path = symbol("path");
  const pick = (f: Feature) =>
    f.attributes.kind === "road"
      ? [road]
      : f.attributes.kind === "path"
      ? [path]
      : [];
  const out = mergedFeatures(pick, [
    line(1, "road", 0, 0, 10, 0),
    line(2, "path", 0, 5, 10, 5),
    line(3, "road", 10, 0, 20, 10),
    line(4, "none", 0, 9, 9, 9),
    { id: 5, attributes: { kind: "road" }, geometry: null },
  ], () => {});
  assert.equal(out.length, 2, "one feature per group of symbols");
  assert.deepEqual(out.map((f) => f.id), [1, 2], "first appearance order");
  const merged = out[0].geometry!;
  assert.equal(merged.kind, "line");
  assert.equal(merged.parts.length, 1, "the two road pieces one line");
  assert.deepEqual(Array.from(merged.parts[0][0]), [0, 0, 10, 0, 20, 10]);
});
