/**
 * Label callouts (`<callout type="simple">`, `"manhattan"` and `"curved"`):
 * the line QGIS 3.22's `QgsSimpleLineCallout` (and its subclasses) draws from a placed label to its
 * feature, before every label, with the callout's line symbol. The label's
 * anchor is its rectangle's nearest point (`point_on_exterior`), its centre
 * or one of its corners or edge middles; the feature's is the nearest point
 * of a point or line, and of a polygon its pole of inaccessibility, a point
 * on its surface, its centroid or its nearest boundary point (no callout
 * when the label touches the polygon). Coordinates are PAL's (pixels, y up).
 *
 * @module
 */
import type { Element } from "@xmldom/xmldom";
import type { RenderUnit } from "../style/model.ts";
import { parseUnit } from "../style/props.ts";
import { poleOfInaccessibility } from "../expression/fn_geometry.ts";
import { type DataDefined, readDataDefined } from "./settings.ts";
import { pointInRings, pointOnSurface, rectCorners } from "./_geom.ts";

/** A label's callout settings (`QgsCallout` and its line callouts). */
export interface CalloutSettings {
  /** `simple`, `manhattan`, `curved` (others are read but not drawn). */
  type: string;
  /** Drawn at all. */
  enabled: boolean;
  /** Feature anchor: `pole_of_inaccessibility`, `point_on_exterior`, `point_on_surface`, `centroid`. */
  anchorPoint: string;
  /** Label anchor: `point_on_exterior`, `centroid`, `tl`, `t`, `tr`, `l`, `r`, `bl`, `b`, `br`. */
  labelAnchorPoint: string;
  /** The line symbol's `<symbol>` XML (null: QGIS's default, 0.3 mm grey). */
  lineSymbol: string | null;
  /** Shortest line drawn. */
  minLength: number;
  /** Unit of `minLength`. */
  minLengthUnit: RenderUnit;
  /** Gap left at the feature's end. */
  offsetFromAnchor: number;
  /** Unit of `offsetFromAnchor`. */
  offsetFromAnchorUnit: RenderUnit;
  /** Gap left at the label's end. */
  offsetFromLabel: number;
  /** Unit of `offsetFromLabel`. */
  offsetFromLabelUnit: RenderUnit;
  /** A line to every part of a multi-part feature. */
  drawToAllParts: boolean;
  /** Curved callouts: the bend, a fraction of the line's length. */
  curvature: number;
  /** Curved callouts: `auto`, `clockwise` or `counterclockwise`. */
  orientation: string;
  /** The callout's own data-defined properties. */
  dataDefined: Record<string, DataDefined>;
  /** Balloon callouts: the fill symbol's `<symbol>` XML (null: QGIS's default). */
  fillSymbol?: string | null;
  /** Balloon callouts: margins about the label, left, top, right, bottom. */
  margins?: [number, number, number, number];
  /** Unit of `margins`. */
  marginsUnit?: RenderUnit;
  /** Balloon callouts: the wedge's width where it leaves the balloon. */
  wedgeWidth?: number;
  /** Unit of `wedgeWidth`. */
  wedgeWidthUnit?: RenderUnit;
  /** Balloon callouts: the corners' radius. */
  cornerRadius?: number;
  /** Unit of `cornerRadius`. */
  cornerRadiusUnit?: RenderUnit;
}

/** QGIS's default callout line: a simple line 0.3 mm wide, (60, 60, 60). */
export const DEFAULT_CALLOUT_SYMBOL =
  '<symbol type="line" name="callout" alpha="1"><layer class="SimpleLine" enabled="1" pass="0" locked="0">' +
  '<Option type="Map"><Option name="line_color" type="QString" value="60,60,60,255"/>' +
  '<Option name="line_width" type="QString" value="0.3"/>' +
  '<Option name="line_width_unit" type="QString" value="MM"/>' +
  '<Option name="capstyle" type="QString" value="square"/>' +
  '<Option name="joinstyle" type="QString" value="bevel"/>' +
  '<Option name="line_style" type="QString" value="solid"/></Option></layer></symbol>';

