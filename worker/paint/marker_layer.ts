/**
 * Marker symbol layers at a point: sizes, rotation, offsets and anchor
 * points common to every marker class, then the class's own drawing
 * (`SimpleMarker`, `FilledMarker`, `FontMarker`, `SvgMarker`, `EllipseMarker`,
 * `RasterMarker`).
 *
 * @module
 */
import type { SymbolLayer } from "../style/model.ts";
import { propNumber, propPoint } from "../style/props.ts";
import type { PaintContext } from "./context.ts";
import { joinOf } from "./_skia.ts";
import { type Dd, px, staticOf } from "./_dd.ts";
import { drawAndDelete, fillPaint, strokePaint } from "./_paints.ts";
import { markerShape } from "./shapes.ts";
import { drawFontMarker } from "./font_marker.ts";
import { drawSvgMarker } from "./svg_marker.ts";
import {
  drawRasterMarker,
  type RasterMarkerImage,
  rasterMarkerImage,
} from "./raster_marker.ts";
import { drawSymbol } from "./symbol.ts";
import { simpleMarker } from "./simple_marker.ts";

/** What places a marker layer's symbol at a point (before a parent's angle). */
interface Placement {
  size: number;
  angle: number;
  /** The offset in pixels, before anchors and rotation. */
  ox: number;
  oy: number;
  /** Anchor points: 0 left/top, 1 centre, 2 right/bottom. */
  h: number;
  v: number;
  width: number;
  height: number;
}

const placements = new WeakMap<
  SymbolLayer,
  { map: unknown; value: Placement }
>();

function placement(pc: PaintContext, layer: SymbolLayer, dd: Dd): Placement {
  const props = layer.props;
  const size = dd.markerSize(layer);
  const angle = dd.num(layer, "angle", propNumber(props, "angle", 0));
  const [ox0, oy0] = dd.point(layer, "offset", propPoint(props, "offset"));
  return {
    size,
    angle,
    ox: px(pc, props, ox0, "offset_unit"),
    oy: px(pc, props, oy0, "offset_unit"),
    h: propNumber(props, "horizontal_anchor_point", 1),
    v: propNumber(props, "vertical_anchor_point", 1),
    width: layer.className === "EllipseMarker"
      ? dd.size(layer, null, "symbol_width", size)
      : size,
    height: layer.className === "EllipseMarker"
      ? dd.size(layer, null, "symbol_height", size)
      : size,
  };
}

/**
 * Draws one marker symbol layer at a pixel position, rotated by its angle
 * plus a parent's `lineAngle`.
 *
 * @example
 * ```ts ignore
 * import { drawMarkerLayer } from "./marker_layer.ts";
 * drawMarkerLayer(pc, layer, 10, 10, 1, dd, 0);
 * ```
 */
