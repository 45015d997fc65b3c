import assert from "node:assert/strict";
import { parseWkb } from "./wkb.ts";

function wkb(le: boolean, parts: (number | number[])[]): Uint8Array {
  const bytes: number[] = [];
  const view = new DataView(new ArrayBuffer(8));
  for (const p of parts) {
    if (Array.isArray(p)) {
      // [type, 4-byte uint]
      view.setUint32(0, p[0], le);
      bytes.push(...new Uint8Array(view.buffer, 0, 4));
    } else {
      view.setFloat64(0, p, le);
      bytes.push(...new Uint8Array(view.buffer, 0, 8));
    }
  }
  return new Uint8Array(bytes);
}

Deno.test("WKB points, Z points, polygons and multi-geometries decode to the shared model", () => {
  const le = (
    type: number,
  ) => [1, ...new Uint8Array(new Uint32Array([type]).buffer)];
  const point = new Uint8Array([...le(1), ...wkb(true, [1, 2])]);
  assert.deepEqual(parseWkb(point), {
    kind: "point",
    parts: [[new Float64Array([1, 2])]],
  });
  const pointZ = new Uint8Array([...le(1001), ...wkb(true, [1, 2, 3])]);
  assert.deepEqual(parseWkb(pointZ), {
    kind: "point",
    parts: [[new Float64Array([1, 2])]],
  });
  const square = wkb(true, [[1], [5], 0, 0, 1, 0, 1, 1, 0, 1, 0, 0]);
  const polygon = new Uint8Array([...le(3), ...square]);
  assert.deepEqual(parseWkb(polygon), {
    kind: "polygon",
    parts: [[new Float64Array([0, 0, 1, 0, 1, 1, 0, 1, 0, 0])]],
  });
  const multi = new Uint8Array([
    ...le(6),
    ...wkb(true, [[2]]),
    ...polygon,
    ...polygon,
  ]);
  assert.equal(parseWkb(multi).parts.length, 2);
  const big = new Uint8Array([0, 0, 0, 0, 2, ...wkb(false, [[2], 0, 0, 3, 4])]);
  assert.deepEqual(parseWkb(big), {
    kind: "line",
    parts: [[new Float64Array([0, 0, 3, 4])]],
  });
  assert.throws(() => parseWkb(point.subarray(0, 10)), RangeError);
  assert.throws(
    () => parseWkb(new Uint8Array([...le(17), 0, 0, 0, 0])),
    /type 17/,
  );
});

Deno.test("encodeWkb round-trips through parseWkb, multi kept by type", async () => {
  const { encodeWkb, parseWkb } = await import("./wkb.ts");
  const ring = new Float64Array([0, 0, 4, 0, 4, 4, 0, 0]);
  const hole = new Float64Array([1, 1, 2, 1, 2, 2, 1, 1]);
  const polygon = { kind: "polygon" as const, parts: [[ring, hole]] };
  const wkb = encodeWkb(polygon);
  if (new DataView(wkb.buffer).getUint32(1, true) !== 3) {
    throw new Error("a single polygon is a Polygon");
  }
  const back = parseWkb(wkb);
  if (back.parts[0][1][2] !== 2 || back.parts[0].length !== 2) {
    throw new Error("polygon did not round-trip");
  }
  const multi = encodeWkb(polygon, true);
  if (new DataView(multi.buffer).getUint32(1, true) !== 6) {
    throw new Error("multi is a MultiPolygon");
  }
  const line = {
    kind: "line" as const,
    parts: [[new Float64Array([0, 0, 1, 1])], [new Float64Array([2, 2, 3, 3])]],
  };
  if (parseWkb(encodeWkb(line)).parts[1][0][3] !== 3) {
    throw new Error("multilinestring did not round-trip");
  }
});
