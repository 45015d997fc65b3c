/**
 * The typed style model a QML document becomes (see `qml.ts`). Symbol layer
 * properties stay as QGIS writes them (string key/value pairs) and are read
 * with the typed accessors of `props.ts` where they are painted: QGIS itself
 * keeps them that way, and so every property of every symbol layer class
 * survives the translation, even ones we do not paint yet.
 *
 * @module
 */

/** Units a size may be given in (QGIS `QgsUnitTypes::RenderUnit` names). */
export type RenderUnit =
  | "MM"
  | "Point"
  | "Pixel"
  | "MapUnit"
  | "Inch"
  | "RenderMetersInMapUnits"
  | "Percentage";

/** A data-defined property of a symbol layer (an expression or a field). */
export interface DataDefinedProperty {
  /** Whether QGIS uses it. */
  active: boolean;
  /** Expression text (`type` 3) — a field reference is turned into `"field"`. */
  expression: string;
  /**
   * The property's transformer (`QgsPropertyTransformer`, the size
   * assistant's scaling), applied to the expression's value; absent: none.
   */
  transformer?: PropertyTransformer | ColorRampTransformer;
}

/**
 * `QgsColorRampTransformer` (`t` 2, the colour assistant): the value is
 * scaled to 0–1 over `minValue`–`maxValue`, clamped, and read from the
 * ramp; NULL gives `nullColor`.
 */
export interface ColorRampTransformer {
  type: "colorRamp";
  /** Input range. */
  minValue: number;
  /** Input range. */
  maxValue: number;
  /** The colour of NULL (QGIS's default: transparent black). */
  nullColor: [number, number, number, number];
  /** The ramp; null: a ramp type not read (random, cpt-city). */
  ramp: ColorRamp | null;
}

/**
 * A numeric `QgsPropertyTransformer`: `QgsSizeScaleTransformer` (`t` 1:
 * `size`, its `scaleType` 0 linear, 1 area, 2 Flannery, 3 exponential) or
 * `QgsGenericNumericTransformer` (`t` 0: `numeric`); values outside
 * `minValue`–`maxValue` are clamped, NULL gives `nullOutput`.
 */
export interface PropertyTransformer {
  /** `size` (QgsSizeScaleTransformer) or `numeric` (generic). */
  type: "size" | "numeric";
  /** Size transformers: 0 linear, 1 area, 2 Flannery, 3 exponential. */
  scaleType: number;
  /** Input range. */
  minValue: number;
  /** Input range. */
  maxValue: number;
  /** Output range (`minSize`/`minOutput`). */
  minOutput: number;
  /** Output range (`maxSize`/`maxOutput`). */
  maxOutput: number;
  /** The output for NULL (`nullSize`/`nullOutput`). */
  nullOutput: number;
  /** The curve's exponent. */
  exponent: number;
}

/** Kind of symbol: what geometry it draws. */
export type SymbolType = "marker" | "line" | "fill";

/** One symbol layer: a class name and its properties. */
export interface SymbolLayer {
  /** QGIS class name, e.g. `SimpleFill`, `SimpleLine`, `SimpleMarker`. */
  className: string;
  /** Disabled layers are not drawn. */
  enabled: boolean;
  /** Rendering pass (symbol levels). */
  pass: number;
  /** Properties as QGIS stores them. */
  props: Record<string, string>;
  /** Active data-defined properties by name (e.g. `fillColor`, `size`). */
  dataDefined: Record<string, DataDefinedProperty>;
  /** Sub-symbol (marker line's marker, centroid fill's marker, pattern lines…). */
  subSymbol: Symbol | null;
  /** Paint effect drawn instead of the plain layer (absent: none). */
  effect?: PaintEffect;
}

/**
 * A QGIS paint effect (`QgsPaintEffect`): an effect stack of effects drawn
 * one after the other, or one effect (`drawSource`, `dropShadow`,
 * `innerShadow`, `outerGlow`, `innerGlow`, `blur`, `transform`, `color`).
 * Properties stay as QGIS stores them, as symbol layer properties do.
 */
