/**
 * QGIS's `PointPatternFill` and `LinePatternFill` symbol layers as QGIS
 * 3.22 draws them on a map: the sub-symbol drawn once into a texture tile
 * of whole pixels (`applyPattern`), the polygon filled with a `QBrush` of
 * that tile, its transform translated to the feature's texture origin
 * (`QgsImageFillSymbolLayer::renderPolygon`). The tile's size is truncated
 * to whole pixels while the markers and lines in it keep their fractional
 * positions, so the pattern repeats at the tile's period, not the layer's
 * distance, and what falls off the tile's edges is lost, as in QGIS. A
 * line pattern's lines are drawn across the tile grown by whole tiles on
 * every side and the growth cut off after, so that a dash pattern runs
 * from each line's start as QGIS's does.
 *
 * The texture origin is the pixel of the feature's bounding box corner
 * (xmin, ymin) (`QgsSymbol::renderFeature`), the same for every part;
 * Qt's raster engine samples a translated texture at whole pixels, the
 * translation rounded as `qRound` after `QSpanData::setupMatrix`'s
 * 1/65536 nudge.
 *
 * @module
 */
import type { Image } from "canvaskit-wasm";
import type { Feature, Geometry } from "../geometry/types.ts";
import type { Symbol, SymbolLayer } from "../style/model.ts";
import { parseColor, propNumber } from "../style/props.ts";
import { mapToPixel } from "../map/map_settings.ts";
import type { PaintContext } from "./context.ts";
import { newPaint, pathOf } from "./_skia.ts";
import { type Dd, px } from "./_dd.ts";
import { bounds, clipTo, drawAndDelete, strokePaint } from "./_paints.ts";
import { totalMatrix } from "./_coverage.ts";
import { drawMarkerSymbol, drawSymbol } from "./symbol.ts";
import { releaseSurface, takeSurface } from "./surface.ts";

/**
 * The pixel where a feature's texture brushes start: its bounding box's
 * (xmin, ymin) corner on the map (`QgsRenderContext::textureOrigin`, set
 * by `QgsSymbol::renderFeature` for lines and polygons); null for points
 * and empty geometries. The feature's geometry is in map units; a feature
 * reprojected to the map CRS passes `reprojected`, its bounding box corner
 * in the layer's CRS reprojected (`Feature.textureOrigin`: QGIS takes the
 * corner before reprojecting, not the reprojected geometry's).
 *
 * @example
 * ```ts
 * import { textureOrigin } from "./pattern_fill.ts";
 * const map = { extent: { xmin: 0, ymin: 0, xmax: 100, ymax: 100 }, mapUnitsPerPixel: 1 };
 * textureOrigin({ kind: "polygon", parts: [[new Float64Array([10, 20, 30, 20, 30, 40, 10, 20])]] }, map);
 * // [10, 80]
 * ```
 */
export function textureOrigin(
  geometry: Geometry,
  map: Parameters<typeof mapToPixel>[0],
  reprojected?: [number, number],
): [number, number] | null {
  if (geometry.kind === "point") return null;
  if (reprojected) {
    const o = mapToPixel(map, reprojected[0], reprojected[1]);
    if (Number.isFinite(o[0]) && Number.isFinite(o[1])) return o;
  }
  let x0 = Infinity, y0 = Infinity;
  for (const part of geometry.parts) {
    for (const r of part) {
      for (let i = 0; i + 1 < r.length; i += 2) {
        if (r[i] < x0) x0 = r[i];
        if (r[i + 1] < y0) y0 = r[i + 1];
      }
    }
  }
  if (!(x0 < Infinity && y0 < Infinity)) return null;
  const o = mapToPixel(map, x0, y0);
  return Number.isFinite(o[0]) && Number.isFinite(o[1]) ? o : null;
}

