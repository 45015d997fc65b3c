/**
 * Reading a symbol layer's properties for one feature: the QML value, or
 * its data-defined override when one is active, converted to pixels and
 * Skia enums. Shared by every symbol layer painter.
 *
 * @module
 */
import {
  parseColor,
  parseUnit,
  propNumber,
  type Rgba,
  toPixels,
} from "../style/props.ts";
import { decodeMapUnitScale, mapUnitPixels } from "../style/map_unit_scale.ts";
import type { Feature } from "../geometry/types.ts";
import type {
  ColorRampTransformer,
  PropertyTransformer,
  Symbol,
  SymbolLayer,
} from "../style/model.ts";
import type { CompiledExpression, PaintContext } from "./context.ts";
import { capOf, joinOf } from "./_skia.ts";
import { rampColor } from "./heatmap.ts";

// Compiled data-defined expressions by compiler, then by text: a style's
// expressions are compiled once per job, not once per feature.
const compiled = new WeakMap<object, Map<string, CompiledExpression | null>>();

// QGIS's default outline colour of fills and markers.
const OUTLINE: Rgba = [35, 35, 35, 255];

/**
 * Converts a size property with its `<key>_unit` to pixels; in map units,
 * held by its map unit scale (`<key>_map_unit_scale`; a simple line's
 * width `width_map_unit_scale`, an effect's `<key>_unit_scale`).
 */
export function px(
  pc: PaintContext,
  props: Record<string, string>,
  value: number,
  unitKey: string,
): number {
  const unit = parseUnit(props[unitKey]);
  if (unit === "MapUnit") {
    const stem = unitKey === "line_width_unit"
      ? "width"
      : unitKey.replace(/_unit$/, "");
    const scale = decodeMapUnitScale(
      props[`${stem}_map_unit_scale`] ?? props[`${unitKey}_scale`],
    );
    if (scale) return mapUnitPixels(value, scale, pc.map, pc.map.scale);
  }
  return toPixels(value, unit, pc.map);
}

/**
 * The feature of a symbol preview: no id (`$id` is NULL) and no fields, a
 * field read failing as QGIS's "Column not found" (the property keeps its
 * static value), as QGIS evaluates a legend patch's properties.
 */
const PREVIEW_FEATURE = {
  id: null,
  geometry: null,
  attributes: new Proxy({}, {
    get(_target, name) {
      throw new ReferenceError(`Column '${String(name)}' not found`);
    },
    has() {
      return false;
    },
  }),
} as unknown as Feature;

/**
 * The symbol scope QGIS adds while a symbol draws a feature
 * (`QgsExpressionContextUtils::updateSymbolScope`): `@symbol_color` is
 * `QgsSymbol::color()`, its first layer's colour, and
 * `@symbol_layer_count` its layer count.
 */
function symbolScope(
  variables: Record<string, unknown>,
  symbol: Symbol,
): Record<string, unknown> {
  // one scope per symbol and map, not one per feature drawn
  const kept = scopes.get(symbol);
  if (kept?.base === variables) return kept.scope;
  const first = symbol.layers[0]?.props;
  const color = parseColor(
    first?.color ?? first?.line_color ?? "0,0,0,255",
    [0, 0, 0, 255],
  );
  const scope = {
    ...variables,
    symbol_color: color.join(","),
    symbol_layer_count: symbol.layers.length,
  };
  scopes.set(symbol, { base: variables, scope });
  return scope;
}

const scopes = new WeakMap<
  Symbol,
  { base: Record<string, unknown>; scope: Record<string, unknown> }
>();

// An expression that failed (no value at all, not NULL).
const FAILED = Symbol("failed");

/**
 * A property transformer's output for an expression's value
 * (`QgsSizeScaleTransformer::transform`, `QgsGenericNumericTransformer`,
 * `QgsColorRampTransformer`): NULL gives the null output, a number (or
 * what `QVariant::toDouble` reads as one: a numeric text, a boolean) is
 * clamped to the input range and scaled (linearly, or along the curve's
 * exponent; a colour ramp's colour at its 0–1 position, as `r,g,b,a`),
 * anything else passes.
 *
 * @example
 * ```ts
 * import { transformValue } from "./_dd.ts";
 * const t = { type: "size" as const, scaleType: 0, minValue: 0, maxValue: 10,
 *   minOutput: 1, maxOutput: 6, nullOutput: 0.5, exponent: 1 };
 * [transformValue(t, 5), transformValue(t, 20), transformValue(t, null)]; // [3.5, 6, 0.5]
 * ```
 */
