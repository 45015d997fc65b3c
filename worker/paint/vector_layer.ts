/**
 * Paints the features of one vector layer with its QML renderer:
 * `singleSymbol`, `categorizedSymbol`, `graduatedSymbol`, `RuleRenderer`
 * (nested rules, ELSE, scale ranges), `nullSymbol`, each also inverted
 * (`invertedPolygonRenderer`) or merged (`mergedFeatureRenderer`); symbol
 * levels; the feature blend mode.
 * Layer opacity and the layer blend mode are the caller's (the render
 * runner composites each layer).
 *
 * @module
 */
import type { Feature, Geometry, GeometryKind } from "../geometry/types.ts";
import type { Renderer, Rule, Symbol, VectorStyle } from "../style/model.ts";
import type { CompiledExpression, PaintContext } from "./context.ts";
import { drawSymbol, layerMargin } from "./symbol.ts";
import { drawsEffect, drawWithEffect } from "./paint_effect.ts";
import { PaintCache } from "./_paints.ts";
import { textureOrigin } from "./pattern_fill.ts";
import {
  clipLineConnected,
  clipRing,
  geometryToPixels,
  shiftGeometry,
} from "./geometry.ts";
import { pixelTransform } from "../map/map_settings.ts";
import { isTruthy } from "../expression/values.ts";
import { paintHeatmap } from "./heatmap.ts";
import { mergedFeatures, symbolsKey } from "./merged_features.ts";

/** Picks the symbols a renderer draws a feature with. */
export type SymbolPicker = (feature: Feature) => Symbol[];

function compiler(pc: PaintContext): (text: string) => CompiledExpression {
  const cache = new Map<string, CompiledExpression>();
  return (text) => {
    let fn = cache.get(text);
    if (!fn) {
      try {
        fn = pc.compile(text);
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
        // QGIS evaluates an expression with a parser error to an invalid
        // QVariant: a rule matches nothing (its ELSE takes the feature), a
        // category is picked by NULL; the rest of the map is drawn
        pc.warn(`expression '${text}' is NULL: ${error.message}`);
        fn = () => null;
      }
      cache.set(text, fn);
    }
    return fn;
  };
}

function valueOf(
  pc: PaintContext,
  compile: (t: string) => CompiledExpression,
  attr: string,
  feature: Feature,
  fields: Set<string>,
): unknown {
  if (fields.has(attr)) return feature.attributes[attr];
  const quoted = /^"((?:[^"]|"")*)"$/.exec(attr);
  if (quoted && fields.has(quoted[1].replaceAll('""', '"'))) {
    return feature.attributes[quoted[1].replaceAll('""', '"')];
  }
  return compile(attr)({
    feature,
    geometry: feature.geometry,
    variables: pc.variables,
  });
}

