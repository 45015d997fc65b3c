import assert from "node:assert/strict";
import { MAX_STYLE_BYTES } from "@qgis-server-light/interface";
import { DEFAULT_MAX_STYLE_BYTES } from "./types.ts";

Deno.test("DEFAULT_MAX_STYLE_BYTES is the interface's MAX_STYLE_BYTES (written out, not imported: see types.ts)", () => {
  assert.equal(DEFAULT_MAX_STYLE_BYTES, MAX_STYLE_BYTES);
});
