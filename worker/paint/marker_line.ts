/**
 * QGIS's `MarkerLine` and `HashLine` symbol layers: a marker sub-symbol
 * (or a hash stroke) at intervals, vertices, the centre or segment centres
 * of a line, rotated with the line.
 *
 * @module
 */
import type { Feature } from "../geometry/types.ts";
import type { SymbolLayer } from "../style/model.ts";
import { propNumber } from "../style/props.ts";
import type { PaintContext } from "./context.ts";
import { type Dd, px } from "./_dd.ts";
import {
  collectOffsetPoints,
  intervalPositions,
  lineLength,
  offsetLine,
  pointsAlong,
  qgisLineAngle,
} from "./geometry.ts";
import { drawMarkerSymbol, drawSymbol } from "./symbol.ts";

/**
 * Places a `MarkerLine` layer's marker (or a `HashLine` layer's hash)
 * along lines (pixels) at the layer's placements.
 *
 * @example
 * ```ts ignore
 * import { markerLine } from "./marker_line.ts";
 * markerLine(pc, layer, lines, feature, 1, dd);
 * ```
 */
export function markerLine(
  pc: PaintContext,
  layer: SymbolLayer,
  lines: Float64Array[],
  feature: Feature | null,
  opacity: number,
  dd: Dd,
): void {
  const sub = layer.subSymbol;
  if (!sub || lines.length === 0) return;
  const props = layer.props;
  // QGIS 3.22 reads `placement` only: a style saved by QGIS ≥ 3.24, which
  // writes its placements as `placements` ("CentralPoint", "Vertex|…")
  // and no `placement`, draws markers at intervals there.
  const placement = (props.placement ?? "interval").toLowerCase();
  const interval = dd.size(layer, "interval", "interval", 3);
  const along = dd.size(layer, "offsetAlongLine", "offset_along_line", 0);
  const offset = dd.size(layer, "offset", "offset", 0);
  const rotate = props.rotate !== "0";
  // QGIS turns interval and central markers to the line's direction
  // averaged over this length (default 4 mm), half before, half after
  const averageOver = px(
    pc,
    props,
    dd.num(
      layer,
      "averageAngleLength",
      propNumber(props, "average_angle_length", 4),
    ),
    "average_angle_unit",
  ) / 2;
  for (const raw of lines) {
    const line = offset !== 0 ? offsetLine(raw, offset) : raw;
    const positions: { x: number; y: number; angle: number }[] = [];
    const n = line.length / 2;
    if (n < 2) continue;
    const segAngle = (i: number) =>
      (Math.atan2(
        line[2 * i + 3] - line[2 * i + 1],
        line[2 * i + 2] - line[2 * i],
      ) * 180) / Math.PI;
    if (placement.includes("interval")) {
      positions.push(...intervalPositions(line, interval, along, averageOver));
    }
    if (
      placement.includes("vertex") && !placement.includes("first") &&
        !placement.includes("last") || placement.includes("innervertices")
    ) {
      for (let i = 0; i < n; i++) {
        const a = i === 0
          ? segAngle(0)
          : i === n - 1
          ? segAngle(n - 2)
          : bisect(segAngle(i - 1), segAngle(i));
        positions.push({ x: line[2 * i], y: line[2 * i + 1], angle: a });
      }
    }
    if (placement.includes("firstvertex")) {
      positions.push({ x: line[0], y: line[1], angle: segAngle(0) });
    }
    if (placement.includes("lastvertex")) {
      positions.push({
        x: line[2 * n - 2],
        y: line[2 * n - 1],
        angle: segAngle(n - 2),
      });
    }
    if (placement.includes("centralpoint")) {
      const half = lineLength(line) / 2;
      if (half > 0 && averageOver > 0) {
        // renderPolylineCentral: the second of the points collected
        const at = collectOffsetPoints(line, half, half, 0, 2)[1];
        const s0 = collectOffsetPoints(line, half, 0, averageOver, 2)[1];
        const e0 = collectOffsetPoints(line, half, half - averageOver, 0, 2)[1];
        positions.push({
          x: at[0],
          y: at[1],
          angle: qgisLineAngle(s0[0], s0[1], e0[0], e0[1]),
        });
      } else if (half > 0) {
        const p = pointsAlong(line, Number.MAX_VALUE, half)[0];
        if (p) positions.push(p);
      }
    }
    if (placement.includes("segmentcenter")) {
      for (let i = 0; i < n - 1; i++) {
        positions.push({
          x: (line[2 * i] + line[2 * i + 2]) / 2,
          y: (line[2 * i + 1] + line[2 * i + 3]) / 2,
          angle: segAngle(i),
        });
      }
    }
    for (const p of positions) {
      if (layer.className === "HashLine") {
        // a hash of hash_length across the line (hash_angle 0: perpendicular)
        const length = dd.size(layer, "lineLength", "hash_length", 3);
        const a = (((rotate ? p.angle : 0) + 90 +
          dd.num(layer, "lineAngle", propNumber(props, "hash_angle", 0))) *
          Math.PI) / 180;
        const dx = (Math.cos(a) * length) / 2, dy = (Math.sin(a) * length) / 2;
        drawSymbol(pc, sub, feature, {
          kind: "line",
          parts: [[new Float64Array([p.x - dx, p.y - dy, p.x + dx, p.y + dy])]],
        }, { opacity });
      } else {
        drawMarkerSymbol(
          pc,
          sub,
          feature,
          p.x,
          p.y,
          opacity,
          rotate ? p.angle : 0,
        );
      }
    }
  }
}

function bisect(a: number, b: number): number {
  let d = b - a;
  while (d > 180) d -= 360;
  while (d < -180) d += 360;
  return a + d / 2;
}
