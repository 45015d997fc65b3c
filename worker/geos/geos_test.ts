import assert from "node:assert/strict";
import {
  checkGeosInput,
  GeosError,
  GeosLimitError,
  geosLoaded,
  geosVersion,
  loadGeos,
  MAX_GEOS_VERTICES,
  withGeos,
} from "./geos.ts";
import type { Geometry } from "../geometry/types.ts";

type Fn = (...args: number[]) => number;

const square = (x: number, y: number, d: number): Geometry => ({
  kind: "polygon",
  parts: [[new Float64Array([x, y, x + d, y, x + d, y + d, x, y + d, x, y])]],
});

Deno.test("GEOS loads on demand, once, and reads and writes the shared model through WKB", async () => {
  await Promise.all([loadGeos(), loadGeos()]);
  assert.ok(geosLoaded());
  assert.match(geosVersion()!, /^3\.13\./);
  const g = square(0, 0, 10);
  const back = withGeos((s) => s.read(s.geometry(g)));
  assert.deepEqual(back, g);
  const union = withGeos((s) =>
    s.read(s.check(
      s.own((s.api.GEOSUnion as Fn)(
        s.geometry(square(0, 0, 2)),
        s.geometry(square(5, 0, 2)),
      )),
      "union",
    ))
  );
  assert.equal(union?.kind, "polygon");
  assert.equal(union?.parts.length, 2);
});

Deno.test("GEOS: a topology exception is a GeosError with GEOS's message; a mixed collection reads as null", async () => {
  await loadGeos();
  const bowtie: Geometry = {
    kind: "polygon",
    parts: [[new Float64Array([0, 0, 10, 10, 10, 0, 0, 10, 0, 0])]],
  };
  assert.throws(
    () =>
      withGeos((s) =>
        s.check(
          s.own(
            (s.api.GEOSUnion as Fn)(
              s.geometry(bowtie),
              s.geometry(square(5, 5, 10)),
            ),
          ),
          "union()",
        )
      ),
    (e: Error) =>
      e instanceof GeosError && /^Cannot evaluate union\(\): GEOS: .*Topology/
        .test(e.message),
  );
  const line: Geometry = {
    kind: "line",
    parts: [[new Float64Array([20, 0, 30, 0])]],
  };
  const mixed = withGeos((s) =>
    s.read(
      s.own(
        (s.api.GEOSUnion as Fn)(s.geometry(square(0, 0, 1)), s.geometry(line)),
      ),
    )
  );
  assert.equal(mixed, null);
});

Deno.test("GEOS: inputs over MAX_GEOS_VERTICES are refused before GEOS sees them", () => {
  const big: Geometry = {
    kind: "line",
    parts: [[new Float64Array(2 * (MAX_GEOS_VERTICES + 1))]],
  };
  assert.throws(
    () => checkGeosInput("buffer()", big),
    (e: Error) =>
      e instanceof GeosLimitError &&
      e.message ===
        `Cannot evaluate buffer(): its geometries have ${
          MAX_GEOS_VERTICES + 1
        } vertices (at most ${MAX_GEOS_VERTICES})`,
  );
  assert.equal(checkGeosInput("x", square(0, 0, 1)), 5);
});

Deno.test("GEOS: every handle and buffer of a call is freed (10,000 buffers leave the heap as it was)", async () => {
  await loadGeos();
  const g = square(0, 0, 10);
  const run = () =>
    withGeos((s) =>
      s.read(s.check(
        s.own((s.api.GEOSBuffer as Fn)(s.geometry(g), 1, 8)),
        "buffer",
      ))
    );
  for (let i = 0; i < 1000; i++) run();
  const heap = withGeos((s) => s.api.Module.HEAPU8.length);
  for (let i = 0; i < 10_000; i++) run();
  assert.equal(withGeos((s) => s.api.Module.HEAPU8.length), heap);
});