/** QGIS's default balloon: a simple fill (255, 200, 60), outlined 0.26 mm (35, 35, 35). */
export const DEFAULT_BALLOON_SYMBOL =
  '<symbol type="fill" name="balloon" alpha="1"><layer class="SimpleFill" enabled="1" pass="0" locked="0">' +
  '<Option type="Map"><Option name="color" type="QString" value="255,200,60,255"/>' +
  '<Option name="outline_color" type="QString" value="35,35,35,255"/>' +
  '<Option name="outline_width" type="QString" value="0.26"/>' +
  '<Option name="outline_width_unit" type="QString" value="MM"/>' +
  '<Option name="outline_style" type="QString" value="solid"/>' +
  '<Option name="joinstyle" type="QString" value="bevel"/>' +
  '<Option name="style" type="QString" value="solid"/></Option></layer></symbol>';

function childElement(el: Element, name: string): Element | null {
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).nodeName === name) {
      return n as Element;
    }
  }
  return null;
}

/**
 * Reads the `<callout>` of a label's `<settings>`; null without one.
 *
 * @example
 * ```ts
 * import { DOMParser } from "@xmldom/xmldom";
 * import { readCallout } from "./callout.ts";
 * const doc = new DOMParser().parseFromString(
 *   '<settings><callout type="simple"><Option type="Map">' +
 *     '<Option name="enabled" type="QString" value="1"/></Option></callout></settings>',
 *   "text/xml",
 * );
 * readCallout(doc.documentElement!)?.enabled; // true
 * ```
 */
export function readCallout(settings: Element): CalloutSettings | null {
  const el = childElement(settings, "callout");
  if (!el) return null;
  const map = childElement(el, "Option");
  const v: Record<string, string> = {};
  let dd: Record<string, DataDefined> = {};
  if (map) {
    for (let n = map.firstChild; n; n = n.nextSibling) {
      if (n.nodeType !== 1) continue;
      const o = n as Element;
      const name = o.getAttribute("name") ?? "";
      if (name === "ddProperties") {
        // the same option map as a label's data-defined properties
        const wrap = o.ownerDocument!.createElement("dd");
        wrap.appendChild(o.cloneNode(true));
        dd = readDataDefined(wrap);
      } else v[name] = o.getAttribute("value") ?? "";
    }
  }
  const num = (name: string) => {
    const n = Number(v[name] ?? 0);
    return Number.isFinite(n) ? n : 0;
  };
  return {
    type: el.getAttribute("type") ?? "simple",
    enabled: v.enabled === "1" || v.enabled === "true",
    anchorPoint: (v.anchorPoint || "pole_of_inaccessibility").toLowerCase(),
    labelAnchorPoint: (v.labelAnchorPoint || "point_on_exterior")
      .toLowerCase(),
    lineSymbol: v.lineSymbol || null,
    minLength: num("minLength"),
    minLengthUnit: parseUnit(v.minLengthUnit || "MM"),
    offsetFromAnchor: num("offsetFromAnchor"),
    offsetFromAnchorUnit: parseUnit(v.offsetFromAnchorUnit || "MM"),
    offsetFromLabel: num("offsetFromLabel"),
    offsetFromLabelUnit: parseUnit(v.offsetFromLabelUnit || "MM"),
    drawToAllParts: v.drawToAllParts === "true" || v.drawToAllParts === "1",
    curvature: v.curvature === undefined || v.curvature === ""
      ? 0.1
      : num("curvature"),
    orientation: (v.orientation || "auto").toLowerCase(),
    dataDefined: dd,
    fillSymbol: v.fillSymbol || null,
    margins: readMargins(v.margins),
    marginsUnit: parseUnit(v.marginsUnit || "MM"),
    wedgeWidth: v.wedgeWidth === undefined || v.wedgeWidth === ""
      ? 2.64
      : num("wedgeWidth"),
    wedgeWidthUnit: parseUnit(v.wedgeWidthUnit || "MM"),
    cornerRadius: num("cornerRadius"),
    cornerRadiusUnit: parseUnit(v.cornerRadiusUnit || "MM"),
  };
}

/**
 * `QgsMargins::fromString`: four numbers, left, top, right, bottom; any
 * other text is no margin at all.
 */