export interface PaintEffect {
  /** QGIS effect type name, e.g. `effectStack`, `dropShadow`. */
  type: string;
  /** Whether QGIS draws it (a stack's `enabled` attribute, else the `enabled` property). */
  enabled: boolean;
  /** Properties as QGIS stores them. */
  props: Record<string, string>;
  /** The stack's effects, bottom first (empty for other types). */
  effects: PaintEffect[];
}

/** A symbol: several layers drawn bottom first. */
export interface Symbol {
  /** Geometry the symbol draws. */
  type: SymbolType;
  /** Symbol opacity, 0–1. */
  alpha: number;
  /** Whether features are clipped to the map extent before drawing. */
  clipToExtent: boolean;
  /** Symbol layers, bottom first. */
  layers: SymbolLayer[];
}

/** A category of a categorized renderer. */
export interface Category {
  /** Value matched against the attribute / expression value (a list matches any). */
  value: string | string[] | null;
  /** Symbol drawn for it (null: nothing). */
  symbol: Symbol | null;
  /** Whether the category is drawn. */
  render: boolean;
  /** Legend label. */
  label: string;
}

/** A class of a graduated renderer. */
export interface Range {
  /** Lower bound (inclusive). */
  lower: number;
  /** Upper bound (inclusive). */
  upper: number;
  /** Symbol drawn for it. */
  symbol: Symbol | null;
  /** Whether the class is drawn. */
  render: boolean;
  /** Legend label. */
  label: string;
}

/** A rule of a rule-based renderer. */
export interface Rule {
  /** Rule key. */
  key: string;
  /** Legend label. */
  label: string;
  /** Filter expression; null: every feature. */
  filter: string | null;
  /** True for an ELSE rule. */
  isElse: boolean;
  /** Symbol; null for a grouping rule. */
  symbol: Symbol | null;
  /** Smallest scale denominator at which the rule applies (0: no limit). */
  scaleMinDenom: number;
  /** Largest scale denominator at which the rule applies (0: no limit). */
  scaleMaxDenom: number;
  /** Unchecked rules are skipped. */
  active: boolean;
  /** Nested rules. */
  children: Rule[];
}

/** A feature renderer. */
export type Renderer =
  | {
    type: "singleSymbol";
    symbol: Symbol | null;
    /**
     * The legend of the marker's data-defined size
     * (`<data-defined-size-legend>`); absent: none.
     */
    sizeLegend?: DataDefinedSizeLegend;
  }
  | {
    type: "categorizedSymbol";
    /** Field name or expression. */
    attr: string;
    categories: Category[];
  }
  | {
    type: "graduatedSymbol";
    /** Field name or expression. */
    attr: string;
    ranges: Range[];
  }
  | { type: "RuleRenderer"; root: Rule }
  | { type: "nullSymbol" }
  | HeatmapRenderer
  | { type: "unsupported"; name: string };

/** A gradient colour ramp (`QgsGradientColorRamp`): colours 0–255. */
export interface GradientRamp {
  /** Colour at 0. */
  color1: [number, number, number, number];
  /** Colour at 1. */
  color2: [number, number, number, number];
  /** Steps instead of blends between stops. */
  discrete: boolean;
  /** Inner stops: offset (0–1) and colour, ascending. */
  stops: [number, [number, number, number, number]][];
}

/**
 * A ramp of colours in equal steps (`QgsPresetSchemeColorRamp`,
 * `QgsColorBrewerColorRamp`): a value v of 0–1 takes colour
 * `min(floor(v × n), n − 1)` of its n colours (0–255).
 */
export interface StepRamp {
  /** The colours, first at 0. */
  colors: [number, number, number, number][];
}

/** A colour ramp a style holds: a gradient, or colours in equal steps. */
export type ColorRamp = GradientRamp | StepRamp;

