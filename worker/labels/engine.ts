/**
 * The labelling engine of one render job: layers register their features
 * (`addLayer`), `draw` places every label across all layers at once (PAL
 * candidates, obstacles, priorities, no overlaps) and paints them.
 *
 * @module
 */
import { checkJobClock } from "../map/job_clock.ts";
import type { Element } from "@xmldom/xmldom";
import type { Canvas, CanvasKit } from "canvaskit-wasm";
import type { Feature, GeometryKind } from "../geometry/types.ts";
import type { MapSettings } from "../map/map_settings.ts";
import type {
  DirectPixels,
  ExpressionCompiler,
  PaintContext,
} from "../paint/context.ts";
import {
  parseColor,
  parseUnit,
  toPixels,
  type UnitContext,
} from "../style/props.ts";
import {
  type FontLibrary,
  fontLibrarySync,
  withFallbackWarnings,
} from "./fonts.ts";
import {
  addObstaclePenalty,
  makeObstacle,
  ObstacleType,
  type PalObstacle,
  pruneByDiscrimination,
  sizePenalty,
} from "./costs.ts";
import { mergeConnectedLines } from "./_merge_lines.ts";
import { fixedCandidate } from "./fixed_position.ts";
import { balloonRing } from "./balloon.ts";
import { parseLabelHtml } from "./html.ts";
import {
  type CalloutAnchor,
  calloutLines,
  DEFAULT_BALLOON_SYMBOL,
  DEFAULT_CALLOUT_SYMBOL,
} from "./callout.ts";
import { calloutForFeature } from "./callout_dd.ts";
import { DOMParser } from "@xmldom/xmldom";
import { readSymbol } from "../style/qml.ts";
import type { Symbol } from "../style/model.ts";
import { drawMarkerSymbol, drawSymbol } from "../paint/symbol.ts";
import { loadSvgFrom } from "../paint/svg_loader.ts";
import {
  shapeBackgroundSize,
  shapeBackgroundSymbol,
} from "./shape_background.ts";
import {
  candidateBounds,
  type ProblemFeature,
  solveProblem,
} from "./problem.ts";
import {
  candidatesForPolygon,
  polygonCentroidCosts,
  polygonRingCosts,
} from "./polygon.ts";
import { stdSort } from "./_stdsort.ts";
import { isTruthy } from "../expression/values.ts";
import { candidatesCurved, type CurvedText } from "./curved.ts";
import {
  clipLine,
  clipPolygon,
  containsProperly,
  lineLength,
  pointOnSurface,
  polygonCentroid,
  polygonContainsQuad,
  rectCorners,
  ringArea,
  snapCoords,
} from "./_geom.ts";
import {
  type Candidate,
  candidateCentered,
  candidateOverPoint,
  candidatesAlongLine,
  candidatesAroundPoint,
  candidatesCurvedStandIn,
  candidatesHorizontalAlongLine,
  candidatesOrderedPositions,
  chopAtRepeatDistance,
  type LabelBox,
  type MapFrame,
  pointObstacleBox,
  type Quadrant,
  uprightCandidate,
} from "./placement.ts";
import {
  type DataDefined,
  type LabelRule,
  type LabelSettings,
  readLabeling,
  readLabelSettings,
  type TextFormat,
} from "./settings.ts";
import {
  capitalize,
  characterAdvances,
  characterLayout,
  drawText,
  drawTextMask,
  layoutText,
  type TextLayout,
  wrapHtmlLines,
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
  /**
   * The colour (`r,g,b,a`) of the symbol the renderer draws a feature with,
   * `@symbol_color` of the label's expressions (QGIS updates the symbol
   * scope before registering a feature's label); absent: not set.
   */
  symbolColor?: (feature: Feature) => string | undefined;
  /**
   * Turns a point of the layer's CRS into the map CRS, in place
   * (`[x, y]`), when the features were reprojected: data-defined label
   * positions are in the layer's CRS, as QGIS's `registerFeature` reads
   * them; absent: the layer is in the map CRS.
   */
  toMapCrs?: (xy: Float64Array) => void;
  /**
   * The layer's expression variables without the `@` (the map's and the
   * layer's scopes: `layer_name`, `map_extent`…), which QGIS's labeling
   * context holds for the label's expressions; absent: only `map_scale`,
   * `layer_id` and `map_crs`.
   */
  variables?: Record<string, unknown>;
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

/**
 * A layer's diagrams as PAL label features
 * (`QgsVectorLayerDiagramProvider`): each feature's diagram box and where
 * PAL may put it, placed with the labels (they avoid each other) and drawn
 * among them in z-index order.
 */
export interface DiagramLabelInput {
  /** The layer (its labels and diagrams share its drawing order). */
  layerId: string;
  /** One entry per feature with a diagram. */
  features: {
    /** The feature (its geometry the obstacle when the diagrams are obstacles). */
    feature?: Feature;
    /** Candidates, pixels (y up), best first. */
    candidates: Candidate[];
    /**
     * The diagram's box (pixels) when PAL makes its candidates from the
     * feature's line or polygon (`along`).
     */
    box?: { w: number; h: number };
    /** Draws the diagram with its box's bottom-left corner here (pixels, y down). */
    draw: (left: number, bottom: number) => void;
  }[];
  /** `QgsDiagramLayerSettings::priority`, 0–10. */
  priority: number;
  /** Drawn even where they collide (the provider's DrawAllLabels). */
  showAll: boolean;
  /** Drawing order among labels and diagrams. */
  zIndex: number;
  /**
   * The features repel labels and other diagrams
   * (`QgsDiagramLayerSettings::isObstacle`); needs each feature's `feature`.
   */
  obstacle?: boolean;
  /** The layer's style (its point symbols' boxes are their obstacles). */
  qmlRoot?: Element;
  /** The layer's geometry kind (points' obstacles are their symbols' boxes). */
  geometryKind?: GeometryKind | null;
  /**
   * PAL makes the candidates of the features with a `box` from their line
   * or polygon: `QgsDiagramLayerSettings::Placement` (lines: 2 parallel, 4
   * horizontal; polygons: 2 along the outer ring, 4 horizontal and 5 free
   * inside, 3 PAL's turned grid inside without the rings' costs) and the distance in pixels. The line placement
   * flags play no part: QGIS 3.22's diagram provider never hands them to
   * PAL, whose features then sit on the line.
   */
  along?: { placement: number; dist: number };
}

interface PendingDiagram {
  draw: (left: number, bottom: number) => void;
  zIndex: number;
  layerOrder: number;
}

/** Options of a label engine. */
export interface LabelEngineOptions {
  /** Expression compiler for label expressions, rule filters and data-defined properties. */
  compile?: ExpressionCompiler;
  /** Receives warnings (bad expressions …); default `console.warn`. */
  warn?: (message: string) => void;
}

interface PendingLabel {
  /** The labelled feature (its callout's anchor). */
  feature: Feature;
  /** Every part of it labelled (a callout to the whole feature). */
  allParts: boolean;
  layout: TextLayout;
  format: TextFormat;
  settings: LabelSettings;
  color?: [number, number, number, number];
  opacity: number;
  zIndex: number;
  layerOrder: number;
}

/** A feature part to label (PAL's `FeaturePart` with its candidates). */
interface PalPart {
  /** Index into the pending labels. */
  label: number;
  /** Label feature id (its own obstacles do not repel it). */
  owner: number;
  candidates: Candidate[];
  kind: "point" | "line" | "polygon";
  /** Length (lines) or area (polygons) in pixels, for the size penalty. */
  size: number;
  /** Label distance in pixels. */
  dist: number;
  /** PAL priority: 0 highest … 1 lowest, −0.2 always shown. */
  priority: number;
  /** Shown with its best candidate even when it could not be placed. */
  showUnplaced: boolean;
  /** Candidates kept at most (0: all). */
  maxCandidates: number;
  /** Polygon rings whose distance costs the candidates (horizontal, free). */
  ringCosts?: number[][];
  /** The label provider (PAL layer) it belongs to, in order of creation. */
  provider: number;
  /** A diagram (index into the engine's diagrams) rather than a label. */
  diagram?: number;
}

/** A solved label. */
interface PlacedLabel {
  feature: number;
  candidate: Candidate;
  /** A diagram (index into the engine's diagrams) rather than a label. */
  diagram?: number;
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
    // QgsSvgMarkerSymbolLayer::bounds adds half a pixel where a simple
    // marker's adds the one pointObstacleBox adds (measured on QGIS 3.22)
    const pad = layers[j].getAttribute("class") === "SvgMarker" ? -0.5 : 0;
    // QgsSimpleMarkerSymbolLayerBase::bounds maps the marker's square
    // through its rotation (QTransform::mapRect): a marker turned by a
    // bounds a box (|cos a| + |sin a|) times as wide
    const a = (Number(p.angle ?? 0) || 0) * Math.PI / 180;
    const turn = Math.abs(Math.cos(a)) + Math.abs(Math.sin(a));
    const px = toPixels(size, parseUnit(p.size_unit), units) * turn +
      toPixels(out, parseUnit(p.outline_width_unit), units) + pad;
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
  let renderer = root.getElementsByTagName("renderer-v2")[0];
  if (!renderer) return () => 0;
  // a point cluster or displacement renderer draws a lone point with its
  // embedded renderer's symbol, not its own cluster symbol
  for (;;) {
    const type = renderer.getAttribute("type");
    if (type !== "pointCluster" && type !== "pointDisplacement") break;
    let inner: Element | null = null;
    for (let c = renderer.firstChild; c; c = c.nextSibling) {
      if ((c as Element).tagName === "renderer-v2") inner = c as Element;
    }
    if (!inner) break;
    renderer = inner;
  }
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
  #parts: PalPart[] = [];
  #providers = 0;
  #obstacles: PalObstacle[] = [];
  #owner = 0;
  // the layer and feature of each diagram and label feature: PAL's
  // FeaturePart::hasSameLabelFeatureAs, so a feature's diagram obstacle
  // does not repel its own labels (nor its labels' obstacle its diagram)
  #sameFeature = new Map<number, string>();
  // a label line's own map coordinates, by its pixel line (#linePieces)
  #mapLines = new WeakMap<number[], number[]>();
  // merged lines: a label feature's connected group (PAL's
  // mConnectedFeaturesIds), whose lines are no obstacles to its label
  #connected = new Map<number, number>();
  #groups = 0;
  #layers = 0;
  #layerOrders = new Map<string, number>();
  #layerVariables = new Map<string, Record<string, unknown>>();
  #diagrams: PendingDiagram[] = [];
  #placed: PlacedLabel[] | null = null;
  #expressions = new Map<string, ((ctx: object) => unknown) | null>();
  #failedExpressions = new Set<string>();

  /** Creates an engine for a map. */
  constructor(
    ck: CanvasKit,
    map: MapSettings,
    fonts: FontLibrary,
    options: LabelEngineOptions = {},
  ) {
    this.#ck = ck;
    this.#map = map;
    this.#compile = options.compile;
    this.#warn = options.warn ?? ((m) => console.warn(m));
    this.#fonts = withFallbackWarnings(fonts, this.#warn);
    this.#units = {
      dpi: map.dpi,
      mapUnitsPerPixel: map.mapUnitsPerPixel,
      mapUnitsPerMeter: map.mapUnitsPerMeter,
    };
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
    return this.#evaluate(text, feature, layerId)?.value ?? null;
  }

  /**
   * An expression's value for a feature, or null when it cannot be parsed
   * or fails to evaluate (QgsExpression::hasParserError, hasEvalError),
   * which is not a NULL value.
   */
  #evaluate(
    text: string,
    feature: Feature,
    layerId: string,
  ): { value: unknown } | null {
    const fn = this.#expr(text);
    if (!fn) return null;
    try {
      const variables: Record<string, unknown> = {
        ...this.#layerVariables.get(layerId),
        map_scale: this.#map.scale,
        layer_id: layerId,
        map_crs: this.#map.crs,
      };
      const color = this.#symbolColor?.(feature);
      if (color !== undefined) variables.symbol_color = color;
      let error: string | null = null;
      const value = fn({
        feature,
        geometry: feature.geometry,
        variables,
        onEvalError: (message: string) => error = message,
      });
      if (error === null) return { value };
      // once per expression: a layer's features may all fail alike
      if (!this.#failedExpressions.has(text)) {
        this.#failedExpressions.add(text);
        this.#warn(`labels: expression '${text}' failed: ${error}`);
      }
      return null;
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
    return this.#ddOf(s.dataDefined, name, feature, layerId);
  }

  /** A data-defined property's value of a collection (as `#dd`). */
  #ddOf(
    collection: Record<string, DataDefined>,
    name: string,
    feature: Feature,
    layerId: string,
  ): unknown {
    const p: DataDefined | undefined = collection[name];
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
    this.#symbolColor = input.symbolColor ?? null;
    try {
      this.#addLayer(input);
    } finally {
      this.#symbolColor = null;
    }
  }

  #symbolColor: ((feature: Feature) => string | undefined) | null = null;

  /** A layer's drawing order, shared by its labels and its diagrams. */
  #layerOrder(layerId: string): number {
    let order = this.#layerOrders.get(layerId);
    if (order === undefined) {
      order = this.#layers++;
      this.#layerOrders.set(layerId, order);
    }
    return order;
  }

  /**
   * Registers a layer's diagrams as PAL features
   * (`QgsVectorLayerDiagramProvider::registerDiagram`): their boxes take
   * part in the labels' collisions, at the layer's priority; shown all,
   * they are drawn whatever they hit.
   */
  addDiagrams(input: DiagramLabelInput): void {
    this.#placed = null;
    const layerOrder = this.#layerOrder(input.layerId);
    let priority = 1 - input.priority / 10;
    // pal::Layer::setPriority keeps a layer's priority inside (0, 1)
    priority = priority >= 1 ? 0.9999 : priority <= 0.0001 ? 0.0001 : priority;
    // shown all: QgsLabelFeature::setAlwaysShow, PAL's priority -0.2
    if (input.showAll) priority = -0.2;
    const sizer = input.obstacle && input.qmlRoot &&
        input.geometryKind === "point"
      ? markerSizer(input.qmlRoot, this.#units)
      : () => 0;
    const along = input.along ? diagramSettings(input.along.placement) : null;
    const shaped = (f: DiagramLabelInput["features"][number]) =>
      along !== null && f.box !== undefined && f.feature?.geometry &&
      f.feature.geometry.kind !== "point";
    // PAL caps candidates by the features its layer holds on the map
    const count = along
      ? input.features.filter((f) =>
        shaped(f) && this.#onMap(f.feature!, along)
      ).length
      : 0;
    for (const f of input.features) {
      const owner = this.#owner++;
      if (f.feature) {
        this.#sameFeature.set(owner, `${input.layerId}\u0000${f.feature.id}`);
      }
      if (input.obstacle && f.feature?.geometry) {
        // QgsVectorLayerDiagramProvider::registerDiagram: the feature is a
        // PAL obstacle of QgsLabelObstacleSettings' defaults (factor 1,
        // polygon boundary), its geometry prepared (clipped to the map), a
        // point's the box of its symbol as the renderer passes it
        // (getPointObstacleGeometry); registered whether or not the diagram
        // has a candidate on the map
        this.#addObstacle(
          f.feature,
          sizer(f.feature),
          owner,
          1,
          ObstacleType.PolygonBoundary,
          true,
        );
      }
      // QgsVectorLayerDiagramProvider::registerDiagram: a diagram's box is
      // a PAL feature of its own at a fixed angle 0, its geometry prepared
      // (clipped to the map) whatever the placement
      const sets: CandidateSet[] = shaped(f)
        ? this.#candidates(
          f.feature!,
          along!,
          { w: f.box!.w, h: f.box!.h, dist: input.along!.dist },
          0,
          4,
          0,
          0,
          count,
          null,
          true,
          null,
          true,
        )
        : [{
          kind: "point",
          size: 0,
          maxCandidates: 0,
          candidates: f.candidates,
        }];
      let diagram = -1;
      for (const set of sets) {
        const candidates = set.candidates.filter((c) => this.#visible(c));
        if (candidates.length === 0) continue;
        if (diagram < 0) {
          diagram = this.#diagrams.length;
          this.#diagrams.push({
            draw: f.draw,
            zIndex: input.zIndex,
            layerOrder,
          });
        }
        this.#parts.push({
          label: -1,
          owner,
          candidates,
          kind: set.kind,
          size: set.size,
          dist: shaped(f) ? input.along!.dist : 0,
          priority,
          showUnplaced: input.showAll,
          maxCandidates: set.maxCandidates,
          ringCosts: set.ringCosts,
          provider: 0,
          diagram,
        });
      }
    }
  }

  #addLayer(input: LabelLayerInput): void {
    this.#placed = null;
    if (input.variables) {
      this.#layerVariables.set(input.layerId, input.variables);
    }
    const labeling = readLabeling(input.qmlRoot);
    if (!labeling) return;
    const layerOrder = this.#layerOrder(input.layerId);
    const sizer = input.geometryKind === "point"
      ? markerSizer(input.qmlRoot, this.#units)
      : () => 0;
    const scale = this.#map.scale;
    const matches = (r: LabelRule, f: Feature): boolean => {
      if (!r.filter.trim() || r.isElse) return true;
      // QgsRuleBasedLabeling: QVariant::toBool() of the filter's value
      return isTruthy(this.#eval(r.filter, f, input.layerId));
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
    // each settings object is a PAL layer of its own (a rule's provider):
    // its candidates are made once all its features are known, as their
    // number caps the candidates of each
    const layers = new Map<LabelSettings, Registered[]>();
    // the label providers QGIS makes for the layer: one for simple
    // labelling; for rule-based the layer's own (no features) and one per
    // rule with settings (QgsRuleBasedLabeling::Rule::createSubProviders)
    const providers = new Map<LabelSettings, number>();
    // the features each settings object handed to PAL (limitNumLabels)
    const palCounts = new Map<LabelSettings, number>();
    if (labeling.type === "simple") {
      providers.set(labeling.settings, this.#providers++);
    } else {
      this.#providers++;
      const walk = (r: LabelRule) => {
        if (r.settings) providers.set(r.settings, this.#providers++);
        r.children.forEach(walk);
      };
      walk(labeling.root);
    }
    for (const feature of input.features) {
      const owner = this.#owner++;
      this.#sameFeature.set(owner, `${input.layerId}\u0000${feature.id}`);
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
        // a feature QGIS drops before PAL is no obstacle either (only a
        // layer that draws no labels registers obstacles alone)
        const label = s.drawLabels && feature.geometry
          ? this.#reachesPal(s, feature, input.layerId)
          : null;
        // limitNumLabels: PAL takes the first maxNumLabels features that
        // reach it, in the layer's order (none when the limit is 0)
        const taken = palCounts.get(s) ?? 0;
        const reaches = label !== null &&
          (!s.limitNumLabels || taken < s.maxNumLabels);
        if (reaches) palCounts.set(s, taken + 1);
        // the data-defined IsObstacle (QgsProperty::valueAsBool: NULL
        // keeps the layer's setting)
        const ddObstacle = this.#dd(s, "IsObstacle", feature, input.layerId);
        const obstacle = ddObstacle !== undefined && ddObstacle !== null
          ? isTruthy(ddObstacle)
          : s.obstacle;
        if (
          obstacle && !obstacleAdded && feature.geometry &&
          (reaches || !s.drawLabels)
        ) {
          obstacleAdded = true;
          this.#addObstacle(
            feature,
            symbolPx,
            owner,
            this.#obstacleFactor(s, feature, input.layerId),
            s.obstacleType as ObstacleType,
            clipsPolygons(s),
          );
        }
        if (!reaches) continue;
        const registered = this.#register(
          input,
          s,
          feature,
          label!.raw,
          owner,
          symbolPx,
          layerOrder,
        );
        if (!registered) continue;
        const list = layers.get(s);
        if (list) list.push(registered);
        else layers.set(s, [registered]);
      }
    }
    for (const [s, list] of layers) {
      const first = this.#parts.length;
      const merged = s.mergeLines ? this.#mergeLines(s, list) : null;
      // PAL caps candidates by the features its layer holds: those with
      // something left on the map (a line's bounding box may reach into the
      // map while the line itself stays outside)
      const count = list.filter((r) => this.#onMap(r.feature, s)).length;
      for (const r of list) {
        if (!merged || !merged.has(r)) r.make(count);
        else {
          // pal::Layer::joinConnectedFeatures drops the merged lines shorter
          // than the minimum feature size
          const min = s.minFeatureSize > 0 ? this.#minFeaturePx(s) : 0;
          const pieces = merged.get(r)!.filter((p) => lineLength(p) >= min);
          if (pieces.length > 0) r.make(count, pieces);
        }
      }
      const provider = providers.get(s) ?? 0;
      for (let i = first; i < this.#parts.length; i++) {
        this.#parts[i].provider = provider;
      }
    }
  }

  /**
   * `pal::Layer::joinConnectedFeatures`: the line pieces of a layer's
   * labels (each feature's, `#linePieces`), grouped by label text, longest
   * first (libstdc++'s `std::sort`); the longest piece left takes in turn
   * every other piece starting or ending where it starts or ends
   * (`FeaturePart::isConnected`: exactly one of its ends there, the other
   * nowhere on the line), the first such in length order each time, joined
   * as GEOS's line merger joins two lines, until none is left to join; then
   * the next longest piece left does the same (`mergeConnectedLines`). The
   * pieces taken in leave their features. Returns the pieces left to each
   * line label; the features joined in one round form one connected group.
   */
  #mergeLines(
    s: LabelSettings,
    list: Registered[],
  ): Map<Registered, number[][]> {
    const out = new Map<Registered, number[][]>();
    type Piece = { r: Registered; line: number[]; length: number };
    const groups = new Map<string, Piece[]>();
    for (const r of list) {
      if (r.feature.geometry?.kind !== "line") continue;
      const pieces = this.#linePieces(r.feature, s);
      out.set(r, []);
      let group = groups.get(r.text);
      if (!group) groups.set(r.text, group = []);
      for (const line of pieces) {
        group.push({ r, line, length: lineLength(line) });
      }
    }
    for (const group of groups.values()) {
      const parts = stdSort([...group], (a, b) => a.length > b.length);
      // indexes of the pieces' ends and of the growing line's segments, not
      // a scan of every piece left (and of the whole line) for each join:
      // 200,000 segments of one street name took about 19 minutes
      const merged = mergeConnectedLines(parts.map((p) => p.line));
      for (const { to, joined } of merged.rounds) {
        const id = this.#groups++;
        this.#connected.set(parts[to].r.owner, id);
        for (const j of joined) this.#connected.set(parts[j].r.owner, id);
      }
      const lines = new Map(parts.map((p, k) => [p, merged.lines[k]]));
      // in the layer's order, each piece to its feature
      for (const p of group) {
        const line = lines.get(p);
        if (line) out.get(p.r)!.push(line);
      }
    }
    return out;
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
    type: ObstacleType,
    clip: boolean,
  ): void {
    const g = feature.geometry!;
    if (g.kind === "point") {
      for (const part of g.parts) {
        const [x, y] = this.#toPal(part[0][0], part[0][1]);
        if (symbolPx > 0) {
          // QgsVectorLayerLabelProvider: a point's obstacle is its symbol's
          // box, and a point layer drawn by a renderer repels labels from
          // the whole of it, whatever its obstacle type says (PolygonWhole:
          // any label touching the box costs 12)
          const [x0, y0, x1, y1] = pointObstacleBox(x, y, symbolPx);
          this.#obstacles.push(makeObstacle({
            kind: "polygon",
            owner,
            rings: [[x0, y0, x1, y0, x1, y1, x0, y1, x0, y0]],
            type: ObstacleType.PolygonWhole,
            factor,
            symbolBox: true,
          }));
        } else {
          this.#obstacles.push(makeObstacle({
            kind: "point",
            owner,
            x,
            y,
            factor,
          }));
        }
      }
    } else if (g.kind === "line") {
      // clipped to the map as QgsPalLayerSettings::registerFeature clips a
      // line: its parts beyond the map's edges cross no candidate
      const [ex0, ey0, ex1, ey1] = this.#extent();
      for (const part of g.parts) {
        for (const line of clipLine(this.#ring(part[0]), ex0, ey0, ex1, ey1)) {
          this.#obstacles.push(makeObstacle({
            kind: "line",
            owner,
            line,
            factor,
          }));
        }
      }
    } else {
      // QgsPalLayerSettings::registerFeature: the obstacle is the label's
      // geometry, clipped to the map as it is (GEOS's intersection: the
      // parts beyond the map's edges repel no candidate, whatever the
      // obstacle type; the cut along the map's edge is a boundary as any)
      const [ex0, ey0, ex1, ey1] = this.#extent();
      for (const part of g.parts) {
        const rings = part.map((r) => this.#ring(r));
        for (
          const piece of clip ? clipPolygon(rings, ex0, ey0, ex1, ey1) : [rings]
        ) {
          this.#obstacles.push(makeObstacle({
            kind: "polygon",
            owner,
            rings: piece,
            type,
            factor,
          }));
        }
      }
    }
  }

  /**
   * `QgsLabelObstacleSettings::updateDataDefinedProperties`: a data-defined
   * `ObstacleFactor` of 0 to 10 is a factor of 0.0001 to 2; NULL or no
   * number keeps the layer's.
   */
  #obstacleFactor(s: LabelSettings, feature: Feature, layerId: string): number {
    const dd = this.#dd(s, "ObstacleFactor", feature, layerId);
    if (dd === undefined || dd === null || dd === "") return s.obstacleFactor;
    const n = Number(dd);
    if (!Number.isFinite(n)) return s.obstacleFactor;
    return Math.min(Math.max(n, 0), 10) / 5 + 0.0001;
  }

  /**
   * Whether `QgsPalLayerSettings::registerFeatureWithDetails` hands the
   * feature to PAL: not when the data-defined Show hides its label, its
   * font has no size or rounds to less than a pixel (a size in metres at
   * scale on a map zoomed out) or, in map units, to a pixel size outside
   * its limits, its label expression fails to evaluate (an error, not
   * NULL) or the feature is under the minimum size.
   * It returns before it makes the label feature, which carries the
   * obstacle: such a feature repels no label either. An empty text does
   * reach PAL (an obstacle without a label). Returns the label's value
   * (the field's or the expression's), or null when dropped.
   */
  #reachesPal(
    s: LabelSettings,
    feature: Feature,
    layerId: string,
  ): { raw: unknown } | null {
    const show = this.#dd(s, "Show", feature, layerId);
    // QgsProperty::valueAsBool: QVariant::toBool(), NULL keeps the default
    if (show !== undefined && !isTruthy(show)) return null;
    const ddSize = this.#dd(s, "Size", feature, layerId);
    const size = Number.isFinite(Number(ddSize)) && ddSize !== undefined
      ? Number(ddSize)
      : s.format.size;
    if (!(size > 0)) return null;
    const px = Math.round(toPixels(size, s.format.sizeUnit, this.#units));
    if (px < 1) return null;
    if (s.format.sizeUnit === "MapUnit") {
      // a font in map units outside its pixel limits is not drawn
      const dd = (key: string, value: number) => {
        const n = Number(this.#dd(s, key, feature, layerId) ?? NaN);
        return Number.isFinite(n) ? Math.trunc(n) : value;
      };
      const ddLimit = this.#dd(s, "FontLimitPixel", feature, layerId);
      const limit = ddLimit !== undefined && ddLimit !== null
        ? isTruthy(ddLimit)
        : s.fontLimitPixelSize;
      if (limit) {
        const min = dd("FontMinPixel", s.fontMinPixelSize);
        const max = dd("FontMaxPixel", s.fontMaxPixelSize);
        if (min > px || px > max) return null;
      }
    }
    // QgsExpression::hasParserError / hasEvalError: no label, no obstacle
    const raw = s.isExpression
      ? this.#evaluate(s.fieldName, feature, layerId)
      : { value: feature.attributes[s.fieldName] };
    if (!raw) return null;
    return this.#bigEnough(feature, s) ? { raw: raw.value } : null;
  }

  /**
   * Prepares a feature's label (text, size, settings) for a feature that
   * reaches PAL (`#reachesPal`); returns what makes its candidates once the
   * layer's feature count is known, or null when the feature has no label.
   */
  #register(
    input: LabelLayerInput,
    s: LabelSettings,
    feature: Feature,
    raw: unknown,
    owner: number,
    symbolPx: number,
    layerOrder: number,
  ): Registered | null {
    checkJobClock();
    if (!s.drawLabels || !feature.geometry) return null;
    const lid = input.layerId;
    const ddOrder = this.#dd(s, "PredefinedPositionOrder", feature, lid);
    if (typeof ddOrder === "string" && ddOrder.trim() !== "") {
      // the cartographic positions of this feature only
      s = {
        ...s,
        predefinedPositionOrder: ddOrder.split(",").map((x) =>
          x.trim().toUpperCase()
        ).filter((x) => x !== ""),
      };
    }
    let text = textOf(raw);
    if (text === null || text === "") return null;
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
        bold: ddBold !== undefined ? isTruthy(ddBold) : format.bold,
        italic: ddItalic !== undefined ? isTruthy(ddItalic) : format.italic,
        plainBold: ddBold !== undefined ? isTruthy(ddBold) : format.plainBold,
        plainItalic: ddItalic !== undefined
          ? isTruthy(ddItalic)
          : format.plainItalic,
        family: typeof ddFamily === "string" && ddFamily
          ? ddFamily
          : format.family,
        buffer: {
          ...format.buffer,
          enabled: ddBufferDraw !== undefined
            ? isTruthy(ddBufferDraw)
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
    // QgsTextDocument: an HTML text's blocks and runs, each run
    // capitalized and split on its own
    const html = format.allowHtml
      ? wrapHtmlLines(
        parseLabelHtml(text).map((b) =>
          b.map((f) => ({
            ...f,
            text: capitalize(f.text, format.capitalization),
          }))
        ),
        s.wrapChar,
        s.autoWrapLength,
        s.useMaxLineLengthForAutoWrap,
      )
      : undefined;
    // markup that holds no text (`<p></p>`) labels nothing
    if (html && html.length === 0) return null;
    text = capitalize(text, format.capitalization);
    const lines = html
      ? html.map((b) => b.map((f) => f.text).join(""))
      : wrapLines(
        text,
        s.wrapChar,
        s.autoWrapLength,
        s.useMaxLineLengthForAutoWrap,
      );
    const u = this.#units;
    let dist = toPixels(s.dist, s.distUnit, u);
    const ddDist = this.#dd(s, "LabelDistance", feature, lid);
    if (ddDist !== undefined && Number.isFinite(Number(ddDist))) {
      dist = toPixels(Number(ddDist), s.distUnit, u);
    }
    // QgsPalLayerSettings: line placements keep at least a pixel off the line
    if (s.placement === 2 || s.placement === 3 || s.placement === 7) {
      dist = (dist < 0 ? -1 : 1) * Math.max(Math.abs(dist), 1);
    }
    let rotation = s.rotation;
    const ddRot = this.#dd(s, "LabelRotation", feature, lid);
    const ddRotated = ddRot !== undefined && Number.isFinite(Number(ddRot));
    if (ddRotated) rotation = Number(ddRot);
    const fixed = this.#fixedPosition(s, feature, lid, input.toMapCrs);
    // a pinned label keeps the layer's rotation only when data-defined
    if (fixed && !ddRotated) rotation = 0;
    const angle = -rotation * Math.PI / 180;
    const ox = toPixels(s.xOffset, s.offsetUnit, u);
    const oy = -toPixels(s.yOffset, s.offsetUnit, u);
    let quad = s.quadOffset;
    const ddQuad = this.#dd(s, "OffsetQuad", feature, lid);
    if (ddQuad !== undefined && Number.isFinite(Number(ddQuad))) {
      quad = Number(ddQuad);
    }
    let priority = 1 - s.priority / 10;
    // pal::Layer::setPriority keeps a layer's priority inside (0, 1)
    priority = priority >= 1 ? 0.9999 : priority <= 0.0001 ? 0.0001 : priority;
    const ddPri = this.#dd(s, "Priority", feature, lid);
    if (ddPri !== undefined && Number.isFinite(Number(ddPri))) {
      priority = 1 - Math.max(0, Math.min(10, Number(ddPri))) / 10;
    }
    const ddAlways = this.#dd(s, "AlwaysShow", feature, lid);
    const always = ddAlways !== undefined && isTruthy(ddAlways);
    if (always) priority = -0.2;
    const ddColor = this.#dd(s, "Color", feature, lid);
    const make = (count: number, merged: number[][] | null = null) => {
      const layout = layoutText(
        this.#ck,
        this.#fonts,
        format,
        lines,
        this.#units,
        undefined,
        html,
      );
      const box: LabelBox = {
        w: layout.width,
        h: layout.height,
        dist,
        marginTop: 0.25 * layout.ascent,
        marginBottom: 1 + Math.ceil(layout.descent),
        symbolW: s.offsetType === 1 ? symbolPx : 0,
        symbolH: s.offsetType === 1 ? symbolPx : 0,
      };
      // pal::Layer::onlyShowUprightLabels
      const upright = s.upsidedownLabels === 0 ||
        (s.upsidedownLabels === 1 && angle === 0);
      const curved: CurvedText | null =
        (s.placement === 3 || s.placement === 7) && layout.lines.length === 1
          ? {
            widths: characterAdvances(layout, format, this.#units),
            height: layout.height,
            width: layout.width,
          }
          : null;
      const sets = this.#candidates(
        feature,
        s,
        box,
        angle,
        quad,
        ox,
        oy,
        count,
        curved,
        upright,
        merged,
      );
      if (fixed) pinCandidate(sets, fixed, layout, angle);
      const label = this.#pending.length;
      let any = false;
      for (const set of sets) {
        const candidates = set.candidates
          .map((c) => uprightCandidate(c, upright))
          .filter((c) => this.#visible(c));
        if (candidates.length === 0) continue;
        any = true;
        this.#parts.push({
          label,
          owner,
          candidates,
          kind: set.kind,
          size: set.size,
          dist,
          priority,
          showUnplaced: s.displayAll || always,
          maxCandidates: set.maxCandidates,
          ringCosts: set.ringCosts,
          provider: 0,
        });
      }
      if (!any) {
        layout.font.delete();
        return;
      }
      this.#pending.push({
        feature,
        allParts: s.labelPerPart && !fixed,
        layout,
        format,
        settings: s,
        color: typeof ddColor === "string"
          ? parseColor(ddColor, format.color)
          : undefined,
        opacity: input.opacity ?? 1,
        zIndex: s.zIndex,
        layerOrder,
      });
    };
    return { make, text, feature, owner };
  }

  /**
   * `QgsPalLayerSettings::registerFeature`'s data-defined position: both
   * `PositionX` and `PositionY` active and numbers (a NULL leaves the label
   * to PAL), in PAL pixels, with the `Hali` / `Vali` texts (undefined when
   * the property is not active or NULL).
   */
  #fixedPosition(
    s: LabelSettings,
    feature: Feature,
    lid: string,
    toMapCrs: ((xy: Float64Array) => void) | undefined,
  ): FixedPosition | null {
    const px = s.dataDefined.PositionX, py = s.dataDefined.PositionY;
    if (!px?.active || !py?.active) return null;
    const x = toDouble(this.#dd(s, "PositionX", feature, lid));
    const y = toDouble(this.#dd(s, "PositionY", feature, lid));
    if (x === null || y === null) return null;
    const xy = Float64Array.of(x, y);
    toMapCrs?.(xy);
    if (!Number.isFinite(xy[0]) || !Number.isFinite(xy[1])) return null;
    const [palX, palY] = this.#toPal(xy[0], xy[1]);
    // a NULL alignment is no alignment (bottom left), as QGIS 3.22 reads it
    const text = (name: string): string | undefined => {
      const v = this.#dd(s, name, feature, lid);
      return v === undefined || v === null ? undefined : String(v);
    };
    return { x: palX, y: palY, hali: text("Hali"), vali: text("Vali") };
  }

  /** Whether a candidate touches the map (PAL drops the others). */
  #visible(c: Candidate): boolean {
    const [x0, y0, x1, y1] = candidateBounds(c);
    return x1 >= 0 && x0 <= this.#map.width && y1 >= -this.#map.height &&
      y0 <= 0;
  }

  /** PAL pixels in map units (PAL's own coordinates). */
  #frame(): MapFrame {
    const m = this.#map;
    return { x0: m.extent.xmin, y0: m.extent.ymax, k: m.mapUnitsPerPixel };
  }

  /** Whether every part's first ring lies inside the map's extent. */
  #withinMap(parts: Float64Array[][]): boolean {
    const e = this.#map.extent;
    for (const part of parts) {
      const r = part[0];
      for (let i = 0; i < r.length; i += 2) {
        if (
          !(r[i] >= e.xmin && r[i] <= e.xmax && r[i + 1] >= e.ymin &&
            r[i + 1] <= e.ymax)
        ) return false;
      }
    }
    return true;
  }

  /** The map's extent in PAL pixels: `[xmin, ymin, xmax, ymax]`. */
  #extent(): [number, number, number, number] {
    return [0, -this.#map.height, this.#map.width, 0];
  }

  /**
   * `QgsPalLabeling::checkMinimumSizeMM`: a line's length, or a polygon's
   * square root of area, on the map (clipped to it, unless a polygon's label
   * sits on its whole centroid) at least the minimum feature size; points
   * always. A merged line is measured once merged (`#mergeLines`).
   */
  #bigEnough(feature: Feature, s: LabelSettings): boolean {
    if (!(s.minFeatureSize > 0)) return true;
    const g = feature.geometry!;
    if (g.kind === "point" || (g.kind === "line" && s.mergeLines)) return true;
    const min = this.#minFeaturePx(s);
    const [ex0, ey0, ex1, ey1] = this.#extent();
    if (g.kind === "line") {
      let length = 0;
      for (const part of g.parts) {
        for (const piece of clipLine(this.#ring(part[0]), ex0, ey0, ex1, ey1)) {
          length += lineLength(piece);
        }
      }
      return length >= min;
    }
    const clip = !((s.placement === 0 || s.placement === 1) && s.centroidWhole);
    let area = 0;
    for (const part of g.parts) {
      const rings = part.map((r) => Array.from(this.#ring(r)));
      for (
        const p of clip ? clipPolygon(rings, ex0, ey0, ex1, ey1) : [rings]
      ) {
        area += Math.abs(ringArea(p[0])) -
          p.slice(1).reduce((a, r) => a + Math.abs(ringArea(r)), 0);
      }
    }
    return Math.sqrt(area) >= min;
  }

  #minFeaturePx(s: LabelSettings): number {
    return toPixels(s.minFeatureSize, "MM", this.#units);
  }

  /**
   * Whether QGIS registers the feature's label with PAL: a line with a
   * piece on the map, a point on it (polygons: their bounding box on it).
   */
  #onMap(feature: Feature, s: LabelSettings): boolean {
    const g = feature.geometry!;
    if (g.kind === "line") return this.#linePieces(feature, s).length > 0;
    const e = this.#map.extent;
    if (g.kind === "point") {
      return g.parts.some(([[x, y]]) =>
        x >= e.xmin && x <= e.xmax && y >= e.ymin && y <= e.ymax
      );
    }
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const part of g.parts) {
      const r = part[0];
      for (let i = 0; i < r.length; i += 2) {
        x0 = Math.min(x0, r[i]), x1 = Math.max(x1, r[i]);
        y0 = Math.min(y0, r[i + 1]), y1 = Math.max(y1, r[i + 1]);
      }
    }
    return x1 >= e.xmin && x0 <= e.xmax && y1 >= e.ymin && y0 <= e.ymax;
  }

  /**
   * The visible pieces of a line feature (PAL coordinates); the longest one
   * unless every part is labelled (pal::Layer::registerFeature).
   */
  #linePieces(feature: Feature, s: LabelSettings): number[][] {
    const [ex0, ey0, ex1, ey1] = this.#extent();
    let pieces: number[][] = [];
    const parts = feature.geometry!.parts;
    if (this.#withinMap(parts)) {
      // QgsPalLabeling::prepareGeometry clips a geometry only when it
      // reaches beyond the map: PAL keeps these coordinates as they are
      for (const part of parts) {
        const line = Array.from(this.#ring(part[0]));
        this.#mapLines.set(line, Array.from(part[0]));
        pieces.push(line);
      }
    } else {
      for (const part of parts) {
        pieces.push(...clipLine(this.#ring(part[0]), ex0, ey0, ex1, ey1));
      }
    }
    if (!s.labelPerPart && pieces.length > 1) {
      pieces = [
        pieces.reduce((a, b) => lineLength(b) > lineLength(a) ? b : a),
      ];
    }
    return pieces;
  }

  #candidates(
    feature: Feature,
    s: LabelSettings,
    box: LabelBox,
    angle: number,
    quad: number,
    ox: number,
    oy: number,
    count: number,
    curved: CurvedText | null = null,
    upright = true,
    merged: number[][] | null = null,
    diagram = false,
  ): CandidateSet[] {
    const g = feature.geometry!;
    const out: CandidateSet[] = [];
    const [ex0, ey0, ex1, ey1] = this.#extent();
    const pxPerCm = this.#map.dpi / 2.54;
    if (g.kind === "point") {
      const maxPoint = layerMaxCandidates(count, [4, 6, 8, 12]);
      const e = this.#map.extent;
      // every point of a multi-point is labelled; QGIS labels only the
      // points inside the map extent
      for (const part of g.parts) {
        const px = part[0][0], py = part[0][1];
        if (px < e.xmin || px > e.xmax || py < e.ymin || py > e.ymax) continue;
        const [x, y] = this.#toPal(px, py);
        out.push({
          kind: "point",
          size: 0,
          maxCandidates: maxPoint,
          candidates: this.#pointCandidates(
            x,
            y,
            s,
            box,
            angle,
            quad,
            ox,
            oy,
            maxPoint,
          ),
        });
      }
      return out;
    }
    if (g.kind === "line") {
      const pieces = merged ?? this.#linePieces(feature, s);
      const maxLayer = layerMaxCandidates(count, [5, 10, 20, 40]);
      const repeat = toPixels(
        s.repeatDistance,
        s.repeatDistanceUnit,
        this.#units,
      );
      // PAL: a piece of a repeated line is labelled even when shorter than
      // its label (no overrun check)
      const chopped: [number[], boolean][] = [];
      for (const piece of pieces) {
        const parts = chopAtRepeatDistance(piece, repeat, box.w);
        for (const p of parts) chopped.push([p as number[], parts.length > 1]);
      }
      for (const [line, repeated] of chopped) {
        const len = lineLength(line);
        let max = len > 0 ? Math.ceil(5 / pxPerCm * len) : 1;
        if (maxLayer > 0) max = Math.min(max, maxLayer);
        const candidates = s.placement === 4
          ? candidatesHorizontalAlongLine(line, box, s.lineAnchorPercent, max, {
            ...this.#frame(),
            line: this.#mapLines.get(line),
          })
          : s.placement === 3 && curved
          ? candidatesCurved(line, curved, {
            ...curvedOptions(s, box.dist, upright),
            targetCount: max,
          })
          : (s.placement === 3 ? candidatesCurvedStandIn : candidatesAlongLine)(
            line,
            box,
            s.placementFlags,
            s.lineAnchorPercent,
            max,
            repeated,
            { ...this.#frame(), line: this.#mapLines.get(line) },
          );
        out.push({ kind: "line", size: len, maxCandidates: max, candidates });
      }
      return out;
    }
    // polygons: clipped to the map unless the whole feature's centroid is
    // asked for, or the label follows the perimeter (QGIS 3.22 draws no
    // candidates along a ring's cut at the map border: the whole ring's
    // edges, lengths and middles decide); the largest part unless every part
    // is labelled
    // a diagram's geometry is clipped to the map whatever its placement
    // (QgsVectorLayerDiagramProvider::registerDiagram)
    const clip = diagram || clipsPolygons(s);
    let polys: number[][][] = [];
    for (const part of g.parts) {
      const rings = part.map((r) => Array.from(this.#ring(r)));
      if (!clip) polys.push(rings);
      // GEOS's intersection: a ring the edge cuts twice or more leaves
      // separate pieces, the largest labelled (not the centroid of all)
      else polys.push(...clipPolygon(rings, ex0, ey0, ex1, ey1));
    }
    if (polys.length === 0) return out;
    const area = (p: number[][]) =>
      Math.abs(ringArea(p[0])) -
      p.slice(1).reduce((a, r) => a + Math.abs(ringArea(r)), 0);
    if (!s.labelPerPart && polys.length > 1) {
      polys = [polys.reduce((a, b) => area(b) > area(a) ? b : a)];
    }
    const maxLayer = layerMaxCandidates(count, [5, 15, 20, 25]);
    for (const poly of polys) {
      const a = area(poly);
      let max = a > 0 ? Math.ceil(2.5 / (pxPerCm * pxPerCm) * a) : 1;
      if (maxLayer > 0) max = Math.min(max, maxLayer);
      max = Math.max(16, max);
      const candidates: Candidate[] = [];
      let ringCosts: number[][] | undefined;
      // a diagram's "curved" inside a polygon is PAL's grid, turned
      // (`createCandidatesForPolygon`'s default arrangement)
      const placement = diagram && s.placement === 3 ? -1 : s.placement;
      switch (placement) {
        case 0: {
          const [cx, cy] = polygonLabelPoint(poly, s.centroidInside);
          // PAL: at distance 0 a candidate centred on the centroid comes
          // first, then the ring around it
          if (box.dist === 0) {
            candidates.push(candidateCentered(cx, cy, box, angle));
          }
          candidates.push(
            ...candidatesAroundPoint(
              cx,
              cy,
              box,
              layerMaxCandidates(count, [4, 6, 8, 12]) || 16,
            ),
          );
          break;
        }
        case 1:
        case 6: {
          const [cx, cy] = polygonLabelPoint(poly, s.centroidInside);
          candidates.push(
            ...this.#pointCandidates(cx, cy, s, box, angle, quad, ox, oy, 0),
          );
          break;
        }
        case 7:
          if (curved) {
            append(
              candidates,
              candidatesCurved(poly[0], curved, {
                ...curvedOptions(s, box.dist, upright),
                targetCount: Math.max(
                  1,
                  Math.ceil(5 / pxPerCm * lineLength(poly[0])),
                ),
              }),
            );
            break;
          }
        /* falls through */
        case 2:
        case 3: {
          // PAL's candidates per length: a diagram's polygon measured
          // whole, its holes too (GEOS's length), a label's by its outer
          // ring (both measured with QGIS 3.22)
          const perimeter = diagram
            ? poly.reduce((a, r) => a + lineLength(r), 0)
            : lineLength(poly[0]);
          append(
            candidates,
            (s.placement === 7 ? candidatesCurvedStandIn : candidatesAlongLine)(
              poly[0],
              box,
              s.placementFlags,
              s.lineAnchorPercent,
              Math.max(1, Math.ceil(5 / pxPerCm * perimeter)),
              true,
              this.#frame(),
            ),
          );
          break;
        }
        default: {
          // PAL's grid inside the polygon's pieces, 1 / √(2.5 per cm²) apart
          // PAL's grid in map units: its rounding breaks exact cost ties
          const { x0: fx, y0: fy, k } = this.#frame();
          const toMap = (r: number[]) =>
            r.map((v, i) => i % 2 === 0 ? fx + v * k : fy + v * k);
          let inside = candidatesForPolygon(
            poly.map(toMap),
            { ...box, w: box.w * k, h: box.h * k, dist: box.dist * k },
            s.placement === 5 || placement === -1,
            pxPerCm / Math.sqrt(2.5) * k,
            s.placement === 5,
          ).map((c) => ({
            ...c,
            x: (c.x - fx) / k,
            y: (c.y - fy) / k,
            w: box.w,
            h: box.h,
          }));
          if (s.fitInPolygonOnly) {
            inside = inside.filter((c) =>
              polygonContainsQuad(
                poly,
                rectCorners(c.x, c.y, c.w, c.h, c.angle),
              )
            );
          }
          append(candidates, inside);
          // CostCalculator: the distance to the rings and the centroid
          // costs only the horizontal and free arrangements' candidates
          if (placement !== -1) ringCosts = poly;
        }
      }
      out.push({
        kind: "polygon",
        size: a,
        maxCandidates: max,
        candidates,
        ringCosts,
      });
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
    maxCandidates: number,
  ): Candidate[] {
    switch (s.placement) {
      case 1:
        return [candidateOverPoint(x, y, box, quad, ox, oy, angle)];
      case 6: {
        // QgsPalLayerSettings: the symbol size the positions are offset by
        // is the point's obstacle box (QgsMarkerSymbol::bounds, one pixel
        // more, cut to whole output pixels), not the marker's size, as
        // QgsPalLabeling::prepareGeometry clips it to the map: a marker the
        // map's edge cuts offsets its labels by the part inside
        let b = box;
        if (box.symbolW) {
          const [ex0, ey0, ex1, ey1] = this.#extent();
          const [x0, y0, x1, y1] = pointObstacleBox(x, y, box.symbolW);
          b = {
            ...box,
            symbolW: Math.min(x1, ex1) - Math.max(x0, ex0),
            symbolH: Math.min(y1, ey1) - Math.max(y0, ey0),
          };
        }
        const c = candidatesOrderedPositions(
          x,
          y,
          b,
          s.predefinedPositionOrder,
        );
        return maxCandidates > 0 ? c.slice(0, maxCandidates) : c;
      }
      default:
        return candidatesAroundPoint(x, y, box, maxCandidates || 16);
    }
  }

  #solve(): PlacedLabel[] {
    if (this.#placed) return this.#placed;
    // PAL keeps its layers in an unordered_map keyed by the providers'
    // addresses: libstdc++ starts it with 13 buckets and puts each new
    // entry first, so the providers are walked last made first (the top
    // layer's), unless two addresses share a bucket
    const parts = this.#parts.slice().sort((a, b) => b.provider - a.provider);
    // PAL sorts a feature's candidates as it makes them, before the
    // obstacles add their penalties (the order its later sorts start from,
    // which breaks their cost ties)
    const made = new Map<Candidate, number>();
    for (const part of parts) {
      for (const c of part.candidates) made.set(c, c.cost);
    }
    // obstacle penalties, from every obstacle to the candidates of the
    // other features it touches
    const cands: {
      part: PalPart;
      c: Candidate;
      b: number[];
      snapped: number[];
    }[] = [];
    for (const part of parts) {
      for (const c of part.candidates) {
        // a symbol's box is tested against the candidate rounded to 2⁻²⁴
        // pixel (`costs.ts`): one touching it so must reach the test
        const b = candidateBounds(c);
        cands.push({ part, c, b, snapped: snapCoords(b) });
      }
    }
    // a grid of cells as large as the largest candidate: every candidate
    // spans at most four; an obstacle spanning too many cells (a polygon far
    // larger than the labels) meets every candidate instead
    let cell = 64;
    for (const e of cands) {
      cell = Math.max(
        cell,
        e.snapped[2] - e.snapped[0],
        e.snapped[3] - e.snapped[1],
      );
    }
    const grid = new Map<string, number[]>();
    const span = (b: number[]) => [
      Math.floor(b[0] / cell),
      Math.floor(b[1] / cell),
      Math.floor(b[2] / cell),
      Math.floor(b[3] / cell),
    ];
    cands.forEach((e, n) => {
      const [i0, j0, i1, j1] = span(e.snapped);
      for (let i = i0; i <= i1; i++) {
        for (let j = j0; j <= j1; j++) {
          const k = `${i},${j}`;
          const l = grid.get(k);
          if (l) l.push(n);
          else grid.set(k, [n]);
        }
      }
    });
    for (const o of this.#obstacles) {
      const ob = o.bounds;
      const [i0, j0, i1, j1] = span(ob);
      let hits: number[];
      if ((i1 - i0 + 1) * (j1 - j0 + 1) > 1024 || !Number.isFinite(i1 + j1)) {
        hits = cands.map((_, n) => n);
      } else {
        const set = new Set<number>();
        for (let i = i0; i <= i1; i++) {
          for (let j = j0; j <= j1; j++) {
            for (const n of grid.get(`${i},${j}`) ?? []) set.add(n);
          }
        }
        hits = [...set].sort((a, b) => a - b);
      }
      for (const n of hits) {
        const { part, c } = cands[n];
        const b = o.kind === "polygon" && o.symbolBox
          ? cands[n].snapped
          : cands[n].b;
        if (part.owner === o.owner) continue;
        const same = this.#sameFeature.get(part.owner);
        if (same !== undefined && same === this.#sameFeature.get(o.owner)) {
          continue;
        }
        const group = this.#connected.get(part.owner);
        if (group !== undefined && group === this.#connected.get(o.owner)) {
          continue;
        }
        if (b[0] > ob[2] || ob[0] > b[2] || b[1] > ob[3] || ob[1] > b[3]) {
          continue;
        }
        addObstaclePenalty(c, o, part.dist, part.priority);
      }
    }
    const [, , mapW, mapH] = [0, 0, this.#map.width, this.#map.height];
    const features: ProblemFeature<Candidate>[] = [];
    const owners: PalPart[] = [];
    for (const part of parts) {
      // PAL sorts a feature's candidates when it makes them (cost before
      // obstacles): the first one is never pruned for a hard conflict
      let list = stdSort(
        part.candidates.slice(),
        (a, b) => made.get(a)! < made.get(b)!,
      );
      if (!part.showUnplaced) list = pruneHardConflicts(list, false);
      if (list.length === 0) continue;
      list = pruneByDiscrimination(list);
      if (part.ringCosts) {
        // prefer positions far from the rings, then near the centroid
        polygonRingCosts(list, part.ringCosts, this.#extent(), this.#frame());
        polygonCentroidCosts(list, part.ringCosts, this.#frame());
      }
      const penalty = sizePenalty(part.kind, part.size, mapW, mapH);
      if (penalty > 0) { for (const c of list) c.cost += penalty; }
      stdSort(list, cheaper);
      if (part.showUnplaced) list = pruneHardConflicts(list, true);
      if (list.length === 0) continue;
      if (part.maxCandidates > 0 && list.length > part.maxCandidates) {
        list = list.slice(0, part.maxCandidates);
      }
      features.push({
        candidates: list,
        priority: part.priority,
        showUnplaced: part.showUnplaced,
      });
      owners.push(part);
    }
    const solution = solveProblem(features, {
      frame: this.#frame(),
      extent: this.#extent(),
    });
    this.#placed = [];
    solution.forEach((s, i) => {
      if (s.candidate) {
        this.#placed!.push({
          feature: owners[i].label,
          candidate: s.candidate,
          diagram: owners[i].diagram,
        });
      }
    });
    return this.#placed;
  }

  /**
   * The labels placement chose (solving once), in output pixels (y down):
   * text, bottom-left corner, size and clockwise rotation in radians.
   */
  placements(): LabelPlacement[] {
    return this.#solve().filter((p) => p.diagram === undefined).map((
      { feature, candidate: c },
    ) => ({
      text: this.#pending[feature].layout.lines.join("\n"),
      x: c.x,
      y: -c.y,
      width: c.w,
      height: c.h,
      rotation: -c.angle,
    }));
  }

  /**
   * Solves placement across all layers and paints the labels; `direct`:
   * the map's pixels when the canvas draws straight into them (glyphs are
   * blended there as QGIS's raster engine blends them).
   */
  draw(canvas: Canvas, direct?: DirectPixels): void {
    const qt = { width: this.#map.width, height: this.#map.height, direct };
    // QgsLabelSorter (libstdc++'s std::sort of PAL's solution): by
    // z-index, then layer, then the larger label or diagram first (its
    // background or buffer under a smaller neighbour's)
    const of = (l: PlacedLabel) =>
      l.diagram === undefined
        ? this.#pending[l.feature]
        : this.#diagrams[l.diagram];
    const all = stdSort([...this.#solve()], (a, b) => {
      const pa = of(a), pb = of(b);
      if (pa.zIndex !== pb.zIndex) return pa.zIndex < pb.zIndex;
      // QgsLabelSorter: the layers lower in the tree first (the render
      // registers them bottom first), the top layer's labels drawn last
      if (pa.layerOrder !== pb.layerOrder) {
        return pa.layerOrder < pb.layerOrder;
      }
      return a.candidate.w * a.candidate.h > b.candidate.w * b.candidate.h;
    });
    const placed = all.filter((l) => l.diagram === undefined);
    // QgsCallout::drawOrder: every callout below every label
    this.#drawCallouts(canvas, direct, placed);
    let shapes: PaintContext | null = null;
    for (const { feature, candidate, diagram } of all) {
      if (diagram !== undefined) {
        const c = candidate;
        if (c.angle === 0) this.#diagrams[diagram].draw(c.x, -c.y);
        else {
          // QgsVectorLayerDiagramProvider::drawLabel: unrotated, centred on
          // the middle of PAL's turned box
          const cos = Math.cos(c.angle), sin = Math.sin(c.angle);
          const cx = c.x + (c.w * cos - c.h * sin) / 2;
          const cy = c.y + (c.w * sin + c.h * cos) / 2;
          this.#diagrams[diagram].draw(cx - c.w / 2, -(cy - c.h / 2));
        }
        continue;
      }
      const p = this.#pending[feature];
      const align = p.settings.multilineAlign === 3
        ? QUADRANT_ALIGN[candidate.quadrant]
        : p.settings.multilineAlign === 4
        ? 0
        : p.settings.multilineAlign;
      if (candidate.chars) {
        // QGIS draws a curved label's parts from the last one: every
        // buffer first, then every character
        const boxes = [candidate, ...(candidate.parts ?? [])];
        for (const only of ["buffer", "text"] as const) {
          for (let i = boxes.length - 1; i >= 0; i--) {
            const b = boxes[i];
            drawText(
              this.#ck,
              canvas,
              characterLayout(p.layout, candidate.chars[i]),
              p.format,
              {
                x: b.x,
                y: -b.y,
                rotation: -b.angle,
                align: 0,
                color: p.color,
                opacity: p.opacity,
                only,
                qt,
              },
              this.#units,
            );
          }
        }
        continue;
      }
      const bg = p.format.background;
      if (bg.enabled && (bg.type === 4 || bg.type === 5)) {
        shapes ??= this.#paintContext(canvas, direct);
        this.#drawShapeBackground(shapes, p, candidate);
      }
      drawText(this.#ck, canvas, p.layout, p.format, {
        x: candidate.x,
        y: -candidate.y,
        rotation: -candidate.angle,
        align,
        color: p.color,
        opacity: p.opacity,
        qt,
      }, this.#units);
    }
  }

  /**
   * Draws the selective masks of the placed labels whose format has one
   * (`QgsTextRenderer::drawMask`) into the mask image of each layer they
   * mask; `maskCanvas` gives it (null: that layer is not on the map).
   * Placement is solved once: {@link draw} draws the same labels.
   */
  drawMasks(maskCanvas: (layerId: string) => Canvas | null): void {
    const qt = { width: this.#map.width, height: this.#map.height };
    for (const { feature, candidate, diagram } of this.#solve()) {
      if (diagram !== undefined) continue;
      const p = this.#pending[feature];
      const mask = p.format.mask;
      if (!mask) continue;
      const align = p.settings.multilineAlign === 3
        ? QUADRANT_ALIGN[candidate.quadrant]
        : p.settings.multilineAlign === 4
        ? 0
        : p.settings.multilineAlign;
      for (const layerId of new Set(mask.refs.map((r) => r.layerId))) {
        const canvas = maskCanvas(layerId);
        if (!canvas) continue;
        if (candidate.chars) {
          const boxes = [candidate, ...(candidate.parts ?? [])];
          boxes.forEach((b, i) =>
            drawTextMask(
              this.#ck,
              canvas,
              characterLayout(p.layout, candidate.chars![i]),
              p.format,
              { x: b.x, y: -b.y, rotation: -b.angle, align: 0, qt },
              this.#units,
            )
          );
          continue;
        }
        drawTextMask(this.#ck, canvas, p.layout, p.format, {
          x: candidate.x,
          y: -candidate.y,
          rotation: -candidate.angle,
          align,
          qt,
        }, this.#units);
      }
    }
  }

  /**
   * `QgsVectorLayerLabelProvider::drawCallout` for each placed label whose
   * settings have one (data-defined `CalloutDraw` first): the lines to its
   * feature's geometry as PAL holds it (lines and polygons clipped to the
   * map), drawn with the callout's line symbol.
   */
  #drawCallouts(
    canvas: Canvas,
    direct: DirectPixels | undefined,
    placed: PlacedLabel[],
  ): void {
    let pc: PaintContext | null = null;
    for (const { feature, candidate } of placed) {
      const p = this.#pending[feature];
      const settings = p.settings.callout;
      if (!settings || !(settings.type in CALLOUT_TYPES)) continue;
      let enabled = settings.enabled;
      const dd = this.#dd(p.settings, "CalloutDraw", p.feature, "");
      if (dd !== undefined) enabled = isTruthy(dd);
      if (!enabled) continue;
      const callout = calloutForFeature(
        settings,
        (name) => this.#ddOf(settings.dataDefined, name, p.feature, ""),
      );
      const anchor = this.#calloutAnchor(p.feature, p.settings);
      const u = this.#units;
      if (callout.type === "balloon") {
        const ring = balloonRing(candidate, anchor, callout.anchorPoint, {
          margins: (callout.margins ?? [0, 0, 0, 0]).map((m) =>
            toPixels(m, callout.marginsUnit ?? "MM", u)
          ) as [number, number, number, number],
          wedgeWidth: toPixels(
            callout.wedgeWidth ?? 2.64,
            callout.wedgeWidthUnit ?? "MM",
            u,
          ),
          cornerRadius: toPixels(
            callout.cornerRadius ?? 0,
            callout.cornerRadiusUnit ?? "MM",
            u,
          ),
          offsetFromAnchor: toPixels(
            callout.offsetFromAnchor,
            callout.offsetFromAnchorUnit,
            u,
          ),
        });
        if (ring.length < 8) continue;
        pc ??= this.#paintContext(canvas, direct);
        drawSymbol(
          pc,
          calloutSymbol(callout.fillSymbol ?? null, DEFAULT_BALLOON_SYMBOL),
          p.feature,
          { kind: "polygon", parts: [[new Float64Array(ring)]] },
        );
        continue;
      }
      if (!anchor) continue;
      const lines = calloutLines(callout, candidate, anchor, {
        minLength: toPixels(callout.minLength, callout.minLengthUnit, u),
        offsetFromAnchor: toPixels(
          callout.offsetFromAnchor,
          callout.offsetFromAnchorUnit,
          u,
        ),
        offsetFromLabel: toPixels(
          callout.offsetFromLabel,
          callout.offsetFromLabelUnit,
          u,
        ),
      }, p.allParts);
      if (lines.length === 0) continue;
      pc ??= this.#paintContext(canvas, direct);
      const symbol = calloutSymbol(callout.lineSymbol);
      for (const line of lines) {
        const px = new Float64Array(line.length);
        for (let i = 0; i < line.length; i += 2) {
          px[i] = line[i];
          px[i + 1] = -line[i + 1];
        }
        drawSymbol(pc, symbol, p.feature, { kind: "line", parts: [[px]] });
      }
    }
  }

  /** What the callouts' and backgrounds' symbols are painted with. */
  #paintContext(canvas: Canvas, direct?: DirectPixels): PaintContext {
    return {
      ck: this.#ck,
      canvas,
      map: this.#map,
      compile: this.#compile ?? ((text: string) => {
        throw new SyntaxError(`Cannot compile '${text}': no expression engine`);
      }),
      variables: { map_scale: this.#map.scale },
      // QGIS's SVG library (the job's own SVG folders are not known here)
      loadSvg: (path) => loadSvgFrom(path, []),
      featureBlendMode: 0,
      warn: this.#warn,
      direct,
    };
  }

  /**
   * `QgsTextRenderer::drawBackground` for an SVG or marker shape: the
   * symbol centred on the label, turned with it, before its buffer and text.
   */
  #drawShapeBackground(
    pc: PaintContext,
    p: PendingLabel,
    c: Candidate,
  ): void {
    const bg = p.format.background;
    const size = shapeBackgroundSize(bg, c.w, c.h, this.#units);
    if (size === 0) return;
    const symbol = shapeBackgroundSymbol(bg, size);
    if (!symbol) return;
    const cs = Math.cos(c.angle), sn = Math.sin(c.angle);
    const cx = c.x + (c.w / 2) * cs - (c.h / 2) * sn;
    const cy = c.y + (c.w / 2) * sn + (c.h / 2) * cs;
    const ox = toPixels(bg.offsetX, bg.offsetUnit, this.#units);
    const oy = toPixels(bg.offsetY, bg.offsetUnit, this.#units);
    // QPainter turned about the label's centre, then offset: the marker's
    // own drawing (QGIS's cached image of it) turned with the painter
    const opacity = bg.opacity * p.opacity;
    if (c.angle === 0) {
      drawMarkerSymbol(pc, symbol, p.feature, cx + ox, -cy + oy, opacity);
      return;
    }
    const canvas = pc.canvas;
    canvas.save();
    canvas.translate(cx, -cy);
    canvas.rotate(-c.angle * 180 / Math.PI, 0, 0);
    drawMarkerSymbol(pc, symbol, p.feature, ox, oy, opacity);
    canvas.restore();
  }

  /** A feature's geometry as its callout sees it (PAL pixels). */
  #calloutAnchor(feature: Feature, s: LabelSettings): CalloutAnchor | null {
    const g = feature.geometry;
    if (!g) return null;
    if (g.kind === "point") {
      return {
        kind: "point",
        points: g.parts.map((part) => this.#toPal(part[0][0], part[0][1])),
      };
    }
    const [ex0, ey0, ex1, ey1] = this.#extent();
    if (g.kind === "line") {
      const lines: number[][] = [];
      for (const part of g.parts) {
        lines.push(...clipLine(this.#ring(part[0]), ex0, ey0, ex1, ey1));
      }
      return lines.length ? { kind: "line", lines } : null;
    }
    const polygons: number[][][] = [];
    for (const part of g.parts) {
      const rings = part.map((r) => Array.from(this.#ring(r)));
      if (!clipsPolygons(s)) polygons.push(rings);
      else polygons.push(...clipPolygon(rings, ex0, ey0, ex1, ey1));
    }
    return polygons.length ? { kind: "polygon", polygons } : null;
  }

  /** Frees every Skia object the engine holds. */
  delete(): void {
    for (const p of this.#pending) p.layout.font.delete();
    this.#pending = [];
    this.#diagrams = [];
    this.#parts = [];
    this.#obstacles = [];
    this.#placed = null;
  }
}

/**
 * The curved placement settings of a label as QgsPalLayerSettings hands
 * them to PAL: the bends between characters kept within 20–60° inside a
 * curve and 20–95° outside.
 */
function curvedOptions(
  s: LabelSettings,
  dist: number,
  upright: boolean,
): {
  dist: number;
  flags: number;
  anchor: number;
  upright: boolean;
  maxAngleInside: number;
  maxAngleOutside: number;
} {
  const inside = Math.min(60, Math.max(20, s.maxCurvedCharAngleIn));
  const outside = Math.min(95, Math.max(20, Math.abs(s.maxCurvedCharAngleOut)));
  return {
    dist,
    flags: s.placementFlags,
    anchor: s.lineAnchorPercent,
    upright,
    maxAngleInside: inside * Math.PI / 180,
    maxAngleOutside: outside * Math.PI / 180,
  };
}

/** The callouts drawn (every type QGIS 3.22 has). */
const CALLOUT_TYPES = {
  simple: true,
  manhattan: true,
  curved: true,
  balloon: true,
};

const calloutSymbols = new Map<string, Symbol>();

/** A callout's line or fill symbol, read once per definition. */
function calloutSymbol(
  xml: string | null,
  fallback = DEFAULT_CALLOUT_SYMBOL,
): Symbol {
  const text = xml ?? fallback;
  let symbol = calloutSymbols.get(text);
  if (!symbol) {
    const doc = new DOMParser().parseFromString(text, "text/xml");
    symbol = readSymbol(doc.documentElement!);
    calloutSymbols.set(text, symbol);
  }
  return symbol;
}

/** A label's data-defined position (PAL pixels) and alignment texts. */
interface FixedPosition {
  x: number;
  y: number;
  hali: string | undefined;
  vali: string | undefined;
}

/** `QVariant::toDouble`: a number, or a text that reads as one; else null. */
function toDouble(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" && v.trim() !== "") {
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/**
 * PAL's fixed position (`FeaturePart::createCandidates`): the one candidate
 * where the label is pinned, for the biggest part only
 * (`pal::Layer::registerFeature` labels a fixed position's biggest part);
 * the other parts' candidates are dropped.
 */
function pinCandidate(
  sets: CandidateSet[],
  fixed: FixedPosition,
  layout: TextLayout,
  angle: number,
): void {
  if (sets.length === 0) return;
  const biggest = sets.reduce((a, b) => b.size > a.size ? b : a);
  const [h] = layout.font.getGlyphIDs("H");
  // Qt's hinted H: its outline's top snapped to a whole pixel (11 px DejaVu
  // Sans: 8 for 8.02); Skia's glyph bounds round outwards
  let top = -layout.font.getGlyphBounds([h])[1];
  if (layout.outlines) {
    let yMax = 0;
    for (const c of layout.outlines.contours(h)) {
      for (const y of c.y) yMax = Math.max(yMax, y);
    }
    top = yMax * layout.pixelSize / layout.outlines.unitsPerEm;
  }
  const capHeight = Math.round(top);
  biggest.candidates = [fixedCandidate(
    fixed.x,
    fixed.y,
    {
      w: layout.width,
      h: layout.height,
      ascent: layout.ascent,
      descent: layout.descent,
      capHeight,
    },
    fixed.hali,
    fixed.vali,
    angle,
  )];
  biggest.maxCandidates = 0;
  biggest.ringCosts = undefined;
  sets.length = 0;
  sets.push(biggest);
}

/** PAL's `CostCalculator::candidateSortGrow`. */
function cheaper(a: Candidate, b: Candidate): boolean {
  return a.cost < b.cost;
}

/** Candidates of one feature part, before costs are finished. */
interface CandidateSet {
  kind: "point" | "line" | "polygon";
  /** Length or area (pixels). */
  size: number;
  /** Candidates kept at most after costing (0: all). */
  maxCandidates: number;
  candidates: Candidate[];
  /** Polygon rings whose distance costs the candidates (horizontal, free). */
  ringCosts?: number[][];
}

let diagramDefaults: LabelSettings | null = null;

/**
 * The PAL layer settings of a diagram layer placed along its lines or
 * inside its polygons (`QgsVectorLayerDiagramProvider`): QGIS's defaults
 * but for the placement, on the line (QGIS 3.22 never hands the diagram
 * layer's line placement flags to PAL).
 */
function diagramSettings(placement: number): LabelSettings {
  diagramDefaults ??= readLabelSettings(
    new DOMParser().parseFromString("<settings/>", "text/xml")
      .documentElement!,
  );
  return { ...diagramDefaults, placement, placementFlags: 1 };
}

/**
 * `pal::Layer`'s caps on candidates per feature for busy layers: over 1000,
 * 500, 200 and 100 features; 0 (no cap) below.
 */
function layerMaxCandidates(
  count: number,
  caps: [number, number, number, number],
): number {
  if (count > 1000) return caps[0];
  if (count > 500) return caps[1];
  if (count > 200) return caps[2];
  if (count > 100) return caps[3];
  return 0;
}

/**
 * Drops the candidates an obstacle outranks, except the first; none at all
 * when only the first is left and it is outranked too (unless the label is
 * shown anyway).
 */
function pruneHardConflicts(
  list: Candidate[],
  showUnplaced: boolean,
): Candidate[] {
  if (list.length === 0) return list;
  const out = [list[0], ...list.slice(1).filter((c) => !c.hardConflict)];
  if (out.length === 1 && out[0].hardConflict && !showUnplaced) return [];
  return out;
}

/**
 * Whether a layer's polygons are clipped to the map for their labels and as
 * obstacles (QgsPalLayerSettings::registerFeature): unless the whole
 * feature's centroid is asked for, or the label follows the perimeter (QGIS
 * 3.22 draws no candidates along a ring's cut at the map border).
 */
function clipsPolygons(s: LabelSettings): boolean {
  const centroidPoly = s.placement === 0 || s.placement === 1;
  const perimeter = s.placement === 2 || s.placement === 7;
  return !(centroidPoly && s.centroidWhole) && !perimeter;
}

/**
 * Where a polygon's centroid label sits (`PointSet::getCentroid`): the
 * centroid, or a point on the surface when it must be inside and is not.
 */
function polygonLabelPoint(
  rings: number[][],
  forceInside: boolean,
): [number, number] {
  const c = polygonCentroid(rings);
  if (forceInside && !containsProperly(rings, c[0], c[1])) {
    return pointOnSurface(rings) ?? c;
  }
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

/** A feature's label, registered: its text, and what makes its candidates. */
interface Registered {
  make: (count: number, merged?: number[][] | null) => void;
  text: string;
  feature: Feature;
  /** Label feature id (`PalPart.owner`). */
  owner: number;
}

/**
 * Appends one by one: a spread of a big list (a ring of 400,000 nodes gives
 * that many candidates) overflows the stack.
 */
function append<T>(to: T[], items: readonly T[]): void {
  for (const item of items) to.push(item);
}

function reversed(l: number[]): number[] {
  const out: number[] = [];
  for (let i = l.length - 2; i >= 0; i -= 2) out.push(l[i], l[i + 1]);
  return out;
}

/**
 * Two lines joined end to end as GEOS's `LineMerger` joins them: walked
 * from the endpoint of least x (then y), reversed when more of the lines
 * run against the walk than along it; null when they share no endpoint
 * or either is a ring.
 */
export function mergeTwoLines(a: number[], b: number[]): number[] | null {
  const ae = a.length - 2, be = b.length - 2;
  const same = (p: number[], i: number, q: number[], j: number) =>
    Math.abs(p[i] - q[j]) < 1e-8 && Math.abs(p[i + 1] - q[j + 1]) < 1e-8;
  // a ring touched at its node: three line ends meet there, and GEOS
  // leaves two lines (no merge)
  if (same(a, 0, a, ae) || same(b, 0, b, be)) return null;
  // the joined line and each line's direction along it
  let line: number[];
  let aForward: boolean, bForward: boolean;
  if (same(a, ae, b, 0)) {
    line = [...a, ...b.slice(2)];
    aForward = bForward = true;
  } else if (same(b, be, a, 0)) {
    line = [...b, ...a.slice(2)];
    aForward = bForward = true;
  } else if (same(a, ae, b, be)) {
    line = [...a, ...reversed(b).slice(2)];
    aForward = true;
    bForward = false;
  } else if (same(a, 0, b, 0)) {
    line = [...reversed(a), ...b.slice(2)];
    aForward = false;
    bForward = true;
  } else return null;
  const n = line.length - 2;
  const startsLeast = line[0] < line[n] ||
    (line[0] === line[n] && line[1] <= line[n + 1]);
  let forward = (aForward ? 1 : 0) + (bForward ? 1 : 0);
  if (!startsLeast) {
    line = reversed(line);
    forward = 2 - forward;
  }
  return forward < 2 - forward ? reversed(line) : line;
}
