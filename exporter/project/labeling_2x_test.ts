import assert from "node:assert/strict";
import { DOMParser } from "@xmldom/xmldom";
import { readLabeling } from "../../worker/labels/settings.ts";
import { hasLabeling2x, labelingFrom2x } from "./labeling_2x.ts";

// The labeling/* custom properties of QGIS-Sample-Data's relations.qgs
// (QGIS 2.2), airports layer (the ones that matter).
const AIRPORTS: Record<string, string> = {
  labeling: "pal",
  "labeling/enabled": "true",
  "labeling/fieldName": "NAME",
  "labeling/isExpression": "false",
  "labeling/fontFamily": "Sans Serif",
  "labeling/fontSize": "9",
  "labeling/fontSizeInMapUnits": "false",
  "labeling/fontWeight": "50",
  "labeling/fontItalic": "false",
  "labeling/textColorR": "255",
  "labeling/textColorG": "0",
  "labeling/textColorB": "0",
  "labeling/textColorA": "255",
  "labeling/textTransp": "0",
  "labeling/bufferDraw": "true",
  "labeling/bufferSize": "1",
  "labeling/bufferSizeInMapUnits": "false",
  "labeling/bufferColorR": "255",
  "labeling/bufferColorG": "255",
  "labeling/bufferColorB": "255",
  "labeling/bufferTransp": "0",
  "labeling/placement": "0",
  "labeling/placementFlags": "0",
  "labeling/dist": "1",
  "labeling/distInMapUnits": "false",
  "labeling/labelOffsetInMapUnits": "true",
  "labeling/quadOffset": "4",
  "labeling/priority": "5",
  "labeling/obstacle": "true",
  "labeling/displayAll": "false",
  "labeling/scaleVisibility": "false",
  "labeling/scaleMin": "1",
  "labeling/scaleMax": "10000000",
  "labeling/multilineAlign": "0",
};

Deno.test("QGIS 2.x labelling is recognised only when enabled on 'pal'", () => {
  assert.equal(hasLabeling2x(AIRPORTS), true);
  assert.equal(
    hasLabeling2x({ ...AIRPORTS, "labeling/enabled": "false" }),
    false,
  );
  assert.equal(hasLabeling2x({ ...AIRPORTS, labeling: "" }), false);
  assert.equal(hasLabeling2x({}), false);
});

Deno.test("QGIS 2.x labelling becomes the settings QGIS 3 reads from it", () => {
  const xml = `<qgis labelsEnabled="1">${labelingFrom2x(AIRPORTS)}</qgis>`;
  const root = new DOMParser().parseFromString(xml, "text/xml")
    .documentElement!;
  const labeling = readLabeling(
    root as unknown as Parameters<typeof readLabeling>[0],
  );
  assert.equal(labeling?.type, "simple");
  const s = labeling!.type === "simple" ? labeling!.settings : null;
  assert.ok(s);
  assert.equal(s.fieldName, "NAME");
  assert.equal(s.isExpression, false);
  assert.equal(s.format.family, "Sans Serif");
  assert.equal(s.format.size, 9);
  assert.equal(s.format.sizeUnit, "Point");
  assert.deepEqual([...s.format.color], [255, 0, 0, 255]);
  assert.equal(s.format.opacity, 1);
  assert.equal(s.format.bold, false);
  assert.equal(s.format.buffer.enabled, true);
  assert.equal(s.format.buffer.size, 1);
  assert.equal(s.format.buffer.unit, "MM");
  assert.deepEqual([...s.format.buffer.color], [255, 255, 255, 255]);
  assert.equal(s.placement, 0);
  assert.equal(s.dist, 1);
  assert.equal(s.distUnit, "MM");
  assert.equal(s.offsetUnit, "MapUnit");
  assert.equal(s.quadOffset, 4);
  assert.equal(s.obstacle, true);
  assert.equal(s.displayAll, false);
  assert.equal(s.scaleVisibility, false);
  assert.equal(s.multilineAlign, 0);
});

Deno.test("QGIS 2.x units, transparency and colours", () => {
  const xml = `<qgis>${
    labelingFrom2x({
      ...AIRPORTS,
      "labeling/fontSizeInMapUnits": "true",
      "labeling/textTransp": "25",
      "labeling/bufferSizeInMapUnits": "true",
      "labeling/bufferTransp": "50",
      "labeling/fontWeight": "75",
      "labeling/fieldName": "concat(\"a\", '<&>')",
      "labeling/isExpression": "true",
    })
  }</qgis>`;
  const root = new DOMParser().parseFromString(xml, "text/xml")
    .documentElement!;
  const labeling = readLabeling(
    root as unknown as Parameters<typeof readLabeling>[0],
  )!;
  const s = labeling.type === "simple" ? labeling.settings : null;
  assert.ok(s);
  assert.equal(s.fieldName, "concat(\"a\", '<&>')");
  assert.equal(s.isExpression, true);
  assert.equal(s.format.sizeUnit, "MapUnit");
  assert.equal(s.format.opacity, 0.75);
  assert.equal(s.format.bold, true);
  assert.equal(s.format.buffer.unit, "MapUnit");
  assert.equal(s.format.buffer.opacity, 0.5);
});
