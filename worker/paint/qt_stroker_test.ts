import { assert } from "./_test_util.ts";
import {
  FlatOutline,
  qtStrokeInto,
  qtStrokeOutline,
  turnsPast90,
} from "./qt_stroker.ts";

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

// QLineF::angle / QLineF::angleTo as Qt 5 computes them (the stroker's own
// are private), for the shortcut's reference.
function qtAngleTo(ax: number, ay: number, bx: number, by: number): number {
  const fuzzyCompare = (p: number, q: number) =>
    Math.abs(p - q) * 1e12 <= Math.min(Math.abs(p), Math.abs(q));
  const isNull = (x: number, y: number) =>
    Math.abs(x) <= 1e-12 && Math.abs(y) <= 1e-12;
  const angle = (dx: number, dy: number) => {
    const theta = Math.atan2(-dy, dx) * 360 / (2 * Math.PI);
    const t = theta < 0 ? theta + 360 : theta;
    return fuzzyCompare(t, 360) ? 0 : t;
  };
  if (isNull(ax, ay) || isNull(bx, by)) return 0;
  const d = angle(bx, by) - angle(ax, ay);
  const n = d < 0 ? d + 360 : d;
  return fuzzyCompare(d, 360) ? 0 : n;
}

Deno.test("turnsPast90: answers as QLineF::angleTo > 90 (not fuzzily 90) does, or defers", () => {
  let seed = 12345;
  const rand = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  let answered = 0, cases = 0;
  for (let i = 0; i < 200_000; i++) {
    const scale = 10 ** (rand() * 16 - 10);
    const ax = (rand() - 0.5) * scale, ay = (rand() - 0.5) * scale;
    let bx: number, by: number;
    if (i % 2) {
      // near 0°, 90°, 180°, 270° from a, by tiny angles
      const k = Math.floor(rand() * 4) * (Math.PI / 2);
      const e = (rand() - 0.5) * 10 ** -(rand() * 14);
      const t = Math.atan2(-ay, ax) + k + e;
      const r = 10 ** (rand() * 8 - 4);
      bx = r * Math.cos(t);
      by = -r * Math.sin(t);
    } else {
      bx = (rand() - 0.5) * scale;
      by = (rand() - 0.5) * scale;
    }
    const fast = turnsPast90(ax, ay, bx, by);
    if (i % 2 === 0) cases++;
    if (fast === null) continue;
    if (i % 2 === 0) answered++;
    const angle = qtAngleTo(ax, ay, bx, by);
    const exact = angle > 90 &&
      !(Math.abs(angle - 90) * 1e12 <= Math.min(Math.abs(angle), 90));
    if (fast !== exact) {
      throw new Error(`${ax},${ay} → ${bx},${by}: ${fast} vs ${angle}`);
    }
  }
  // random turns (but for lines shorter than 1e-9) are answered without atan2
  if (answered < cases * 0.85) throw new Error(`${answered} of ${cases}`);
});

Deno.test("qtStrokeInto: one kept stroker serves every call; no state passes from a call to the next", () => {
  // random polylines, open and closed, with every cap, join and a miter
  // limit or none: stroked in one order and in the reverse order, each must
  // give the same contours whatever was stroked before it
  let seed = 7;
  const rand = () =>
    (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const caps = ["flat", "square", "round"] as const;
  const joins = ["bevel", "miter", "round"] as const;
  const cases = Array.from({ length: 60 }, (_, k) => {
    const n = 2 + Math.floor(rand() * 8);
    const p: number[] = [];
    for (let i = 0; i < n; i++) p.push(rand() * 50, rand() * 50);
    if (k % 3 === 0) p.push(p[0], p[1]); // closed
    const pen = {
      width: 1 + rand() * 6,
      cap: caps[k % 3],
      join: joins[Math.floor(k / 3) % 3],
      ...(k % 2 ? { miterLimit: 1 + rand() * 4 } : {}),
    };
    return { p, pen };
  });
  const key = (c: number[][]) => JSON.stringify(c);
  const forward = cases.map(({ p, pen }) => key(qtStrokeOutline(p, pen)));
  const backward = cases.slice().reverse().map(({ p, pen }) =>
    key(qtStrokeOutline(p, pen))
  ).reverse();
  for (let k = 0; k < cases.length; k++) {
    assert(forward[k] === backward[k], `case ${k} depends on the call before`);
  }
  // two strokes into one outline: the second's contours follow the first's
  const o = new FlatOutline();
  qtStrokeInto(cases[1].p, cases[1].pen, o);
  const first = o.n;
  qtStrokeInto(cases[2].p, cases[2].pen, o);
  assert(
    key([Array.from(o.xy.subarray(first, o.n))]) ===
      key([qtStrokeOutline(cases[2].p, cases[2].pen).flat()]),
    "the second stroke into a shared outline",
  );
});