function readMargins(
  text: string | undefined,
): [number, number, number, number] {
  const parts = (text ?? "").split(",");
  if (parts.length !== 4) return [0, 0, 0, 0];
  const n = parts.map((p) => Number(p.trim()));
  if (n.some((x, i) => parts[i].trim() === "" || !Number.isFinite(x))) {
    return [0, 0, 0, 0];
  }
  return [n[0], n[1], n[2], n[3]];
}

/** A feature's geometry as its label's callout sees it (PAL pixels, y up). */
export type CalloutAnchor =
  | { kind: "point"; points: [number, number][] }
  | { kind: "line"; lines: number[][] }
  | { kind: "polygon"; polygons: number[][][] };

/** A placed label's rectangle (PAL pixels, y up, angle counter-clockwise). */
export interface CalloutLabel {
  x: number;
  y: number;
  w: number;
  h: number;
  angle: number;
}

/** The callout's lengths in pixels. */
export interface CalloutLengths {
  minLength: number;
  offsetFromAnchor: number;
  offsetFromLabel: number;
}

type XY = [number, number];

/**
 * The callout lines of a label (each a flat x, y polyline, from the label
 * to the feature), as `QgsSimpleLineCallout::draw` makes them: one to the
 * whole feature, or one per part with `drawToAllParts` (unless every part
 * is labelled).
 *
 * @example
 * ```ts
 * import { calloutLines, readCallout } from "./callout.ts";
 * const settings = {
 *   type: "simple", enabled: true, anchorPoint: "pole_of_inaccessibility",
 *   labelAnchorPoint: "point_on_exterior", lineSymbol: null, minLength: 0,
 *   minLengthUnit: "MM" as const, offsetFromAnchor: 0, offsetFromAnchorUnit: "MM" as const,
 *   offsetFromLabel: 0, offsetFromLabelUnit: "MM" as const, drawToAllParts: false,
 *   curvature: 0.1, orientation: "auto", dataDefined: {},
 * };
 * const lines = calloutLines(
 *   settings,
 *   { x: 10, y: 0, w: 20, h: 5, angle: 0 },
 *   { kind: "point", points: [[0, 0]] },
 *   { minLength: 0, offsetFromAnchor: 0, offsetFromLabel: 0 },
 *   false,
 * );
 * lines[0]; // [10, 0, 0, 0]
 * ```
 */
export function calloutLines(
  settings: CalloutSettings,
  label: CalloutLabel,
  anchor: CalloutAnchor,
  lengths: CalloutLengths,
  allPartsLabelled: boolean,
): number[][] {
  const from = labelGeometry(label, settings.labelAnchorPoint);
  const parts: CalloutAnchor[] = [];
  if (allPartsLabelled || !settings.drawToAllParts) parts.push(anchor);
  else if (anchor.kind === "point") {
    for (const p of anchor.points) parts.push({ kind: "point", points: [p] });
  } else if (anchor.kind === "line") {
    for (const l of anchor.lines) parts.push({ kind: "line", lines: [l] });
  } else {
    for (const p of anchor.polygons) {
      parts.push({ kind: "polygon", polygons: [p] });
    }
  }
  const out: number[][] = [];
  for (const part of parts) {
    const seg = lineToPart(from, part, settings.anchorPoint);
    if (!seg) continue;
    const [s, e] = seg;
    const length = Math.hypot(e[0] - s[0], e[1] - s[1]);
    if (!(length > 1e-12)) continue;
    if (lengths.minLength > 0 && length < lengths.minLength) continue;
    let line = settings.type === "manhattan"
      ? [s[0], s[1], s[0], e[1], e[0], e[1]]
      : settings.type === "curved"
      ? curvedLine(s, e, label, settings)
      : [s[0], s[1], e[0], e[1]];
    if (lengths.offsetFromAnchor > 0 || lengths.offsetFromLabel > 0) {
      line = substring(
        line,
        lengths.offsetFromLabel,
        polylineLength(line) - lengths.offsetFromAnchor,
      );
    }
    if (line.length >= 4) out.push(line);
  }
  return out;
}

