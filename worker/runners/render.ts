/**
 * The render runner: a `QslJobInfoRender` job becomes the PNG or JPEG QGIS
 * would have drawn. Layers are drawn bottom first — the job's FIRST layer
 * is on top — vectors read from their source (`worker/sources/`, whatever
 * the provider) and painted with Skia through the layer's QML renderer,
 * rasters drawn from the raster renderer's image, each layer composited
 * with its opacity and blend mode.
 *
 * @module
 */
import { isAbsolute, relative, resolve } from "node:path";
import { realpathSync } from "node:fs";
import type { Canvas, CanvasKit } from "canvaskit-wasm";
import { getCanvasKit } from "../paint/canvaskit.ts";
import {
  collectFeatures,
  openSource,
  type SourceLayer,
} from "../sources/mod.ts";
import {
  type Expression,
  type LayerLookup,
  type Measurer,
  withLayerLookup,
  withMeasurer,
} from "../expression/mod.ts";
import { computeMapSettings, type MapJob } from "../map/compute.ts";
import { mapVariables } from "../map/variables.ts";
import type { MapSettings } from "../map/map_settings.ts";
import {
  styleDocument,
  vectorStyleOf,
  visibleAtScale,
} from "../style/document.ts";
import {
  asQgisDraws,
  defaultVectorStyle,
  hasPluginRenderer,
} from "../style/default_symbol.ts";
import type { Feature, GeometryKind } from "../geometry/types.ts";
import type {
  DirectPixels,
  ExpressionCompiler,
  PaintContext,
} from "../paint/context.ts";
import {
  paintVectorLayer,
  queuesByPass,
  symbolPicker,
} from "../paint/vector_layer.ts";
import { blendModeOf } from "../paint/_skia.ts";
import { PaintCache } from "../paint/_paints.ts";
import {
  encodeSurface,
  releaseSurface,
  takeSurface,
} from "../paint/surface.ts";
import { loadSvgFrom } from "../paint/svg_loader.ts";
import { imageFolders, loadImageFrom } from "../paint/image_loader.ts";
import { JobError, type Runner, type RunnerContext } from "./types.ts";
import { syncScratch } from "../cache/scratch.ts";
import { decodeStyle } from "@qgis-server-light/interface";
import type { QslJobInfoRender } from "@qgis-server-light/interface";
import { renderDeps } from "./render_deps.ts";
import { renderColumns } from "./render_columns.ts";
import { readLabeling } from "../labels/settings.ts";
import { drawVectorTiles, vectorTileStyleOf } from "./render_vector_tiles.ts";
import { heatmapRequestMargin } from "../paint/heatmap.ts";
import {
  type DiagramEvaluator,
  diagramEvaluator,
  type DiagramLayout,
  diagramsVisibleAt,
  drawDiagram,
  drawDiagrams,
  layoutDiagrams,
} from "../paint/diagram.ts";
import type { DiagramLabelInput } from "../labels/engine.ts";
import { jobLayerLookup } from "./expression_layers.ts";
import {
  addVirtualValues,
  virtualFields,
  withJoinKeys,
} from "./feature_info_virtual.ts";
import type { Element } from "@xmldom/xmldom";
import { directOf, MaskedMap, planMasks } from "./render_masks.ts";
import { getGdal } from "../gdal/gdal.ts";
import { type MeasureSettings, projectMeasurer } from "./project_measurer.ts";
import { geosLoaded, loadGeos } from "../geos/geos.ts";

/** Renderers whose undrawn features QGIS leaves unlabelled. */
const DRAWS_ITS_LABELS = new Set([
  "singleSymbol",
  "categorizedSymbol",
  "graduatedSymbol",
  "RuleRenderer",
]);

/** A job layer as a render job carries it (wire names). */
export interface RenderJobLayer extends SourceLayer {
  /** The layer's style: QML, zlib-compressed and urlsafe-base64 encoded. */
  style?: { name?: string | null; definition: string } | null;
  /** An OGC filter on the layer (`{ definition: xml }`, or the XML itself), or null. */
  filter?: { definition: string } | string | null;
}

