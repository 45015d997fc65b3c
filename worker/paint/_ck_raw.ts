/**
 * Direct calls into CanvasKit's WebAssembly for the few calls a painter
 * makes per feature (a polygon's path: add its rings, detach, set the fill
 * rule, draw, delete; the canvas's save count).
 *
 * CanvasKit 0.42's bindings (Emscripten's embind, built without dynamic
 * code) call each method through a generic invoker that converts every
 * argument, and wrap every returned path in a new JavaScript handle
 * (`Object.create` with a property descriptor): on a layer of 1M small
 * polygons that was 20 % of the render, the handle alone 8 %. The same C++
 * functions are reachable directly: embind registers each method with the
 * index of its invoker in the WebAssembly function table and a context
 * pointer, and each class with its destructor's index. While CanvasKit
 * starts, {@linkcode captureEmbind} records those registrations (wrapping
 * two of the module's imports, which pass them on unchanged); {@linkcode
 * rawCalls} then calls the invokers as the bindings do, with the objects'
 * pointers. The same functions, the same arguments: the same pixels.
 *
 * A self-test on a small surface (the direct path against the bindings',
 * point counts and pixels) runs once per instance; if anything is not as
 * expected (another CanvasKit build, a renamed method), `rawCalls` answers
 * null and the painters use the bindings as before.
 *
 * @module
 */
import type { Canvas, CanvasKit, Paint, PathBuilder } from "canvaskit-wasm";

interface Method {
  cls: number;
  name: number;
  sig: number;
  invoker: number;
  ctx: number;
}
interface Klass {
  type: number;
  name: number;
  dtor: number;
}
interface Capture {
  methods: Method[];
  classes: Klass[];
  instance?: WebAssembly.Instance;
}

// the captures of the inits under way; then each instance's own
const captures: Capture[] = [];
const captured = new WeakMap<object, Capture>();
let wrapping = 0;
let original: typeof WebAssembly.instantiate | undefined;

// deno-lint-ignore no-explicit-any
type Imports = Record<string, any>;

/** Wraps CanvasKit's embind registration imports (module `a`: `a`, `m`). */
function wrapImports(imports: Imports | undefined): Capture | null {
  const a = imports?.a;
  if (
    !a || typeof a.a !== "function" || a.a.length !== 8 ||
    typeof a.m !== "function" || a.m.length !== 13
  ) return null;
  const cap: Capture = { methods: [], classes: [] };
  const registerMethod = a.a, registerClass = a.m;
  // _embind_register_class_function(rawClassType, methodName, argCount,
  //   rawArgTypesAddr, invokerSignature, rawInvoker, context, isPureVirtual)
  a.a = function (this: unknown, ...args: number[]) {
    cap.methods.push({
      cls: args[0],
      name: args[1],
      sig: args[4],
      invoker: args[5],
      ctx: args[6],
    });
    return registerMethod.apply(this, args);
  };
  // _embind_register_class(rawType, …, name, destructorSignature,
  //   rawDestructor): 13 arguments
  a.m = function (this: unknown, ...args: number[]) {
    cap.classes.push({ type: args[0], name: args[10], dtor: args[12] });
    return registerClass.apply(this, args);
  };
  return cap;
}

/**
 * Runs CanvasKit's `init` with its embind registrations recorded, for
 * {@linkcode rawCalls}.
 *
 * @example
 * ```ts ignore
 * const ck = await captureEmbind(() => CanvasKitInit());
 * ```
 */
export async function captureEmbind<T>(init: () => Promise<T>): Promise<T> {
  if (wrapping++ === 0) {
    const orig = original = WebAssembly.instantiate;
    const wrapped = function (
      this: unknown,
      source: BufferSource | WebAssembly.Module,
      imports?: Imports,
    ) {
      const cap = wrapImports(imports);
      // deno-lint-ignore no-explicit-any
      const p = (orig as any).call(this, source, imports);
      if (!cap) return p;
      captures.push(cap);
      return p.then(
        (
          r: WebAssembly.Instance | WebAssembly.WebAssemblyInstantiatedSource,
        ) => {
          cap.instance = r instanceof WebAssembly.Instance ? r : r.instance;
          return r;
        },
      );
    };
    WebAssembly.instantiate = wrapped as typeof WebAssembly.instantiate;
  }
  const from = captures.length;
  try {
    const ck = await init();
    // this init's capture kept with its instance, the others let go
    const heap = (ck as { HEAPU8?: Uint8Array } | null)?.HEAPU8;
    const mine = captures.slice(from).find((c) => memoryOf(c) === heap?.buffer);
    if (mine && ck && typeof ck === "object") captured.set(ck, mine);
    return ck;
  } finally {
    captures.splice(from);
    if (--wrapping === 0 && original) {
      WebAssembly.instantiate = original;
      original = undefined;
    }
  }
}