/**
 * `QgsCurvedLineCallout::createCalloutLine`: a circular arc from `s` to `e`
 * through the point off the middle of the line by `curvature` of its
 * length, bent clockwise or not as chosen, or by the side of the label's
 * (unturned) box the line leaves from; worked in output pixels (y down) as
 * QGIS works it, segmentized by a degree as `QgsCircularString` is drawn.
 */
function curvedLine(
  s: XY,
  e: XY,
  label: CalloutLabel,
  settings: CalloutSettings,
): number[] {
  const [sx, sy, ex, ey] = [s[0], -s[1], e[0], -e[1]];
  // QRectF(bottom-left corner, w, -h): its "bottom" is the label's top
  const left = label.x, right = label.x + label.w;
  const top = -label.y, bottom = -label.y - label.h;
  let clockwise = settings.orientation === "clockwise";
  if (
    settings.orientation !== "clockwise" &&
    settings.orientation !== "counterclockwise"
  ) {
    const near = (a: number, b: number) => Math.abs(a - b) < 1e-8;
    const midX = left + label.w / 2, midY = top - label.h / 2;
    switch (closestSide(right, bottom, left, top, sx, sy)) {
      case 1:
        clockwise = near(ex, sx) ? sx >= midX : !(ex > sx);
        break;
      case 2:
        clockwise = ex < sx ||
          (!(ey < sy) && ex - sx < ey - sy);
        break;
      case 3:
        clockwise = near(ey, sy) ? sy < midY : !(ey < sy);
        break;
      case 4:
        clockwise = !(ex < sx) &&
          (ey > sy || !(ex - sx < sy - ey));
        break;
      case 5:
        clockwise = near(ex, sx) ? sx < midX : !(ex < sx);
        break;
      case 6:
        clockwise = ex > sx || (!(ey > sy) && sx - ex < sy - ey);
        break;
      case 7:
        clockwise = near(ey, sy) ? !(sy < midY) : !(ey > sy);
        break;
      case 8:
        clockwise = !(ex > sx) &&
          (ey < sy || !(sx - ex < ey - sy));
        break;
    }
  }
  const length = Math.hypot(ex - sx, ey - sy);
  const offset = (clockwise ? 1 : -1) * length * settings.curvature;
  // QgsGeometryUtils::perpendicularOffsetPointAlongSegment at the middle
  const k = length > 0 ? offset / length : 0;
  const mx = sx + (ex - sx) * 0.5 + (ey - sy) * k;
  const my = sy + (ey - sy) * 0.5 - (ex - sx) * k;
  const pts = arcPoints([sx, sy], [mx, my], [ex, ey]);
  const out: number[] = [];
  for (let i = 0; i < pts.length; i += 2) out.push(pts[i], -pts[i + 1]);
  return out;
}

/** `QgsGeometryUtils::closestSideOfRectangle` (1 top … 8, clockwise). */
function closestSide(
  right: number,
  bottom: number,
  left: number,
  top: number,
  x: number,
  y: number,
): number {
  const near = (a: number, b: number) => Math.abs(a - b) < 1e-8;
  const corner = (dx: number, dy: number, tie: number, a: number, b: number) =>
    near(dx, dy) ? tie : dx < dy ? a : b;
  if (x <= left && y <= bottom) return corner(left - x, bottom - y, 6, 5, 7);
  if (x >= right && y >= top) return corner(x - right, y - top, 2, 1, 3);
  if (x >= right && y <= bottom) return corner(x - right, bottom - y, 4, 5, 3);
  if (x <= left && y >= top) return corner(left - x, y - top, 8, 1, 7);
  if (x <= left) return 7;
  if (x >= right) return 3;
  if (y <= bottom) return 5;
  if (y >= top) return 1;
  const smallestX = Math.min(right - x, x - left);
  const smallestY = Math.min(top - y, y - bottom);
  if (smallestX < smallestY) return right - x < x - left ? 3 : 7;
  return top - y < y - bottom ? 1 : 5;
}

/**
 * A circular arc through three points as `QgsCircularString` segmentizes
 * it: a point per degree from the first to the last, counter-clockwise
 * (reversed when the arc turns clockwise); collinear points stay a line.
 */
