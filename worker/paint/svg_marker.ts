/**
 * QGIS's `SvgMarker`: an SVG symbol, its `param(…)` placeholders replaced
 * by the layer's colours and stroke width as `QgsSvgCache` does, scaled to
 * the marker width and centred on the point. CanvasKit ships no SVG
 * module, so the SVG is drawn here: `path`, `rect`, `circle`, `ellipse`,
 * `line`, `polyline`, `polygon` in nested `g`s with transforms and the
 * presentation attributes and `style` properties that symbols use.
 *
 * @module
 */
import { checkJobClock } from "../map/job_clock.ts";
import { DOMParser, type Element } from "@xmldom/xmldom";
import type { Canvas, CanvasKit, Path, Shader } from "canvaskit-wasm";
import { parseColor, type Rgba } from "../style/props.ts";
import type { PaintContext } from "./context.ts";
import { svgLibraryNote } from "./svg_loader.ts";
import { LruCache } from "../cache/lru.ts";
import { checkXmlLimits, type XmlLimits } from "../style/xml_limits.ts";
import { registerHeld } from "../cache/held.ts";
import { encodedImageSize } from "./image_size.ts";
import { fontLibrarySync } from "../labels/fonts.ts";
import { flattenMapped, glyphPath } from "../labels/glyph_outline.ts";
import type { QtSubpath } from "./qt_stroker.ts";
import { drawTarget, paintCoverage, qtCoverage } from "./_coverage.ts";

/** What to draw. */
export interface SvgMarkerSpec {
  /** Path of the SVG as the QML names it. */
  path: string;
  /** Centre x (pixels). */
  x: number;
  /** Centre y. */
  y: number;
  /** Width in pixels. */
  size: number;
  /** Fixed height/width ratio, or null for the SVG's own. */
  aspect: number | null;
  /** Rotation, degrees clockwise. */
  angle: number;
  /** `param(fill)` colour. */
  fill: Rgba;
  /** `param(outline)` colour. */
  stroke: Rgba;
  /** Stroke width in pixels. */
  strokeWidthPx: number;
  /** Stroke width as given. */
  strokeWidthParam: number;
  /** Symbol opacity. */
  opacity: number;
}

interface SvgDoc {
  root: Element;
  vb: [number, number, number, number];
}

// Parsed SVGs by name and parameters, bounded by bytes (a DOM costs some
// 32 bytes a character of SVG)
const parsed = new LruCache<string, { doc: SvgDoc | null; bytes: number }>({
  maxEntries: 256,
  maxBytes: 32 * 1024 * 1024,
  sizeOf: (key, { bytes }) => 2 * key.length + bytes,
});
registerHeld("svg.parsed", () => parsed.bytes);

// SVG markers nest a few levels and hold hundreds of elements, at most tens of
// thousands; what reads the tree recurses
const SVG_XML_LIMITS: XmlLimits = {
  maxLength: Infinity,
  maxDepth: 128,
  maxElements: 100_000,
};

/**
 * Most numbers an SVG marker's path data and point lists may hold: 100,000
 * (QGIS's own library's largest symbol has a few thousand). Every marker
 * strokes and fills all of them again: a 2.8 MB path of 200,000 segments
 * drawn on 10 points took the worker over 50 s.
 */
export const MAX_SVG_PATH_NUMBERS = 100_000;

/** Whether an SVG's `d` and `points` attributes hold more numbers than that. */
function tooComplex(text: string): boolean {
  const attr = /\s(?:d|points)\s*=\s*("[^"]*"|'[^']*')/g;
  const number = /[0-9]+(?:\.[0-9]*)?|\.[0-9]+/g;
  let count = 0;
  for (let m = attr.exec(text); m !== null; m = attr.exec(text)) {
    number.lastIndex = 0;
    while (number.exec(m[1]) !== null) {
      if (++count > MAX_SVG_PATH_NUMBERS) return true;
    }
  }
  return false;
}

function hex(c: Rgba): string {
  return "#" +
    c.slice(0, 3).map((v) => v.toString(16).padStart(2, "0")).join("");
}