/** Direct calls of CanvasKit's bindings (pointers in, pointers out). */
export interface RawCalls {
  /** An embind object's pointer (its C++ object in CanvasKit's heap). */
  ptr(handle: Canvas | Paint | PathBuilder): number;
  /** `PathBuilder.addPolygon` of `count` points at heap byte `at`. */
  addPolygon(builder: number, at: number, count: number, close: boolean): void;
  /** `PathBuilder.detach`: a new path's pointer (delete it). */
  detach(builder: number): number;
  /** `Path.setFillType` (even-odd or winding). */
  setFillType(path: number, evenOdd: boolean): void;
  /** `Canvas.drawPath` (a raster canvas). */
  drawPath(canvas: number, path: number, paint: number): void;
  /** `Path.delete`. */
  deletePath(path: number): void;
  /** `Canvas.getSaveCount`. */
  saveCount(canvas: number): number;
}

const made = new WeakMap<CanvasKit, RawCalls | null>();

/**
 * `canvas.getSaveCount()`, directly where {@linkcode rawCalls} can.
 *
 * @example
 * ```ts ignore
 * saveCountOf(ck, canvas) === canvas.getSaveCount(); // true
 * ```
 */
export function saveCountOf(ck: CanvasKit, canvas: Canvas): number {
  const raw = rawCalls(ck);
  return raw ? raw.saveCount(raw.ptr(canvas)) : canvas.getSaveCount();
}

/**
 * The direct calls for `ck`, or null (not captured, or the self-test
 * failed): then use the bindings.
 *
 * @example
 * ```ts ignore
 * const raw = rawCalls(ck);
 * if (raw) raw.saveCount(raw.ptr(canvas));
 * ```
 */
export function rawCalls(ck: CanvasKit): RawCalls | null {
  let r = made.get(ck);
  if (r === undefined) {
    try {
      r = build(ck);
    } catch {
      r = null;
    }
    made.set(ck, r);
  }
  return r;
}

type Fn = (...args: number[]) => number;

function memoryOf(c: Capture): ArrayBufferLike | undefined {
  const mem = Object.values(c.instance?.exports ?? {}).find((v) =>
    v instanceof WebAssembly.Memory
  ) as WebAssembly.Memory | undefined;
  return mem?.buffer;
}

function build(ck: CanvasKit): RawCalls | null {
  const heap = (ck as unknown as { HEAPU8?: Uint8Array }).HEAPU8;
  if (!heap) return null;
  const cap = captured.get(ck);
  if (!cap || memoryOf(cap) !== heap.buffer) return null;
  const table = Object.values(cap.instance!.exports).find((v) =>
    v instanceof WebAssembly.Table
  ) as WebAssembly.Table | undefined;
  if (!table) return null;
  const str = (p: number) => {
    let s = "";
    for (let i = p; heap[i] !== 0 && i < p + 64; i++) {
      s += String.fromCharCode(heap[i]);
    }
    return s;
  };
  const className = new Map(cap.classes.map((c) => [c.type, str(c.name)]));
  const method = (cls: string, name: string, sig: string) => {
    const all = cap.methods.filter((m) =>
      className.get(m.cls) === cls && str(m.name) === name
    );
    if (all.length !== 1 || str(all[0].sig) !== sig) return null;
    const f = table.get(all[0].invoker) as Fn | null;
    return f ? { f, ctx: all[0].ctx } : null;
  };
  const add = method("PathBuilder", "_addPolygon", "vpppii");
  const det = method("PathBuilder", "detach", "ppp");
  const fill = method("Path", "setFillType", "vppi");
  const draw = method("Canvas", "_drawPath", "vpppp");
  const saves = method("Canvas", "getSaveCount", "ipp");
  const builderCount = method("PathBuilder", "countPoints", "ipp");
  const pathCount = method("Path", "countPoints", "ipp");
  const pathClass = cap.classes.filter((c) => str(c.name) === "Path");
  if (
    !add || !det || !fill || !draw || !saves || !builderCount || !pathCount ||
    pathClass.length !== 1
  ) return null;
  const dtor = table.get(pathClass[0].dtor) as Fn | null;
  if (!dtor) return null;
  const evenOdd = ck.FillType.EvenOdd.value,
    winding = ck.FillType.Winding.value;
  const ptrKey = pointerKeys(ck);
  if (!ptrKey) return null;
  const [own, field] = ptrKey;
  const raw: RawCalls = {
    ptr: (h) => {
      const p = (h as unknown as Record<string, Record<string, number>>)[own]
        ?.[field];
      if (typeof p !== "number" || p === 0) {
        throw new Error("CanvasKit object without a pointer (deleted?)");
      }
      return p;
    },
    addPolygon: (b, at, count, close) =>
      void add.f(add.ctx, b, at, count, close ? 1 : 0),
    detach: (b) => det.f(det.ctx, b),
    setFillType: (p, eo) => void fill.f(fill.ctx, p, eo ? evenOdd : winding),
    drawPath: (c, p, paint) => void draw.f(draw.ctx, c, p, paint),
    deletePath: (p) => void dtor(p),
    saveCount: (c) => saves.f(saves.ctx, c),
  };
  return selfTest(
      ck,
      raw,
      (b) => builderCount.f(builderCount.ctx, b),
      (p) => pathCount.f(pathCount.ctx, p),
    )
    ? raw
    : null;
}

