/**
 * The named shapes of QGIS's simple marker, as unit outlines in [-1, 1]
 * (y down), scaled by half the marker size when drawn. The geometry
 * follows `QgsSimpleMarkerSymbolLayerBase`'s definitions.
 *
 * @module
 */

/** A drawing command of a marker outline. */
export type ShapeCommand =
  | { op: "poly"; points: number[] }
  | { op: "circle" }
  /** Arc from `start` sweeping `sweep` degrees (Qt convention: counter-clockwise, 0 = 3 o'clock). */
  | { op: "arc"; start: number; sweep: number; closeToCentre: boolean }
  | { op: "lines"; segments: number[][] };

/** A marker shape: outline commands and whether it is filled. */
export interface MarkerShape {
  /** Commands. */
  commands: ShapeCommand[];
  /** Filled shapes get the brush; the others are drawn with the pen only. */
  filled: boolean;
}

const D = Math.PI / 180;
const sin = (deg: number) => Math.sin(deg * D);
const cos = (deg: number) => Math.cos(deg * D);

function poly(points: number[], filled = true): MarkerShape {
  return { commands: [{ op: "poly", points }], filled };
}

function star(): number[] {
  const r = cos(72) / cos(36);
  return [
    r * sin(324),
    -r * cos(324),
    sin(288),
    -cos(288),
    r * sin(252),
    -r * cos(252),
    sin(216),
    -cos(216),
    0,
    r,
    sin(144),
    -cos(144),
    r * sin(108),
    -r * cos(108),
    sin(72),
    -cos(72),
    r * sin(36),
    -r * cos(36),
    0,
    -1,
  ];
}

function asterisk(): number[] {
  const t = 0.3, h = t / 2, ip = t / Math.SQRT2;
  const d1 = Math.SQRT1_2 - ip * 0.5, d2 = Math.SQRT1_2 + ip * 0.5;
  return [
    -h,
    -1,
    h,
    -1,
    h,
    -h - ip,
    d1,
    -d2,
    d2,
    -d1,
    h + ip,
    -h,
    1,
    -h,
    1,
    h,
    h + ip,
    h,
    d2,
    d1,
    d1,
    d2,
    h,
    h + ip,
    h,
    1,
    -h,
    1,
    -h,
    h + ip,
    -d1,
    d2,
    -d2,
    d1,
    -h - ip,
    h,
    -1,
    h,
    -1,
    -h,
    -h - ip,
    -h,
    -d2,
    -d1,
    -d1,
    -d2,
    -h,
    -h - ip,
  ];
}

function corners(v: number): number[] {
  return [-v, 1, v, 1, 1, v, 1, -v, v, -1, -v, -1, -1, -v, -1, v];
}

function regular(n: number, startDeg: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = startDeg + i * 360 / n;
    out.push(sin(a), -cos(a));
  }
  return out;
}

/**
 * Looks up a QGIS simple marker shape by its QML name (`circle`, `square`,
 * `star`, `cross2`/`x`, …). Unknown names fall back to a circle, as QGIS.
 *
 * @example
 * ```ts
 * import { markerShape } from "./shapes.ts";
 * markerShape("square").filled; // true
 * markerShape("cross").filled; // false
 * ```
 */
