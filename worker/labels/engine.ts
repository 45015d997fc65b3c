/**
 * The labelling engine of one render job: layers register their features
 * (`addLayer`), `draw` places every label across all layers at once (PAL
 * candidates, obstacles, priorities, no overlaps) and paints them.
 *
 * @module
 */
import type { Element } from "@xmldom/xmldom";
import type { Canvas, CanvasKit } from "canvaskit-wasm";
import type { Feature, GeometryKind } from "../geometry/types.ts";
import type { MapSettings } from "../map/map_settings.ts";
import type { ExpressionCompiler } from "../paint/context.ts";
import {
  parseColor,
  parseUnit,
  toPixels,
  type UnitContext,
} from "../style/props.ts";
import { type FontLibrary, fontLibrarySync } from "./fonts.ts";
import {
  type Candidate,
  candidateOverPoint,
  candidatesAlongLine,
  candidatesAroundPoint,
  candidatesHorizontalAlongLine,
  candidatesInPolygon,
  candidatesOrderedPositions,
  type LabelBox,
  type LabelProblemFeature,
  type Line,
  type Obstacle,
  type PlacedLabel,
  pointObstacleBox,
  type Polygon,
  type Quadrant,
  solve,
} from "./placement.ts";
import {
  type DataDefined,
  type LabelRule,
  type LabelSettings,
  readLabeling,
  type TextFormat,
} from "./settings.ts";
import {
  capitalize,
  drawText,
  layoutText,
  type TextLayout,
  wrapLines,
} from "./text.ts";

/** What the render runner hands over per vector layer. */
export interface LabelLayerInput {
  /** Layer id. */
  layerId: string;
  /** The layer style's QML root element (`<qgis>`). */
  qmlRoot: Element;
  /** Features in the map CRS. */
  features: Feature[];
  /** The layer's geometry kind. */
  geometryKind: GeometryKind | null;
  /** Layer opacity 0…1 (labels are drawn with it). */
  opacity?: number;
}

/** A placed label, in output pixels (y down). */
export interface LabelPlacement {
  /** Its text (lines joined with newlines). */
  text: string;
  /** Bottom-left corner x. */
  x: number;
  /** Bottom-left corner y. */
  y: number;
  /** Width. */
  width: number;
  /** Height. */
  height: number;
  /** Clockwise rotation about the bottom-left corner, radians. */
  rotation: number;
}

/** Options of a label engine. */
export interface LabelEngineOptions {
  /** Expression compiler for label expressions, rule filters and data-defined properties. */
  compile?: ExpressionCompiler;
  /** Receives warnings (bad expressions …); default `console.warn`. */
  warn?: (message: string) => void;
}

interface PendingLabel {
  layout: TextLayout;
  format: TextFormat;
  settings: LabelSettings;
  problem: LabelProblemFeature;
  color?: [number, number, number, number];
  opacity: number;
  zIndex: number;
  layerOrder: number;
}

const QUADRANT_ALIGN: Record<Quadrant, number> = {
  aboveLeft: 2,
  left: 2,
  belowLeft: 2,
  above: 1,
  over: 1,
  below: 1,
  aboveRight: 0,
  right: 0,
  belowRight: 0,
};

function symbolSizePx(symbol: Element, units: UnitContext): number {
  let best = 0;
  const layers = symbol.getElementsByTagName("layer");
  for (let j = 0; j < layers.length; j++) {
    const opts = layers[j].getElementsByTagName("Option");
    const p: Record<string, string> = {};
    for (let k = 0; k < opts.length; k++) {
      const n = opts[k].getAttribute("name");
      if (n) p[n] = opts[k].getAttribute("value") ?? "";
    }
    // QGIS < 3.22 stores symbol layer props as <prop k= v=>
    const props = layers[j].getElementsByTagName("prop");
    for (let k = 0; k < props.length; k++) {
      const n = props[k].getAttribute("k");
      if (n && !(n in p)) p[n] = props[k].getAttribute("v") ?? "";
    }
    const size = Number(p.size ?? NaN);
    if (!Number.isFinite(size)) continue;
    const out = Number(p.outline_width ?? 0) || 0;
    const px = toPixels(size, parseUnit(p.size_unit), units) +
      toPixels(out, parseUnit(p.outline_width_unit), units);
    best = Math.max(best, px);
  }
  return best;
}

