import { ok, strictEqual } from "node:assert/strict";
import { keepShape, keptShapes } from "./kept_shapes.ts";

Deno.test("kept_shapes: a kept object stays listed, the list a copy", () => {
  const pair = { a: 0.5, b: 1.5 };
  strictEqual(keepShape(pair), pair);
  ok(keptShapes().includes(pair));
  keptShapes().length = 0; // a copy: the kept list is untouched
  ok(keptShapes().includes(pair));
});
