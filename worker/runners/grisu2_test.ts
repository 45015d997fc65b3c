import assert from "node:assert/strict";
import { grisu2 } from "./grisu2.ts";
import { jsonDouble } from "./feature_info_format.ts";

// QGIS 3.22.16's QgsJsonExporter::exportFeature (nlohmann::json) on these
// doubles; the first four are longer than the shortest form that reads back
const QGIS: [number, string][] = [
  [17.2516122245879, "17.251612224587898"],
  [-161.92701443192, "-161.92701443192001"],
  [69.63232, "69.63232000000001"],
  [-3.8454488, "-3.8454487999999998"],
  [48.2846198779275, "48.2846198779275"],
  [0.1, "0.1"],
  [1, "1.0"],
  [1e-7, "1e-07"],
  [9007199254740992, "9.007199254740992e+15"],
  [5e-324, "5e-324"],
  [1.7976931348623157e308, "1.7976931348623157e+308"],
  [2.2250738585072014e-308, "2.2250738585072014e-308"],
];

Deno.test("grisu2: nlohmann::json's digits, not always the shortest", () => {
  for (const [v, want] of QGIS) assert.equal(jsonDouble(v), want, String(v));
  assert.deepEqual(grisu2(17.2516122245879), {
    digits: "17251612224587898",
    exponent: -15,
  });
});

Deno.test("grisu2: every digit string reads back", () => {
  const view = new DataView(new ArrayBuffer(8));
  let seed = 12345;
  for (let i = 0; i < 2000; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    view.setUint32(0, seed * 2 % 2 ** 31);
    view.setUint32(4, (seed * 7919) % 2 ** 32);
    const v = view.getFloat64(0);
    if (!Number.isFinite(v) || v === 0) continue;
    const { digits, exponent } = grisu2(v);
    assert.equal(Number(`${digits}e${exponent}`), Math.abs(v));
  }
});