function arcPoints(p1: XY, p2: XY, p3: XY): number[] {
  const [x1, y1] = p1, [x2, y2] = p2, [x3, y3] = p3;
  const side = (x2 - x1) * (y3 - y1) - (x3 - x1) * (y2 - y1);
  const d = 2 * (x1 * (y2 - y3) + x2 * (y3 - y1) + x3 * (y1 - y2));
  if (side === 0 || d === 0) return [x1, y1, x2, y2, x3, y3];
  const clockwise = side < 0;
  const [ax, ay, bx, by] = clockwise ? [x3, y3, x1, y1] : [x1, y1, x3, y3];
  const sq1 = x1 * x1 + y1 * y1,
    sq2 = x2 * x2 + y2 * y2,
    sq3 = x3 * x3 + y3 * y3;
  const cx = (sq1 * (y2 - y3) + sq2 * (y3 - y1) + sq3 * (y1 - y2)) / d;
  const cy = (sq1 * (x3 - x2) + sq2 * (x1 - x3) + sq3 * (x2 - x1)) / d;
  const r = Math.hypot(x1 - cx, y1 - cy);
  const a1 = Math.atan2(ay - cy, ax - cx);
  let a3 = Math.atan2(by - cy, bx - cx);
  if (a3 <= a1) a3 += 2 * Math.PI;
  const step = Math.PI / 180;
  const out = [ax, ay];
  for (let a = a1 + step; a < a3 - step / 100; a += step) {
    out.push(cx + r * Math.cos(a), cy + r * Math.sin(a));
  }
  out.push(bx, by);
  if (!clockwise) return out;
  const rev: number[] = [];
  for (let i = out.length - 2; i >= 0; i -= 2) rev.push(out[i], out[i + 1]);
  return rev;
}

/** The label's anchor: its rectangle's ring, or one point of it. */
function labelGeometry(label: CalloutLabel, anchor: string): number[] {
  const { x, y, w, h, angle } = label;
  const local: Record<string, XY> = {
    centroid: [w / 2, h / 2],
    tl: [0, h],
    t: [w / 2, h],
    tr: [w, h],
    l: [0, h / 2],
    r: [w, h / 2],
    bl: [0, 0],
    b: [w / 2, 0],
    br: [w, 0],
  };
  const at = local[anchor];
  if (!at) {
    const c = rectCorners(x, y, w, h, angle);
    return [...c, c[0], c[1]];
  }
  const cs = Math.cos(angle), sn = Math.sin(angle);
  return [x + at[0] * cs - at[1] * sn, y + at[0] * sn + at[1] * cs];
}

/**
 * `QgsCallout::calloutLineToPart`: the shortest line, label first; null
 * when the label meets the feature.
 *
 * @example
 * ```ts
 * import { lineToPart } from "./callout.ts";
 * lineToPart([10, 0], { kind: "point", points: [[0, 0]] }, "centroid"); // [[10, 0], [0, 0]]
 * ```
 */
export function lineToPart(
  from: number[],
  part: CalloutAnchor,
  anchorPoint: string,
): [[number, number], [number, number]] | null {
  if (part.kind === "point") {
    return nearest(from, part.points.map((p) => [p[0], p[1]]), true);
  }
  if (part.kind === "line") return nearest(from, part.lines, false);
  const rings = part.polygons.flat();
  if (intersectsPolygon(from, part.polygons)) return null;
  switch (anchorPoint) {
    case "point_on_exterior":
      return nearest(from, rings, false);
    case "centroid":
      return nearest(from, [centroid(part.polygons)], true);
    case "point_on_surface":
      return nearest(from, [surfacePoint(part.polygons)], true);
    default:
      return nearest(from, [pole(part.polygons)], true);
  }
}

/**
 * GEOS's nearest points between the label (a closed ring, its interior
 * included, or a point) and lines or points; null when they meet.
 */