/** The parts of a `QslJobInfoRender` the runner reads (wire names). */
export interface RenderJob extends MapJob, MeasureSettings {
  /** Layers, top first. */
  layers: RenderJobLayer[];
  /** SVG folders of the job, relative to the data root (searched first). */
  svg_paths?: string[] | null;
}

/** An image a raster renderer produced (RGBA, map size). */
export interface RasterImage {
  /** Pixels. */
  rgba: Uint8Array;
  /** True when colours are premultiplied by alpha (default: false). */
  premultiplied?: boolean;
  /** The layer's blend mode (QGIS number); absent: read from the QML. */
  blendMode?: number;
  /** Width. */
  width: number;
  /** Height. */
  height: number;
  /**
   * The part of the image that may hold drawn pixels (left column, top row,
   * width, height): every pixel outside it is transparent. Absent: the
   * whole image.
   */
  bounds?: { left: number; top: number; width: number; height: number };
}

/**
 * Draws a raster layer into an RGBA image of the map size. `target`, when
 * given, is the canvas's own premultiplied pixels, all transparent: a
 * renderer may draw its premultiplied image straight into it and return
 * it as the image's `rgba`.
 */
export type RasterRenderer = (
  layer: RenderJobLayer,
  qmlRoot: Element,
  map: MapSettings,
  ctx: RunnerContext,
  target?: Uint8Array,
) => Promise<RasterImage | null>;

/** A labelling engine fed every vector layer in drawing order. */
export interface LabelEngineLike {
  /** Registers a layer's features. */
  addLayer(input: {
    layerId: string;
    qmlRoot: Element;
    features: Feature[];
    geometryKind: GeometryKind | null;
    symbolColor?: (feature: Feature) => string | undefined;
    toMapCrs?: (xy: Float64Array) => void;
    variables?: Record<string, unknown>;
  }): void | Promise<void>;
  /**
   * Draws all labels (`direct`: the map's pixels, when the canvas draws
   * straight into them).
   */
  draw(canvas: Canvas, direct?: DirectPixels): void | Promise<void>;
  /**
   * Registers a layer's diagrams as label features: placed with the labels
   * and drawn among them (absent: the diagrams are drawn before the labels,
   * where they were laid out).
   */
  addDiagrams?(input: DiagramLabelInput): void;
  /**
   * Draws the placed labels' selective masks into the mask image of each
   * layer they mask (null: not masked on this map); before {@link draw}.
   */
  drawMasks?(maskCanvas: (layerId: string) => Canvas | null): void;
  /** Frees Skia objects. */
  delete(): void;
}

/** Tests a feature against a filter, with the map's variables. */
export type FeatureTest = (
  f: Feature,
  variables: Record<string, unknown>,
) => boolean;

/** What the runner plugs in from the other parts of the worker. */
export interface RenderDeps {
  /** Expression compiler (rules, data-defined properties, expression categories). */
  compile: ExpressionCompiler;
  /**
   * Parses a layer's OGC filter (XML) into an expression; the source
   * pushes down what its dialect can say and returns the rest.
   */
  parseFilter?: (xml: string) => Expression;
  /** Compiles the filter part a source returned into a feature test. */
  filterTest?: (residual: Expression) => FeatureTest;
  /** Raster renderer. */
  renderRaster?: RasterRenderer;
  /**
   * Creates a label engine for a map; `warn` reaches the job's log, label
   * expressions read other layers through `lookup` when there is one and
   * measure (`$area` …) with `measurer`.
   */
  createLabelEngine?: (
    map: MapSettings,
    ck: CanvasKit,
    warn: (message: string) => void,
    lookup?: LayerLookup | null,
    measurer?: Measurer | null,
  ) => LabelEngineLike;
  /**
   * A point transformation between two CRSs (`[x, y]` in place; NaN where
   * it fails), for the data-defined label positions of a reprojected layer.
   */
  pointTransform?: (
    from: string,
    to: string,
  ) => Promise<(xy: Float64Array) => void>;
  /**
   * Coordinate arrays (flat `x, y`) transformed between two CRSs in place
   * (NaN where a point fails), for the geometry generators of a
   * reprojected layer.
   */
  coordinateTransform?: (
    from: string,
    to: string,
  ) => Promise<(coords: Float64Array[]) => void>;
}