/**
 * Fills one polygon (pixels) with a `PointPatternFill` layer: a texture
 * tile of the marker grid, anchored at `origin` (see the module
 * documentation); with a data-defined marker, the markers themselves
 * clipped to the polygon, as QGIS 3.22 draws them then.
 *
 * @example
 * ```ts ignore
 * import { pointPatternFill } from "./pattern_fill.ts";
 * pointPatternFill(pc, layer, rings, feature, 1, dd, [0, 0]);
 * ```
 */
export function pointPatternFill(
  pc: PaintContext,
  layer: SymbolLayer,
  rings: Float64Array[],
  feature: Feature | null,
  opacity: number,
  dd: Dd,
  origin: [number, number] | null = null,
): void {
  const sub = layer.subSymbol;
  if (!sub) return;
  const distX = dd.size(layer, "distanceX", "distance_x", 15);
  const distY = dd.size(layer, "distanceY", "distance_y", 15);
  const dispX = dd.size(layer, "displacementX", "displacement_x", 0);
  const dispY = dd.size(layer, "displacementY", "displacement_y", 0);
  const offX = dd.size(layer, "offsetX", "offset_x", 0);
  const offY = dd.size(layer, "offsetY", "offset_y", 0);
  // QgsSymbol::drawPreviewIcon forces vector output: a legend patch's
  // markers are drawn one by one too
  if (pc.preview || hasDataDefined(sub)) {
    markerGrid(pc, sub, rings, feature, opacity, distX, distY, [
      dispX,
      dispY,
      offX,
      offY,
    ]);
    return;
  }
  // QgsPointPatternFillSymbolLayer::applyPattern: a tile two distances
  // wide and high, truncated to whole pixels
  const width = distX * 2, height = distY * 2;
  if (width > 10000 || height > 10000) return;
  const w = Math.trunc(width), h = Math.trunc(height);
  if (w < 1 || h < 1) return;
  const widthOffset = offX % width, heightOffset = offY % height;
  const key = `pp|${layerId(layer)}|${distX}|${distY}|${dispX}|${dispY}|` +
    `${offX}|${offY}`;
  fillWithTile(pc, rings, origin, opacity, key, w, h, (tc) => {
    const at = (x: number, y: number) =>
      drawMarkerSymbol(tc, sub, feature, x, y, 1);
    for (let x = -width; x <= width * 2; x += width) {
      for (let y = -height; y <= height * 2; y += height) {
        at(x + widthOffset, y + heightOffset);
      }
    }
    // the displaced rows and columns
    for (let x = -width; x <= width * 2; x += width) {
      for (let y = -height / 2; y <= height * 2; y += height) {
        at(x + widthOffset + dispX, y + heightOffset);
      }
    }
    for (let x = -width / 2; x <= width * 2; x += width) {
      for (let y = -height; y <= height * 2; y += height / 2) {
        at(
          x + widthOffset + (y % height !== 0 ? dispX : 0),
          y + heightOffset - dispY,
        );
      }
    }
  });
}

/**
 * QGIS 3.22's vector point pattern (a data-defined marker): markers from
 * two distances left of and above the part's bounding box, clipped to it.
 */
function markerGrid(
  pc: PaintContext,
  sub: Symbol,
  rings: Float64Array[],
  feature: Feature | null,
  opacity: number,
  width: number,
  height: number,
  [dispX, dispY, offX, offY]: number[],
): void {
  if (!(width > 0) || !(height > 0)) return;
  const [x0, y0, x1, y1] = bounds(rings);
  if (![x0, y0, x1, y1].every(Number.isFinite)) return;
  // a grid far finer than a pixel looks as one of MAX_GRID_MARKERS cells:
  // QGIS would draw (or never finish) every marker of it
  const cells = ((x1 - x0) / width + 5) * ((y1 - y0) / height + 5);
  if (cells > MAX_GRID_MARKERS) {
    const grow = Math.sqrt(cells / MAX_GRID_MARKERS);
    width *= grow;
    height *= grow;
  }
  const restore = clipTo(pc, rings);
  const widthOffset = offX % width, heightOffset = offY % height;
  const left = x0 - 2 * width, top = y0 - 2 * height;
  // counted, not stepped: left + width is left again for a step below the
  // coordinates' precision
  const columns = Math.floor((x1 + 2 * width - left) / width);
  const rows = Math.floor((y1 + 2 * height - top) / height);
  for (let i = 0; i <= columns; i++) {
    const cx = left + i * width;
    const alternateColumn = i % 2 === 1;
    for (let j = 0; j <= rows; j++) {
      const alternateRow = j % 2 === 1;
      const x = cx + widthOffset + (alternateRow ? dispX : 0);
      const y = top + j * height + heightOffset -
        (alternateColumn ? 0 : dispY);
      drawMarkerSymbol(pc, sub, feature, x, y, opacity);
    }
  }
  restore();
}