/**
 * A point layer's marker size per feature (pixels), for the obstacle its
 * symbol makes: single symbol, categorized and graduated renderers on a
 * field; the largest marker otherwise.
 */
function markerSizer(
  root: Element,
  units: UnitContext,
): (feature: Feature) => number {
  const renderer = root.getElementsByTagName("renderer-v2")[0];
  if (!renderer) return () => 0;
  const sizes = new Map<string, number>();
  const symbols = renderer.getElementsByTagName("symbol");
  let max = 0;
  for (let i = 0; i < symbols.length; i++) {
    const sym = symbols[i];
    if (sym.getAttribute("type") !== "marker") continue;
    const px = symbolSizePx(sym, units);
    const name = sym.getAttribute("name") ?? "";
    if (!sizes.has(name)) sizes.set(name, px);
    max = Math.max(max, px);
  }
  const type = renderer.getAttribute("type");
  const attr = renderer.getAttribute("attr") ?? "";
  if (type === "graduatedSymbol" && /^\w+$/.test(attr)) {
    const ranges = Array.from(
      { length: renderer.getElementsByTagName("range").length },
      (_, i) => renderer.getElementsByTagName("range")[i],
    ).map((r) => ({
      lower: Number(r.getAttribute("lower")),
      upper: Number(r.getAttribute("upper")),
      size: sizes.get(r.getAttribute("symbol") ?? "") ?? max,
    }));
    return (f) => {
      const v = Number(f.attributes[attr]);
      const r = ranges.find((r) => v >= r.lower && v <= r.upper);
      return r ? r.size : 0;
    };
  }
  if (type === "categorizedSymbol" && /^\w+$/.test(attr)) {
    const cats = new Map<string, number>();
    let other = 0;
    const list = renderer.getElementsByTagName("category");
    for (let i = 0; i < list.length; i++) {
      const c = list[i];
      const size = sizes.get(c.getAttribute("symbol") ?? "") ?? max;
      const value = c.getAttribute("value") ?? "";
      if (value === "") other = size;
      else cats.set(value, size);
    }
    return (f) => cats.get(String(f.attributes[attr])) ?? other;
  }
  return () => max;
}

function scaleOk(min: number, max: number, scale: number): boolean {
  // min: most zoomed-in denominator, max: most zoomed-out
  if (min > 0 && scale < min) return false;
  if (max > 0 && scale > max) return false;
  return true;
}

function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number") {
    return Number.isInteger(value) ? String(value) : String(value);
  }
  const s = String(value);
  return s;
}

/**
 * Places and draws the labels of one map, QGIS-style.
 *
 * @example
 * ```ts ignore
 * import { getCanvasKit } from "../paint/canvaskit.ts";
 * import { loadFontLibrary } from "./fonts.ts";
 * import { LabelEngine } from "./engine.ts";
 * const ck = await getCanvasKit();
 * const engine = new LabelEngine(ck, map, await loadFontLibrary(ck));
 * engine.addLayer({ layerId: "places", qmlRoot, features, geometryKind: "point" });
 * engine.draw(canvas);
 * engine.delete();
 * ```
 */
export class LabelEngine {
  #ck: CanvasKit;
  #map: MapSettings;
  #fonts: FontLibrary;
  #compile?: ExpressionCompiler;
  #warn: (message: string) => void;
  #units: UnitContext;
  #pending: PendingLabel[] = [];
  #obstacles: Obstacle[] = [];
  #owner = 0;
  #layers = 0;
  #placed: PlacedLabel[] | null = null;
  #expressions = new Map<string, ((ctx: object) => unknown) | null>();

  /** Creates an engine for a map. */
  constructor(
    ck: CanvasKit,
    map: MapSettings,
    fonts: FontLibrary,
    options: LabelEngineOptions = {},
  ) {
    this.#ck = ck;
    this.#map = map;
    this.#fonts = fonts;
    this.#compile = options.compile;
    this.#warn = options.warn ?? ((m) => console.warn(m));
    this.#units = { dpi: map.dpi, mapUnitsPerPixel: map.mapUnitsPerPixel };
  }