/** QVariant::toString of an attribute value, as categories compare. */
function asCategoryKey(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

/** QGIS's `Rule::isScaleOK`. */
function scaleOk(rule: Rule, scale: number): boolean {
  if (scale === 0) return true;
  if (rule.scaleMinDenom === 0 && rule.scaleMaxDenom === 0) return true;
  if (rule.scaleMinDenom !== 0 && rule.scaleMinDenom > scale) return false;
  if (rule.scaleMaxDenom !== 0 && rule.scaleMaxDenom < scale) return false;
  return true;
}

// the symbol type QgsSymbol::renderFeature draws each geometry type with
// (a point only with a marker symbol, a line with a line symbol, a polygon
// with a fill symbol; another type draws nothing)
const SYMBOL_TYPE_OF = {
  point: "marker",
  line: "line",
  polygon: "fill",
} as const;

// the symbols of `symbols` QGIS draws a geometry of `kind` with (a style
// made for lines applied to polygons draws nothing)
function drawable(
  symbols: Symbol[],
  kind: GeometryKind,
): Symbol[] {
  const type = SYMBOL_TYPE_OF[kind];
  return symbols.every((s) => s.type === type)
    ? symbols
    : symbols.filter((s) => s.type === type);
}

/**
 * Builds the symbol picker of a renderer; with `identify`, a rule-based
 * renderer's ELSE decides as QGIS's `willRenderFeature` (feature info), not
 * as its `renderFeature` (maps).
 *
 * @example
 * ```ts ignore
 * import { symbolPicker } from "./vector_layer.ts";
 * const pick = symbolPicker(pc, style.renderer, new Set(["kind"]));
 * pick(feature); // [Symbol, …]
 * ```
 */
export function symbolPicker(
  pc: PaintContext,
  renderer: Renderer,
  fields: Set<string>,
  identify = false,
): SymbolPicker {
  const compile = compiler(pc);
  switch (renderer.type) {
    case "singleSymbol": {
      const s = renderer.symbol ? [renderer.symbol] : [];
      return () => s;
    }
    case "categorizedSymbol": {
      const byValue = new Map<string, Symbol[]>();
      let other: Symbol[] | null = null;
      for (const c of renderer.categories) {
        const syms = c.render && c.symbol ? [c.symbol] : [];
        const values = Array.isArray(c.value) ? c.value : [c.value];
        for (const v of values) {
          if (v === null || v === "") {
            other ??= syms;
          } else if (!byValue.has(v)) byValue.set(v, syms);
        }
      }
      const quoted = /^"((?:[^"]|"")*)"$/.exec(renderer.attr);
      const isField = fields.has(renderer.attr) ||
        (quoted !== null && fields.has(quoted[1].replaceAll('""', '"')));
      return (f) => {
        let v = valueOf(pc, compile, renderer.attr, f, fields);
        // QGIS's comparisons, logical operators and predicates yield the
        // ints 1 and 0 (its three-valued logic), so a category of `"a" > "b"`
        // is "1" or "0"; a boolean field stays "true"/"false"
        if (!isField && typeof v === "boolean") v = v ? 1 : 0;
        return byValue.get(asCategoryKey(v)) ?? other ?? [];
      };
    }
    case "graduatedSymbol": {
      return (f) => {
        const v = valueOf(pc, compile, renderer.attr, f, fields);
        if (v === null || v === undefined || v === "") return [];
        const n = Number(v);
        if (!Number.isFinite(n)) return [];
        for (const r of renderer.ranges) {
          if (r.lower <= n && n <= r.upper) {
            return r.render && r.symbol ? [r.symbol] : [];
          }
        }
        return [];
      };
    }
    case "RuleRenderer": {
      const scale = pc.map.scale;
      const filters = new Map<Rule, CompiledExpression | null>();
      const prepare = (rule: Rule) => {
        filters.set(rule, rule.filter ? compile(rule.filter) : null);
        rule.children.forEach(prepare);
      };
      prepare(renderer.root);
      // returns whether the feature was rendered (or the rule is inactive)
      const visit = (rule: Rule, f: Feature, out: Symbol[]): boolean => {
        const fn = filters.get(rule);
        if (
          fn &&
          !isTruthy(
            fn({ feature: f, geometry: f.geometry, variables: pc.variables }),
          )
        ) {
          return false;
        }
        let rendered = false;
        if (rule.symbol) {
          out.push(rule.symbol);
          rendered = true;
        }
        let matched = false;
        const isActive = (c: Rule) => c.active && scaleOk(c, scale);
        for (const c of rule.children) {
          if (c.isElse) continue;
          // QgsRuleBasedRenderer::Rule::renderFeature (3.22) walks every
          // child: one unchecked or out of scale whose filter takes the
          // feature draws nothing but counts as matched ("Inactive"), so
          // the ELSE rules leave that feature undrawn
          // (identify's willRenderFeature: rulesForFeature skips rules out
          // of scale, so there the ELSE takes their features)
          if (!isActive(c)) {
            if (!identify || scaleOk(c, scale)) {
              matched ||= inactiveMatch(c, f);
            }
            continue;
          }
          const r = visit(c, f, out);
          matched ||= r;
          rendered ||= r;
        }
        if (!matched) {
          for (const c of rule.children) {
            if (!c.isElse || !isActive(c)) continue;
            const r = visit(c, f, out);
            rendered ||= r;
          }
        }
        return rendered;
      };
      const filterOk = (rule: Rule, f: Feature): boolean => {
        const fn = filters.get(rule);
        return !fn ||
          isTruthy(
            fn({ feature: f, geometry: f.geometry, variables: pc.variables }),
          );
      };
      // whether a rule that draws nothing (unchecked, out of scale) answers
      // "Inactive" for the feature, as QGIS's renderFeature does
      const inactiveMatch = (rule: Rule, f: Feature): boolean => {
        if (!filterOk(rule, f)) return false;
        if (!rule.active || rule.symbol) return true;
        return rule.children.some((c) => !c.isElse && inactiveMatch(c, f)) ||
          rule.children.some((c) => c.isElse && inactiveMatch(c, f));
      };
      return (f) => {
        const out: Symbol[] = [];
        visit(renderer.root, f, out);
        return out;
      };
    }
    case "nullSymbol":
    case "heatmapRenderer":
    case "unsupported":
      return () => [];
  }
}

