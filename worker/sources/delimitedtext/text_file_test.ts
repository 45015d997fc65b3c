import { assertEquals, assertThrows } from "../_assert.ts";
import {
  DEFAULT_FORMAT,
  fieldIndex,
  fieldNames,
  MAX_FIELDS,
  readRecords,
} from "./text_file.ts";

Deno.test("text file: quotes, escapes, lines and record ids", () => {
  const r = readRecords(
    'a,b\r\n"x, ""y""",2\r\n\r\n"multi\r\nline",3\r\nbad"q,4\r\n5,\r\n',
    DEFAULT_FORMAT,
  );
  assertEquals(r.names, ["a", "b"]);
  assertEquals(r.records, [
    { line: 2, fields: ['x, "y"', "2"] },
    { line: 4, fields: ["multi\nline", "3"] },
    { line: 7, fields: ["5"] },
  ]);
  assertEquals(r.invalid.length, 1);
});

Deno.test("text file: tab delimiter, no header, skipped lines, max fields", () => {
  const r = readRecords("junk\n1\t2\t3\n4\t5\t6\t7\n", {
    ...DEFAULT_FORMAT,
    delimiter: "\\t",
    useHeader: false,
    skipLines: 1,
    maxFields: 3,
  });
  assertEquals(r.names, ["field_1", "field_2", "field_3"]);
  assertEquals(r.records.map((x) => x.fields), [["1", "2", "3"], [
    "4",
    "5",
    "6",
  ]]);
});

Deno.test("text file: an unclosed quote at the end is an invalid record", () => {
  const r = readRecords('a\n"open\nstill open', DEFAULT_FORMAT);
  assertEquals(r.records, []);
  assertEquals(r.invalid, [2]);
});

Deno.test("text file: bad delimiters fail with SyntaxError", () => {
  assertThrows(
    () => readRecords("a", { ...DEFAULT_FORMAT, delimiter: "" }),
    SyntaxError,
  );
  assertThrows(
    () =>
      readRecords("a", { ...DEFAULT_FORMAT, type: "regexp", delimiter: "(" }),
    SyntaxError,
  );
  assertThrows(
    () =>
      readRecords("a", { ...DEFAULT_FORMAT, type: "regexp", delimiter: "^a" }),
    SyntaxError,
  );
});

Deno.test("text file: field names and lookups", () => {
  assertEquals(fieldNames(["x", "X", " field_2 ", "x_1"], 0), [
    "x",
    "X_2",
    "field_2_1",
    "x_1",
  ]);
  assertEquals(fieldIndex(["Lon", "Lat"], "LAT"), 1);
  assertEquals(fieldIndex(["Lon"], "height"), -1);
});

Deno.test("text file: hostile files and patterns are refused with the reason", () => {
  // a record wider than MAX_FIELDS (a line of commas made millions)
  assertEquals(
    assertThrows(
      () => readRecords("a,".repeat(MAX_FIELDS) + "a\n", DEFAULT_FORMAT),
      RangeError,
    ).message,
    `Cannot read delimited text: a record has more than ${MAX_FIELDS} fields`,
  );
  // what V8's linear engine cannot run
  for (
    const [delimiter, what] of [
      ["(a*)*\\1", "a backreference"],
      ["(?<x>a)\\k<x>", "a backreference"],
      ["a(?=b)", "a lookaround"],
      ["(?<!b)a", "a lookaround"],
    ]
  ) {
    const e = assertThrows(
      () =>
        readRecords("a\n", { ...DEFAULT_FORMAT, type: "regexp", delimiter }),
      SyntaxError,
    );
    assertEquals(
      e.message,
      `Cannot read delimited text: the delimiter '${delimiter}' uses ${what}, which is not supported`,
    );
  }
  // an escaped backslash before a digit is no backreference
  assertEquals(
    readRecords("x\\1y\n", {
      ...DEFAULT_FORMAT,
      type: "regexp",
      delimiter: "\\\\1",
      useHeader: false,
    }).records[0].fields,
    ["x", "y"],
  );
  // many equal names get their suffixes in order (linear, not quadratic)
  const names = fieldNames(Array.from({ length: 5_000 }, () => "a"), 0);
  assertEquals(names.slice(0, 3), ["a", "a_1", "a_2"]);
  assertEquals(names[4_999], "a_4999");
  assertEquals(fieldNames(["a", "a", "a_1", "A"], 0), [
    "a",
    "a_2",
    "a_1",
    "A_3",
  ]);
});