export function transformValue(
  t: PropertyTransformer | ColorRampTransformer,
  v: unknown,
): unknown {
  if (v === null || v === undefined) {
    return t.type === "colorRamp" ? t.nullColor.join(",") : t.nullOutput;
  }
  if (typeof v === "string" && v.trim() === "") return v;
  const x = typeof v === "number" || typeof v === "boolean"
    ? Number(v)
    : typeof v === "string"
    ? Number(v)
    : NaN;
  if (!Number.isFinite(x)) return v;
  if (t.type === "colorRamp") return rampValue(t, x);
  const { minValue: a, maxValue: b, minOutput: lo, maxOutput: hi } = t;
  if (t.type === "numeric" && Math.abs(b - a) <= 1e-8) {
    return Math.min(Math.max(x, lo), hi);
  }
  const c = Math.min(Math.max(x, a), b);
  const linear = t.type === "size"
    ? t.scaleType === 0
    : Math.abs(t.exponent - 1) <= 1e-8;
  if (linear) return lo + (c - a) * (hi - lo) / (b - a);
  return lo + Math.pow(c - a, t.exponent) * (hi - lo) /
      Math.pow(b - a, t.exponent);
}

// QgsColorRampTransformer::color: the value's 0–1 position over the input
// range, clamped (a NaN, 0/0 when the range is empty, stays NaN: the
// ramp gives its last colour), read from the ramp; no ramp read: the
// value passes as the property's text
function rampValue(t: ColorRampTransformer, x: number): unknown {
  if (!t.ramp) return x;
  const f = (x - t.minValue) / (t.maxValue - t.minValue);
  const at = Number.isNaN(f) ? f : Math.min(Math.max(f, 0), 1);
  return rampColor(t.ramp, at).join(",");
}

/** Per-feature evaluation of data-defined properties. */
export class Dd {
  #variables: Record<string, unknown> | null = null;

  constructor(
    readonly pc: PaintContext,
    private feature: Feature | null,
    private symbol: Symbol | null = null,
  ) {}

