import assert from "node:assert/strict";
import type { Symbol } from "../style/model.ts";
import { collapsedSizeLegend } from "./size_legend.ts";
import type { SizeLegendEntry } from "./entries.ts";

const marker: Symbol = {
  type: "marker",
  alpha: 1,
  clipToExtent: true,
  layers: [],
};

function entry(valign: "bottom" | "center"): SizeLegendEntry {
  return {
    kind: "sizeLegend",
    label: "",
    level: 0,
    symbol: marker,
    lineSymbol: marker,
    // not sorted: the largest is drawn first
    classes: [
      { size: 8.73333764609373, label: "20" },
      { size: 15, label: "59" },
      { size: 12.350804543889275, label: "40" },
    ],
    sizeUnit: "MM",
    valign,
    textAlignment: 1,
  };
}

// QGIS 3.22's label font metrics at 91 dpi: 12 pt, 15 px, DejaVu Sans
const font = {
  ascent: 14,
  height: 18,
  leading: -1,
  boundingWidth: (t: string) => (t === "40" ? 19 : 18),
  advance: () => 19.0625,
};

Deno.test("collapsedSizeLegend: QGIS 3.22's size and label offset (drawCollapsedLegend, measured at 91 dpi)", () => {
  const dpm = 91 / 25.4;
  const l = collapsedSizeLegend(entry("bottom"), font, dpm);
  // QgsDataDefinedSizeLegend::drawCollapsedLegend's outputs in QGIS 3.22
  assert.ok(Math.abs(l.width - 84.48818897637796) < 1e-9, String(l.width));
  assert.ok(Math.abs(l.height - 62.74015748031496) < 1e-9, String(l.height));
  assert.ok(Math.abs(l.labelXOffset - 64.48818897637796) < 1e-9);
  // largest first; labels a line (height + leading) apart at least
  assert.deepEqual(l.labels.map((x) => x.text), ["59", "40", "20"]);
  assert.deepEqual(l.labels.map((x) => x.top), [0, 17, 34]);
  assert.deepEqual(l.markers.map((m) => m.size), [
    15,
    12.350804543889275,
    8.73333764609373,
  ]);
});

Deno.test("collapsedSizeLegend: centred markers, each in a box of whole pixels from its corner", () => {
  const l = collapsedSizeLegend(entry("center"), font, 4);
  // the largest (60 px) from the top, below the first label's half height
  assert.deepEqual([l.markers[0].x, l.markers[0].y], [30, 39]);
  // the 49.4 px one: corner (5.298…, 14.298…), a 49 px box, centre + 24
  const m = l.markers[1];
  assert.ok(Math.abs(m.x - ((60 - 49.403218175557) / 2 + 24)) < 1e-9);
  assert.ok(Math.abs(m.y - ((60 - 49.403218175557) / 2 + 9 + 24)) < 1e-9);
});
