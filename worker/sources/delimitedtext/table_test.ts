import { assertEquals } from "../_assert.ts";
import type { AttributeValue } from "../../geometry/types.ts";
import { geometryToWkt } from "../../expression/mod.ts";
import {
  buildTable,
  detectType,
  parseCsvt,
  toDouble,
  toInteger,
} from "./table.ts";
import { readRecords } from "./text_file.ts";
import { parseDelimitedTextUri } from "./uri.ts";

/** What QGIS 3.22 read from each case (tests/parity/text/make_reads.py). */
interface QgisRead {
  name: string;
  query: string;
  text: string;
  csvt: string | null;
  valid: boolean;
  fields?: [string, string][];
  wkbType?: string;
  features?: { id: number; attributes: unknown[]; wkt: string | null }[];
}

const reads: QgisRead[] = JSON.parse(
  await Deno.readTextFile(
    new URL("./testdata/qgis_reads.json", import.meta.url),
  ),
);

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** A value as the fixture writes it (dates as local ISO text, NaN/inf as strings). */
function asFixture(v: AttributeValue): unknown {
  if (v instanceof Date) {
    const date = `${v.getFullYear()}-${pad(v.getMonth() + 1)}-${
      pad(v.getDate())
    }`;
    const time = `${pad(v.getHours())}:${pad(v.getMinutes())}:${
      pad(v.getSeconds())
    }`;
    return time === "00:00:00" ? date : `${date}T${time}`;
  }
  return v;
}

/** QGIS's WKT (asWkt(6)) and ours, compared by kind and coordinates. */
function coords(wkt: string | null): number[] | null {
  return wkt === null
    ? null
    : [...wkt.matchAll(/-?[\d.]+(?:e[+-]?\d+)?/gi)].map((m) =>
      // QGIS's WKT has 6 decimals.
      Math.round(Number(m[0]) * 1e6) / 1e6
    );
}

for (const read of reads) {
  Deno.test(`delimitedtext reads as QGIS 3.22: ${read.name}`, () => {
    const layer = {
      id: read.name,
      name: read.name,
      source: JSON.stringify({
        path: `${read.name}.csv`,
        open_options: read.query.split("&"),
      }),
    };
    const uri = parseDelimitedTextUri(layer);
    const table = buildTable(
      readRecords(read.text, uri.format),
      uri.table,
      read.csvt === null ? null : parseCsvt(read.csvt),
    );
    assertEquals(read.valid, true);
    assertEquals(
      table.fields.map((f, i) => [f.name, table.types[i]]),
      read.fields,
    );
    let rows = table.rows;
    if (uri.subset !== null) {
      // The subset case: v > 1 AND name LIKE '%b%' (evaluated in provider_test).
      rows = rows.filter((r) =>
        (r.values[3] as number) > 1 && String(r.values[0]).includes("b")
      );
    }
    assertEquals(rows.map((r) => r.id), read.features!.map((f) => f.id));
    rows.forEach((row, i) => {
      const expected = read.features![i];
      const ours = row.values.map(asFixture).map((v) =>
        typeof v === "number" && !Number.isFinite(v) ? String(v) : v
      );
      const theirs = expected.attributes.map((v) =>
        typeof v === "number" && !Number.isFinite(v) ? String(v) : v
      );
      assertEquals(ours, theirs, `${read.name} row ${row.id}`);
      const wkt = row.geometry ? geometryToWkt(row.geometry) : null;
      assertEquals(
        coords(wkt),
        coords(expected.wkt),
        `${read.name} row ${row.id} geometry`,
      );
      if (expected.wkt !== null) {
        assertEquals(row.multi, /^Multi/.test(expected.wkt));
      }
    });
  });
}

Deno.test("delimitedtext numbers and types as Qt reads them", () => {
  assertEquals(toInteger("+7"), 7);
  assertEquals(toInteger("2147483648"), null);
  assertEquals(toInteger("2147483648", true), 2147483648);
  assertEquals(toDouble(" 1e3 "), 1000);
  assertEquals(toDouble("1."), 1);
  assertEquals(toDouble("0x10"), null);
  assertEquals(toDouble("-inf"), -Infinity);
  assertEquals(detectType(["08:15", "23:00:01"], ""), "time");
  assertEquals(
    detectType(["2020-01-02T10:00:00", "2020-01-02 10:00"], ""),
    "datetime",
  );
  assertEquals(detectType(["2020-02-30"], ""), "text");
  assertEquals(detectType([], ""), "text");
});