/**
 * Where embind keeps an object's pointer (`$$.ptr`, minified): the own
 * property holding an object with `count`, and in it the one positive
 * number field that differs between two objects (checked by the
 * self-test's calls through it).
 */
function pointerKeys(ck: CanvasKit): [string, string] | null {
  const a = new ck.PathBuilder(), b = new ck.PathBuilder();
  try {
    for (const own of Object.getOwnPropertyNames(a)) {
      const va = (a as unknown as Record<string, Record<string, unknown>>)[own];
      const vb = (b as unknown as Record<string, Record<string, unknown>>)[own];
      if (!va || typeof va !== "object" || !("count" in va) || !vb) continue;
      const numeric = Object.keys(va).filter((k) =>
        typeof va[k] === "number" && typeof vb[k] === "number" &&
        va[k] !== vb[k] && (va[k] as number) > 0
      );
      if (numeric.length === 1) return [own, numeric[0]];
    }
    return null;
  } finally {
    a.delete();
    b.delete();
  }
}

/** The direct calls against the bindings on a small path and surface. */
function selfTest(
  ck: CanvasKit,
  raw: RawCalls,
  builderCount: (b: number) => number,
  pathCount: (p: number) => number,
): boolean {
  const b = new ck.PathBuilder();
  const pts = ck.Malloc(Float32Array, 8);
  const surfaces = [ck.MakeSurface(8, 8), ck.MakeSurface(8, 8)];
  const paint = new ck.Paint();
  try {
    const [s1, s2] = surfaces;
    if (!s1 || !s2) return false;
    paint.setAntiAlias(true);
    paint.setColor(ck.Color4f(0.8, 0.3, 0.1, 0.7));
    const bp = raw.ptr(b);
    const ring = [1.3, 0.7, 6.6, 2.2, 5.1, 6.9, 0.4, 4.4];
    pts.toTypedArray().set(ring);
    // the bindings' path, drawn by the bindings
    b.addPolygon(ring, true);
    if (builderCount(bp) !== 4) return false;
    const want = b.detach();
    want.setFillType(ck.FillType.EvenOdd);
    s1.getCanvas().drawPath(want, paint);
    const cmds = want.toCmds();
    const fillType = want.getFillType().value;
    want.delete();
    // the same, direct
    raw.addPolygon(bp, pts.byteOffset, 4, true);
    if (b.countPoints() !== 4) return false;
    const p = raw.detach(bp);
    if (b.countPoints() !== 0 || pathCount(p) !== 4) {
      raw.deletePath(p);
      return false;
    }
    raw.setFillType(p, true);
    const c2 = s2.getCanvas();
    raw.drawPath(raw.ptr(c2), p, raw.ptr(paint));
    raw.deletePath(p);
    c2.save();
    if (raw.saveCount(raw.ptr(c2)) !== c2.getSaveCount()) return false;
    c2.restore();
    // the builder's path after the direct calls is the bindings' again
    b.addPolygon(ring, true);
    const again = b.detach();
    again.setFillType(ck.FillType.EvenOdd);
    const same = again.getFillType().value === fillType &&
      again.toCmds().join() === cmds.join();
    again.delete();
    if (!same) return false;
    const info = {
      width: 8,
      height: 8,
      colorType: ck.ColorType.RGBA_8888,
      alphaType: ck.AlphaType.Premul,
      colorSpace: ck.ColorSpace.SRGB,
    };
    const px1 = s1.getCanvas().readPixels(0, 0, info) as Uint8Array | null;
    const px2 = c2.readPixels(0, 0, info) as Uint8Array | null;
    if (!px1 || !px2 || px1.length !== px2.length) return false;
    let covered = 0;
    for (let i = 0; i < px1.length; i++) {
      if (px1[i] !== px2[i]) return false;
      if (px1[i] !== 0) covered++;
    }
    return covered > 0;
  } finally {
    paint.delete();
    for (const s of surfaces) s?.dispose();
    ck.Free(pts);
    b.delete();
  }
}
