/**
 * Balloon callouts (`<callout type="balloon">`, QGIS 3.20+): a speech
 * bubble about the label, its margins added, with a wedge to the feature,
 * filled with the callout's fill symbol under every label
 * (`QgsBalloonCallout`). The bubble is worked in output pixels (y down) as
 * QGIS works it, from the label's unturned box.
 *
 * @module
 */
import {
  type CalloutAnchor,
  type CalloutLabel,
  lineToPart,
  polylineLength,
  substring,
} from "./callout.ts";

/** A balloon's sizes in output pixels. */
export interface BalloonSizes {
  /** Margins about the label: left, top, right, bottom. */
  margins: [number, number, number, number];
  /** The wedge's width where it leaves the balloon. */
  wedgeWidth: number;
  /** The corners' radius (QGIS rounds them by half of it). */
  cornerRadius: number;
  /** Gap left between the wedge's tip and the feature. */
  offsetFromAnchor: number;
}

/** A QRectF as QGIS holds the label's box: height negative (y down). */
interface QRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

type XY = [number, number];

/**
 * The outline of a label's balloon, a closed ring in output pixels (y
 * down), as `QgsBalloonCallout::getPoints` makes it: the label's box grown
 * by the margins, its corners rounded, a wedge from its side nearest the
 * feature to the end of the callout line (none when the label meets the
 * feature); empty when the margins leave no box.
 *
 * @example
 * ```ts
 * import { balloonRing } from "./balloon.ts";
 * const ring = balloonRing(
 *   { x: 10, y: 0, w: 20, h: 10, angle: 0 },
 *   { kind: "point", points: [[0, -20]] },
 *   "pole_of_inaccessibility",
 *   { margins: [0, 0, 0, 0], wedgeWidth: 4, cornerRadius: 0, offsetFromAnchor: 0 },
 * );
 * ring.slice(0, 10); // [10, 0, 10, 0, 0, 20, 14, 0, 30, 0]
 * ```
 */
export function balloonRing(
  label: CalloutLabel,
  anchor: CalloutAnchor | null,
  anchorPoint: string,
  sizes: BalloonSizes,
): number[] {
  // QgsBalloonCallout::draw: the callout line from the label's box
  const { x, y, w, h } = label;
  const box = [x, y, x + w, y, x + w, y + h, x, y + h, x, y];
  let tip: XY = [x + w / 2, -(y + h / 2)];
  const seg = anchor ? lineToPart(box, anchor, anchorPoint) : null;
  if (seg) {
    let line = [seg[0][0], seg[0][1], seg[1][0], seg[1][1]];
    if (sizes.offsetFromAnchor > 0) {
      line = substring(
        line,
        0,
        polylineLength(line) - sizes.offsetFromAnchor,
      );
    }
    if (line.length >= 4) {
      tip = [line[line.length - 2], -line[line.length - 1]];
    }
  }
  // the label's box as QgsVectorLayerLabelProvider::drawCallout hands it
  // over: from the bottom-left corner, its height negative
  const [ml, mt, mr, mb] = sizes.margins;
  const rect: QRect = {
    left: x - ml,
    top: -y + mb,
    width: w + ml + mr,
    height: -h - mt - mb,
  };
  if (!(rect.width > 0) || !(rect.height < 0)) return [];
  return balloonPath(tip, rect, sizes.wedgeWidth, sizes.cornerRadius);
}

/** `QgsShapeGenerator`'s sides of a box, corners cut by the radius. */
function side(i: number, r: QRect, radius: number): [XY, XY] {
  const right = r.left + r.width, bottom = r.top + r.height;
  const ym = r.height < 0 ? -1 : 1;
  switch (i) {
    case 0:
      return [[r.left + radius, r.top], [right - radius, r.top]];
    case 1:
      return [[right, r.top + ym * radius], [right, bottom - ym * radius]];
    case 2:
      return [[right - radius, bottom], [r.left + radius, bottom]];
    default:
      return [[r.left, bottom - ym * radius], [r.left, r.top + ym * radius]];
  }
}

