// Small CanvasKit helpers shared by the painters: colours, blend modes,
// paths from pixel coordinate arrays, Qt pen styles.
import type {
  BlendMode,
  Canvas,
  CanvasKit,
  MallocObj,
  Paint,
  Path,
  PathBuilder,
} from "canvaskit-wasm";
import type { Rgba } from "../style/props.ts";
import { registerHeld } from "../cache/held.ts";
import { rawCalls } from "./_ck_raw.ts";

/** QGIS `QgsPainting::BlendMode` number → Skia blend mode. */
export function blendModeOf(ck: CanvasKit, mode: number): BlendMode {
  const B = ck.BlendMode;
  switch (mode) {
    case 1:
      return B.Lighten;
    case 2:
      return B.Screen;
    case 3:
      return B.ColorDodge;
    case 4:
      return B.Plus;
    case 5:
      return B.Darken;
    case 6:
      return B.Multiply;
    case 7:
      return B.ColorBurn;
    case 8:
      return B.Overlay;
    case 9:
      return B.SoftLight;
    case 10:
      return B.HardLight;
    case 11:
      return B.Difference;
    case 12:
      return B.Exclusion;
    case 13:
      return B.Src;
    case 14:
      return B.DstOver;
    case 15:
      return B.Clear;
    case 16:
      return B.Dst;
    case 17:
      return B.SrcIn;
    case 18:
      return B.DstIn;
    case 19:
      return B.SrcOut;
    case 20:
      return B.DstOut;
    case 21:
      return B.SrcATop;
    case 22:
      return B.DstATop;
    case 23:
      return B.Xor;
    default:
      return B.SrcOver;
  }
}

/** A Skia colour from 0–255 RGBA times an opacity. */
export function color(ck: CanvasKit, c: Rgba, opacity = 1): Float32Array {
  return ck.Color4f(c[0] / 255, c[1] / 255, c[2] / 255, (c[3] / 255) * opacity);
}

/** A new anti-aliased paint (caller deletes). */
export function newPaint(ck: CanvasKit, blend: number): Paint {
  const p = new ck.Paint();
  p.setAntiAlias(true);
  if (blend !== 0) p.setBlendMode(blendModeOf(ck, blend));
  return p;
}

// One path builder per CanvasKit, reused: `detach` hands its path over
// and leaves it empty (no builder made and deleted per feature).
const builders = new WeakMap<CanvasKit, PathBuilder>();

/**
 * An empty path builder to fill and `detach()` at once (synchronously; it
 * is shared). Never delete it.
 */
export function sharedPathBuilder(ck: CanvasKit): PathBuilder {
  let b = builders.get(ck);
  if (!b) builders.set(ck, b = new ck.PathBuilder());
  return b;
}

// Contours are copied into CanvasKit's heap here, not into a block
// CanvasKit allocates and frees per call: `addPolygon` reads an array
// marked `_ck` in place, by its byte offset and length.
let heapContour: {
  ck: CanvasKit;
  obj: MallocObj;
  size: number;
  arg: { _ck: true; byteOffset: number; length: number };
} | null = null;
// in CanvasKit's heap (part of wasm.canvaskit)
registerHeld("canvaskit.contours", () => 4 * (heapContour?.size ?? 0));

function contourScratch(ck: CanvasKit, length: number) {
  let h = heapContour;
  if (!h || h.ck !== ck || h.size < length) {
    if (h) h.ck.Free(h.obj);
    const size = Math.max(length, 2 * (h?.size ?? 512));
    const obj = ck.Malloc(Float32Array, size);
    heapContour = h = {
      ck,
      obj,
      size,
      arg: { _ck: true, byteOffset: obj.byteOffset, length: 0 },
    };
  }
  return h;
}

/** Builds a path from pixel coordinate arrays (each one contour). */
export function pathOf(
  ck: CanvasKit,
  contours: Float64Array[] | number[][],
  close: boolean,
  evenOdd = true,
): Path {
  const b = sharedPathBuilder(ck);
  for (const c of contours) {
    if (c.length < 2) continue;
    // moveTo, lineTo…, close in one call (whole points only), as float32
    // (as moveTo/lineTo round)
    const even = c.length & ~1;
    const h = contourScratch(ck, even);
    // a view taken before the heap grew is empty: made anew
    const view = h.obj.toTypedArray() as Float32Array;
    for (let i = 0; i < even; i++) view[i] = c[i];
    h.arg.length = even;
    b.addPolygon(h.arg as unknown as number[], close);
  }
  const path = b.detach();
  path.setFillType(evenOdd ? ck.FillType.EvenOdd : ck.FillType.Winding);
  return path;
}

/**
 * Draws the path {@link pathOf} would build from `contours` with each
 * non-null paint, then deletes it: through CanvasKit's direct calls
 * (`_ck_raw.ts`: no path handle, no argument conversions; the same C++
 * calls in the same order) where they are available. Returns false, having
 * drawn nothing, where they are not: build the path with `pathOf` then.
 */
export function drawContoursDirect(
  ck: CanvasKit,
  canvas: Canvas,
  contours: Float64Array[],
  close: boolean,
  evenOdd: boolean,
  paints: (Paint | null)[],
): boolean {
  const raw = rawCalls(ck);
  if (!raw) return false;
  const b = raw.ptr(sharedPathBuilder(ck));
  for (const c of contours) {
    if (c.length < 2) continue;
    const even = c.length & ~1;
    const h = contourScratch(ck, even);
    const view = h.obj.toTypedArray() as Float32Array;
    for (let i = 0; i < even; i++) view[i] = c[i];
    raw.addPolygon(b, h.obj.byteOffset, even >> 1, close);
  }
  const path = raw.detach(b);
  try {
    raw.setFillType(path, evenOdd);
    let cp = 0;
    for (const p of paints) {
      if (!p) continue;
      if (cp === 0) cp = raw.ptr(canvas);
      raw.drawPath(cp, path, raw.ptr(p));
    }
  } finally {
    raw.deletePath(path);
  }
  return true;
}

/** Qt's dash patterns of the named pen styles, in pen widths. */
export function qtDashPattern(style: string): number[] | null {
  switch (style.trim().toLowerCase()) {
    case "dash":
      return [4, 2];
    case "dot":
      return [1, 2];
    case "dash dot":
      return [4, 2, 1, 2];
    case "dash dot dot":
      return [4, 2, 1, 2, 1, 2];
    default:
      return null;
  }
}

/** Qt cap name → Skia cap. */
export function capOf(
  ck: CanvasKit,
  name: string | undefined,
  fallback: "square" | "flat" | "round",
) {
  switch ((name ?? fallback).toLowerCase()) {
    case "flat":
      return ck.StrokeCap.Butt;
    case "round":
      return ck.StrokeCap.Round;
    default:
      return ck.StrokeCap.Square;
  }
}

/** Qt join name → Skia join. */
export function joinOf(
  ck: CanvasKit,
  name: string | undefined,
  fallback: "bevel" | "miter" | "round",
) {
  switch ((name ?? fallback).toLowerCase()) {
    case "miter":
      return ck.StrokeJoin.Miter;
    case "round":
      return ck.StrokeJoin.Round;
    default:
      return ck.StrokeJoin.Bevel;
  }
}