/**
 * Replaces QGIS's SVG parameters (`param(fill)`, `param(fill-opacity)`,
 * `param(outline)`, `param(outline-opacity)`, `param(outline-width)`).
 *
 * @example
 * ```ts
 * import { replaceSvgParams } from "./svg_marker.ts";
 * replaceSvgParams('<path fill="param(fill) #000"/>', [255, 0, 0, 255], [0, 0, 0, 255], 1);
 * // '<path fill="#ff0000"/>'
 * ```
 */
export function replaceSvgParams(
  text: string,
  fill: Rgba,
  stroke: Rgba,
  strokeWidth: number,
): string {
  // `param(name) default` — the default after the placeholder is dropped
  return text.replace(
    /param\((fill|fill-opacity|outline|outline-opacity|outline-width)\)(\s+[^"';]*)?/g,
    (_m, name: string) => {
      switch (name) {
        case "fill":
          return hex(fill);
        case "fill-opacity":
          return String(fill[3] / 255);
        case "outline":
          return hex(stroke);
        case "outline-opacity":
          return String(stroke[3] / 255);
        default:
          return String(strokeWidth);
      }
    },
  );
}

function parseSvg(text: string): SvgDoc | null {
  try {
    checkXmlLimits(text, SVG_XML_LIMITS, "SVG");
    if (tooComplex(text)) return null;
    const doc = new DOMParser({ onError: () => {} }).parseFromString(
      text,
      "image/svg+xml",
    );
    const root = doc.documentElement as Element | null;
    if (!root || root.tagName.replace(/^.*:/, "") !== "svg") return null;
    const vbAttr = root.getAttribute("viewBox");
    let vb: [number, number, number, number];
    if (vbAttr) {
      const v = vbAttr.split(/[\s,]+/).map(Number);
      vb = [v[0] || 0, v[1] || 0, v[2] || 1, v[3] || 1];
    } else {
      vb = [
        0,
        0,
        parseFloat(root.getAttribute("width") ?? "") || 100,
        parseFloat(root.getAttribute("height") ?? "") || 100,
      ];
    }
    return { root, vb };
  } catch {
    return null;
  }
}

interface Style {
  fill: string;
  stroke: string;
  strokeWidth: number;
  fillOpacity: number;
  strokeOpacity: number;
  opacity: number;
  fillRule: string;
  join: string;
  cap: string;
  display: boolean;
}

function attrs(el: Element, parent: Style): Style {
  const get = (name: string): string | null => {
    const style = el.getAttribute("style");
    if (style) {
      for (const decl of style.split(";")) {
        const i = decl.indexOf(":");
        if (i > 0 && decl.slice(0, i).trim() === name) {
          return decl.slice(i + 1).trim();
        }
      }
    }
    return el.hasAttribute(name) ? el.getAttribute(name) : null;
  };
  const num = (v: string | null, f: number) => {
    const n = v === null ? NaN : parseFloat(v);
    return Number.isFinite(n) ? n : f;
  };
  return {
    fill: get("fill") ?? parent.fill,
    stroke: get("stroke") ?? parent.stroke,
    strokeWidth: num(get("stroke-width"), parent.strokeWidth),
    fillOpacity: num(get("fill-opacity"), parent.fillOpacity),
    strokeOpacity: num(get("stroke-opacity"), parent.strokeOpacity),
    opacity: parent.opacity * num(get("opacity"), 1),
    fillRule: get("fill-rule") ?? parent.fillRule,
    join: get("stroke-linejoin") ?? parent.join,
    cap: get("stroke-linecap") ?? parent.cap,
    display: get("display") !== "none" && get("visibility") !== "hidden",
  };
}

function colorOf(value: string): Rgba | null {
  const v = value.trim();
  if (v === "none" || v === "") return null;
  const rgb = /^rgba?\(([^)]*)\)$/i.exec(v);
  if (rgb) {
    const p = rgb[1].split(",").map((s) => s.trim());
    const ch = (
      s: string,
    ) => (s.endsWith("%") ? (parseFloat(s) * 255) / 100 : parseFloat(s));
    return [
      ch(p[0]),
      ch(p[1]),
      ch(p[2]),
      p[3] !== undefined ? parseFloat(p[3]) * 255 : 255,
    ];
  }
  return parseColor(v, [0, 0, 0, 255]);
}

function transformOf(ck: CanvasKit, canvas: Canvas, t: string | null): void {
  if (!t) return;
  const re = /(\w+)\s*\(([^)]*)\)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t))) {
    const a = m[2].split(/[\s,]+/).filter(Boolean).map(Number);
    switch (m[1]) {
      case "matrix":
        canvas.concat([a[0], a[2], a[4], a[1], a[3], a[5], 0, 0, 1]);
        break;
      case "translate":
        canvas.translate(a[0] ?? 0, a[1] ?? 0);
        break;
      case "scale":
        canvas.scale(a[0] ?? 1, a[1] ?? a[0] ?? 1);
        break;
      case "rotate":
        canvas.rotate(a[0] ?? 0, a[1] ?? 0, a[2] ?? 0);
        break;
      case "skewX":
        canvas.skew(Math.tan(((a[0] ?? 0) * Math.PI) / 180), 0);
        break;
      case "skewY":
        canvas.skew(0, Math.tan(((a[0] ?? 0) * Math.PI) / 180));
        break;
    }
  }
  void ck;
}