export function markerShape(name: string): MarkerShape {
  switch (name.trim().toLowerCase()) {
    case "square":
    case "rectangle":
      return poly([-1, -1, 1, -1, 1, 1, -1, 1]);
    case "square_with_corners":
      return poly(corners(0.6072));
    case "quarter_square":
      return poly([-1, -1, 0, -1, 0, 0, -1, 0]);
    case "half_square":
      return poly([-1, -1, 0, -1, 0, 1, -1, 1]);
    case "diagonal_half_square":
      return poly([-1, -1, 1, 1, -1, 1]);
    case "diamond":
      return poly([-1, 0, 0, 1, 1, 0, 0, -1]);
    case "pentagon":
      return poly([
        -0.9511,
        -0.309,
        -0.5878,
        0.809,
        0.5878,
        0.809,
        0.9511,
        -0.309,
        0,
        -1,
      ]);
    case "hexagon":
      return poly([
        -0.866,
        -0.5,
        -0.866,
        0.5,
        0,
        1,
        0.866,
        0.5,
        0.866,
        -0.5,
        0,
        -1,
      ]);
    case "octagon":
      return poly(corners(1 / (1 + Math.SQRT2)));
    case "decagon":
      return poly(regular(10, 0));
    case "triangle":
      return poly([-1, 1, 1, 1, 0, -1]);
    case "equilateral_triangle":
      return poly([-0.866, 0.5, 0.866, 0.5, 0, -1]);
    case "left_half_triangle":
      return poly([0, 1, 1, 1, 0, -1]);
    case "right_half_triangle":
      return poly([-1, 1, 0, 1, 0, -1]);
    case "star":
    case "regular_star":
      return poly(star());
    case "arrow":
      return poly([
        0,
        -1,
        0.5,
        -0.5,
        0.25,
        -0.5,
        0.25,
        1,
        -0.25,
        1,
        -0.25,
        -0.5,
        -0.5,
        -0.5,
      ]);
    case "filled_arrowhead":
      return poly([0, 0, -1, 1, -1, -1]);
    case "cross_fill":
      return poly([
        -1,
        -0.2,
        -1,
        0.2,
        -0.2,
        0.2,
        -0.2,
        1,
        0.2,
        1,
        0.2,
        0.2,
        1,
        0.2,
        1,
        -0.2,
        0.2,
        -0.2,
        0.2,
        -1,
        -0.2,
        -1,
        -0.2,
        -0.2,
      ]);
    case "asterisk_fill":
      return poly(asterisk());
    case "trapezoid":
      return poly([0.5, -1, 1, 1, -1, 1, -0.5, -1]);
    case "parallelogram_right":
      return poly([0.5, -1, 1, 1, -0.5, 1, -1, -1]);
    case "parallelogram_left":
      return poly([1, 1, 0.5, -1, -1, -1, -0.5, 1]);
    case "shield":
      return poly([1, 1, 1, -1, -1, -1, -1, 1, 0, 1]);
    case "semi_circle":
      return {
        commands: [{ op: "arc", start: 0, sweep: 180, closeToCentre: true }],
        filled: true,
      };
    case "third_circle":
      return {
        commands: [{ op: "arc", start: 90, sweep: 120, closeToCentre: true }],
        filled: true,
      };
    case "quarter_circle":
      return {
        commands: [{ op: "arc", start: 90, sweep: 90, closeToCentre: true }],
        filled: true,
      };
    case "half_arc":
      return {
        commands: [{ op: "arc", start: 0, sweep: 180, closeToCentre: false }],
        filled: false,
      };
    case "third_arc":
      return {
        commands: [{ op: "arc", start: 90, sweep: 120, closeToCentre: false }],
        filled: false,
      };
    case "quarter_arc":
      return {
        commands: [{ op: "arc", start: 90, sweep: 90, closeToCentre: false }],
        filled: false,
      };
    case "cross":
      return {
        commands: [{ op: "lines", segments: [[-1, 0, 1, 0], [0, -1, 0, 1]] }],
        filled: false,
      };
    case "cross2":
    case "x":
      return {
        commands: [{ op: "lines", segments: [[-1, -1, 1, 1], [1, -1, -1, 1]] }],
        filled: false,
      };
    case "line":
      return {
        commands: [{ op: "lines", segments: [[0, -1, 0, 1]] }],
        filled: false,
      };
    case "arrowhead":
      return {
        commands: [{ op: "lines", segments: [[-1, -1, 0, 0, -1, 1]] }],
        filled: false,
      };
    default:
      return { commands: [{ op: "circle" }], filled: true };
  }
}
