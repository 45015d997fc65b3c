import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { DOMParser } from "@xmldom/xmldom";
import { type CalloutSettings, readCallout } from "./callout.ts";
import { calloutForFeature } from "./callout_dd.ts";

const settings = (type: string): CalloutSettings => {
  const s = readCallout(
    new DOMParser().parseFromString(
      `<settings><callout type="${type}"><Option type="Map">` +
        '<Option name="margins" type="QString" value="1,2,3,4"/>' +
        '<Option name="minLength" type="double" value="2"/>' +
        "</Option></callout></settings>",
      "text/xml",
    ).documentElement!,
  )!;
  // every property active: what the values below leave is the static
  const dataDefined = Object.fromEntries(
    [
      "MinimumCalloutLength",
      "OffsetFromAnchor",
      "OffsetFromLabel",
      "DrawCalloutToAllParts",
      "AnchorPointPosition",
      "LabelAnchorPointPosition",
      "Curvature",
      "Orientation",
      "Margins",
      "WedgeWidth",
      "CornerRadius",
    ].map((name) => [name, { active: true, expression: "1" }]),
  );
  return { ...s, dataDefined };
};

Deno.test("calloutForFeature: each property replaces its static setting, read as QGIS reads its type", () => {
  const v: Record<string, unknown> = {
    MinimumCalloutLength: "3.5",
    OffsetFromAnchor: 1,
    OffsetFromLabel: true,
    DrawCalloutToAllParts: "false",
    AnchorPointPosition: " Centroid ",
    LabelAnchorPointPosition: "BR",
    Curvature: 25,
    Orientation: "Clockwise",
    Margins: "0.5,1,1.5,2",
    WedgeWidth: "4",
    CornerRadius: 0.75,
  };
  const c = calloutForFeature(settings("balloon"), (name) => v[name]);
  assertEquals(
    [
      c.minLength,
      c.offsetFromAnchor,
      c.offsetFromLabel,
      c.drawToAllParts,
      c.anchorPoint,
      c.labelAnchorPoint,
      c.curvature,
      c.orientation,
      c.margins,
      c.wedgeWidth,
      c.cornerRadius,
    ],
    [
      3.5,
      1,
      1,
      false,
      "centroid",
      "br",
      0.25,
      "clockwise",
      [
        2,
        0.5,
        1,
        1.5,
      ],
      4,
      0.75,
    ],
  );
});

Deno.test("calloutForFeature: NULL and unreadable values keep the static settings; unknown names are the defaults", () => {
  const v: Record<string, unknown> = {
    MinimumCalloutLength: "long",
    OffsetFromLabel: "",
    AnchorPointPosition: "nowhere",
    LabelAnchorPointPosition: "middle",
    Orientation: "sideways",
    Margins: "1,2,3",
    DrawCalloutToAllParts: "yes",
  };
  const c = calloutForFeature(settings("simple"), (name) => v[name]);
  assertEquals(c.minLength, 2, "not a number");
  assertEquals(c.offsetFromLabel, 0, "empty text");
  assertEquals(c.anchorPoint, "pole_of_inaccessibility");
  assertEquals(c.labelAnchorPoint, "point_on_exterior");
  assertEquals(c.orientation, "auto");
  assertEquals(c.margins, [1, 2, 3, 4], "three margins");
  assertEquals(c.drawToAllParts, true, "a text other than 0 / false");
  assertEquals(c.curvature, 0.1, "NULL");
  const list = calloutForFeature(
    settings("balloon"),
    (name) => name === "Margins" ? [1, "2", 3, 4] : undefined,
  );
  assertEquals(list.margins, [4, 1, 2, 3], "an array, top first");
});