function shapePath(ck: CanvasKit, el: Element, tag: string): Path | null {
  const n = (k: string) => parseFloat(el.getAttribute(k) ?? "") || 0;
  switch (tag) {
    case "path":
      return ck.Path.MakeFromSVGString(el.getAttribute("d") ?? "");
    case "rect": {
      const b = new ck.PathBuilder();
      const rx = n("rx") || n("ry"), ry = n("ry") || n("rx");
      const r = ck.XYWHRect(n("x"), n("y"), n("width"), n("height"));
      if (rx || ry) b.addRRect(ck.RRectXY(r, rx, ry));
      else b.addRect(r);
      return b.detachAndDelete();
    }
    case "circle":
    case "ellipse": {
      const rx = tag === "circle" ? n("r") : n("rx");
      const ry = tag === "circle" ? n("r") : n("ry");
      const b = new ck.PathBuilder();
      b.addOval(
        ck.LTRBRect(n("cx") - rx, n("cy") - ry, n("cx") + rx, n("cy") + ry),
      );
      return b.detachAndDelete();
    }
    case "line": {
      const b = new ck.PathBuilder();
      b.moveTo(n("x1"), n("y1"));
      b.lineTo(n("x2"), n("y2"));
      return b.detachAndDelete();
    }
    case "polyline":
    case "polygon": {
      const pts = (el.getAttribute("points") ?? "").trim().split(/[\s,]+/).map(
        Number,
      ).filter(Number.isFinite);
      if (pts.length < 4) return null;
      const b = new ck.PathBuilder();
      b.addPolygon(pts, tag === "polygon");
      return b.detachAndDelete();
    }
  }
  return null;
}

/**
 * An SVG `text` as QtSvg draws it (`QSvgText`): its characters in one line,
 * the font's pixel size its `font-size` in user units (QtSvg lays the text
 * out at 100 pixels and scales the painter down), the baseline at `y`, the
 * line's advance placed by `text-anchor` around `x`. The glyphs' outlines
 * are filled as QPainter fills them (`glyph_outline.ts`, Qt's rasterizer)
 * in the fill colour: Skia's glyph masks cover less of every edge pixel
 * (a tenth of the coverage of a question mark of 37 pixels). QSvgRenderer's
 * font is the application's (DejaVu Sans for QGIS on our machines); a
 * family the SVG names is taken when the worker has it.
 */
