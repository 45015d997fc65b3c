/**
 * QGIS's `SvgMarker` (placeholder until the SVG renderer lands: warns).
 *
 * @module
 */
import type { Rgba } from "../style/props.ts";
import type { PaintContext } from "./context.ts";

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

/**
 * Draws an SVG marker.
 *
 * @example
 * ```ts ignore
 * import { drawSvgMarker } from "./svg_marker.ts";
 * drawSvgMarker(pc, spec);
 * ```
 */
export function drawSvgMarker(pc: PaintContext, spec: SvgMarkerSpec): void {
  pc.warn(`SVG marker '${spec.path}' is not drawn yet`);
}