/** `QgsPointXY::sqrDistToSegment`: squared distance and nearest point. */
function sqrDistToSegment(p: XY, a: XY, b: XY): [number, XY] {
  const nx = b[1] - a[1], ny = -(b[0] - a[0]);
  const t = (p[0] * ny - p[1] * nx - a[0] * ny + a[1] * nx) /
    ((b[0] - a[0]) * ny - (b[1] - a[1]) * nx);
  const q: XY = t < 0
    ? [a[0], a[1]]
    : t > 1
    ? [b[0], b[1]]
    : [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
  const d = (q[0] - p[0]) ** 2 + (q[1] - p[1]) ** 2;
  if (Math.abs(d) <= 1e-8) return [0, [p[0], p[1]]];
  return [d, q];
}

/** `QgsGeometryUtils::pointOnLineWithDistance`. */
function pointAlong(a: XY, b: XY, distance: number): XY {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const length = Math.hypot(dx, dy);
  if (length === 0) return [a[0], a[1]];
  const k = distance / length;
  return [a[0] + k * dx, a[1] + k * dy];
}

/**
 * `QgsShapeGenerator::createBalloon` flattened: the box's sides, the wedge
 * on the side nearest the tip, and each corner a quarter circle of half
 * the radius in the radius's square (QPainterPath::arcTo given the radius
 * as the ellipse's width and height).
 */
function balloonPath(
  tip: XY,
  rect: QRect,
  wedgeWidth: number,
  cornerRadius: number,
): number[] {
  const right = rect.left + rect.width, bottom = rect.top + rect.height;
  const inverted = rect.height < 0;
  const radius = Math.min(
    cornerRadius,
    Math.min(Math.abs(rect.height), rect.width) / 2,
  );
  const x0 = Math.min(rect.left, right), x1 = Math.max(rect.left, right);
  const y0 = Math.min(rect.top, bottom), y1 = Math.max(rect.top, bottom);
  let wedgeSide = -1;
  let w1: XY = [0, 0], w2: XY = [0, 0];
  if (!(tip[0] >= x0 && tip[0] <= x1 && tip[1] >= y0 && tip[1] <= y1)) {
    let best = Number.MAX_VALUE;
    let bestSide: [XY, XY] | null = null;
    let bestPoint: XY = [0, 0];
    for (let i = 0; i < 4; i++) {
      const s = side(i, rect, radius);
      const [d, q] = sqrDistToSegment(tip, s[0], s[1]);
      let preferred = false;
      if (Math.abs(d - best) <= 4 * Number.EPSILON) {
        // two sides as near: the one facing the tip's direction
        const az = (Math.atan2(q[0] - tip[0], q[1] - tip[1]) * 180 / Math.PI +
          360) % 360;
        if (az < 45 || az > 315) preferred = i === 0;
        else if (az < 135) preferred = i === 3;
        else if (az < 225) preferred = i === 2;
        else preferred = i === 1;
      } else if (d < best) preferred = true;
      if (preferred) {
        wedgeSide = i;
        bestPoint = q;
        best = d;
        bestSide = s;
      }
    }
    if (bestSide) {
      const [a, b] = bestSide;
      const width = Math.min(
        Math.max(wedgeWidth, 0),
        Math.hypot(b[0] - a[0], b[1] - a[1]),
      );
      w1 = bestPoint;
      if (Math.hypot(b[0] - bestPoint[0], b[1] - bestPoint[1]) < width) {
        w1 = pointAlong(b, a, width);
      }
      w2 = pointAlong(w1, b, width);
    }
  }
  const out: number[] = [];
  const lineTo = (p: XY) => out.push(p[0], p[1]);
  // QPainterPath::arcTo: a line to the arc's start, then the arc
  const arcTo = (ax: number, ay: number, start: number, sweep: number) => {
    if (radius === 0) return;
    const r = radius / 2, cx = ax + r, cy = ay + r;
    const steps = 16;
    for (let k = 0; k <= steps; k++) {
      const a = (start + sweep * k / steps) * Math.PI / 180;
      out.push(cx + r * Math.cos(a), cy - r * Math.sin(a));
    }
  };
  let first: XY = [0, 0], last: XY = [0, 0];
  for (let i = 0; i < 4; i++) {
    const [p, q] = side(i, rect, radius);
    if (i === 0) {
      first = p;
      lineTo(p);
    } else {
      const ax = Math.min(last[0], p[0]), ay = Math.min(last[1], p[1]);
      if (inverted) arcTo(ax, ay, i === 1 ? -90 : i === 2 ? 0 : 90, 90);
      else arcTo(ax, ay, i === 1 ? 90 : i === 2 ? 0 : -90, -90);
    }
    if (i === wedgeSide) {
      lineTo(w1);
      lineTo(tip);
      lineTo(w2);
    }
    last = q;
    lineTo(q);
  }
  const ax = Math.min(last[0], first[0]), ay = Math.min(last[1], first[1]);
  if (inverted) arcTo(ax, ay, 180, 90);
  else arcTo(ax, ay, -180, -90);
  out.push(out[0], out[1]);
  return out;
}