  #expr(text: string): ((ctx: object) => unknown) | null {
    if (this.#expressions.has(text)) return this.#expressions.get(text)!;
    let fn: ((ctx: object) => unknown) | null = null;
    if (this.#compile) {
      try {
        fn = this.#compile(text) as (ctx: object) => unknown;
      } catch (e) {
        this.#warn(
          `labels: cannot use expression '${text}': ${(e as Error).message}`,
        );
      }
    } else {
      // without an expression engine, a plain (quoted) field name still works
      const m = /^\s*"?([^"()+\-*/|']+?)"?\s*$/.exec(text);
      if (m) {
        const field = m[1];
        fn = (ctx) => (ctx as { feature?: Feature }).feature?.attributes[field];
      } else {
        this.#warn(
          `labels: cannot evaluate expression '${text}': no expression engine`,
        );
      }
    }
    this.#expressions.set(text, fn);
    return fn;
  }

  #eval(text: string, feature: Feature, layerId: string): unknown {
    const fn = this.#expr(text);
    if (!fn) return null;
    try {
      return fn({
        feature,
        geometry: feature.geometry,
        variables: {
          map_scale: this.#map.scale,
          layer_id: layerId,
          map_crs: this.#map.crs,
        },
      });
    } catch (e) {
      this.#warn(
        `labels: expression '${text}' failed: ${(e as Error).message}`,
      );
      return null;
    }
  }

  #dd(
    s: LabelSettings,
    name: string,
    feature: Feature,
    layerId: string,
  ): unknown {
    const p: DataDefined | undefined = s.dataDefined[name];
    if (!p || !p.active) return undefined;
    if (p.field !== undefined) return feature.attributes[p.field] ?? undefined;
    if (p.expression) {
      const v = this.#eval(p.expression, feature, layerId);
      return v === null ? undefined : v;
    }
    return undefined;
  }

  /** Registers a layer's labels (and its features as obstacles). */
  addLayer(input: LabelLayerInput): void {
    this.#placed = null;
    const labeling = readLabeling(input.qmlRoot);
    if (!labeling) return;
    const layerOrder = this.#layers++;
    const sizer = input.geometryKind === "point"
      ? markerSizer(input.qmlRoot, this.#units)
      : () => 0;
    const scale = this.#map.scale;
    const matches = (r: LabelRule, f: Feature): boolean => {
      if (!r.filter.trim() || r.isElse) return true;
      const v = this.#eval(r.filter, f, input.layerId);
      return v !== null && v !== undefined && v !== false && v !== 0 &&
        v !== "";
    };
    // QgsRuleBasedLabeling: a rule applies when its filter matches (an ELSE
    // rule when no sibling did), then its children are tried in turn.
    const collect = (r: LabelRule, f: Feature, out: LabelSettings[]) => {
      let any = false;
      const elses: LabelRule[] = [];
      for (const c of r.children) {
        if (!c.active || !scaleOk(c.scaleMinDenom, c.scaleMaxDenom, scale)) {
          continue;
        }
        if (c.isElse) {
          elses.push(c);
          continue;
        }
        if (matches(c, f)) {
          any = true;
          if (c.settings) out.push(c.settings);
          collect(c, f, out);
        }
      }
      if (!any) {
        for (const c of elses) {
          if (c.settings) out.push(c.settings);
          collect(c, f, out);
        }
      }
    };
    for (const feature of input.features) {
      const owner = this.#owner++;
      const settingsList: LabelSettings[] = [];
      if (labeling.type === "simple") settingsList.push(labeling.settings);
      else if (matches(labeling.root, feature)) {
        if (labeling.root.settings) settingsList.push(labeling.root.settings);
        collect(labeling.root, feature, settingsList);
      }
      const symbolPx = sizer(feature);
      let obstacleAdded = false;
      for (const s of settingsList) {
        if (s.scaleVisibility && !scaleOk(s.scaleMin, s.scaleMax, scale)) {
          continue;
        }
        if (s.obstacle && !obstacleAdded && feature.geometry) {
          obstacleAdded = true;
          this.#addObstacle(feature, symbolPx, owner, s.obstacleFactor);
        }
        this.#addFeature(input, s, feature, owner, symbolPx, layerOrder);
      }
    }
  }

  #toPal(x: number, y: number): [number, number] {
    const m = this.#map;
    return [
      (x - m.extent.xmin) / m.mapUnitsPerPixel,
      -(m.extent.ymax - y) / m.mapUnitsPerPixel,
    ];
  }

  #ring(r: Float64Array): Float64Array {
    const out = new Float64Array(r.length);
    for (let i = 0; i < r.length; i += 2) {
      const [x, y] = this.#toPal(r[i], r[i + 1]);
      out[i] = x;
      out[i + 1] = y;
    }
    return out;
  }

  #addObstacle(
    feature: Feature,
    symbolPx: number,
    owner: number,
    factor: number,
  ): void {
    const g = feature.geometry!;
    if (g.kind === "point") {
      for (const part of g.parts) {
        const [x, y] = this.#toPal(part[0][0], part[0][1]);
        this.#obstacles.push({
          kind: "box",
          owner,
          box: symbolPx > 0 ? pointObstacleBox(x, y, symbolPx) : [x, y, x, y],
          factor,
        });
      }
    } else {
      for (const part of g.parts) {
        for (const ring of part) {
          this.#obstacles.push({
            kind: "line",
            owner,
            line: this.#ring(ring),
            factor,
          });
        }
      }
    }
  }

  #addFeature(
    input: LabelLayerInput,
    s: LabelSettings,
    feature: Feature,
    owner: number,
    symbolPx: number,
    layerOrder: number,
  ): void {
    if (!s.drawLabels || !feature.geometry) return;
    const lid = input.layerId;
    const show = this.#dd(s, "Show", feature, lid);
    if (show === false || show === 0 || show === "0") return;
    const raw = s.isExpression
      ? this.#eval(s.fieldName, feature, lid)
      : feature.attributes[s.fieldName];
    let text = textOf(raw);
    if (text === null || text === "") return;
    let format = s.format;
    const ddSize = this.#dd(s, "Size", feature, lid);
    const ddBold = this.#dd(s, "Bold", feature, lid);
    const ddItalic = this.#dd(s, "Italic", feature, lid);
    const ddFamily = this.#dd(s, "Family", feature, lid);
    const ddBufferDraw = this.#dd(s, "BufferDraw", feature, lid);
    const ddBufferSize = this.#dd(s, "BufferSize", feature, lid);
    const ddBufferColor = this.#dd(s, "BufferColor", feature, lid);
    if (
      ddSize !== undefined || ddBold !== undefined || ddItalic !== undefined ||
      ddFamily !== undefined || ddBufferDraw !== undefined ||
      ddBufferSize !== undefined || ddBufferColor !== undefined
    ) {
      format = {
        ...format,
        size: Number.isFinite(Number(ddSize)) && ddSize !== undefined
          ? Number(ddSize)
          : format.size,
        bold: ddBold !== undefined ? Boolean(ddBold) : format.bold,
        italic: ddItalic !== undefined ? Boolean(ddItalic) : format.italic,
        family: typeof ddFamily === "string" && ddFamily
          ? ddFamily
          : format.family,
        buffer: {
          ...format.buffer,
          enabled: ddBufferDraw !== undefined
            ? Boolean(ddBufferDraw)
            : format.buffer.enabled,
          size:
            ddBufferSize !== undefined && Number.isFinite(Number(ddBufferSize))
              ? Number(ddBufferSize)
              : format.buffer.size,
          color: typeof ddBufferColor === "string"
            ? parseColor(ddBufferColor, format.buffer.color)
            : format.buffer.color,
        },
      };
    }
    if (!(format.size > 0)) return;
    text = capitalize(text, format.capitalization);
    const lines = wrapLines(
      text,
      s.wrapChar,
      s.autoWrapLength,
      s.useMaxLineLengthForAutoWrap,
    );
    const layout = layoutText(
      this.#ck,
      this.#fonts,
      format,
      lines,
      this.#units,
    );
    const u = this.#units;
    let dist = toPixels(s.dist, s.distUnit, u);
    const ddDist = this.#dd(s, "LabelDistance", feature, lid);
    if (ddDist !== undefined && Number.isFinite(Number(ddDist))) {
      dist = toPixels(Number(ddDist), s.distUnit, u);
    }
    const box: LabelBox = {
      w: layout.width,
      h: layout.height,
      dist,
      marginTop: 0.25 * layout.ascent,
      marginBottom: 1 + Math.ceil(layout.descent),
      symbolW: s.offsetType === 1 ? symbolPx : 0,
      symbolH: s.offsetType === 1 ? symbolPx : 0,
    };
    let rotation = s.rotation;
    const ddRot = this.#dd(s, "LabelRotation", feature, lid);
    if (ddRot !== undefined && Number.isFinite(Number(ddRot))) {
      rotation = Number(ddRot);
    }
    const angle = -rotation * Math.PI / 180;
    const ox = toPixels(s.xOffset, s.offsetUnit, u);
    const oy = -toPixels(s.yOffset, s.offsetUnit, u);
    let quad = s.quadOffset;
    const ddQuad = this.#dd(s, "OffsetQuad", feature, lid);
    if (ddQuad !== undefined && Number.isFinite(Number(ddQuad))) {
      quad = Number(ddQuad);
    }
    const candidates = this.#candidates(
      feature,
      s,
      box,
      angle,
      quad,
      ox,
      oy,
    );
    const mapW = this.#map.width, mapH = this.#map.height;
    const visible = candidates.filter((c) => {
      // candidates wholly outside the map are dropped, as PAL does
      const xs = [c.x, c.x + c.w * Math.cos(c.angle)];
      return Math.max(...xs) + c.h > 0 && Math.min(...xs) - c.h < mapW &&
        c.y + c.h + c.w > -mapH && c.y - c.w < 0 + c.h;
    });
    if (visible.length === 0) {
      layout.font.delete();
      return;
    }
    let priority = s.priority;
    const ddPri = this.#dd(s, "Priority", feature, lid);
    if (ddPri !== undefined && Number.isFinite(Number(ddPri))) {
      priority = Math.max(0, Math.min(10, Number(ddPri)));
    }
    const always = this.#dd(s, "AlwaysShow", feature, lid);
    const ddColor = this.#dd(s, "Color", feature, lid);
    this.#pending.push({
      layout,
      format,
      settings: s,
      problem: {
        candidates: visible,
        priority,
        alwaysShow: s.displayAll || always === true || always === 1,
        allowOverlap: s.allowOverlap,
        owner,
      },
      color: typeof ddColor === "string"
        ? parseColor(ddColor, format.color)
        : undefined,
      opacity: input.opacity ?? 1,
      zIndex: s.zIndex,
      layerOrder,
    });
  }

  #candidates(
    feature: Feature,
    s: LabelSettings,
    box: LabelBox,
    angle: number,
    quad: number,
    ox: number,
    oy: number,
  ): Candidate[] {
    const g = feature.geometry!;
    const out: Candidate[] = [];
    const parts = s.labelPerPart ? g.parts : g.parts.slice(0, 1);
    if (g.kind === "point") {
      const e = this.#map.extent;
      for (const part of parts) {
        const px = part[0][0], py = part[0][1];
        // QGIS labels only the points inside the map extent
        if (px < e.xmin || px > e.xmax || py < e.ymin || py > e.ymax) continue;
        const [x, y] = this.#toPal(px, py);
        out.push(...this.#pointCandidates(x, y, s, box, angle, quad, ox, oy));
      }
      return out;
    }
    if (g.kind === "line") {
      const lines = s.labelPerPart
        ? g.parts
        : [longest(g.parts.map((p) => p[0]))];
      for (const l of lines) {
        const line = this.#ring(Array.isArray(l) ? l[0] : l);
        if (s.placement === 4) {
          out.push(
            ...candidatesHorizontalAlongLine(line, box, s.lineAnchorPercent),
          );
        } else {
          out.push(
            ...candidatesAlongLine(
              line,
              { ...box, dist: Math.max(box.dist, 1) },
              s.placementFlags,
              s.lineAnchorPercent,
            ),
          );
        }
      }
      return out;
    }
    // polygons: the largest part unless every part is labelled
    const polys = s.labelPerPart
      ? g.parts
      : [g.parts.reduce((a, b) => (ringArea(b[0]) > ringArea(a[0]) ? b : a))];
    for (const part of polys) {
      const poly: Polygon = part.map((r) => this.#ring(r));
      switch (s.placement) {
        case 0:
        case 1:
        case 6: {
          const [cx, cy] = s.centroidInside
            ? poleOfPoly(poly)
            : centroid(poly[0]);
          out.push(
            ...this.#pointCandidates(cx, cy, s, box, angle, quad, ox, oy),
          );
          break;
        }
        case 2:
        case 3:
        case 7: {
          out.push(
            ...candidatesAlongLine(
              poly[0],
              { ...box, dist: Math.max(box.dist, 1) },
              s.placementFlags,
              s.lineAnchorPercent,
            ),
          );
          break;
        }
        default: {
          const inside = candidatesInPolygon(poly, box, true);
          if (inside.length === 0 && !s.fitInPolygonOnly) {
            // QGIS falls back to a label centred on the pole when it does not fit
            out.push(...candidatesInPolygon(poly, box, false).slice(0, 1));
          } else out.push(...inside);
        }
      }
    }
    return out;
  }

  #pointCandidates(
    x: number,
    y: number,
    s: LabelSettings,
    box: LabelBox,
    angle: number,
    quad: number,
    ox: number,
    oy: number,
  ): Candidate[] {
    switch (s.placement) {
      case 1:
        return [candidateOverPoint(x, y, box, quad, ox, oy, angle)];
      case 6:
        return candidatesOrderedPositions(x, y, box, s.predefinedPositionOrder);
      default:
        return candidatesAroundPoint(x, y, box);
    }
  }

  #solve(): PlacedLabel[] {
    if (!this.#placed) {
      this.#placed = solve(
        this.#pending.map((p) => p.problem),
        this.#obstacles,
      );
    }
    return this.#placed;
  }

  /**
   * The labels placement chose (solving once), in output pixels (y down):
   * text, bottom-left corner, size and clockwise rotation in radians.
   */
  placements(): LabelPlacement[] {
    return this.#solve().map(({ feature, candidate: c }) => ({
      text: this.#pending[feature].layout.lines.join("\n"),
      x: c.x,
      y: -c.y,
      width: c.w,
      height: c.h,
      rotation: -c.angle,
    }));
  }

  /** Solves placement across all layers and paints the labels. */
  draw(canvas: Canvas): void {
    const placed = [...this.#solve()];
    placed.sort((a, b) => {
      const pa = this.#pending[a.feature], pb = this.#pending[b.feature];
      return pa.zIndex - pb.zIndex || pb.layerOrder - pa.layerOrder ||
        a.feature - b.feature;
    });
    for (const { feature, candidate } of placed) {
      const p = this.#pending[feature];
      const align = p.settings.multilineAlign === 3
        ? QUADRANT_ALIGN[candidate.quadrant]
        : p.settings.multilineAlign === 4
        ? 0
        : p.settings.multilineAlign;
      drawText(this.#ck, canvas, p.layout, p.format, {
        x: candidate.x,
        y: -candidate.y,
        rotation: -candidate.angle,
        align,
        color: p.color,
        opacity: p.opacity,
      }, this.#units);
    }
  }

  /** Frees every Skia object the engine holds. */
  delete(): void {
    for (const p of this.#pending) p.layout.font.delete();
    this.#pending = [];
    this.#obstacles = [];
    this.#placed = null;
  }
}

function longest(lines: Float64Array[]): Float64Array {
  let best = lines[0], len = -1;
  for (const l of lines) {
    let d = 0;
    for (let i = 0; i + 3 < l.length; i += 2) {
      d += Math.hypot(l[i + 2] - l[i], l[i + 3] - l[i + 1]);
    }
    if (d > len) len = d, best = l;
  }
  return best;
}

function ringArea(r: Float64Array | Line): number {
  let a = 0;
  for (let i = 0; i + 3 < r.length; i += 2) {
    a += r[i] * r[i + 3] - r[i + 2] * r[i + 1];
  }
  return Math.abs(a / 2);
}

function centroid(r: Line): [number, number] {
  let a = 0, cx = 0, cy = 0;
  for (let i = 0; i + 3 < r.length; i += 2) {
    const f = r[i] * r[i + 3] - r[i + 2] * r[i + 1];
    a += f;
    cx += (r[i] + r[i + 2]) * f;
    cy += (r[i + 1] + r[i + 3]) * f;
  }
  if (a === 0) return [r[0], r[1]];
  return [cx / (3 * a), cy / (3 * a)];
}

function poleOfPoly(poly: Polygon): [number, number] {
  const c = centroid(poly[0]);
  return c;
}

/**
 * The factory the render runner plugs in (`RenderDeps.createLabelEngine`):
 * an engine with the process-wide DejaVu fonts.
 *
 * @example
 * ```ts ignore
 * import { createLabelEngine } from "./engine.ts";
 * const deps = { ...renderDeps, createLabelEngine };
 * ```
 */
export function createLabelEngine(
  map: MapSettings,
  ck: CanvasKit,
  options: LabelEngineOptions = {},
): LabelEngine {
  return new LabelEngine(ck, map, fontLibrarySync(ck), options);
}
