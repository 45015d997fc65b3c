import assert from "node:assert/strict";
import { type InfoField, listFieldValue } from "./feature_info_fields.ts";

const field = (type: string): InfoField => ({
  name: "l",
  displayName: "l",
  type,
  widget: "",
  config: { options: {}, valueMap: [] },
});

Deno.test("list fields: the items of OGR's list types", () => {
  assert.deepEqual(listFieldValue("47.5, 7.25", field("RealList")), [
    47.5,
    7.25,
  ]);
  assert.deepEqual(listFieldValue("1, 2", field("IntegerList")), [1, 2]);
  assert.deepEqual(listFieldValue("a, b", field("StringList")), ["a", "b"]);
  assert.deepEqual(listFieldValue("", field("StringList")), []);
  assert.equal(listFieldValue(null, field("RealList")), undefined);
  assert.equal(listFieldValue("47.5, 7.25", field("String")), undefined);
});