/** The renderer's symbols in QGIS's order (`QgsFeatureRenderer::symbols`). */
function rendererSymbols(renderer: Renderer): Symbol[] {
  switch (renderer.type) {
    case "singleSymbol":
      return renderer.symbol ? [renderer.symbol] : [];
    case "categorizedSymbol":
      return renderer.categories.flatMap((c) => c.symbol ? [c.symbol] : []);
    case "graduatedSymbol":
      return renderer.ranges.flatMap((r) => r.symbol ? [r.symbol] : []);
    default:
      return [];
  }
}

/**
 * A polygon's rings closed as QGIS closes them before drawing
 * (`_getPolygonRing2d`: a ring whose last point is not its first gets the
 * first again), so an unclosed ring's outline runs back to its start (a
 * Shapefile may hold such rings; GDAL reads them as they are).
 */
function closeRings(g: Geometry): Geometry {
  if (g.kind !== "polygon") return g;
  let open = false;
  for (const part of g.parts) {
    for (const r of part) {
      const n = r.length;
      if (n >= 4 && (r[0] !== r[n - 2] || r[1] !== r[n - 1])) open = true;
    }
  }
  if (!open) return g;
  return {
    kind: "polygon",
    parts: g.parts.map((part) =>
      part.map((r) => {
        const n = r.length;
        if (n < 4 || (r[0] === r[n - 2] && r[1] === r[n - 1])) return r;
        const c = new Float64Array(n + 2);
        c.set(r);
        c[n] = r[0];
        c[n + 1] = r[1];
        return c;
      })
    ),
  };
}

function clipForDrawing(g: Geometry, width: number, height: number): Geometry {
  if (g.kind === "point") return g;
  // QGIS clips lines and polygons to the extent grown by a tenth on every side.
  const x0 = -0.1 * width, y0 = -0.1 * height;
  const x1 = 1.1 * width, y1 = 1.1 * height;
  let needs = false;
  outer: for (const part of g.parts) {
    for (const r of part) {
      for (let i = 0; i + 1 < r.length; i += 2) {
        if (r[i] < x0 || r[i] > x1 || r[i + 1] < y0 || r[i + 1] > y1) {
          needs = true;
          break outer;
        }
      }
    }
  }
  if (!needs) return g;
  if (g.kind === "line") {
    // one clipped line per part, joined along the clip rectangle
    return {
      kind: "line",
      parts: g.parts.flatMap((part) => {
        const l = part[0] ? clipLineConnected(part[0], x0, y0, x1, y1) : null;
        return l && l.length >= 4 ? [[l]] : [];
      }),
    };
  }
  return {
    kind: "polygon",
    parts: g.parts.map((part) =>
      part.map((r) => clipRing(r, x0, y0, x1, y1)).filter((r) => r.length >= 6)
    )
      .filter((p) => p.length > 0),
  };
}