/** The most markers a point pattern draws one by one over one polygon part. */
const MAX_GRID_MARKERS = 1 << 18;

/**
 * Fills one polygon (pixels) with a `LinePatternFill` layer: a texture
 * tile of parallel lines (QgsLinePatternFillSymbolLayer::applyPattern: its
 * size truncated to whole pixels, the angle and distance recomputed from
 * them), anchored at `origin` (see the module documentation).
 *
 * @example
 * ```ts ignore
 * import { linePatternFill } from "./pattern_fill.ts";
 * linePatternFill(pc, layer, rings, feature, 1, dd, [0, 0]);
 * ```
 */
export function linePatternFill(
  pc: PaintContext,
  layer: SymbolLayer,
  rings: Float64Array[],
  feature: Feature | null,
  opacity: number,
  dd: Dd,
  origin: [number, number] | null = null,
): void {
  const props = layer.props;
  // QGIS 3 saves `angle`, QGIS 2 saved `lineangle`; QGIS 3.22 reads both
  const angle0 = dd.num(
    layer,
    "lineAngle",
    propNumber(props, "lineangle", propNumber(props, "angle", 45)),
  );
  const distance = dd.size(layer, "lineDistance", "distance", 5);
  const rawOffset = propNumber(props, "offset", 0);
  const tile = lineTile(
    angle0,
    distance,
    px(pc, props, rawOffset, "offset_unit"),
    rawOffset !== 0,
    lineBleed(pc, layer),
  );
  if (!tile) return;
  const sub = layer.subSymbol;
  const key = sub && hasDataDefined(sub)
    ? null
    : `lp|${layerId(layer)}|${angle0}|${distance}`;
  // the lines drawn across the whole buffered image, the buffer cut off
  // after, as QGIS does: a line cut at the tile's edge would start its
  // dashes there (Qt's cosmetic stroker counts a dash pattern from where it
  // clips a line, not from the line's start)
  fillWithTile(
    pc,
    rings,
    origin,
    opacity,
    key,
    tile.w,
    tile.h,
    (tc) => {
      const lines = tile.lines.map((l) => new Float64Array(l));
      if (sub) {
        for (const l of lines) {
          drawSymbol(tc, sub, feature, { kind: "line", parts: [[l]] });
        }
        return;
      }
      // a layer without sub-symbol: QGIS's line of its colour and width
      const paint = strokePaint(
        tc,
        parseColor(props.color),
        1,
        px(tc, props, propNumber(props, "linewidth", 0.5), "linewidth_unit"),
        "solid",
        tc.ck.StrokeCap.Square,
        tc.ck.StrokeJoin.Bevel,
        null,
      );
      if (paint) drawAndDelete(tc.canvas, pathOf(tc.ck, lines, false), [paint]);
    },
    0,
    [tile.x, tile.y],
  );
}

/** A line pattern's tile: its size, lines and where it is cut from them. */
interface LineTile {
  /** Width in pixels. */
  w: number;
  /** Height in pixels. */
  h: number;
  /** The tile's corner in the lines' coordinates (the buffer cut off). */
  x: number;
  /** See `x`. */
  y: number;
  /** Lines `[x1, y1, x2, y2]`. */
  lines: number[][];
}

