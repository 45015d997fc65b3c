import { qtArc } from "./qt_arc.ts";
import { assert } from "./_test_util.ts";

const near = (a: number, b: number) => Math.abs(a - b) < 1e-9;

Deno.test("qtArc: a full ellipse clockwise on screen starts at 3 o'clock, four cubics", () => {
  const arc = qtArc(10, 20, 40, 20, 0, -360);
  assert(arc.x === 50 && arc.y === 30, `start ${arc.x},${arc.y}`);
  assert(arc.curves.length === 24, `${arc.curves.length} numbers`);
  // the first quarter ends at 6 o'clock, the last back at the start
  assert(arc.curves[4] === 30 && arc.curves[5] === 40, "6 o'clock");
  assert(arc.curves[22] === 50 && arc.curves[23] === 30, "closed");
});

Deno.test("qtArc: a quarter counter-clockwise from 3 o'clock ends at 12 o'clock", () => {
  const arc = qtArc(0, 0, 10, 10, 0, 90);
  assert(near(arc.x, 10) && near(arc.y, 5), `start ${arc.x},${arc.y}`);
  assert(arc.curves.length === 6, `${arc.curves.length} numbers`);
  assert(near(arc.curves[4], 5) && near(arc.curves[5], 0), "12 o'clock");
});

Deno.test("qtArc: an arc within a quadrant is cut from Qt's quarter Bézier", () => {
  // 270° to 315° clockwise-on-screen sense: from 6 o'clock towards 4:30
  const arc = qtArc(0, 0, 100, 100, 270, 45);
  assert(near(arc.x, 50) && near(arc.y, 100), `start ${arc.x},${arc.y}`);
  const ex = arc.curves[4], ey = arc.curves[5];
  // on the circle within Qt's Bézier error (0.03 %)
  const r = Math.hypot(ex - 50, ey - 50);
  assert(Math.abs(r - 50) < 0.02, `radius ${r}`);
  assert(ex > 50 && ey > 50, `end ${ex},${ey}`);
});