function drawText(
  pc: PaintContext,
  el: Element,
  st: Style,
  opacity: number,
): void {
  const { ck } = pc;
  const text = (el.textContent ?? "").replace(/\s+/g, " ").trim();
  const fill = colorOf(st.fill);
  const size = parseFloat(el.getAttribute("font-size") ?? "");
  if (!text || !fill || !(size > 0)) return;
  const fonts = fontLibrarySync(ck);
  const family = el.getAttribute("font-family") ?? "";
  const tf = fonts.typeface(family, false, false);
  const outlines = fonts.outlines(family, false, false);
  // Qt's layout at 100 pixels: advances in 1/64 pixel
  const layout = new ck.Font(tf, 100);
  const ids = layout.getGlyphIDs(text);
  const widths = layout.getGlyphWidths(ids);
  layout.delete();
  const offsets: number[] = [];
  let advance = 0;
  for (const w of widths) {
    offsets.push(advance);
    advance += Math.floor(w * 64 + 1e-6) / 64;
  }
  const anchor = el.getAttribute("text-anchor") ?? "start";
  const k = size / 100;
  const x = (parseFloat(el.getAttribute("x") ?? "") || 0) / k -
    (anchor === "middle" ? advance / 2 : anchor === "end" ? advance : 0);
  const y = (parseFloat(el.getAttribute("y") ?? "") || 0) / k;
  const paths: QtSubpath[] = [];
  for (let i = 0; i < ids.length; i++) {
    glyphPath(outlines, ids[i], 100, x + offsets[i], y, paths);
  }
  // the painter's matrix (marker, view box, the 100-pixel layout scaled
  // down) on the curves' points, flattened in pixels as Qt flattens them
  const { matrix: m, direct } = drawTarget(pc);
  const outline = flattenMapped(paths, [
    m[0] * k,
    m[1] * k,
    m[2],
    m[3] * k,
    m[4] * k,
    m[5],
  ]);
  const px = qtCoverage(outline, pc.map.width, pc.map.height);
  paintCoverage(
    pc,
    px,
    fill,
    (fill[3] / 255) * st.fillOpacity * st.opacity * opacity,
    m,
    direct,
  );
}

/**
 * Most elements one marker draws, `<use>` copies counted: 100,000 (an SVG
 * holds at most that many elements). Two groups each using the other 1,000
 * times, 8 levels deep, would otherwise draw 1e24 of them.
 */
export const MAX_SVG_DRAWN = 100_000;
let drawn = 0;

// elements by id, found once per document (xmldom's getElementById walks
// the whole tree at each call)
const ids = new WeakMap<object, Map<string, Element>>();

function byId(el: Element, id: string): Element | null {
  const doc = el.ownerDocument;
  if (!doc) return null;
  let map = ids.get(doc);
  if (!map) {
    map = new Map();
    const stack: Element[] = doc.documentElement ? [doc.documentElement] : [];
    while (stack.length > 0) {
      const e = stack.pop()!;
      const own = e.getAttribute("id");
      if (own !== null && !map.has(own)) map.set(own, e);
      for (let c = e.lastChild; c; c = c.previousSibling) {
        if (c.nodeType === 1) stack.push(c as Element);
      }
    }
    ids.set(doc, map);
  }
  return map.get(id) ?? null;
}

/** A gradient's own attribute, or the one of the gradient it `href`s. */
function gradientAttr(el: Element, name: string, depth = 0): string | null {
  if (el.hasAttribute(name)) return el.getAttribute(name);
  const href = el.getAttribute("xlink:href") ?? el.getAttribute("href");
  const ref = href?.startsWith("#") && depth < 8
    ? byId(el, href.slice(1))
    : null;
  return ref ? gradientAttr(ref, name, depth + 1) : null;
}

/** A gradient's stops: its own, else those of the gradient it `href`s. */
function gradientStops(el: Element, depth = 0): Element[] {
  const stops: Element[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (
      c.nodeType === 1 && (c as Element).tagName.replace(/^.*:/, "") === "stop"
    ) {
      stops.push(c as Element);
    }
  }
  if (stops.length > 0 || depth >= 8) return stops;
  const href = el.getAttribute("xlink:href") ?? el.getAttribute("href");
  const ref = href?.startsWith("#") ? byId(el, href.slice(1)) : null;
  return ref ? gradientStops(ref, depth + 1) : [];
}

/** A gradient coordinate: a number, or a percentage of 1. */
function gradientNumber(v: string | null, fallback: number): number {
  if (v === null) return fallback;
  const n = parseFloat(v);
  if (!Number.isFinite(n)) return fallback;
  return v.trim().endsWith("%") ? n / 100 : n;
}

/**
 * The shader of a paint server `url(#id)` (`linearGradient`,
 * `radialGradient`, as QtSvg's `QSvgGradientStyle` draws them: stops with
 * their colours and opacities, pad spread, `gradientUnits` and
 * `gradientTransform`) over a shape of bounds `box`, or null (no such
 * gradient: QtSvg then leaves the shape unfilled).
 */