/**
 * `QgsHeatmapRenderer`: point features summed into a raster of kernel
 * densities (quartic kernel) drawn through a colour ramp.
 */
export interface HeatmapRenderer {
  type: "heatmapRenderer";
  /** Kernel radius. */
  radius: number;
  /** Unit of `radius`. */
  radiusUnit: RenderUnit;
  /** Density drawn with the ramp's last colour; 0: the map's highest. */
  maxValue: number;
  /** Pixels per raster cell (1 best … 10 coarsest). */
  quality: number;
  /** Field name or expression weighting each point; "": 1. */
  weight: string;
  /** The ramp; null: none, or a type not read (nothing drawn). */
  ramp: ColorRamp | null;
}

/** The vector part of a layer's QML. */
export interface VectorStyle {
  /** Feature renderer. */
  renderer: Renderer;
  /** Symbol levels: draw layer by layer across features, ordered by `pass`. */
  symbolLevels: boolean;
  /** Layer opacity, 0–1. */
  opacity: number;
  /** Layer blend mode (QGIS `QgsPainting::BlendMode` number). */
  blendMode: number;
  /** Feature blend mode. */
  featureBlendMode: number;
  /** Whether `minScale`/`maxScale` apply. */
  hasScaleBasedVisibility: boolean;
  /** Most zoomed-out scale denominator the layer is drawn at (0: none). */
  minScale: number;
  /** Most zoomed-in scale denominator the layer is drawn at (0: none). */
  maxScale: number;
  /** Whether the layer has labels switched on. */
  labelsEnabled: boolean;
  /** The renderer's paint effect, drawn over the whole layer (absent: none). */
  effect?: PaintEffect;
  /**
   * An inverted polygon renderer (`invertedPolygonRenderer`) wraps
   * `renderer`: its features' polygons are holes in a polygon covering the
   * map, one per group of features drawn with the same symbols (absent:
   * features drawn as they are).
   */
  inverted?: { preprocessing: boolean };
  /**
   * A merged feature renderer (`mergedFeatureRenderer`) wraps `renderer`:
   * each group of features drawn with the same symbols is drawn as one,
   * their polygons or lines unioned (absent: features drawn as they are).
   */
  merged?: true;
  /** The layer's diagrams (absent: none). */
  diagrams?: DiagramStyle;
}

/** One category of a diagram: a value drawn in a colour. */
export interface DiagramCategory {
  /** Expression giving the value (a field reference is `"field"`). */
  expression: string;
  /** Colour, 0–255 channels (its alpha may be fractional: `colorOpacity`). */
  color: [number, number, number, number];
  /** Legend label. */
  label: string;
}

/**
 * The legend of sizes interpolated from a value (`QgsDataDefinedSizeLegend`,
 * a `<data-defined-size-legend>`): a title row, then one image of nested
 * markers (collapsed) or one row per size (separated).
 */
export interface DataDefinedSizeLegend {
  /** `collapsed` (one image) or `separated` (a row per class). */
  type: "collapsed" | "separated";
  /** Markers of a collapsed legend sit on their bottom or are centred. */
  valign: "bottom" | "center";
  /** Title row (empty: none). */
  title: string;
  /** The marker drawn at each size (null: QGIS's default simple marker). */
  symbol: Symbol | null;
  /** The line from a marker to its label (null: QGIS's 0.2 mm black line). */
  lineSymbol: Symbol | null;
  /** Values and labels given by hand (empty: pretty breaks of the range). */
  classes: { size: number; label: string }[];
  /** `Qt::Alignment` of the labels (1 left, 2 right, 4 centred). */
  textAlignment: number;
}

/**
 * A layer's diagrams (`QgsDiagramRenderer` with its `QgsDiagramSettings`
 * and `QgsDiagramLayerSettings`): one diagram per feature, placed by the
 * labelling engine.
 */