function nearest(
  from: number[],
  targets: number[][],
  points: boolean,
): [XY, XY] | null {
  const ring = from.length > 2;
  if (ring) {
    // containment first: a target's first point inside the label
    for (const t of targets) {
      if (pointInRings([from], t[0], t[1])) return null;
    }
  }
  let best = Infinity;
  let result: [XY, XY] | null = null;
  const fromSegs = ring ? from.length / 2 - 1 : 0;
  for (const t of targets) {
    const tSegs = points ? 0 : t.length / 2 - 1;
    if (!ring) {
      const p: XY = [from[0], from[1]];
      if (points) {
        const d = Math.hypot(t[0] - p[0], t[1] - p[1]);
        if (d < best) [best, result] = [d, [p, [t[0], t[1]]]];
      } else {
        for (let j = 0; j < tSegs; j++) {
          const q = closestOnSegment(p, t, j);
          const d = Math.hypot(q[0] - p[0], q[1] - p[1]);
          if (d < best) [best, result] = [d, [p, q]];
        }
      }
      continue;
    }
    for (let i = 0; i < fromSegs; i++) {
      if (points) {
        const p: XY = [t[0], t[1]];
        const q = closestOnSegment(p, from, i);
        const d = Math.hypot(q[0] - p[0], q[1] - p[1]);
        if (d < best) [best, result] = [d, [q, p]];
        continue;
      }
      for (let j = 0; j < tSegs; j++) {
        const [a, b] = segmentsClosest(from, i, t, j);
        const d = Math.hypot(b[0] - a[0], b[1] - a[1]);
        if (d < best) [best, result] = [d, [a, b]];
      }
    }
  }
  return best > 0 ? result : null;
}

function closestOnSegment(p: XY, l: number[], i: number): XY {
  const ax = l[2 * i], ay = l[2 * i + 1], bx = l[2 * i + 2], by = l[2 * i + 3];
  const dx = bx - ax, dy = by - ay;
  const len = dx * dx + dy * dy;
  if (len === 0) return [ax, ay];
  const r = ((p[0] - ax) * dx + (p[1] - ay) * dy) / len;
  if (r <= 0) return [ax, ay];
  if (r >= 1) return [bx, by];
  return [ax + r * dx, ay + r * dy];
}

/** `LineSegment::closestPoints`: an intersection, else an end's projection. */
function segmentsClosest(
  a: number[],
  i: number,
  b: number[],
  j: number,
): [XY, XY] {
  const p0: XY = [a[2 * i], a[2 * i + 1]],
    p1: XY = [a[2 * i + 2], a[2 * i + 3]];
  const q0: XY = [b[2 * j], b[2 * j + 1]],
    q1: XY = [b[2 * j + 2], b[2 * j + 3]];
  const cross = (o: XY, u: XY, v: XY) =>
    (u[0] - o[0]) * (v[1] - o[1]) - (u[1] - o[1]) * (v[0] - o[0]);
  const d1 = cross(q0, q1, p0), d2 = cross(q0, q1, p1);
  const d3 = cross(p0, p1, q0), d4 = cross(p0, p1, q1);
  if (
    ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) &&
    ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))
  ) {
    const t = d1 / (d1 - d2);
    const x: XY = [p0[0] + t * (p1[0] - p0[0]), p0[1] + t * (p1[1] - p0[1])];
    return [x, x];
  }
  const options: [XY, XY][] = [
    [closestOnSegment(q0, a, i), q0],
    [closestOnSegment(q1, a, i), q1],
    [p0, closestOnSegment(p0, b, j)],
    [p1, closestOnSegment(p1, b, j)],
  ];
  let best = options[0];
  let d = Math.hypot(best[1][0] - best[0][0], best[1][1] - best[0][1]);
  for (const o of options.slice(1)) {
    const od = Math.hypot(o[1][0] - o[0][0], o[1][1] - o[0][1]);
    if (od < d) [best, d] = [o, od];
  }
  return best;
}

/** Whether the label (ring or point) touches any of the polygons. */
function intersectsPolygon(from: number[], polygons: number[][][]): boolean {
  for (const rings of polygons) {
    if (pointInRings(rings, from[0], from[1])) return true;
    if (from.length === 2) {
      if (nearest(from, rings, false) === null) return true;
      continue;
    }
    for (const r of rings) {
      if (pointInRings([from], r[0], r[1])) return true;
      if (nearest(from, [r], false) === null) return true;
    }
  }
  return false;
}