function gradientShader(
  ck: CanvasKit,
  el: Element,
  url: string,
  box: Float32Array,
  alpha: number,
): Shader | null {
  const m = /^url\(\s*#([^)\s]+)\s*\)/.exec(url.trim());
  const ref = m ? byId(el, m[1]) : null;
  if (!ref) return null;
  const tag = ref.tagName.replace(/^.*:/, "");
  if (tag !== "linearGradient" && tag !== "radialGradient") return null;
  const stops = gradientStops(ref);
  if (stops.length === 0) return null;
  const colors: Float32Array[] = [];
  const offsets: number[] = [];
  for (const stop of stops) {
    const styleOf = (name: string): string | null => {
      const style = stop.getAttribute("style");
      if (style) {
        for (const decl of style.split(";")) {
          const i = decl.indexOf(":");
          if (i > 0 && decl.slice(0, i).trim() === name) {
            return decl.slice(i + 1).trim();
          }
        }
      }
      return stop.hasAttribute(name) ? stop.getAttribute(name) : null;
    };
    const c = colorOf(styleOf("stop-color") ?? "black") ?? [0, 0, 0, 255];
    const o = gradientNumber(styleOf("stop-opacity"), 1);
    colors.push(
      ck.Color4f(c[0] / 255, c[1] / 255, c[2] / 255, (c[3] / 255) * o * alpha),
    );
    const at = Math.min(
      1,
      Math.max(0, gradientNumber(stop.getAttribute("offset"), 0)),
    );
    offsets.push(Math.max(at, offsets.at(-1) ?? 0));
  }
  if (colors.length === 1) {
    colors.push(colors[0]);
    offsets.push(1);
  }
  // gradient space → user space: the bounding box's unit square unless
  // userSpaceOnUse, then the gradient's own transform
  let matrix = ck.Matrix.identity();
  if (gradientAttr(ref, "gradientUnits") !== "userSpaceOnUse") {
    matrix = ck.Matrix.multiply(
      ck.Matrix.translated(box[0], box[1]),
      ck.Matrix.scaled(box[2] - box[0], box[3] - box[1]),
    );
  }
  const t = gradientAttr(ref, "gradientTransform");
  if (t) matrix = ck.Matrix.multiply(matrix, svgMatrix(t));
  const user = gradientAttr(ref, "gradientUnits") === "userSpaceOnUse";
  const g = (name: string, fallback: number) =>
    gradientNumber(gradientAttr(ref, name), fallback);
  if (tag === "linearGradient") {
    return ck.Shader.MakeLinearGradient(
      [g("x1", 0), g("y1", 0)],
      [g("x2", user ? 0 : 1), g("y2", 0)],
      colors,
      offsets,
      ck.TileMode.Clamp,
      matrix,
    );
  }
  const cx = g("cx", 0.5), cy = g("cy", 0.5), r = g("r", 0.5);
  const fx = g("fx", cx), fy = g("fy", cy);
  return ck.Shader.MakeTwoPointConicalGradient(
    [fx, fy],
    0,
    [cx, cy],
    r,
    colors,
    offsets,
    ck.TileMode.Clamp,
    matrix,
  );
}

/** An SVG `transform` list as a matrix. */
function svgMatrix(t: string): number[] {
  const re = /(\w+)\s*\(([^)]*)\)/g;
  let out = [1, 0, 0, 0, 1, 0, 0, 0, 1];
  const mul = (b: number[]) => {
    const a = out;
    out = [
      a[0] * b[0] + a[1] * b[3],
      a[0] * b[1] + a[1] * b[4],
      a[0] * b[2] + a[1] * b[5] + a[2],
      a[3] * b[0] + a[4] * b[3],
      a[3] * b[1] + a[4] * b[4],
      a[3] * b[2] + a[4] * b[5] + a[5],
      0,
      0,
      1,
    ];
  };
  let m: RegExpExecArray | null;
  while ((m = re.exec(t))) {
    const a = m[2].split(/[\s,]+/).filter(Boolean).map(Number);
    switch (m[1]) {
      case "matrix":
        mul([a[0], a[2], a[4], a[1], a[3], a[5]]);
        break;
      case "translate":
        mul([1, 0, a[0] ?? 0, 0, 1, a[1] ?? 0]);
        break;
      case "scale":
        mul([a[0] ?? 1, 0, 0, 0, a[1] ?? a[0] ?? 1, 0]);
        break;
      case "rotate": {
        const r = ((a[0] ?? 0) * Math.PI) / 180;
        const [x, y] = [a[1] ?? 0, a[2] ?? 0];
        mul([1, 0, x, 0, 1, y]);
        mul([Math.cos(r), -Math.sin(r), 0, Math.sin(r), Math.cos(r), 0]);
        mul([1, 0, -x, 0, 1, -y]);
        break;
      }
      case "skewX":
        mul([1, Math.tan(((a[0] ?? 0) * Math.PI) / 180), 0, 0, 1, 0]);
        break;
      case "skewY":
        mul([1, 0, 0, Math.tan(((a[0] ?? 0) * Math.PI) / 180), 1, 0]);
        break;
    }
  }
  return out;
}