/**
 * Decodes a job style definition (urlsafe base64 of zlib-compressed QML)
 * with the interface's style codec.
 *
 * @throws {JobError} when it is not one.
 * @example
 * ```ts
 * import { encodeStyle } from "@qgis-server-light/interface";
 * import { decodeStyleDefinition } from "./render.ts";
 * decodeStyleDefinition(encodeStyle("<qgis/>")); // "<qgis/>"
 * ```
 */
export function decodeStyleDefinition(
  definition: string,
  maxBytes?: number,
): string {
  try {
    return decodeStyle(definition, { maxBytes });
  } catch (error) {
    throw new JobError((error as Error).message, { cause: error });
  }
}

function styleRoot(
  layerName: string,
  definition: string,
  ctx: RunnerContext,
): Element {
  try {
    return styleDocument(layerName, definition, ctx.limits.maxStyleBytes);
  } catch (error) {
    throw new JobError((error as Error).message, { cause: error });
  }
}

/** The job's SVG folders, below the data root only (others are refused). */
function jobSvgPaths(job: RenderJob, ctx: RunnerContext): string[] {
  const out: string[] = [];
  // no folder to check: the data root's realpath (~30 µs) is not needed
  if (!job.svg_paths?.length) return out;
  let root: string;
  try {
    root = realpathSync(ctx.dataRoot);
  } catch {
    return out;
  }
  for (const p of job.svg_paths ?? []) {
    const full = resolve(root, p);
    let real: string;
    try {
      real = realpathSync(full);
    } catch {
      continue; // a folder that does not exist holds no symbol
    }
    const rel = relative(root, real);
    if (rel.startsWith("..") || isAbsolute(rel)) {
      throw new JobError(
        `Cannot use SVG folder '${p}': it is outside the data root`,
      );
    }
    out.push(real);
  }
  return out;
}

function layerComposite(
  ck: CanvasKit,
  canvas: Canvas,
  opacity: number,
  blend: number,
): boolean {
  if (opacity >= 1 && blend === 0) return false;
  const paint = new ck.Paint();
  paint.setAlphaf(Math.max(0, Math.min(1, opacity)));
  if (blend !== 0) paint.setBlendMode(blendModeOf(ck, blend));
  canvas.saveLayer(paint);
  paint.delete();
  return true;
}

function drawRasterImage(
  ck: CanvasKit,
  canvas: Canvas,
  img: RasterImage,
  blend: number,
  blank: boolean,
): void {
  if (blank && blend <= 14 && img.premultiplied) {
    // source-over onto transparency is the source itself, and so is every
    // separable blend mode, plus, source and destination-over (QGIS's
    // modes 0–14: with nothing under it, a blended layer is itself)
    if (
      !canvas.writePixels(
        img.rgba,
        img.width,
        img.height,
        0,
        0,
        ck.AlphaType.Premul,
        ck.ColorType.RGBA_8888,
        ck.ColorSpace.SRGB,
      )
    ) throw new JobError("Cannot draw raster layer: bad image");
    return;
  }
  // Source-over leaves the canvas as it is under transparent pixels: only
  // the part of the image that holds drawn pixels is drawn (a raster in
  // another CRS, or smaller than the map, covers a part of it). Other
  // modes (source, destination-in …) clear under transparency: all of it.
  let { width, height } = img;
  let pixels = img.rgba, x = 0, y = 0;
  const b = img.bounds;
  if (
    blend === 0 && b !== undefined &&
    (b.width < img.width || b.height < img.height)
  ) {
    if (b.width <= 0 || b.height <= 0) return;
    pixels = syncScratch(b.width * b.height * 4);
    const rowBytes = b.width * 4;
    for (let row = 0; row < b.height; row++) {
      const from = ((b.top + row) * img.width + b.left) * 4;
      pixels.set(img.rgba.subarray(from, from + rowBytes), row * rowBytes);
    }
    ({ width, height } = b);
    x = b.left;
    y = b.top;
  }
  const image = ck.MakeImage(
    {
      width,
      height,
      alphaType: img.premultiplied
        ? ck.AlphaType.Premul
        : ck.AlphaType.Unpremul,
      colorType: ck.ColorType.RGBA_8888,
      colorSpace: ck.ColorSpace.SRGB,
    },
    pixels,
    width * 4,
  );
  if (!image) throw new JobError("Cannot draw raster layer: bad image");
  const paint = new ck.Paint();
  if (blend !== 0) paint.setBlendMode(blendModeOf(ck, blend));
  canvas.drawImage(image, x, y, paint);
  paint.delete();
  image.delete();
}