/**
 * Paints a vector layer's features (map CRS) onto `pc.canvas`.
 *
 * @returns the number of features drawn with at least one symbol.
 * @example
 * ```ts ignore
 * import { paintVectorLayer } from "./vector_layer.ts";
 * paintVectorLayer(pc, style, features, new Set(["kind"]));
 * ```
 */
export function paintVectorLayer(
  pc: PaintContext,
  style: VectorStyle,
  features: Feature[],
  fields: Set<string>,
): number {
  if (pc.paints) return paintFeatures(pc, style, features, fields);
  const paints = new PaintCache();
  try {
    return paintFeatures({ ...pc, paints }, style, features, fields);
  } finally {
    paints.delete();
  }
}

function paintFeatures(
  pc: PaintContext,
  style: VectorStyle,
  features: Feature[],
  fields: Set<string>,
): number {
  if (style.renderer.type === "heatmapRenderer") {
    // no symbols: one raster of the layer's points (QGIS inverts no
    // heatmap: the inverted renderer wraps symbol renderers only)
    paintHeatmap(pc, style.renderer, features, fields);
    return features.length;
  }
  const pick = symbolPicker(pc, style.renderer, fields);
  if (style.inverted) features = invertedFeatures(pc, pick, features, fields);
  if (style.merged) features = mergedFeatures(pick, features, pc.warn);
  if (style.effect?.enabled && !drawsEffect(style.effect)) {
    pc.warn(
      `layer paint effect '${style.effect.type}' is not drawn (colour effects are not supported)`,
    );
  }
  if (
    !drawsEffect(style.effect) && !style.symbolLevels && !queuesByPass(style)
  ) {
    // each feature drawn once its geometry is in pixels, as drawJobs would
    // draw it, into pixel arrays reused from feature to feature
    const toPixels = pixelsReusing(pc.map);
    let drawn = 0;
    for (const f of features) {
      if (!f.geometry) continue;
      const symbols = drawable(pick(f), f.geometry.kind);
      if (symbols.length === 0) continue;
      // clipped in the layer's CRS already, as QGIS clips reprojected ones
      const g = closeRings(
        f.drawGeometry ? toPixels(f.drawGeometry) : clipForDrawing(
          toPixels(f.geometry),
          pc.map.width,
          pc.map.height,
        ),
      );
      const options = symbols.some(usesTexture)
        ? { origin: textureOrigin(f.geometry, pc.map, f.textureOrigin) }
        : NO_ORIGIN;
      for (const s of symbols) drawSymbol(pc, s, f, g, options);
      drawn++;
    }
    return drawn;
  }
  const jobs: DrawJob[] = [];
  for (const f of features) {
    if (!f.geometry) continue;
    const symbols = drawable(pick(f), f.geometry.kind);
    if (symbols.length === 0) continue;
    const g = closeRings(
      f.drawGeometry
        ? geometryToPixels(f.drawGeometry, pc.map)
        : clipForDrawing(
          geometryToPixels(f.geometry, pc.map),
          pc.map.width,
          pc.map.height,
        ),
    );
    const origin = symbols.some(usesTexture)
      ? textureOrigin(f.geometry, pc.map, f.textureOrigin)
      : null;
    jobs.push({ f, g, symbols, origin });
  }
  if (drawsEffect(style.effect)) {
    // QgsVectorLayerRenderer records the whole layer for its renderer's
    // effect, with the painter untranslated
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    let margin = 0;
    for (const j of jobs) {
      for (const part of j.g.parts) {
        for (const r of part) {
          for (let i = 0; i + 1 < r.length; i += 2) {
            x0 = Math.min(x0, r[i]);
            x1 = Math.max(x1, r[i]);
            y0 = Math.min(y0, r[i + 1]);
            y1 = Math.max(y1, r[i + 1]);
          }
        }
      }
      for (const s of j.symbols) {
        for (const l of s.layers) margin = Math.max(margin, layerMargin(pc, l));
      }
    }
    if (x0 <= x1) {
      drawWithEffect(pc, style.effect!, {
        x: 0,
        y: 0,
        bounds: [x0 - margin, y0 - margin, x1 + margin, y1 + margin],
        draw: (p, dx, dy) =>
          drawJobs(
            p,
            style,
            jobs.map((j) => ({
              ...j,
              g: shiftGeometry(j.g, dx, dy),
              origin: j.origin && [j.origin[0] + dx, j.origin[1] + dy],
            })),
          ),
      });
    }
    return jobs.length;
  }
  drawJobs(pc, style, jobs);
  return jobs.length;
}

