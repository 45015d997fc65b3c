import { decode } from "fast-png";
import { getCanvasKit } from "./canvaskit.ts";
import { heldBytes } from "../cache/held.ts";
import {
  encodeSurface,
  MAX_SURFACE_BYTES,
  releaseSurface,
  settleSurfaces,
  takeSurface,
} from "./surface.ts";

const ck = await getCanvasKit();

Deno.test("takeSurface: exactly width × height pixels, drawn premultiplied", () => {
  const s = takeSurface(ck, 3, 2)!;
  try {
    s.surface.getCanvas().clear(ck.Color(255, 0, 0, 0.5));
    s.surface.flush();
    const px = s.pixels();
    if (px.length !== 3 * 2 * 4) throw new Error(`length ${px.length}`);
    for (let i = 0; i < px.length; i += 4) {
      const [r, g, b, a] = px.subarray(i, i + 4);
      // premultiplied: red at half alpha is stored as (128, 0, 0, 128)
      if (r !== a || g !== 0 || b !== 0 || Math.abs(a - 128) > 1) {
        throw new Error(`pixel ${i / 4}: ${r},${g},${b},${a}`);
      }
    }
  } finally {
    releaseSurface(ck, s);
  }
});

Deno.test("takeSurface: a smaller map draws into the memory a larger one left; a larger one replaces it", () => {
  const big = takeSurface(ck, 300, 200)!;
  const bigAt = big.pixels().byteOffset;
  releaseSurface(ck, big);
  const small = takeSurface(ck, 50, 40)!;
  const smallAt = small.pixels().byteOffset;
  // drawn on the small surface, read back as PNG at its own size
  small.surface.getCanvas().clear(ck.BLUE);
  const png = encodeSurface(ck, small, "png");
  releaseSurface(ck, small);
  if (smallAt !== bigAt) throw new Error("the kept memory was not reused");
  const width = new DataView(png.buffer, png.byteOffset).getUint32(16);
  if (width !== 50) throw new Error(`PNG width ${width}`);
  const larger = takeSurface(ck, 400, 300)!;
  if (larger.pixels().length !== 400 * 300 * 4) throw new Error("length");
  releaseSurface(ck, larger);
});

Deno.test("takeSurface: surfaces taken at once draw into separate memory; releasing twice is harmless", () => {
  const a = takeSurface(ck, 20, 20)!;
  const b = takeSurface(ck, 20, 20)!;
  try {
    const pa = a.pixels(), pb = b.pixels();
    const overlap = pa.byteOffset < pb.byteOffset + pb.length &&
      pb.byteOffset < pa.byteOffset + pa.length;
    if (overlap) throw new Error("two surfaces share pixels");
    a.surface.getCanvas().clear(ck.RED);
    b.surface.getCanvas().clear(ck.GREEN);
    a.surface.flush();
    b.surface.flush();
    if (a.pixels()[0] !== 255 || a.pixels()[1] !== 0) {
      throw new Error("a was drawn over");
    }
  } finally {
    releaseSurface(ck, a);
    releaseSurface(ck, b);
    releaseSurface(ck, a);
  }
});

Deno.test("takeSurface: the same size gets the kept surface back with a fresh canvas state; one left with a matrix or clip on its base layer is not kept", () => {
  const a = takeSurface(ck, 6, 5)!;
  const canvas = a.surface.getCanvas();
  canvas.translate(2, 1);
  canvas.clipRect(ck.LTRBRect(0, 0, 2, 2), ck.ClipOp.Intersect, false);
  const surface = a.surface;
  releaseSurface(ck, a);
  const b = takeSurface(ck, 6, 5)!;
  try {
    if (b.surface !== surface) throw new Error("the surface was not kept");
    const c = b.surface.getCanvas();
    const m = c.getTotalMatrix();
    if (m[2] !== 0 || m[5] !== 0) throw new Error(`matrix ${m}`);
    if (c.getDeviceClipBounds()[2] !== 6) throw new Error("clip left over");
    // a borrower restoring past the lending's save spoils the base layer
    c.restoreToCount(1);
    c.translate(3, 3);
  } finally {
    releaseSurface(ck, b);
  }
  const d = takeSurface(ck, 6, 5)!;
  try {
    if (d.surface === surface) throw new Error("a spoilt surface was kept");
    if (d.surface.getCanvas().getTotalMatrix()[2] !== 0) {
      throw new Error("matrix left over");
    }
  } finally {
    releaseSurface(ck, d);
  }
});

Deno.test("settleSurfaces: a release settled between jobs gives the next map of the size the kept surface, state fresh", () => {
  const first = takeSurface(ck, 7, 5)!;
  first.surface.getCanvas().translate(3, 2); // on the lending's save: undone
  releaseSurface(ck, first);
  settleSurfaces();
  settleSurfaces(); // nothing left: harmless
  const again = takeSurface(ck, 7, 5)!;
  try {
    if (again.surface !== first.surface) throw new Error("not kept");
    const m = again.surface.getCanvas().getTotalMatrix();
    if (m[2] !== 0 || m[5] !== 0) throw new Error(`matrix ${m}`);
  } finally {
    releaseSurface(ck, again);
    settleSurfaces();
  }
});

Deno.test("takeSurface: a size past MAX_SURFACE_BYTES, or one CanvasKit refuses, is null and leaves nothing for the next map", () => {
  // 400286 × 400190: what a paint effect's blur of 1e308 asked for; its
  // byte count wraps around CanvasKit's 32-bit malloc size
  for (
    const [w, h] of [
      [400286, 400190],
      [32769, 32769],
      [Math.sqrt(MAX_SURFACE_BYTES / 4) + 1, Math.sqrt(MAX_SURFACE_BYTES / 4)],
      [0, 10],
      [1.5, 10],
      [NaN, 10],
      [Infinity, 1],
    ]
  ) {
    if (takeSurface(ck, w, h) !== null) throw new Error(`${w} × ${h}`);
    const s = takeSurface(ck, 16, 16)!;
    try {
      if (s.pixels().length !== 16 * 16 * 4) {
        throw new Error(`after ${w} × ${h}: ${s.pixels().length}`);
      }
    } finally {
      releaseSurface(ck, s);
    }
  }
});

Deno.test("encodeSurface: a PNG's scanlines go over the surface's own pixels, not into the scratch (a 1500×1500 map kept 9 MB more)", () => {
  const before = heldBytes()["scratch.shared"] ?? 0;
  const s = takeSurface(ck, 301, 207)!;
  try {
    const canvas = s.surface.getCanvas();
    canvas.clear(ck.Color(0, 0, 255, 0.5));
    const paint = new ck.Paint();
    paint.setColor(ck.Color(255, 0, 0, 1));
    canvas.drawRect(ck.LTRBRect(10, 20, 200, 150), paint);
    paint.delete();
    const png = decode(encodeSurface(ck, s, "png"));
    const at = (x: number, y: number) =>
      [...png.data.subarray((y * 301 + x) * 4, (y * 301 + x) * 4 + 4)].join();
    if (at(50, 50) !== "255,0,0,255") throw new Error(`red: ${at(50, 50)}`);
    if (at(250, 200) !== "0,0,255,128") {
      throw new Error(`blue: ${at(250, 200)}`);
    }
  } finally {
    releaseSurface(ck, s);
  }
  const after = heldBytes()["scratch.shared"] ?? 0;
  if (after > before) throw new Error(`scratch grew: ${before} -> ${after}`);
});