/**
 * What the last map's vector layers held of their features at once: the
 * most of one layer (a batch when it is painted batch by batch, else the
 * whole layer in view). Reset when a map starts; for tests and benches.
 *
 * @example
 * ```ts ignore
 * import { renderMap, renderStats } from "./render.ts";
 * await renderMap(job, ctx, deps);
 * renderStats.heldFeatures; // ≤ a batch for a layer without labels
 * ```
 */
export const renderStats: { heldFeatures: number } = { heldFeatures: 0 };

function held(features: number): void {
  if (features > renderStats.heldFeatures) renderStats.heldFeatures = features;
}

/**
 * Renders a map: the whole job, into an RGBA canvas of the map size.
 * Exposed for the one-shot CLI and the bench; the queue uses the runner.
 *
 * @example
 * ```ts ignore
 * import { renderMap } from "./render.ts";
 * const { data, contentType } = await renderMap(job, ctx, deps);
 * ```
 */
export async function renderMap(
  job: RenderJob,
  ctx: RunnerContext,
  deps: RenderDeps,
): Promise<{ data: Uint8Array; contentType: string }> {
  renderStats.heldFeatures = 0;
  let map: MapSettings;
  try {
    map = computeMapSettings(job);
  } catch (error) {
    throw new JobError((error as Error).message, { cause: error });
  }
  if (map.width > ctx.limits.maxWidth || map.height > ctx.limits.maxHeight) {
    throw new JobError(
      `Cannot render: ${map.width}×${map.height} exceeds the limit of ${ctx.limits.maxWidth}×${ctx.limits.maxHeight}`,
    );
  }
  if (job.layers.length > ctx.limits.maxLayers) {
    throw new JobError(
      `Cannot render: ${job.layers.length} layers exceed the limit of ${ctx.limits.maxLayers}`,
    );
  }
  const svgPaths = [...jobSvgPaths(job, ctx), ...ctx.svgPaths];
  const ck = await getCanvasKit();
  const pooled = takeSurface(ck, map.width, map.height);
  if (!pooled) {
    throw new JobError(
      `Cannot render: no surface of ${map.width}×${map.height}`,
    );
  }
  const warned = new Set<string>();
  const warn = (message: string) => {
    if (warned.has(message)) return;
    warned.add(message);
    ctx.logger.log("warning", message);
  };
  let labels: LabelEngineLike | null = null;
  const diagrams: { layout: DiagramLayout; evaluate: DiagramEvaluator }[] = [];
  const { surface } = pooled;
  const mainCanvas = surface.getCanvas();
  // where the layer being drawn draws: the map, or (above a masked layer)
  // an image of its own (render_masks.ts)
  let canvas = mainCanvas;
  let layerPixels = pooled.pixels;
  let masked: MaskedMap | null = null;
  // whatever a job leaves on the state stack is undone before the next
  const baseSaveCount = mainCanvas.save();
  // nothing drawn yet on a transparent map: a raster image is copied in
  let blank = map.format !== "jpeg";
  try {
    // the pixels are ours: filled as Skia's clear to transparent or white
    // would (its clear costs ~45 µs even for one pixel between jobs)
    pooled.pixels().fill(map.format === "jpeg" ? 0xff : 0);
    const roots = job.layers.map((layer) =>
      layer.style?.definition
        ? styleRoot(layer.name, layer.style.definition, ctx)
        : null
    );
    const masks = planMasks(job.layers, roots);
    if (masks) masked = new MaskedMap(ck, map, masks);
    // the layers styles read with get_feature, aggregate …, read first
    const lookup = await jobLayerLookup(job.layers, roots, map.crs, ctx, warn);
    // $area, $length, $perimeter as the project measures
    const measurer = projectMeasurer(await getGdal(), job, map.crs);
    const baseVariables = withMeasurer(
      lookup ? withLayerLookup(mapVariables(map), lookup) : mapVariables(map),
      measurer,
    );
    // the diagrams draw into the map's pixels once every layer is restored
    let diagramPc: PaintContext | null = null;
    const diagramPainter = (): PaintContext =>
      diagramPc ??= {
        ck,
        canvas,
        map,
        compile: deps.compile,
        variables: baseVariables,
        loadSvg: () => null,
        featureBlendMode: 0,
        warn,
        direct: {
          pixels: pooled.pixels,
          width: map.width,
          saveCount: canvas.getSaveCount(),
          matrix: canvas.getTotalMatrix(),
        },
      };
    for (let k = job.layers.length - 1; k >= 0; k--) {
      const layer = job.layers[k];
      const root: Element | null = roots[k];
      // (a join on a virtual field computes that field first, as QGIS does)
      const source = openSource(
        root && layer.joins?.length
          ? withJoinKeys(layer, virtualFields(root), {
            ...baseVariables,
            layer_id: layer.id,
            layer_name: layer.name,
            layer: layer.id,
          })
          : layer,
        ctx,
      );
      const drawsTwice = masked !== null && masked.isMasked(layer.id) &&
        !source.drawMap && source.kind !== "raster" &&
        source.kind !== "vectortile";
      if (masked && !drawsTwice) {
        const t = masked.target({
          canvas: mainCanvas,
          pixels: layerPixels,
          fresh: false,
        });
        canvas = t.canvas;
        layerPixels = t.pixels;
        if (t.fresh) blank = true;
      }
      if (source.drawMap) {
        // a source that draws the whole map itself (web maps); the style,
        // when there is one, gives its opacity, filters and blend mode
        if (root && !visibleAtScale(root, map.scale)) continue;
        const img = await source.drawMap({
          map,
          style: root,
          into: blank ? () => layerPixels() : undefined,
        });
        if (img) {
          try {
            if (!img.drawnInto) {
              drawRasterImage(ck, canvas, img, img.blendMode, blank);
            }
          } finally {
            img.release?.();
          }
          blank = false;
        }
        continue;
      }
      if (source.kind === "raster") {
        if (!deps.renderRaster) {
          warn(
            `raster layer '${layer.name}' is not drawn: no raster renderer is configured`,
          );
          continue;
        }
        if (!root) {
          throw new JobError(
            `Cannot render raster layer '${layer.name}': it has no style`,
          );
        }
        const blend = Number(
          root.getElementsByTagName("blendMode")[0]?.textContent ?? 0,
        ) || 0;
        // on a blank canvas the image may be drawn into its pixels directly
        const target = blank && blend === 0 ? layerPixels() : undefined;
        const img = await deps.renderRaster(layer, root, map, ctx, target);
        if (img) {
          if (img.rgba !== target || !img.premultiplied) {
            drawRasterImage(ck, canvas, img, blend, blank);
          }
          blank = false;
        }
        continue;
      }
      if (source.kind === "vectortile") {
        if (root && !visibleAtScale(root, map.scale)) continue;
        const style = vectorTileStyleOf(layer.name, root);
        if (style.unsupportedLabeling !== undefined) {
          warn(
            `vector tile layer '${layer.name}': labeling '${style.unsupportedLabeling}' is not supported; drawn without labels`,
          );
        }
        // QgsVectorTileLayerRenderer adds its label provider when the layer
        // has a labeling (vector tile layers have no "labels enabled" flag)
        const labelled = !!deps.createLabelEngine && !!style.labeling?.length;
        const pc: PaintContext = {
          ck,
          canvas,
          map,
          compile: deps.compile,
          variables: {
            ...baseVariables,
            layer_id: layer.id,
            layer_name: layer.name,
            layer: layer.id,
          },
          loadSvg: (p) => loadSvgFrom(p, svgPaths),
          featureBlendMode: 0,
          warn,
        };
        pc.paints = new PaintCache();
        blank = false;
        const composited = layerComposite(
          ck,
          canvas,
          style.opacity,
          style.blendMode,
        );
        let drawn;
        try {
          drawn = await drawVectorTiles(
            pc,
            layer.name,
            source,
            style,
            labelled,
          );
        } catch (error) {
          if (error instanceof JobError) throw error;
          throw new JobError(
            `Cannot draw layer '${layer.name}': ${(error as Error).message}`,
            { cause: error },
          );
        } finally {
          pc.paints.delete();
          if (composited) canvas.restore();
        }
        if (labelled) {
          labels ??= deps.createLabelEngine!(map, ck, warn, lookup, measurer);
          for (const l of drawn.labels) {
            await labels.addLayer({
              layerId: layer.id,
              qmlRoot: l.root,
              features: l.features,
              geometryKind: l.geometryKind,
              // the layer's scope but @layer: QGIS's labels take their
              // own feature in its layer's overlays (test_bees.qgz)
              variables: {
                ...baseVariables,
                layer_id: layer.id,
                layer_name: layer.name,
              },
            });
          }
        }
        continue;
      }
      const styled = root ? vectorStyleOf(root) : null;
      // QgsMapLayer::isInScaleRange
      if (root && !visibleAtScale(root, map.scale)) continue;
      // a merged feature renderer unions its features with GEOS, loaded
      // for the first layer that needs it
      if (styled?.merged && !geosLoaded()) {
        await loadGeos().catch((e) => warn((e as Error).message));
      }
      // a plugin's renderer: QGIS without the plugin keeps the default
      // renderer the layer was opened with (QgsVectorLayer::readSymbology)
      if (styled?.renderer.type === "unsupported") {
        warn(
          hasPluginRenderer(styled)
            ? `vector layer '${layer.name}': renderer '${styled.renderer.name}' is not one of QGIS's (a plugin's); drawn with the default symbol, as QGIS without the plugin draws it`
            : `vector layer '${layer.name}': renderer '${styled.renderer.name}' is not supported; drawn with nothing`,
        );
      }
      const filterXml = typeof layer.filter === "string"
        ? layer.filter
        : layer.filter?.definition;
      let filter: Expression | null = null;
      if (filterXml && filterXml.trim()) {
        if (!deps.parseFilter || !deps.filterTest) {
          throw new JobError(
            `Cannot apply the filter of layer '${layer.name}': no filter support is configured`,
          );
        }
        try {
          filter = deps.parseFilter(filterXml);
        } catch (error) {
          throw new JobError(
            `Cannot apply the filter of layer '${layer.name}': ${
              (error as Error).message
            }`,
            { cause: error },
          );
        }
      }
      // QGIS requests the features of the map extent itself, not grown by
      // the symbols' size: a wide line just outside stays undrawn there too
      // only the fields the renderer, the labels and the filter read
      // (QgsFeatureRenderer::usedAttributes, QgsPalLayerSettings::referencedFields)
      // virtual fields (the style's expression fields) read any field
      const declared = root ? virtualFields(root) : [];
      // labels on and a labelling to draw (a style that does not say
      // labelsEnabled has them on, QGIS 2.x's way, but may have none)
      const labelled = !!(deps.createLabelEngine && root &&
        styled?.labelsEnabled && readLabeling(root) !== null);
      const columns = declared.length || styled?.diagrams?.enabled
        ? "all"
        : renderColumns(styled, root, labelled, filter);
      // Without symbol levels or labels QGIS draws feature by feature in the
      // source's order: batches are painted as they come and dropped, so a
      // big layer holds one batch at a time (and the source may reuse a
      // batch's features for the next). Levels and labels need them all.
      // (a rule-based renderer on several passes queues the whole layer;
      // the default style has neither)
      // QgsVectorLayer::diagramsEnabled, within the diagrams' scales
      const diagrammed = styled?.diagrams?.enabled &&
          diagramsVisibleAt(styled.diagrams, map.scale)
        ? styled.diagrams
        : null;
      const streamed = !drawsTwice && (!styled ||
        (!styled.symbolLevels && !labelled && !diagrammed &&
          !queuesByPass(styled)));
      // a heatmap asks for the points within its radius around the map
      // (QgsHeatmapRenderer::modifyRequestExtent)
      const grow = styled?.renderer.type === "heatmapRenderer"
        ? heatmapRequestMargin(styled.renderer, map)
        : 0;
      const data = await source.features({
        bbox: {
          xmin: map.extent.xmin - grow,
          ymin: map.extent.ymin - grow,
          xmax: map.extent.xmax + grow,
          ymax: map.extent.ymax + grow,
        },
        crs: map.crs,
        filter,
        columns,
        transient: streamed,
      });
      const style = styled
        ? asQgisDraws(styled, data.geometryKind, layer.id)
        : defaultVectorStyle(data.geometryKind, layer.id);
      // what the source could not apply is evaluated here
      const residual = data.residual ? deps.filterTest!(data.residual) : null;
      // QGIS adds no virtual field named as one of the data's; the others
      // take their values before the renderer picks (a renderer classifying
      // by one drew nothing), with the layer's variables
      const virtual = declared.filter((v) =>
        !data.fields.some((f) => f.name === v.name)
      );
      const layerVariables = {
        ...baseVariables,
        layer_id: layer.id,
        layer_name: layer.name,
        layer: layer.id,
      };
      const keep = (batch: Feature[]) => {
        const kept = residual
          ? batch.filter((f) => residual(f, baseVariables))
          : batch;
        return virtual.length
          ? addVirtualValues(kept, virtual, layerVariables)
          : kept;
      };
      const pc: PaintContext = {
        ck,
        canvas,
        map,
        compile: deps.compile,
        variables: layerVariables,
        loadSvg: (p) => loadSvgFrom(p, svgPaths),
        loadImage: (p) =>
          loadImageFrom(p, [
            ...imageFolders(ctx.dataRoot, layer.folder_name),
            ...svgPaths,
          ]),
        featureBlendMode: style.featureBlendMode,
        warn,
      };
      if (data.sourceCrs !== undefined && deps.coordinateTransform) {
        pc.layerCrs = {
          toLayer: await deps.coordinateTransform(map.crs, data.sourceCrs),
          toMap: await deps.coordinateTransform(data.sourceCrs, map.crs),
        };
      }
      // one set of paints for the layer, however many batches it comes in
      pc.paints = new PaintCache();
      blank = false;
      const fieldNames = new Set(
        [...data.fields, ...virtual].map((f) => f.name),
      );
      let features: Feature[] = [];
      // mask markers draw into the mask images of the layers they mask
      pc.maskCanvases = masked?.markerCanvases(layer.id);
      // a masked layer's opacity and blend mode apply when it is composed
      const composited = !drawsTwice && layerComposite(
        ck,
        canvas,
        style.opacity,
        style.blendMode,
      );
      // without a layer of its own, the layer draws into the map's pixels
      if (!composited && !drawsTwice) {
        pc.direct = {
          pixels: layerPixels,
          width: map.width,
          saveCount: canvas.getSaveCount(),
          matrix: canvas.getTotalMatrix(),
        };
      }
      try {
        if (streamed) {
          for await (const batch of data.batches) {
            held(batch.length);
            paintVectorLayer(pc, style, keep(batch), fieldNames);
          }
        } else {
          features = keep(await collectFeatures(data));
          held(features.length);
          if (drawsTwice) {
            masked!.drawMasked(
              layer.id,
              style.renderer,
              style.opacity,
              style.blendMode,
              (t, disabled) =>
                paintVectorLayer(
                  {
                    ...pc,
                    canvas: t.canvas,
                    direct: directOf(t, map.width),
                    disabledLayers: disabled,
                    // the masks are drawn once, with the whole layer
                    maskCanvases: disabled ? undefined : pc.maskCanvases,
                  },
                  style,
                  features,
                  fieldNames,
                ),
            );
          } else paintVectorLayer(pc, style, features, fieldNames);
        }
      } catch (error) {
        if (error instanceof JobError) throw error;
        throw new JobError(
          `Cannot draw layer '${layer.name}': ${(error as Error).message}`,
          { cause: error },
        );
      } finally {
        pc.paints.delete();
        if (composited) canvas.restore();
      }
      if (diagrammed) {
        // every feature fetched, also those the renderer does not draw (a
        // category turned off: QGIS 3.22 registers their diagrams, not
        // their labels); placed now, with the layer's variables, drawn with
        // the labels
        const evaluate = diagramEvaluator(pc);
        const layout = layoutDiagrams(pc, diagrammed, features, evaluate);
        if (deps.createLabelEngine) {
          // QgsVectorLayerDiagramProvider: PAL places them with the labels
          labels ??= deps.createLabelEngine(map, ck, warn, lookup, measurer);
        }
        if (labels?.addDiagrams) {
          labels.addDiagrams({
            layerId: layer.id,
            features: layout.placed.map((d) => ({
              feature: d.feature,
              candidates: d.candidates,
              box: layout.along ? d.box : undefined,
              draw: (left, bottom) =>
                drawDiagram(
                  diagramPainter(),
                  layout,
                  d,
                  evaluate,
                  left,
                  bottom,
                ),
            })),
            priority: diagrammed.priority,
            showAll: diagrammed.showAll,
            zIndex: diagrammed.zIndex,
            obstacle: diagrammed.obstacle,
            qmlRoot: root ?? undefined,
            geometryKind: data.geometryKind,
            along: layout.along,
          });
        } else diagrams.push({ layout, evaluate });
      }
      if (labelled && root) {
        labels ??= deps.createLabelEngine!(map, ck, warn, lookup, measurer);
        // @symbol_color: the first layer's colour of the feature's symbol
        // (QgsSymbol::color)
        const pick = style.renderer
          ? symbolPicker(pc, style.renderer, fieldNames)
          : null;
        // QGIS registers the labels of the features its renderer draws
        // (QgsVectorLayerRenderer::drawRenderer): a category or range
        // turned off, a value no class takes, no rule applying leaves the
        // feature unlabelled; the null renderer draws none and labels all
        const drawn = pick && DRAWS_ITS_LABELS.has(style.renderer!.type)
          ? features.filter((f) => pick(f).length > 0)
          : features;
        await labels.addLayer({
          layerId: layer.id,
          qmlRoot: root,
          features: drawn,
          geometryKind: data.geometryKind,
          // the map's and the layer's scopes but @layer: QGIS's labels take
          // their own feature in its layer's overlays (test_bees.qgz)
          variables: {
            ...baseVariables,
            layer_id: layer.id,
            layer_name: layer.name,
          },
          symbolColor: pick
            ? (f: Feature) => {
              const props = pick(f)[0]?.layers[0]?.props;
              return props?.color ?? props?.line_color;
            }
            : undefined,
          toMapCrs: data.sourceCrs !== undefined && deps.pointTransform
            ? await deps.pointTransform(data.sourceCrs, map.crs)
            : undefined,
        });
      }
    }
    canvas = mainCanvas;
    layerPixels = pooled.pixels;
    if (masked) {
      // the labels' masks, then the masked layers composed on the map,
      // under the labels
      labels?.drawMasks?.((id) => masked!.labelCanvas(id));
      masked.compose(mainCanvas);
    }
    if (diagrams.length > 0) {
      // without a label engine: the lower layers' diagrams first
      const pc = diagramPainter();
      for (const d of diagrams) drawDiagrams(pc, d.layout, d.evaluate);
    }
    if (labels) {
      // every layer restored: the canvas draws into the map's pixels
      await labels.draw(canvas, {
        pixels: pooled.pixels,
        width: map.width,
        saveCount: canvas.getSaveCount(),
        matrix: canvas.getTotalMatrix(),
      });
    }
    return {
      data: encodeSurface(ck, pooled, map.format),
      contentType: map.format === "jpeg" ? "image/jpeg" : "image/png",
    };
  } finally {
    labels?.delete();
    masked?.release();
    mainCanvas.restoreToCount(baseSaveCount);
    releaseSurface(ck, pooled);
  }
}

/**
 * Builds a render runner with the given parts plugged in.
 *
 * @example
 * ```ts ignore
 * import { createRenderRunner } from "./render.ts";
 * const runner = createRenderRunner({ compile: compileExpression });
 * ```
 */
export function createRenderRunner(deps: RenderDeps): Runner<RenderJob> {
  return async (job, ctx) => await renderMap(job, ctx, deps);
}

/**
 * The render runner for a decoded `QslJobInfoRender` envelope, with the
 * worker's parts plugged in (`render_deps.ts`).
 *
 * @example
 * ```ts ignore
 * import { renderRunner } from "./render.ts";
 * const { data, contentType } = await renderRunner(info, ctx);
 * ```
 */
export const renderRunner: Runner<QslJobInfoRender> = async (info, ctx) =>
  await renderMap(info.job, ctx, renderDeps);