/**
 * `QgsInvertedPolygonRenderer`: the features grouped by the symbols the
 * renderer draws them with (groups in order of their first feature), each
 * group one feature, its first, whose polygon is the viewport grown by five
 * times its size on every side with the group's polygons' exterior rings
 * as holes and their holes as polygons of their own (drawn even-odd, as
 * QGIS without preprocessing: overlapping polygons are not merged); no
 * group, the viewport's polygon drawn for a feature without attributes.
 */
function invertedFeatures(
  pc: PaintContext,
  pick: SymbolPicker,
  features: Feature[],
  fields: Set<string>,
): Feature[] {
  const { width: w, height: h } = pc.map;
  const [sx, dx, sy, dy] = pixelTransform(pc.map);
  const x0 = (-5 * w - dx) / sx, x1 = (6 * w - dx) / sx;
  const y0 = (-5 * h - dy) / sy, y1 = (6 * h - dy) / sy;
  const outer = () =>
    new Float64Array([x0, y0, x1, y0, x1, y1, x0, y1, x0, y0]);
  const ids = new Map<Symbol, number>();
  const groups = new Map<string, { f: Feature; parts: Float64Array[][] }>();
  for (const f of features) {
    const symbols = pick(f);
    if (symbols.length === 0) continue;
    const key = symbolsKey(ids, symbols);
    let group = groups.get(key);
    if (!group) groups.set(key, group = { f, parts: [[outer()]] });
    if (f.geometry?.kind !== "polygon") continue;
    for (const part of f.geometry.parts) {
      const ext = part[0];
      // a ring GEOS would take: four points at least, closed
      const n = ext?.length ?? 0;
      if (
        n < 8 || ext[0] !== ext[n - 2] || ext[1] !== ext[n - 1]
      ) continue;
      group.parts[0].push(ext);
      for (const hole of part.slice(1)) group.parts.push([hole]);
    }
  }
  const out: Feature[] = [];
  for (const { f, parts } of groups.values()) {
    out.push({
      id: f.id,
      attributes: f.attributes,
      geometry: { kind: "polygon", parts },
    });
  }
  if (groups.size === 0) {
    const attributes: Feature["attributes"] = {};
    for (const name of fields) attributes[name] = null;
    out.push({
      id: 0,
      attributes,
      geometry: { kind: "polygon", parts: [[outer()]] },
    });
  }
  return out;
}

const NO_ORIGIN = { origin: null };

// Pixel rings by length, reused for the one ring of a single-part
// geometry (most features): no arrays made per feature.
const rings = new Map<number, Float64Array>();
const MAX_REUSED = 1024;
const reused: Geometry = { kind: "point", parts: [[new Float64Array(0)]] };

/**
 * `geometryToPixels` for the map, the pixels of a one-ring geometry in a
 * geometry and an array reused by the next call: the result is valid
 * until then.
 */
function pixelsReusing(map: PaintContext["map"]): (g: Geometry) => Geometry {
  const [sx, dx, sy, dy] = pixelTransform(map);
  return (g) => {
    if (g.parts.length !== 1 || g.parts[0].length !== 1) {
      return geometryToPixels(g, map);
    }
    const r = g.parts[0][0];
    const n = r.length;
    if (n > MAX_REUSED) return geometryToPixels(g, map);
    let out = rings.get(n);
    if (!out) rings.set(n, out = new Float64Array(n));
    // geometryToPixels' arithmetic
    for (let i = 0; i + 1 < n; i += 2) {
      out[i] = sx * r[i] + dx;
      out[i + 1] = sy * r[i + 1] + dy;
    }
    if (n & 1) out[n - 1] = 0;
    reused.kind = g.kind;
    reused.parts[0][0] = out;
    return reused;
  };
}

