import { assertEquals } from "./_assert.ts";
import { DOMParser } from "@xmldom/xmldom";
import { balloonRing } from "./balloon.ts";
import { readCallout } from "./callout.ts";

const label = { x: 10, y: 0, w: 20, h: 10, angle: 0 };
const flat = {
  margins: [0, 0, 0, 0] as [number, number, number, number],
  wedgeWidth: 4,
  cornerRadius: 0,
  offsetFromAnchor: 0,
};

Deno.test("balloonRing: the box (y down) with a wedge to the point", () => {
  // the point below-left of the box: the bottom side is nearest (its
  // corner, tied with the left side, goes to the side the tip faces)
  const ring = balloonRing(
    label,
    { kind: "point", points: [[0, -20]] },
    "pole_of_inaccessibility",
    flat,
  );
  assertEquals(
    ring,
    [10, 0, 10, 0, 0, 20, 14, 0, 30, 0, 30, -10, 10, -10, 10, 0, 10, 0],
  );
  // a point right of the box: the wedge leaves the right side, from the
  // nearest point upwards (the side runs bottom to top)
  const right = balloonRing(
    label,
    { kind: "point", points: [[40, 5]] },
    "pole_of_inaccessibility",
    flat,
  );
  assertEquals(right.slice(4, 12), [30, -5, 40, -5, 30, -9, 30, -10]);
});

Deno.test("balloonRing: no wedge when the label meets the feature", () => {
  const ring = balloonRing(
    label,
    { kind: "point", points: [[15, 5]] },
    "pole_of_inaccessibility",
    flat,
  );
  assertEquals(ring.length, 2 * 6);
  assertEquals(ring.slice(0, 4), [10, 0, 30, 0]);
});

Deno.test("balloonRing: margins grow the box, radius rounds by half", () => {
  const ring = balloonRing(label, null, "centroid", {
    ...flat,
    margins: [1, 2, 3, 4],
    cornerRadius: 4,
  });
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let i = 0; i < ring.length; i += 2) {
    x0 = Math.min(x0, ring[i]), x1 = Math.max(x1, ring[i]);
    y0 = Math.min(y0, ring[i + 1]), y1 = Math.max(y1, ring[i + 1]);
  }
  assertEquals([x0, y0, x1, y1], [9, -12, 33, 4]);
  // the box's corner is cut by a quarter circle of radius 2 in its 4 × 4
  // square: the point at 45° lies 2 - √2 from both sides
  const near = (x: number, y: number) => {
    for (let i = 0; i < ring.length; i += 2) {
      if (Math.hypot(ring[i] - x, ring[i + 1] - y) < 1e-9) return true;
    }
    return false;
  };
  assertEquals(near(33 - 2 + Math.SQRT2, 4 - 2 + Math.SQRT2), true);
  assertEquals(near(33, 4), false);
});

Deno.test("balloonRing: margins that leave no box draw nothing", () => {
  assertEquals(
    balloonRing(label, null, "centroid", { ...flat, margins: [-20, 0, 0, 0] }),
    [],
  );
});

Deno.test("readCallout: a balloon's margins, wedge and radius", () => {
  const doc = new DOMParser().parseFromString(
    '<settings><callout type="balloon"><Option type="Map">' +
      '<Option name="enabled" value="1"/>' +
      '<Option name="margins" value="1,0.5,1.5,0.8"/>' +
      '<Option name="marginsUnit" value="Pixel"/>' +
      '<Option name="cornerRadius" value="1.5"/>' +
      "</Option></callout></settings>",
    "text/xml",
  );
  const c = readCallout(doc.documentElement!)!;
  assertEquals(c.type, "balloon");
  assertEquals(c.margins, [1, 0.5, 1.5, 0.8]);
  assertEquals(c.marginsUnit, "Pixel");
  assertEquals(c.wedgeWidth, 2.64);
  assertEquals(c.cornerRadius, 1.5);
  // QgsMargins::fromString reads nothing else
  const bad = new DOMParser().parseFromString(
    '<settings><callout type="balloon"><Option type="Map">' +
      '<Option name="margins" value="1,x,2,3"/></Option></callout></settings>',
    "text/xml",
  );
  assertEquals(readCallout(bad.documentElement!)!.margins, [0, 0, 0, 0]);
});