function ringArea(r: number[]): number {
  let a = 0;
  for (let i = 0; i + 3 < r.length; i += 2) {
    a += r[i] * r[i + 3] - r[i + 2] * r[i + 1];
  }
  return a / 2;
}

function centroid(polygons: number[][][]): number[] {
  let sx = 0, sy = 0, sa = 0;
  for (const rings of polygons) {
    for (const r of rings) {
      // holes count against the area whatever their orientation
      const sign = r === rings[0] ? 1 : -1;
      const a = ringArea(r);
      let cx = 0, cy = 0;
      for (let i = 0; i + 3 < r.length; i += 2) {
        const f = r[i] * r[i + 3] - r[i + 2] * r[i + 1];
        cx += (r[i] + r[i + 2]) * f;
        cy += (r[i + 1] + r[i + 3]) * f;
      }
      const k = sign * Math.sign(a);
      sx += k * cx / 6, sy += k * cy / 6, sa += k * a;
    }
  }
  return [sx / sa, sy / sa];
}

/** The largest part's point on surface. */
function surfacePoint(polygons: number[][][]): number[] {
  const rings = polygons.reduce((a, b) =>
    Math.abs(ringArea(b[0])) > Math.abs(ringArea(a[0])) ? b : a
  );
  return pointOnSurface(rings) ?? [rings[0][0], rings[0][1]];
}

/**
 * `QgsGeometry::poleOfInaccessibility` to a twentieth of the larger side of
 * the feature's box: the part whose pole lies deepest.
 */
function pole(polygons: number[][][]): number[] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const rings of polygons) {
    const r = rings[0];
    for (let i = 0; i + 1 < r.length; i += 2) {
      x0 = Math.min(x0, r[i]), x1 = Math.max(x1, r[i]);
      y0 = Math.min(y0, r[i + 1]), y1 = Math.max(y1, r[i + 1]);
    }
  }
  const precision = Math.max(x1 - x0, y1 - y0) / 20;
  let best: number[] = [x0, y0], depth = -Infinity;
  for (const rings of polygons) {
    // QGIS searches in output pixels (y down): the search's ties (a ring
    // with a hole has several equally deep spots) break as there
    const xy = rings.map((r) => {
      const out: XY[] = [];
      for (let i = 0; i + 1 < r.length; i += 2) out.push([r[i], -r[i + 1]]);
      return out;
    });
    const [p, d] = poleOfInaccessibility(xy, precision);
    if (d > depth) [best, depth] = [[p[0], -p[1]], d];
  }
  return best;
}

/**
 * A polyline's length.
 *
 * @example
 * ```ts
 * import { polylineLength } from "./callout.ts";
 * polylineLength([0, 0, 3, 4]); // 5
 * ```
 */
export function polylineLength(l: number[]): number {
  let s = 0;
  for (let i = 0; i + 3 < l.length; i += 2) {
    s += Math.hypot(l[i + 2] - l[i], l[i + 3] - l[i + 1]);
  }
  return s;
}

/**
 * `QgsLineString::curveSubstring`: the stretch from `start` to `end` along.
 *
 * @example
 * ```ts
 * import { substring } from "./callout.ts";
 * substring([0, 0, 10, 0], 0, 4); // [0, 0, 4, 0]
 * ```
 */
export function substring(l: number[], start: number, end: number): number[] {
  if (!(end > start)) return [];
  const at = (d: number): [number, number, number] => {
    let s = 0;
    for (let i = 0; i + 3 < l.length; i += 2) {
      const len = Math.hypot(l[i + 2] - l[i], l[i + 3] - l[i + 1]);
      if (s + len >= d || i + 4 >= l.length) {
        const t = len > 0 ? Math.min(1, Math.max(0, (d - s) / len)) : 0;
        return [
          l[i] + t * (l[i + 2] - l[i]),
          l[i + 1] + t * (l[i + 3] - l[i + 1]),
          i,
        ];
      }
      s += len;
    }
    return [l[0], l[1], 0];
  };
  const [sx, sy, si] = at(Math.max(0, start));
  const [ex, ey, ei] = at(end);
  const out = [sx, sy];
  for (let i = si + 2; i <= ei; i += 2) out.push(l[i], l[i + 1]);
  out.push(ex, ey);
  return out;
}
