import assert from "node:assert/strict";
import { parseDate, parseOgrDate } from "./dates.ts";

Deno.test("parseDate: exact milliseconds, or as QGIS reads them from OGR", () => {
  const at = (text: string, float = false) =>
    (parseDate(text, float) as Date).getUTCMilliseconds();
  assert.equal(at("2025-03-06T12:41:57.348Z"), 348);
  // OGR's float seconds: 57.348 is 57.3479995…, truncated to 347
  assert.equal(at("2025-03-06T12:41:57.348Z", true), 347);
  assert.equal(at("2025-03-06T12:40:22.857Z", true), 857);
  assert.equal(at("2020-01-01T00:00:59.999Z", true), 999);
  assert.equal(at("2020-01-01T00:00:01.5Z", true), 500);
  assert.equal(parseDate("soon", true), "soon");
});

Deno.test("parseOgrDate: a day that is no calendar day is null, as QDate", () => {
  assert.equal(parseOgrDate("0000/00/00"), null);
  assert.equal(parseOgrDate("2021/02/29"), null);
  assert.equal(parseOgrDate("2021/13/01 10:00:00"), null);
  assert.equal((parseOgrDate("2020/02/29") as Date).getDate(), 29);
  assert.equal(parseOgrDate("soon"), "soon");
});