interface DrawJob {
  f: Feature;
  g: Geometry;
  symbols: Symbol[];
  /** Where its pattern fills' tiles start (null: no pattern fill). */
  origin: [number, number] | null;
}

const TEXTURED = new Set(["PointPatternFill", "LinePatternFill", "SVGFill"]);
const textured = new WeakMap<Symbol, boolean>();

/** Whether a symbol fills with a texture brush (a pattern fill). */
function usesTexture(s: Symbol): boolean {
  let t = textured.get(s);
  if (t === undefined) {
    t = s.layers.some((l) => TEXTURED.has(l.className));
    textured.set(s, t);
  }
  return t;
}

/**
 * Whether a layer's features are drawn pass by pass although its symbol
 * levels are off: `QgsRuleBasedRenderer` queues every feature by its symbol
 * layers' rendering passes (its `renderFeature` only queues; `stopRender`
 * draws the queue level by level), so a rule whose symbol sits on a higher
 * pass is drawn over every feature of a lower one. True for a rule-based
 * renderer whose active rules' symbols use more than one pass (one pass
 * draws in feature order either way), and for the heatmap renderer (it
 * sums every point before it draws).
 *
 * @example
 * ```ts ignore
 * queuesByPass(style); // true: a rule's outline on pass 1, the ELSE on 0
 * ```
 */
export function queuesByPass(style: VectorStyle): boolean {
  // a heatmap sums the whole layer before it draws
  if (style.renderer.type === "heatmapRenderer") return true;
  if (style.renderer.type !== "RuleRenderer") return false;
  const passes = new Set<number>();
  const walk = (r: Rule) => {
    if (!r.active) return;
    for (const l of r.symbol?.layers ?? []) passes.add(l.pass);
    for (const c of r.children) walk(c);
  };
  walk(style.renderer.root);
  return passes.size > 1;
}

function drawJobs(pc: PaintContext, style: VectorStyle, jobs: DrawJob[]): void {
  if (!style.symbolLevels && !queuesByPass(style)) {
    for (const j of jobs) {
      for (const s of j.symbols) {
        drawSymbol(pc, s, j.f, j.g, { origin: j.origin });
      }
    }
  } else if (style.renderer.type === "RuleRenderer") {
    // QgsRuleBasedRenderer queues its own levels, symbol levels or not:
    // per pass, feature order
    const passes = new Set<number>();
    for (const j of jobs) {
      for (const s of j.symbols) for (const l of s.layers) passes.add(l.pass);
    }
    for (const pass of [...passes].sort((a, b) => a - b)) {
      for (const j of jobs) {
        for (const s of j.symbols) {
          drawSymbol(pc, s, j.f, j.g, { pass, origin: j.origin });
        }
      }
    }
  } else {
    // QgsVectorLayerRenderer::drawRendererLevels: per pass, the renderer's
    // symbols in its order, each symbol layer of that pass in turn, then
    // that layer for every feature drawn with the symbol
    const bySymbol = new Map<Symbol, typeof jobs>();
    for (const s of rendererSymbols(style.renderer)) bySymbol.set(s, []);
    for (const j of jobs) {
      for (const s of j.symbols) {
        let list = bySymbol.get(s);
        if (!list) bySymbol.set(s, list = []);
        list.push(j);
      }
    }
    const levels = new Map<number, [Symbol, number][]>();
    for (const s of bySymbol.keys()) {
      s.layers.forEach((l, i) => {
        if (l.pass < 0 || l.pass >= 1000) return;
        let level = levels.get(l.pass);
        if (!level) levels.set(l.pass, level = []);
        level.push([s, i]);
      });
    }
    for (const pass of [...levels.keys()].sort((a, b) => a - b)) {
      for (const [s, layerIndex] of levels.get(pass)!) {
        for (const j of bySymbol.get(s)!) {
          drawSymbol(pc, s, j.f, j.g, { layerIndex, origin: j.origin });
        }
      }
    }
  }
}
