import { assertEquals } from "./_assert.ts";
import { calloutLines, type CalloutSettings } from "./callout.ts";

const simple: CalloutSettings = {
  type: "simple",
  enabled: true,
  anchorPoint: "pole_of_inaccessibility",
  labelAnchorPoint: "point_on_exterior",
  lineSymbol: null,
  minLength: 0,
  minLengthUnit: "MM",
  offsetFromAnchor: 0,
  offsetFromAnchorUnit: "MM",
  offsetFromLabel: 0,
  offsetFromLabelUnit: "MM",
  drawToAllParts: false,
  curvature: 0.1,
  orientation: "auto",
  dataDefined: {},
};
const none = { minLength: 0, offsetFromAnchor: 0, offsetFromLabel: 0 };
const label = { x: 10, y: 10, w: 20, h: 5, angle: 0 };

Deno.test("calloutLines: from the label's nearest point to the point", () => {
  const point = {
    kind: "point" as const,
    points: [[0, 0]] as [number, number][],
  };
  assertEquals(calloutLines(simple, label, point, none, false), [[
    10,
    10,
    0,
    0,
  ]]);
  // a point under the label: no line
  const under = {
    kind: "point" as const,
    points: [[15, 12]] as [number, number][],
  };
  assertEquals(calloutLines(simple, label, under, none, false), []);
  // shorter than the minimum length: no line
  assertEquals(
    calloutLines(simple, label, point, { ...none, minLength: 20 }, false),
    [],
  );
});

Deno.test("calloutLines: manhattan goes along y first, offsets trim both ends", () => {
  const point = {
    kind: "point" as const,
    points: [[0, 0]] as [number, number][],
  };
  const manhattan = { ...simple, type: "manhattan", labelAnchorPoint: "bl" };
  assertEquals(calloutLines(manhattan, label, point, none, false), [[
    10,
    10,
    10,
    0,
    0,
    0,
  ]]);
  assertEquals(
    calloutLines(manhattan, label, point, {
      ...none,
      offsetFromLabel: 2,
      offsetFromAnchor: 3,
    }, false),
    [[10, 8, 10, 0, 3, 0]],
  );
});

Deno.test("calloutLines: no line to a polygon the label touches, else to its centroid", () => {
  const square = [[0, 0, 8, 0, 8, 8, 0, 8, 0, 0]];
  const polygon = { kind: "polygon" as const, polygons: [square] };
  const centroid = {
    ...simple,
    anchorPoint: "centroid",
    labelAnchorPoint: "bl",
  };
  assertEquals(calloutLines(centroid, label, polygon, none, false), [[
    10,
    10,
    4,
    4,
  ]]);
  const touching = { ...label, x: 8, y: 8 };
  assertEquals(calloutLines(centroid, touching, polygon, none, false), []);
});

Deno.test("calloutLines: curved callouts bend off the line by their curvature", () => {
  const point = {
    kind: "point" as const,
    points: [[30, 10]] as [number, number][],
  };
  const curved = {
    ...simple,
    type: "curved",
    labelAnchorPoint: "bl",
    curvature: 0.25,
    orientation: "clockwise",
  };
  // from (10, 10) to (30, 10): an arc through a point 5 px off the middle
  const [line] = calloutLines(curved, label, point, none, false);
  assertEquals([line[0], line[1]], [10, 10]);
  assertEquals(line.slice(-2).map(Math.round), [30, 10]);
  const ys = line.filter((_, i) => i % 2 === 1);
  const off = Math.max(...ys.map((y) => Math.abs(y - 10)));
  assertEquals(Math.round(off * 100) / 100, 5);
  // counter-clockwise bends to the other side
  const [other] = calloutLines(
    { ...curved, orientation: "counterclockwise" },
    label,
    point,
    none,
    false,
  );
  const sideOf = (l: number[]) =>
    Math.sign(l[Math.floor(l.length / 4) * 2 + 1] - 10);
  assertEquals(sideOf(line) === -sideOf(other), true);
});
