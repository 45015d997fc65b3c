import { assert, assertEquals } from "../_assert.ts";
import {
  clearWholeLayers,
  getWholeLayer,
  setWholeLayer,
  WHOLE_LAYER_MAX_BYTES,
  WHOLE_LAYER_MAX_ENTRY,
  wholeLayerStats,
} from "./_layer_cache.ts";
import type { OpenDataset } from "../../gdal/dataset_cache.ts";

function dataset(n: number): OpenDataset {
  return {
    pointer: n,
    path: `qsl${n}`,
    gdalPath: `/qsl/root0/f${n}.geojson`,
    layerNames: ["l"],
    layers: new Map(),
  };
}

Deno.test("kept whole reads: per dataset and statement, copied, bounded by bytes", () => {
  clearWholeLayers();
  const a = dataset(1), b = dataset(2);
  const bytes = new Uint8Array([1, 2, 3]);
  assertEquals(getWholeLayer(a, "s"), undefined);
  setWholeLayer(a, "s", bytes);
  bytes[0] = 9; // the kept read is a copy
  assertEquals(getWholeLayer(a, "s"), new Uint8Array([1, 2, 3]));
  // another dataset (a replaced file is opened anew) or statement: nothing
  assertEquals(getWholeLayer(b, "s"), undefined);
  assertEquals(getWholeLayer(a, "t"), undefined);
  // a read over the entry bound is refused: the layer goes through GDAL
  const refused = wholeLayerStats.refused;
  setWholeLayer(a, "big", new Uint8Array(WHOLE_LAYER_MAX_ENTRY + 1));
  assertEquals(getWholeLayer(a, "big"), null);
  assertEquals(wholeLayerStats.refused, refused + 1);
  // the least recently used go first once the bytes are over the bound
  const n = Math.ceil(WHOLE_LAYER_MAX_BYTES / WHOLE_LAYER_MAX_ENTRY) + 2;
  for (let i = 0; i < n; i++) {
    setWholeLayer(b, `s${i}`, new Uint8Array(WHOLE_LAYER_MAX_ENTRY));
    getWholeLayer(a, "s"); // kept in use
  }
  assertEquals(getWholeLayer(b, "s0"), undefined);
  assert(getWholeLayer(b, `s${n - 1}`) instanceof Uint8Array);
  assertEquals(getWholeLayer(a, "s"), new Uint8Array([1, 2, 3]));
  let kept = 0;
  for (let i = 0; i < n; i++) if (getWholeLayer(b, `s${i}`)) kept++;
  assert(kept * WHOLE_LAYER_MAX_ENTRY <= WHOLE_LAYER_MAX_BYTES, `${kept}`);
  clearWholeLayers();
  assertEquals(getWholeLayer(a, "s"), undefined);
});