export function drawMarkerLayer(
  pc: PaintContext,
  layer: SymbolLayer,
  x: number,
  y: number,
  opacity: number,
  dd: Dd,
  lineAngle: number,
): void {
  const props = layer.props;
  const m = staticOf(placements, pc, layer, () => placement(pc, layer, dd));
  const size = m.size;
  const angle = m.angle + lineAngle;
  let ox = m.ox, oy = m.oy;
  // a raster marker's height is its image's, in proportion or fixed
  let height = m.height;
  let raster: RasterMarkerImage | null = null;
  if (layer.className === "RasterMarker") {
    raster = rasterMarkerImage(pc, layer, size, opacity, dd);
    if (!raster) return;
    height = raster.height;
  }
  // anchor points: 0 left/top, 1 centre, 2 right/bottom
  if (m.h === 0) ox += m.width / 2;
  else if (m.h === 2) ox -= m.width / 2;
  if (m.v === 0) oy += height / 2;
  else if (m.v === 2) oy -= height / 2;
  if (angle !== 0) {
    const r = (angle * Math.PI) / 180;
    const rx = ox * Math.cos(r) - oy * Math.sin(r);
    oy = ox * Math.sin(r) + oy * Math.cos(r);
    ox = rx;
  }
  switch (layer.className) {
    case "RasterMarker":
      drawRasterMarker(pc, raster!.texture, x + ox, y + oy, angle);
      return;
    case "FilledMarker": {
      // the shape's outline as a polygon, drawn with the fill sub-symbol
      const sub = layer.subSymbol;
      if (!sub) return;
      const shape = markerShape(dd.str(layer, "name", props.name ?? "circle"));
      const half = size / 2, r = (angle * Math.PI) / 180;
      const c = Math.cos(r) * half, si = Math.sin(r) * half;
      const rings: Float64Array[] = [];
      for (const cmd of shape.commands) {
        let unit: number[] = [];
        if (cmd.op === "poly") unit = cmd.points;
        else if (cmd.op === "circle") {
          for (let i = 0; i < 64; i++) {
            unit.push(
              Math.cos((i * Math.PI) / 32),
              Math.sin((i * Math.PI) / 32),
            );
          }
        } else if (cmd.op === "arc" && cmd.closeToCentre) {
          // QgsFilledMarkerSymbolLayer fills the shape's path as a polygon
          // (QPainterPath::toFillPolygon): the centre, then the arc (Qt's
          // degrees counter-clockwise on screen)
          unit = [0, 0];
          const steps = Math.max(8, Math.ceil(Math.abs(cmd.sweep) / 5));
          for (let i = 0; i <= steps; i++) {
            const t = ((cmd.start + (cmd.sweep * i) / steps) * Math.PI) / 180;
            unit.push(Math.cos(t), -Math.sin(t));
          }
        } else continue;
        const ring = new Float64Array(unit.length + 2);
        for (let i = 0; i + 1 < unit.length; i += 2) {
          ring[i] = x + ox + unit[i] * c - unit[i + 1] * si;
          ring[i + 1] = y + oy + unit[i] * si + unit[i + 1] * c;
        }
        ring[unit.length] = ring[0];
        ring[unit.length + 1] = ring[1];
        rings.push(ring);
      }
      if (rings.length === 0) return;
      drawSymbol(pc, sub, null, { kind: "polygon", parts: [rings] }, {
        opacity,
      });
      return;
    }
    case "SimpleMarker":
      simpleMarker(
        pc,
        layer,
        x,
        y,
        size,
        angle,
        ox,
        oy,
        opacity,
        dd,
        // symbol previews force vector output: no marker cache there
        lineAngle === 0 && !pc.preview,
      );
      return;
    case "FontMarker": {
      const fill = dd.colorOf(layer, "fillColor", "color", [0, 0, 0, 255]);
      const stroke = dd.outlineColor(layer);
      const strokeWidth = dd.size(layer, "outlineWidth", "outline_width", 0);
      drawFontMarker(pc, {
        x: x + ox,
        y: y + oy,
        size,
        angle,
        chr: dd.str(layer, "char", props.chr ?? "A"),
        family: props.font ?? "DejaVu Sans",
        style: props.font_style ?? "",
        fill,
        stroke,
        strokeWidth,
        opacity,
        join: joinOf(pc.ck, props.joinstyle, "miter"),
      });
      return;
    }
    case "SvgMarker": {
      const fill = dd.colorOf(layer, "fillColor", "color", [255, 0, 0, 255]);
      const stroke = dd.outlineColor(layer);
      const strokeWidth = dd.num(
        layer,
        "outlineWidth",
        propNumber(props, "outline_width", 0.2),
      );
      const fixedAspect = propNumber(props, "fixedAspectRatio", 0);
      drawSvgMarker(pc, {
        path: dd.str(layer, "name", props.name ?? ""),
        x: x + ox,
        y: y + oy,
        size,
        aspect: fixedAspect > 0 ? fixedAspect : null,
        angle,
        fill,
        stroke,
        strokeWidthPx: px(pc, props, strokeWidth, "outline_width_unit"),
        strokeWidthParam: strokeWidth,
        opacity,
      });
      return;
    }
    case "EllipseMarker": {
      const fill = dd.colorOf(layer, "fillColor", "color", [255, 0, 0, 255]);
      const stroke = dd.outlineColor(layer);
      const sw = dd.size(layer, null, "outline_width", 0);
      const { ck, canvas } = pc;
      canvas.save();
      canvas.translate(x + ox, y + oy);
      if (angle) canvas.rotate(angle, 0, 0);
      const b = new ck.PathBuilder();
      b.addOval(
        ck.LTRBRect(-m.width / 2, -m.height / 2, m.width / 2, m.height / 2),
      );
      drawAndDelete(canvas, b.detachAndDelete(), [
        fillPaint(pc, fill, opacity),
        strokePaint(
          pc,
          stroke,
          opacity,
          sw,
          dd.outlineStyle(layer),
          ck.StrokeCap.Square,
          joinOf(ck, props.joinstyle, "miter"),
          null,
        ),
      ]);
      canvas.restore();
      return;
    }
  }
}