/** Most pixels an SVG's embedded image may decode to (4,096 × 4,096). */
const MAX_SVG_IMAGE_PIXELS = 4096 * 4096;

/**
 * An SVG `image` whose `href` is a base64 `data:` PNG or JPEG, stretched
 * over its `x`, `y`, `width`, `height` (QtSvg's `QSvgImage`: the image
 * drawn into that rectangle, smoothly); other images are not drawn.
 */
function drawImage(
  pc: PaintContext,
  el: Element,
  st: Style,
  opacity: number,
): void {
  const { ck, canvas } = pc;
  const href = el.getAttribute("xlink:href") ?? el.getAttribute("href") ?? "";
  const m = /^data:image\/(?:png|jpe?g);base64,(.*)$/s.exec(href.trim());
  const n = (k: string) => parseFloat(el.getAttribute(k) ?? "") || 0;
  const w = n("width"), h = n("height");
  if (!m || !(w > 0) || !(h > 0)) return;
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(
      atob(m[1].replace(/\s+/g, "")),
      (c) => c.charCodeAt(0),
    );
  } catch {
    return;
  }
  const size = encodedImageSize(bytes);
  if (!size || size.width * size.height > MAX_SVG_IMAGE_PIXELS) return;
  const image = ck.MakeImageFromEncoded(bytes);
  if (!image) return;
  const paint = new ck.Paint();
  paint.setAntiAlias(true);
  paint.setAlphaf(Math.max(0, Math.min(1, st.opacity * opacity)));
  canvas.drawImageRectOptions(
    image,
    ck.XYWHRect(0, 0, image.width(), image.height()),
    ck.XYWHRect(n("x"), n("y"), w, h),
    ck.FilterMode.Linear,
    ck.MipmapMode.None,
    paint,
  );
  paint.delete();
  image.delete();
}