// qgsDoubleNear's default epsilon
const near = (a: number, b: number) => Math.abs(a - b) <= 4 * Number.EPSILON;

/**
 * QgsLinePatternFillSymbolLayer::applyPattern's geometry: the tile's whole
 * pixel size, the angle and distance recomputed from it, the lines drawn
 * across the tile grown by a buffer of whole tiles, the buffer cut off.
 */
function lineTile(
  lineAngle: number,
  dist: number,
  offset: number,
  shifted: boolean,
  bleed: number,
): LineTile | null {
  if (!(dist > 0)) return null;
  offset = offset % dist;
  if (offset > dist / 2) offset -= dist;
  let angle = lineAngle % 360;
  if (angle < 0) angle += 360;
  const rad = Math.PI / 180;
  let width: number, height: number;
  if (near(angle, 0) || near(angle, 360) || near(angle, 180)) {
    height = Math.trunc(dist);
    width = height;
  } else if (near(angle, 90) || near(angle, 270)) {
    width = Math.trunc(dist);
    height = width;
  } else {
    // the perpendicular distance kept, then rounded to pixels (an int)
    height = Math.trunc(dist / Math.cos(angle * rad));
    width = Math.trunc(dist / Math.sin(angle * rad));
    angle = Math.atan2(height, width) / rad;
    if (angle < 0) angle += 360;
    height = Math.abs(height);
    width = Math.abs(width);
    dist = Math.abs(height * Math.cos(angle * rad));
    // std::round: halves away from zero
    const oh = offset / Math.cos(angle * rad);
    offset = Math.sign(oh) * Math.round(Math.abs(oh)) *
      Math.cos(angle * rad);
  }
  const multi = Math.max(Math.ceil(bleed / width), 1);
  const xBuffer = width * multi, yBuffer = height * multi;
  const innerWidth = width, innerHeight = height;
  width += 2 * xBuffer;
  height += 2 * yBuffer;
  if (
    width > 10000 || height > 10000 || width === 0 || height === 0 ||
    !Number.isFinite(width) || !Number.isFinite(height)
  ) return null;
  type P = [number, number];
  let p1: P = [0, 0], p2: P = [0, 0], p3: P = [0, 0], p4: P = [0, 0];
  let p5: P = [0, 0], p6: P = [0, 0];
  const axis = near(angle, 0) || near(angle, 360) || near(angle, 180) ||
    near(angle, 90) || near(angle, 270);
  if (near(angle, 0) || near(angle, 360) || near(angle, 180)) {
    p1 = [0, yBuffer];
    p2 = [width, yBuffer];
    p3 = [0, yBuffer + innerHeight];
    p4 = [width, yBuffer + innerHeight];
  } else if (near(angle, 90) || near(angle, 270)) {
    p1 = [xBuffer, height];
    p2 = [xBuffer, 0];
    p3 = [xBuffer + innerWidth, height];
    p4 = [xBuffer + innerWidth, 0];
  } else if (angle > 0 && angle < 90) {
    const dx = dist * Math.cos((90 - angle) * rad);
    const dy = dist * Math.sin((90 - angle) * rad);
    p1 = [0, height];
    p2 = [width, 0];
    p3 = [-dx, height - dy];
    p4 = [width - dx, -dy];
    p5 = [dx, height + dy];
    p6 = [width + dx, dy];
  } else if (angle > 180 && angle < 270) {
    const dx = dist * Math.cos((90 - angle) * rad);
    const dy = dist * Math.sin((90 - angle) * rad);
    p1 = [width, 0];
    p2 = [0, height];
    p3 = [width - dx, -dy];
    p4 = [-dx, height - dy];
    p5 = [width + dx, dy];
    p6 = [dx, height + dy];
  } else if (angle > 90 && angle < 180) {
    const dy = dist * Math.cos((180 - angle) * rad);
    const dx = dist * Math.sin((180 - angle) * rad);
    p1 = [0, 0];
    p2 = [width, height];
    p5 = [dx, -dy];
    p6 = [width + dx, height - dy];
    p3 = [-dx, dy];
    p4 = [width - dx, height + dy];
  } else if (angle > 270 && angle < 360) {
    const dy = dist * Math.cos((180 - angle) * rad);
    const dx = dist * Math.sin((180 - angle) * rad);
    p1 = [width, height];
    p2 = [0, 0];
    p5 = [width + dx, height - dy];
    p6 = [dx, -dy];
    p3 = [width - dx, height + dy];
    p4 = [-dx, dy];
  }
  if (shifted) {
    // QgsSymbolLayerUtils::pointOnLineWithDistance
    const along = (a: P, b: P, d: number): P => {
      const dx = b[0] - a[0], dy = b[1] - a[1];
      const k = d / Math.sqrt(dx * dx + dy * dy);
      return [a[0] + dx * k, a[1] + dy * k];
    };
    p3 = along(p1, p3, dist + offset);
    p4 = along(p2, p4, dist + offset);
    p5 = along(p1, p5, dist - offset);
    p6 = along(p2, p6, dist - offset);
    p1 = along(p1, p3, offset);
    p2 = along(p2, p4, offset);
  }
  const lines = [[...p1, ...p2], [...p3, ...p4]];
  if (!axis) lines.push([...p5, ...p6]);
  return { w: innerWidth, h: innerHeight, x: xBuffer, y: yBuffer, lines };
}

