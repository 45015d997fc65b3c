import assert from "node:assert/strict";
import { parseGdalJson } from "./apps.ts";

Deno.test("parseGdalJson reads GDAL's bare nan/inf tokens as null and leaves strings alone", () => {
  assert.deepEqual(
    parseGdalJson(
      '{"geoTransform":[nan,-inf, inf,1e3],"name":"nan, inf","d":"\\"nan"}',
    ),
    { geoTransform: [null, null, null, 1000], name: "nan, inf", d: '"nan' },
  );
  assert.throws(() => parseGdalJson("{nan"), SyntaxError);
});
