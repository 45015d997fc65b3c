import assert from "node:assert/strict";
import { pythonTitle, sanitizeName } from "./sanitize.ts";

Deno.test("sanitizeName follows the Python exporter's steps", () => {
  assert.equal(sanitizeName("Land use", true), "land_use");
  assert.equal(sanitizeName("Grüne Zone & Co."), "Grune_Zone_Co");
  assert.equal(sanitizeName("__a  b__"), "a_b");
  assert.equal(sanitizeName("-.x.-"), "x");
  assert.equal(sanitizeName("2024 data"), "_2024_data");
  assert.equal(sanitizeName(""), "_");
  assert.equal(sanitizeName("日本"), "_");
  assert.equal(sanitizeName("Ærø"), "r");
  assert.equal(sanitizeName("a.b-c_d"), "a.b-c_d");
});

Deno.test("pythonTitle matches str.title()", () => {
  assert.equal(pythonTitle("area_ha"), "Area_Ha");
  assert.equal(pythonTitle("fid"), "Fid");
  assert.equal(pythonTitle("x2y"), "X2Y");
  assert.equal(pythonTitle("ALL CAPS"), "All Caps");
});
