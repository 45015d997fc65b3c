import { assert } from "./_test_util.ts";
import { qtStrokeOutline } from "./qt_stroker.ts";

const round = (c: number[]) => c.map((v) => Math.round(v * 1e6) / 1e6);

Deno.test("qtStrokeOutline: an open line is one contour, out one side and back the other, with its caps", () => {
  const flat = qtStrokeOutline([0, 5, 10, 5], {
    width: 2,
    cap: "flat",
    join: "bevel",
  });
  assert(
    JSON.stringify(flat.map(round)) === "[[0,4,10,4,10,6,0,6,0,4]]",
    JSON.stringify(flat),
  );
  const square = qtStrokeOutline([0, 5, 10, 5], {
    width: 2,
    cap: "square",
    join: "bevel",
  });
  assert(
    JSON.stringify(square.map(round)) ===
      "[[0,4,10,4,11,4,11,6,10,6,0,6,-1,6,-1,4,0,4]]",
    JSON.stringify(square),
  );
});

Deno.test("qtStrokeOutline: on the inner side of a turn the outline runs through the vertex", () => {
  // a right angle turning down (y grows downwards): the inner side is the
  // second (backward) one
  const [c] = qtStrokeOutline([0, 0, 10, 0, 10, 10], {
    width: 2,
    cap: "flat",
    join: "bevel",
  });
  const pts = round(c).join(",");
  // as QPainterPathStroker gives it: the outer side bevelled (10,-1 to
  // 11,0); the inner side runs on to (9,0), back through the vertex (10,0)
  // and out to (10,1)
  assert(pts === "0,-1,10,-1,11,0,11,10,9,10,9,0,10,0,10,1,0,1,0,-1", pts);
});

Deno.test("qtStrokeOutline: a closed ring is two contours (both sides), no caps", () => {
  const outline = qtStrokeOutline([0, 0, 10, 0, 10, 10, 0, 10, 0, 0], {
    width: 2,
    cap: "square",
    join: "miter",
  });
  assert(outline.length === 2, `${outline.length} contours`);
  const xs = outline.flatMap((c) => c.filter((_, i) => i % 2 === 0));
  // mitred corners reach 1 px out, square caps would reach 1 px along
  assert(Math.min(...xs) === -1 && Math.max(...xs) === 11, `${xs}`);
});

Deno.test("qtStrokeOutline: a miter longer than the width times the limit is cut", () => {
  // a spike of 2 × 5° at (50,20), 4 px wide: the miter would reach 23 px up
  const a = 5 * Math.PI / 180;
  const line = [
    50 - 40 * Math.sin(a),
    20 + 40 * Math.cos(a),
    50,
    20,
    50 + 40 * Math.sin(a),
    20 + 40 * Math.cos(a),
  ];
  const [c] = qtStrokeOutline(line, { width: 4, cap: "flat", join: "miter" });
  const top = Math.min(...c.filter((_, i) => i % 2 === 1));
  // Qt runs both sides on by 8 px (2 × 4) and cuts across: its render's
  // top row is 11
  assert(top > 11 && top < 12, `top ${top}`);
});