function drawNode(
  pc: PaintContext,
  el: Element,
  parent: Style,
  opacity: number,
  depth = 0,
): void {
  if (++drawn > MAX_SVG_DRAWN) return;
  if ((drawn & 255) === 0) checkJobClock();
  const { ck, canvas } = pc;
  const tag = el.tagName.replace(/^.*:/, "");
  if (
    ["defs", "metadata", "title", "desc", "style", "clipPath", "mask", "symbol"]
      .includes(tag)
  ) return;
  const st = attrs(el, parent);
  if (!st.display) return;
  canvas.save();
  transformOf(ck, canvas, el.getAttribute("transform"));
  if (tag === "g" || tag === "svg" || tag === "a") {
    for (let c = el.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 1) drawNode(pc, c as Element, st, opacity, depth);
    }
  } else if (tag === "use") {
    // a copy of the element it names, at (x, y), inheriting the use's style
    const href = el.getAttribute("xlink:href") ?? el.getAttribute("href");
    const ref = href?.startsWith("#") && depth < 8
      ? byId(el, href.slice(1))
      : null;
    if (ref) {
      canvas.translate(
        parseFloat(el.getAttribute("x") ?? "") || 0,
        parseFloat(el.getAttribute("y") ?? "") || 0,
      );
      if (ref.tagName.replace(/^.*:/, "") === "symbol") {
        for (let c = ref.firstChild; c; c = c.nextSibling) {
          if (c.nodeType === 1) {
            drawNode(pc, c as Element, st, opacity, depth + 1);
          }
        }
      } else drawNode(pc, ref as Element, st, opacity, depth + 1);
    }
  } else if (tag === "text") {
    drawText(pc, el, st, opacity);
  } else if (tag === "image") {
    drawImage(pc, el, st, opacity);
  } else {
    const path = shapePath(ck, el, tag);
    if (path) {
      path.setFillType(
        st.fillRule === "evenodd" ? ck.FillType.EvenOdd : ck.FillType.Winding,
      );
      const gradient = tag !== "line" && /^\s*url\(/.test(st.fill)
        ? gradientShader(
          ck,
          el,
          st.fill,
          path.computeTightBounds(),
          st.fillOpacity * st.opacity * opacity,
        )
        : null;
      const fill = gradient || tag === "line" ||
          tag === "polyline" && st.fill === "none" ||
          /^\s*url\(/.test(st.fill)
        ? null
        : colorOf(st.fill);
      if (gradient) {
        const p = new ck.Paint();
        p.setAntiAlias(true);
        p.setShader(gradient);
        canvas.drawPath(path, p);
        p.delete();
        gradient.delete();
      }
      if (fill && tag !== "line") {
        const p = new ck.Paint();
        p.setAntiAlias(true);
        p.setColor(
          ck.Color4f(
            fill[0] / 255,
            fill[1] / 255,
            fill[2] / 255,
            (fill[3] / 255) * st.fillOpacity * st.opacity * opacity,
          ),
        );
        canvas.drawPath(path, p);
        p.delete();
      }
      const stroke = colorOf(st.stroke);
      if (stroke && st.strokeWidth > 0) {
        const p = new ck.Paint();
        p.setAntiAlias(true);
        p.setStyle(ck.PaintStyle.Stroke);
        p.setStrokeWidth(st.strokeWidth);
        p.setStrokeJoin(
          st.join === "round"
            ? ck.StrokeJoin.Round
            : st.join === "bevel"
            ? ck.StrokeJoin.Bevel
            : ck.StrokeJoin.Miter,
        );
        p.setStrokeCap(
          st.cap === "round"
            ? ck.StrokeCap.Round
            : st.cap === "square"
            ? ck.StrokeCap.Square
            : ck.StrokeCap.Butt,
        );
        p.setColor(
          ck.Color4f(
            stroke[0] / 255,
            stroke[1] / 255,
            stroke[2] / 255,
            (stroke[3] / 255) * st.strokeOpacity * st.opacity * opacity,
          ),
        );
        canvas.drawPath(path, p);
        p.delete();
      }
      path.delete();
    }
  }
  canvas.restore();
}

/**
 * What QGIS 3.22 draws for an SVG it cannot find: `QgsSvgCache`'s
 * missing-image SVG, a black question mark filling the marker.
 */
export const MISSING_SVG =
  "<svg width='10' height='10'><text x='5' y='10' font-size='10' text-anchor='middle'>?</text></svg>";

/**
 * The height over the width of an SVG's view box (1 without one, or for an
 * SVG that cannot be found or read), as `QgsSvgCache` sizes the image it
 * renders an SVG into.
 *
 * @example
 * ```ts ignore
 * import { svgHeightRatio } from "./svg_marker.ts";
 * svgHeightRatio(pc, "symbol/tree.svg"); // 1.5
 * ```
 */
export function svgHeightRatio(pc: PaintContext, path: string): number {
  const text = pc.loadSvg(path) ?? MISSING_SVG;
  const probeKey = `${path}\0${text.length}`;
  let probe = parsed.get(probeKey)?.doc;
  if (probe === undefined) {
    probe = parseSvg(text);
    parsed.set(probeKey, { doc: probe, bytes: 32 * text.length });
  }
  if (!probe) return 1;
  const [, , w, h] = probe.vb;
  return w > 0 ? h / w : 1;
}

/**
 * Draws an SVG marker; for an SVG it cannot find, QGIS's placeholder
 * (`MISSING_SVG`), with a warning.
 *
 * @example
 * ```ts ignore
 * import { drawSvgMarker } from "./svg_marker.ts";
 * drawSvgMarker(pc, spec);
 * ```
 */
export function drawSvgMarker(pc: PaintContext, spec: SvgMarkerSpec): void {
  let text = pc.loadSvg(spec.path);
  if (text === null) {
    pc.warn(`SVG '${spec.path}' is not in the SVG folders${svgLibraryNote()}`);
    text = MISSING_SVG;
  }
  // the stroke width parameter is in SVG user units: pixels × (viewBox / size)
  // parsed once per SVG, not once per marker drawn
  const probeKey = `${spec.path}\0${text.length}`;
  let probe = parsed.get(probeKey)?.doc;
  if (probe === undefined) {
    probe = parseSvg(text);
    parsed.set(probeKey, { doc: probe, bytes: 32 * text.length });
  }
  if (!probe) {
    pc.warn(
      `SVG '${spec.path}' cannot be read (not an SVG, or over the limits: ${MAX_SVG_PATH_NUMBERS} numbers of path data, ${SVG_XML_LIMITS.maxElements} elements, depth ${SVG_XML_LIMITS.maxDepth})`,
    );
    return;
  }
  const [, , vbw, vbh] = probe.vb;
  const strokeUser = spec.strokeWidthPx * (vbw / Math.max(spec.size, 1e-9));
  const key = `${spec.path}\0${spec.fill}\0${spec.stroke}\0${strokeUser}`;
  let doc = parsed.get(key)?.doc;
  if (doc === undefined) {
    doc = /param\(/.test(text)
      ? parseSvg(replaceSvgParams(text, spec.fill, spec.stroke, strokeUser))
      : probe;
    parsed.set(key, { doc, bytes: 32 * text.length });
  }
  if (!doc) return;
  const width = spec.size;
  // QGIS draws nothing narrower than one pixel (or wider than 10,000)
  if (Math.trunc(width) < 1 || width > 10000) return;
  const ratio = spec.aspect !== null ? spec.aspect : vbh / vbw;
  const height = width * ratio;
  const { canvas } = pc;
  const base: Style = {
    fill: "black",
    stroke: "none",
    strokeWidth: 1,
    fillOpacity: 1,
    strokeOpacity: 1,
    opacity: 1,
    fillRule: "nonzero",
    join: "miter",
    cap: "butt",
    display: true,
  };
  canvas.save();
  // Unrotated, QGIS renders the SVG into an image of whole pixels (its SVG
  // cache: int(width) × int(height), the view box stretched over it when
  // square, else fitted and centred) and draws it translated to the marker's
  // centre at minus half its size: Qt rounds the centre and the half size
  // each to whole pixels (measured: left = round(x) + round(-width / 2)).
  // Symbol previews force vector output: the SVG's picture instead, drawn
  // unrounded as a rotated one.
  const iw = Math.trunc(width), ih = Math.max(1, Math.trunc(height));
  if (!spec.angle && iw > 1 && !pc.preview) {
    canvas.translate(
      Math.round(spec.x) + Math.round(-iw / 2),
      Math.round(spec.y) + Math.round(-ih / 2),
    );
    if (Math.abs(vbw - vbh) <= 1e-8 * Math.max(vbw, vbh)) {
      canvas.scale(iw / vbw, ih / vbh);
    } else {
      const k = Math.min(width / vbw, height / vbh);
      canvas.translate((iw - vbw * k) / 2, (ih - vbh * k) / 2);
      canvas.scale(k, k);
    }
    canvas.translate(-doc.vb[0], -doc.vb[1]);
    // the image's opacity is multiplied as a whole
    if (spec.opacity < 1) {
      const paint = new pc.ck.Paint();
      paint.setAlphaf(Math.max(0, spec.opacity));
      canvas.saveLayer(paint);
      paint.delete();
      drawn = 0;
      drawNode(pc, doc.root, base, 1);
      canvas.restore();
    } else {
      drawn = 0;
      drawNode(pc, doc.root, base, 1);
    }
    canvas.restore();
    return;
  }
  canvas.translate(spec.x, spec.y);
  if (spec.angle) canvas.rotate(spec.angle, 0, 0);
  canvas.translate(-width / 2, -height / 2);
  canvas.scale(width / vbw, height / vbh);
  canvas.translate(-doc.vb[0], -doc.vb[1]);
  drawn = 0;
  drawNode(pc, doc.root, base, spec.opacity);
  canvas.restore();
}
