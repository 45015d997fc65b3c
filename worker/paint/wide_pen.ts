/**
 * Solid pens wider than a pixel as QPainter draws them with anti-aliasing:
 * Qt's stroker makes the outline of each path (`qt_stroker.ts`) and Qt's
 * rasterizer fills it (`qt_raster.ts`), its pixels blended in the pen's
 * colour. QGIS's 0.26 mm lines at 144 dpi (1.47 px) are such pens. Skia
 * strokes the same lines with the exact coverage of the stroke's area;
 * Qt's outline overlaps itself at every vertex (through the vertex on the
 * inner side of a turn) and its rasterizer adds the overlapping areas, so
 * QGIS's lines come out darker along short segments and at joins.
 *
 * @module
 */
import type { CanvasKit, StrokeCap, StrokeJoin } from "canvaskit-wasm";
import type { PaintContext } from "./context.ts";
import type { Rgba } from "../style/props.ts";
import {
  paintCoverage,
  pixelScratch,
  pushPixel,
  totalMatrix,
} from "./_coverage.ts";
import { qtRasterizeFlat } from "./qt_raster.ts";
import { qtDashes } from "./qt_dasher.ts";
import {
  FlatOutline,
  type QtCap,
  type QtJoin,
  type QtPen,
  qtStrokeInto,
} from "./qt_stroker.ts";

export type { QtCap, QtJoin, QtPen } from "./qt_stroker.ts";

/** The outline of the group being stroked, its buffer kept between calls. */
const penOutline = new FlatOutline();

/** A pen's dashes, as `QDashStroker` reads them (pixels). */
export interface QtDash {
  /** Dash and gap lengths in pixels (QPen's pattern times the pen width). */
  pattern: readonly number[];
  /** How far into the pattern the line starts, in pixels. */
  offset: number;
}

/**
 * Strokes paths (canvas units) with a pen as QPainter does (dashed by
 * Qt's dasher when `dash` is given, each dash then outlined): each
 * `group` is one QPainterPath (its outline filled at once, so its pixels
 * blend once), groups blend one after the other. Lines whose last point
 * equals the first are closed (joined, no caps).
 *
 * @example
 * ```ts ignore
 * import { drawWidePen } from "./wide_pen.ts";
 * drawWidePen(pc, [[line]], [35, 35, 35, 255], 1, { width: 1.47, cap: "square", join: "bevel" });
 * ```
 */
export function drawWidePen(
  pc: PaintContext,
  groups: ArrayLike<number>[][],
  rgba: Rgba,
  opacity: number,
  pen: QtPen,
  dash: QtDash | null = null,
): void {
  const alpha = (rgba[3] / 255) * opacity;
  if (alpha <= 0 || !(pen.width > 0)) return;
  // QPen::setDashPattern makes an odd pattern even with a gap of one width
  const pattern = dash && dash.pattern.length % 2 === 1
    ? [...dash.pattern, pen.width]
    : dash?.pattern;
  // Qt strokes in the painter's coordinates and fills the outline through
  // its matrix
  const m = totalMatrix(pc);
  const identity = m[0] === 1 && m[4] === 1 && m[1] === 0 && m[3] === 0 &&
    m[2] === 0 && m[5] === 0;
  const px = pixelScratch;
  px.n = 0;
  const outline = penOutline;
  for (const group of groups) {
    outline.clear();
    for (const line of group) {
      const pieces = pattern ? qtDashes(line, pattern, dash!.offset) : [line];
      for (const piece of pieces) qtStrokeInto(piece, pen, outline);
    }
    if (!identity) {
      const { xy, starts } = outline;
      for (let k = 0; k < starts.length; k++) {
        const start = starts[k];
        const end = k + 1 < starts.length ? starts[k + 1] : outline.n;
        for (let i = start; i + 1 < end; i += 2) {
          const x = xy[i], y = xy[i + 1];
          xy[i] = m[0] * x + m[1] * y + m[2];
          xy[i + 1] = m[3] * x + m[4] * y + m[5];
        }
      }
    }
    qtRasterizeFlat(outline, pc.map.width, pc.map.height, false, pushPixel);
  }
  outline.release();
  paintCoverage(pc, px, rgba, alpha);
}

/**
 * A Skia cap (as `capOf` gives it) as Qt's.
 *
 * @example
 * ```ts ignore
 * import { qtCapOf } from "./wide_pen.ts";
 * qtCapOf(ck, ck.StrokeCap.Butt); // "flat"
 * ```
 */
export function qtCapOf(ck: CanvasKit, cap: StrokeCap): QtCap {
  return cap === ck.StrokeCap.Butt
    ? "flat"
    : cap === ck.StrokeCap.Round
    ? "round"
    : "square";
}

/**
 * A Skia join (as `joinOf` gives it) as Qt's.
 *
 * @example
 * ```ts ignore
 * import { qtJoinOf } from "./wide_pen.ts";
 * qtJoinOf(ck, ck.StrokeJoin.Miter); // "miter"
 * ```
 */
export function qtJoinOf(ck: CanvasKit, join: StrokeJoin): QtJoin {
  return join === ck.StrokeJoin.Miter
    ? "miter"
    : join === ck.StrokeJoin.Round
    ? "round"
    : "bevel";
}