/**
 * The most a line pattern's lines draw beyond them, in pixels
 * (QgsSymbolLayer::estimateMaxBleed of its sub-symbol's layers).
 */
function lineBleed(pc: PaintContext, layer: SymbolLayer): number {
  const sub = layer.subSymbol;
  if (!sub) return 0;
  let bleed = 0;
  for (const l of sub.layers) {
    const p = l.props;
    const off = Math.abs(px(pc, p, propNumber(p, "offset", 0), "offset_unit"));
    if (l.className === "SimpleLine") {
      if (p.draw_inside_polygon === "1") continue;
      const w = propNumber(p, "line_width", propNumber(p, "width", 0.26));
      bleed = Math.max(bleed, px(pc, p, w / 2, "line_width_unit") + off);
    } else if (l.className === "MarkerLine" && l.subSymbol) {
      let size = 0;
      for (const m of l.subSymbol.layers) {
        size = Math.max(
          size,
          px(pc, m.props, propNumber(m.props, "size", 2), "size_unit"),
        );
      }
      bleed = Math.max(bleed, size / 2 + off);
    }
  }
  return bleed;
}

const layerIds = new WeakMap<SymbolLayer, number>();
let nextLayerId = 0;

function layerId(layer: SymbolLayer): number {
  let id = layerIds.get(layer);
  if (id === undefined) layerIds.set(layer, id = nextLayerId++);
  return id;
}

function hasDataDefined(symbol: Symbol): boolean {
  return symbol.layers.some((l) =>
    Object.values(l.dataDefined).some((d) => d.active) ||
    (l.subSymbol !== null && hasDataDefined(l.subSymbol))
  );
}

/**
 * Fills rings with a texture tile (`w × h`, drawn by `draw` on a context of
 * its own) repeated from `origin` rounded as Qt's raster engine rounds a
 * translated brush (the brush turned by `angle` degrees clockwise about
 * the origin, sampled through its inverse: QBrush::setTransform's rotate);
 * a tile with `key` is drawn once per layer drawing. With a `margin`
 * `[x, y]`, `draw` draws on an image grown by it on every side, and the
 * tile is the image's middle (QgsLinePatternFillSymbolLayer's buffer).
 *
 * @example
 * ```ts ignore
 * import { fillWithTile } from "./pattern_fill.ts";
 * fillWithTile(pc, rings, [0, 0], 1, null, 16, 16, (tc) => drawTileContent(tc));
 * ```
 */