export interface DiagramStyle {
  /** QGIS diagram name: `Pie`, `Histogram`, `Text`, `Stacked` (stacked bars). */
  type: string;
  /** Whether the diagrams are drawn (and listed in the legend). */
  enabled: boolean;
  /** Categories, in drawing order. */
  categories: DiagramCategory[];
  /** Fixed size (width, height) in `sizeUnit`. */
  width: number;
  /** Fixed height. */
  height: number;
  /** Unit of sizes and bar widths. */
  sizeUnit: RenderUnit;
  /** Outline colour. */
  penColor: [number, number, number, number];
  /** Outline width in `penUnit` (0: a hairline). */
  penWidth: number;
  /** Unit of `penWidth`. */
  penUnit: RenderUnit;
  /** Background colour (text diagrams). */
  backgroundColor: [number, number, number, number];
  /** Opacity, 0–1, of fills and outline. */
  opacity: number;
  /** Bar width of histograms and stacked bars, in `sizeUnit`. */
  barWidth: number;
  /** Direction bars grow: `Up`, `Down`, `Left`, `Right`. */
  orientation: string;
  /** Smallest size (interpolated sizes), in `sizeUnit`. */
  minimumSize: number;
  /** Start angle of pies, degrees clockwise from 3 o'clock. */
  rotationOffset: number;
  /** Pie slices follow each other clockwise. */
  clockwise: boolean;
  /** Sizes interpolated by area (`scaleDependency="Area"`), else by diameter. */
  scaleByArea: boolean;
  /** Gap between bars, in `spacingUnit`. */
  spacing: number;
  /** Unit of `spacing`. */
  spacingUnit: RenderUnit;
  /** Whether `minScale`/`maxScale` apply. */
  scaleBasedVisibility: boolean;
  /** Most zoomed-out scale denominator drawn (0: none). */
  minScale: number;
  /** Most zoomed-in scale denominator drawn (0: none). */
  maxScale: number;
  /** Font of text diagrams: family, size in points, bold, italic. */
  font: { family: string; size: number; bold: boolean; italic: boolean };
  /**
   * Text diagrams' vertical placement of each value
   * (`QgsDiagramSettings::LabelPlacementMethod`): half the font's height or
   * its x-height below the line's middle.
   */
  labelPlacementMethod?: "Height" | "XHeight";
  /** Sizes interpolated from a value (absent: the fixed size). */
  interpolation?: {
    /** Expression of the value (a field reference is `"field"`). */
    expression: string;
    lowerValue: number;
    upperValue: number;
    lowerWidth: number;
    lowerHeight: number;
    upperWidth: number;
    upperHeight: number;
  };
  /** Whether the legend lists the categories. */
  attributeLegend: boolean;
  /** Whether the legend shows the interpolated sizes (a `<data-defined-size-legend>`). */
  sizeLegend: boolean;
  /** The legend of the interpolated sizes (absent: none). */
  dataDefinedSizeLegend?: DataDefinedSizeLegend;
  /** `QgsDiagramLayerSettings::Placement` (0 around, 1 over, 2 line, 3 curved, 4 horizontal, 5 free). */
  placement: number;
  /** Distance from the feature; QGIS 3.22 takes the value as pixels whatever the unit (`QgsVectorLayerDiagramProvider`). */
  distance: number;
  /** Labelling priority 0–10. */
  priority: number;
  /** Drawing order among labels and diagrams. */
  zIndex: number;
  /** Whether the features are obstacles to labels. */
  obstacle: boolean;
  /** Drawn even where it collides. */
  showAll: boolean;
  /**
   * Paint effect each diagram is drawn through (`QgsDiagramSettings::paintEffect`;
   * absent: none).
   */
  effect?: PaintEffect;
  /**
   * Data-defined layer settings (`QgsDiagramLayerSettings::Property` names:
   * `show` is drawn; absent: none).
   */
  dataDefined?: Record<string, DataDefinedProperty>;
}