  #scope(): Record<string, unknown> {
    // QgsSymbol::drawPreviewIcon gives a legend patch no symbol scope:
    // @symbol_color is NULL there and a property of it keeps its value
    this.#variables ??= this.symbol && !this.pc.preview
      ? symbolScope(this.pc.variables, this.symbol)
      : this.pc.variables;
    return this.#variables;
  }

  /** The data-defined value of `name`, or undefined (inactive, null, error). */
  value(layer: SymbolLayer, name: string): unknown {
    const p = layer.dataDefined[name];
    if (!p?.active || (!this.feature && !this.pc.preview)) return undefined;
    if (!p.transformer) {
      return this.evaluate(p.expression, `data-defined ${name}`);
    }
    const raw = this.evaluate(p.expression, `data-defined ${name}`, true);
    return raw === FAILED ? undefined : transformValue(p.transformer, raw);
  }

  /**
   * An expression's value for the feature (or `feature`, another version
   * of it), compiled once per job, or undefined (null, error; a syntax
   * error is warned of once, as `what`).
   */
  evaluate(
    expression: string,
    what: string,
    keepNull = false,
    feature: Feature | null = this.feature,
  ): unknown {
    let cache = compiled.get(this.pc.compile);
    if (!cache) {
      cache = new Map();
      compiled.set(this.pc.compile, cache);
    }
    let fn = cache.get(expression);
    if (fn === undefined) {
      try {
        fn = this.pc.compile(expression);
      } catch (error) {
        this.pc.warn(`${what} '${expression}': ${(error as Error).message}`);
        fn = null;
      }
      cache.set(expression, fn);
    }
    if (!fn) return keepNull ? FAILED : undefined;
    try {
      const v = fn({
        feature: feature ?? PREVIEW_FEATURE,
        geometry: feature?.geometry ?? null,
        variables: this.#scope(),
      });
      return v === null && !keepNull ? undefined : v;
    } catch {
      return keepNull ? FAILED : undefined;
    }
  }

  num(layer: SymbolLayer, name: string, fallback: number): number {
    const v = this.value(layer, name);
    if (v === undefined) return fallback;
    const n = Number(v);
    return Number.isFinite(n) ? n : fallback;
  }

  str(layer: SymbolLayer, name: string, fallback: string): string {
    const v = this.value(layer, name);
    return v === undefined ? fallback : String(v);
  }

  color(layer: SymbolLayer, name: string, fallback: Rgba): Rgba {
    const v = this.value(layer, name);
    return v === undefined ? fallback : parseColor(String(v), fallback);
  }

  point(
    layer: SymbolLayer,
    name: string,
    fallback: [number, number],
  ): [number, number] {
    const v = this.value(layer, name);
    if (v === undefined) return fallback;
    const [x, y] = String(v).split(",").map(Number);
    return Number.isFinite(x) && Number.isFinite(y) ? [x, y] : fallback;
  }

  /**
   * A size in pixels: the data-defined `name` (when given and active), else
   * the QML property `key` (else `fallback`), in the unit `<key>_unit`.
   */
  size(
    layer: SymbolLayer,
    name: string | null,
    key: string,
    fallback: number,
  ): number {
    const props = layer.props;
    const value = propNumber(props, key, fallback);
    return px(
      this.pc,
      props,
      name ? this.num(layer, name, value) : value,
      `${key}_unit`,
    );
  }

  /**
   * A marker's size in pixels: its data-defined `size`, square-rooted when
   * the layer scales by area (`scale_method` `area`), else the QML `size`,
   * as QGIS's markers' `calculateSize` (ellipses have no scale method).
   */
  markerSize(layer: SymbolLayer): number {
    const props = layer.props;
    const value = propNumber(props, "size", 2);
    const v = this.value(layer, "size");
    let n = v === undefined || v === "" ? NaN : Number(v);
    if (!Number.isFinite(n)) n = value;
    else if (
      props.scale_method === "area" && layer.className !== "EllipseMarker"
    ) n = Math.sqrt(n);
    return px(this.pc, props, n, "size_unit");
  }

  /** A colour: the data-defined `name`, else the QML property `key`. */
  colorOf(
    layer: SymbolLayer,
    name: string,
    key: string,
    fallback: Rgba,
  ): Rgba {
    return this.color(layer, name, parseColor(layer.props[key], fallback));
  }

  /** The outline colour: data-defined `outlineColor`, else `outline_color`. */
  outlineColor(layer: SymbolLayer): Rgba {
    return this.colorOf(layer, "outlineColor", "outline_color", OUTLINE);
  }

  /** The outline pen style: data-defined `outlineStyle`, else `outline_style`. */
  outlineStyle(layer: SymbolLayer): string {
    return this.str(
      layer,
      "outlineStyle",
      layer.props.outline_style ?? "solid",
    );
  }

  /** The pen join: data-defined `joinStyle`, else the QML `joinstyle`. */
  join(
    layer: SymbolLayer,
    fallback: Parameters<typeof joinOf>[2],
  ): ReturnType<typeof joinOf> {
    return joinOf(
      this.pc.ck,
      this.str(layer, "joinStyle", layer.props.joinstyle ?? fallback),
      fallback,
    );
  }

  /** The pen cap: data-defined `capStyle`, else the QML property `key`. */
  cap(
    layer: SymbolLayer,
    key: string,
    fallback: Parameters<typeof capOf>[2],
  ): ReturnType<typeof capOf> {
    return capOf(
      this.pc.ck,
      this.str(layer, "capStyle", layer.props[key] ?? fallback),
      fallback,
    );
  }
}

const staticLayers = new WeakMap<SymbolLayer, boolean>();

/**
 * Whether no data-defined property of the layer is active: then every
 * {@link Dd} reading of it gives its static value, the same for every
 * feature, and painters may read it once per layer and map
 * ({@link staticOf}).
 */
export function isStatic(layer: SymbolLayer): boolean {
  let s = staticLayers.get(layer);
  if (s === undefined) {
    s = !Object.values(layer.dataDefined).some((p) => p?.active);
    staticLayers.set(layer, s);
  }
  return s;
}

/**
 * A painter's readings of a layer's properties, made by `make` once per
 * layer and map when the layer has no active data-defined property (they
 * are then the same for every feature: sizes depend on the map only),
 * else for every call. `cache` is the painter's own.
 */
export function staticOf<T extends object>(
  cache: WeakMap<SymbolLayer, { map: unknown; value: T }>,
  pc: PaintContext,
  layer: SymbolLayer,
  make: () => T,
): T {
  if (!isStatic(layer)) return make();
  const hit = cache.get(layer);
  if (hit && hit.map === pc.map) return hit.value;
  const value = make();
  cache.set(layer, { map: pc.map, value });
  return value;
}
