/**
 * QGIS's `GradientFill` symbol layer.
 *
 * @module
 */
import type { SymbolLayer } from "../style/model.ts";
import { propNumber, propPoint } from "../style/props.ts";
import type { PaintContext } from "./context.ts";
import { color, newPaint, pathOf } from "./_skia.ts";
import type { Dd } from "./_dd.ts";
import { bounds, drawAndDelete } from "./_paints.ts";

/**
 * QGIS's `GradientFill`, two-colour linear and radial gradients between the
 * reference points (fractions of the feature's bounding box; default top
 * middle to bottom middle), rotated by `angle` around the centre.
 *
 * @example
 * ```ts ignore
 * import { gradientFill } from "./gradient_fill.ts";
 * gradientFill(pc, layer, rings, 1, dd);
 * ```
 */
export function gradientFill(
  pc: PaintContext,
  layer: SymbolLayer,
  rings: Float64Array[],
  opacity: number,
  dd: Dd,
): void {
  const { ck } = pc;
  const props = layer.props;
  const c1 = dd.colorOf(layer, "fillColor", "color", [0, 0, 255, 255]);
  const c2 = dd.colorOf(layer, "secondaryColor", "gradient_color2", [
    255,
    255,
    255,
    255,
  ]);
  const [x0, y0, x1, y1] = bounds(rings);
  const [r1x, r1y] = propPoint({ p: props.reference_point1 ?? "0.5,0" }, "p");
  const [r2x, r2y] = propPoint({ p: props.reference_point2 ?? "0.5,1" }, "p");
  let p1: [number, number] = [x0 + r1x * (x1 - x0), y0 + r1y * (y1 - y0)];
  let p2: [number, number] = [x0 + r2x * (x1 - x0), y0 + r2y * (y1 - y0)];
  const angle = propNumber(props, "angle", 0);
  if (angle) {
    // QGIS rotates the gradient counter-clockwise around the box centre
    const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, r = (-angle * Math.PI) / 180;
    const rot = ([x, y]: [number, number]): [number, number] => [
      cx + (x - cx) * Math.cos(r) - (y - cy) * Math.sin(r),
      cy + (x - cx) * Math.sin(r) + (y - cy) * Math.cos(r),
    ];
    p1 = rot(p1);
    p2 = rot(p2);
  }
  const colors = [color(ck, c1, opacity), color(ck, c2, opacity)];
  const type = propNumber(props, "gradient_type", 0);
  const spread = propNumber(props, "spread", 0);
  const mode = spread === 1
    ? ck.TileMode.Mirror
    : spread === 2
    ? ck.TileMode.Repeat
    : ck.TileMode.Clamp;
  const shader = type === 1
    ? ck.Shader.MakeRadialGradient(
      p1,
      Math.hypot(p2[0] - p1[0], p2[1] - p1[1]) || 1,
      colors,
      null,
      mode,
    )
    : ck.Shader.MakeLinearGradient(p1, p2, colors, null, mode);
  const paint = newPaint(ck, pc.featureBlendMode);
  if (shader) {
    paint.setShader(shader);
    shader.delete();
  } else {
    // Skia makes no gradient whose ends or radius are not finite (reference
    // points of 1e308 times the feature's box); seen from so far, a
    // gradient never leaves its first colour (before: "Cannot read
    // properties of null (reading 'delete')")
    paint.setColor(colors[0]);
  }
  drawAndDelete(pc.canvas, pathOf(ck, rings, true), [paint]);
}
