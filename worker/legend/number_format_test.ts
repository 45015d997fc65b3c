import assert from "node:assert/strict";
import {
  DEFAULT_NUMERIC_FORMAT as D,
  formatBasic,
  qtGeneral,
  qtNumber,
} from "./number_format.ts";

Deno.test("qtNumber: QString::number, six significant digits", () => {
  for (
    const [v, text] of [
      [0, "0"],
      [625, "625"],
      [2.5, "2.5"],
      [523.456789, "523.457"],
      [999999, "999999"],
      [1234567, "1.23457e+06"],
      [-1234567, "-1.23457e+06"],
      [0.0001, "0.0001"],
      [0.00001234, "1.234e-05"],
      [1e21, "1e+21"],
    ] as const
  ) assert.equal(qtNumber(v), text, String(v));
});

Deno.test("qtGeneral: Qt's shortest form as Qt 5.15 writes it (qt_shortest.json)", () => {
  // made by testdata/make_qt_shortest.py: 20 is "20" and 1e6 "1e+06"
  const cases = JSON.parse(
    Deno.readTextFileSync(
      new URL("./testdata/qt_shortest.json", import.meta.url),
    ),
  ) as [number, string][];
  for (const [v, text] of cases) assert.equal(qtGeneral(v), text, String(v));
});

Deno.test("formatBasic: QgsBasicNumericFormat's defaults, separators and options", () => {
  assert.equal(formatBasic(14086200, D), "14,086,200");
  assert.equal(formatBasic(1.0501709, D), "1.050171");
  assert.equal(formatBasic(0, D), "0");
  assert.equal(formatBasic(-1234.5, D), "-1,234.5");
  assert.equal(formatBasic(999, D), "999");
  assert.equal(
    formatBasic(1234.5, { ...D, decimals: 2, showTrailingZeros: true }),
    "1,234.50",
  );
  assert.equal(
    formatBasic(1234.5, {
      ...D,
      thousandsSeparator: " ",
      decimalSeparator: ",",
    }),
    "1 234,5",
  );
  assert.equal(formatBasic(5, { ...D, showPlus: true }), "+5");
  assert.equal(
    formatBasic(123456, { ...D, roundingType: 1, decimals: 2 }),
    "120,000",
  );
  assert.equal(
    formatBasic(1234567, { ...D, showThousandsSeparator: false }),
    "1234567",
  );
});