export function fillWithTile(
  pc: PaintContext,
  rings: Float64Array[],
  origin: [number, number] | null,
  opacity: number,
  key: string | null,
  w: number,
  h: number,
  draw: (tc: PaintContext) => void,
  angle = 0,
  margin: [number, number] = [0, 0],
): void {
  const { ck } = pc;
  const make = () => drawTile(pc, w, h, draw, margin);
  let image: Image | null | undefined = key && pc.paints
    ? pc.paints.image(`${key}|${pc.featureBlendMode}`, make)
    : undefined;
  const owned = image === undefined;
  if (image === undefined) image = make();
  if (!image) return;
  const m = totalMatrix(pc);
  const translates = m[0] === 1 && m[4] === 1 && m[1] === 0 && m[3] === 0 &&
    m[6] === 0 && m[7] === 0;
  const translation = translates && angle === 0;
  // Qt's raster engine: a brush whose matrix (the painter's with the
  // brush's) only translates is tiled at whole pixels (QSpanData::setupMatrix
  // nudges it by 1/65536 before inverting it, blend_tiled_* round the
  // inverse translation); any other (a legend drawn scaled) is sampled
  // through the inverse matrix, bilinear under SmoothPixmapTransform, which
  // the upstream worker's legend painter sets (fetchTransformedBilinear*)
  const [ox, oy] = origin ?? [0, 0];
  const tx = translation ? Math.floor(m[2] + ox + 1 / 65536 + 0.5) - m[2] : ox;
  const ty = translation ? Math.floor(m[5] + oy + 1 / 65536 + 0.5) - m[5] : oy;
  const shader = image.makeShaderOptions(
    ck.TileMode.Repeat,
    ck.TileMode.Repeat,
    // a turned brush on a map: nearest too (the map's painter has no
    // SmoothPixmapTransform)
    translates ? ck.FilterMode.Nearest : ck.FilterMode.Linear,
    ck.MipmapMode.None,
    angle === 0 ? ck.Matrix.translated(tx, ty) : ck.Matrix.multiply(
      ck.Matrix.translated(tx, ty),
      ck.Matrix.rotated(angle * Math.PI / 180),
    ),
  );
  if (owned) image.delete();
  const paint = newPaint(ck, pc.featureBlendMode);
  paint.setStyle(ck.PaintStyle.Fill);
  paint.setShader(shader);
  paint.setAlphaf(opacity);
  shader.delete();
  drawAndDelete(pc.canvas, pathOf(ck, rings, true), [paint]);
}

/**
 * Draws a tile on a surface of its own (grown by `margin` on every side);
 * the tile's pixels as an image.
 */
function drawTile(
  pc: PaintContext,
  w: number,
  h: number,
  draw: (tc: PaintContext) => void,
  [mx, my]: [number, number],
): Image | null {
  const { ck } = pc;
  const fw = w + 2 * mx, fh = h + 2 * my;
  const off = takeSurface(ck, fw, fh);
  if (!off) return null;
  try {
    const canvas = off.surface.getCanvas();
    canvas.clear(ck.TRANSPARENT);
    draw({
      ...pc,
      canvas,
      map: { ...pc.map, width: fw, height: fh },
      featureBlendMode: 0,
      paints: undefined,
      direct: {
        pixels: () => off.pixels(),
        width: fw,
        saveCount: canvas.getSaveCount(),
      },
    });
    off.surface.flush();
    let pixels = off.pixels().slice();
    if (mx !== 0 || my !== 0) {
      const tile = new Uint8Array(w * h * 4);
      for (let y = 0; y < h; y++) {
        const from = ((y + my) * fw + mx) * 4;
        tile.set(pixels.subarray(from, from + w * 4), y * w * 4);
      }
      pixels = tile;
    }
    return ck.MakeImage(
      {
        width: w,
        height: h,
        alphaType: ck.AlphaType.Premul,
        colorType: ck.ColorType.RGBA_8888,
        colorSpace: ck.ColorSpace.SRGB,
      },
      pixels,
      w * 4,
    );
  } finally {
    releaseSurface(ck, off);
  }
}
