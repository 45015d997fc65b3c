/**
 * The legend runner (`QslJobInfoLegend`, GetLegendGraphic-like): the
 * legend of the job's layers, in the job's order, as QGIS's legend renderer
 * draws it with its default settings, sized as the Python worker sizes it
 * (dpi 91 when absent; 0.75 of the natural size when neither width nor
 * height is given). White background, as QGIS Server's legends; no
 * "Legend" heading; layer names only with `layer_title`.
 *
 * @module
 */
import { checkJobClock } from "../map/job_clock.ts";
import {
  openSource,
  openVectorSource,
  type Source,
  sourceKind,
} from "../sources/mod.ts";
import { decodeLegendImage } from "../legend/image.ts";
import { webSettings } from "../sources/wms/settings.ts";
import {
  asQgisDraws,
  defaultVectorStyle,
  hasPluginRenderer,
} from "../style/default_symbol.ts";
import type { GeometryKind } from "../geometry/types.ts";
import type { Element } from "@xmldom/xmldom";
import type {
  QslJobInfoLegend,
  QslJobLayer,
} from "@qgis-server-light/interface";
import { getCanvasKit } from "../paint/canvaskit.ts";
import { loadSvgFrom } from "../paint/svg_loader.ts";
import { imageFolders, loadImageFrom } from "../paint/image_loader.ts";
import { fontLibrarySync, withFallbackWarnings } from "../labels/fonts.ts";
import { styleDocument, vectorStyleOf } from "../style/document.ts";
import { parseRasterStyle, type RasterStyle } from "../raster/style.ts";
import { readBandNames } from "../legend/band_names.ts";
import { compileExpression } from "../expression/mod.ts";
import { loadGeosFor } from "./expression_layers.ts";
import {
  type BandNamer,
  diagramEntries,
  embeddedEntry,
  type LayerLegend,
  rasterEntries,
  vectorEntries,
} from "../legend/entries.ts";
import { layoutLegend, legendImageSize } from "../legend/layout.ts";
import {
  createTextMeasure,
  drawLegend,
  type LegendFormat,
  SIZING_DOTS_PER_MM,
} from "../legend/draw.ts";
import {
  JobError,
  type Runner,
  type RunnerContext,
  type RunnerOutput,
} from "./types.ts";

const FORMATS: readonly LegendFormat[] = ["image/png", "image/jpeg"];

function legendFormat(format: string): LegendFormat {
  const f = format.trim().toLowerCase();
  if ((FORMATS as readonly string[]).includes(f)) return f as LegendFormat;
  throw new JobError(
    `Cannot draw legend: format '${format}' is not supported (${
      FORMATS.join(", ")
    })`,
  );
}

function styleRoot(
  layer: QslJobLayer,
  ctx: RunnerContext,
): Element | null {
  const definition = layer.style?.definition;
  if (!definition) return null;
  try {
    return styleDocument(layer.name, definition, ctx.limits.maxStyleBytes);
  } catch (error) {
    throw new JobError((error as Error).message, { cause: error });
  }
}

/**
 * Names the bands of a raster layer from its data, when its legend names
 * any; a layer that cannot be read gets plain names (`Band 1`) and a
 * warning.
 */
async function bandNamer(
  layer: QslJobLayer,
  style: RasterStyle,
  ctx: RunnerContext,
): Promise<BandNamer> {
  const type = style.renderer?.type;
  if (!type || type === "hillshade" || type === "singlecolor") {
    return (band) => `Band ${band}`;
  }
  try {
    return await readBandNames(layer, ctx);
  } catch (error) {
    ctx.logger.log(
      "warning",
      `layer '${layer.name}': cannot read its bands' names (${
        (error as Error).message
      }): the legend names them 'Band N'`,
    );
    return (band) => `Band ${band}`;
  }
}

/** A vector layer's geometry kind, its source's (null: none), or why not. */
async function geometryKind(
  layer: QslJobLayer,
  ctx: RunnerContext,
): Promise<GeometryKind | null | Error> {
  try {
    // the geometry type is the layer's own: its joined tables are not read
    const { joins: _joins, ...own } = layer;
    const source = openVectorSource(own, ctx, "draw the legend of");
    return (await source.page({ startIndex: 0, count: 0 })).geometryKind;
  } catch (error) {
    return error as Error;
  }
}

/**
 * The legend of a layer without a renderer: a vector layer is drawn with
 * QGIS's default symbol for its geometry type (as the render runner draws
 * it), one row labelled with the layer's name; anything else has no rows.
 */
async function defaultLegend(
  layer: QslJobLayer,
  why: string,
  ctx: RunnerContext,
): Promise<LayerLegend> {
  const none = (detail: string): LayerLegend => {
    ctx.logger.log(
      "warning",
      `layer '${layer.name}' ${why}${detail}: no legend rows`,
    );
    return { title: layer.name, entries: [] };
  };
  if (sourceKind(layer) !== "vector") return none("");
  const kind = await geometryKind(layer, ctx);
  if (kind instanceof Error) {
    return none(` and its data cannot be read (${kind.message})`);
  }
  if (!kind) return none(" and no geometry");
  const style = defaultVectorStyle(kind, layer.id);
  return {
    title: layer.name,
    entries: vectorEntries(style, layer.name),
    embedded: true,
  };
}

/**
 * The legend of a layer whose source gives its own image (a WMS's
 * GetLegendGraphic): QgsDefaultRasterLayerLegend's QgsWmsLegendNode, the
 * image alone in a row without a label. QGIS asks without a scale: the
 * legend model it draws has no map to make the legend contextual.
 */
async function sourceLegend(
  layer: QslJobLayer,
  source: Source,
  ctx: RunnerContext,
): Promise<LayerLegend> {
  const graphic = await source.legendGraphic!({ scale: null });
  if (!graphic) return { title: layer.name, entries: [] };
  let entry;
  try {
    entry = decodeLegendImage(
      await getCanvasKit(),
      graphic.data,
      webSettings().maxImagePixels,
    );
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    ctx.logger.log(
      "warning",
      `layer '${layer.name}': its legend graphic is refused (${
        error.message.replace(/^Cannot decode image: /, "")
      }): no legend rows`,
    );
    return { title: layer.name, entries: [] };
  }
  if (!entry) {
    ctx.logger.log(
      "warning",
      `layer '${layer.name}': its legend graphic (${graphic.contentType}) is not a readable image: no legend rows`,
    );
    return { title: layer.name, entries: [] };
  }
  return { title: layer.name, entries: [entry] };
}

/**
 * The legend rows of one job layer, from its style.
 *
 * @throws {JobError} when the style cannot be read.
 * @example
 * ```ts ignore
 * import { layerLegend } from "./legend.ts";
 * (await layerLegend(job.layers[0], null, ctx)).entries.length;
 * ```
 */
export async function layerLegend(
  layer: QslJobLayer,
  scale: number | null,
  ctx: RunnerContext,
): Promise<LayerLegend> {
  if (sourceKind(layer) === "raster") {
    const source = openSource(layer, ctx);
    if (source.legendGraphic) return await sourceLegend(layer, source, ctx);
  }
  const root = styleRoot(layer, ctx);
  if (!root) return await defaultLegend(layer, "has no style", ctx);
  await loadGeosFor([root], (m) => ctx.logger.log("warning", m));
  // the style says how a layer draws; its provider only whether it is a raster
  if (sourceKind(layer) === "raster") {
    let style;
    try {
      style = parseRasterStyle(root);
    } catch (error) {
      throw new JobError(
        `Cannot read the style of layer '${layer.name}': ${
          (error as Error).message
        }`,
        { cause: error },
      );
    }
    return {
      title: layer.name,
      opacity: style.opacity,
      entries: rasterEntries(
        style,
        layer.name,
        root,
        await bandNamer(layer, style, ctx),
      ),
      embedded: style.renderer?.type === "singlecolor",
    };
  }
  let style = vectorStyleOf(root);
  if (!style) {
    return await defaultLegend(
      layer,
      "has no vector renderer in its style",
      ctx,
    );
  }
  if (hasPluginRenderer(style)) {
    // QGIS without the plugin lists the default renderer it keeps
    const kind = await geometryKind(layer, ctx);
    if (kind instanceof Error) {
      ctx.logger.log(
        "warning",
        `layer '${layer.name}' has a plugin's renderer and its data cannot be read (${kind.message}): no legend rows`,
      );
      return { title: layer.name, entries: [] };
    }
    style = asQgisDraws(style, kind, layer.id);
  }
  return {
    title: layer.name,
    opacity: style.opacity,
    // the diagrams' rows follow the renderer's; the renderer's lone row,
    // labelled with the layer's name, then no longer stands for the layer
    entries: [
      ...vectorEntries(style, layer.name, { scale }),
      ...diagramEntries(style),
    ],
    embedded: embeddedEntry(style),
  };
}

/**
 * The legend runner.
 *
 * @example
 * ```ts ignore
 * import { legendRunner } from "./legend.ts";
 * const { data, contentType } = await legendRunner(info, ctx); // PNG bytes, "image/png"
 * ```
 */
export const legendRunner: Runner<QslJobInfoLegend> = async (
  info,
  ctx,
): Promise<RunnerOutput> => {
  const job = info.job;
  const format = legendFormat(job.format ?? "image/png");
  if (job.layers.length === 0) {
    throw new JobError("Cannot draw legend: the job has no layers");
  }
  if (job.layers.length > ctx.limits.maxLayers) {
    throw new JobError(
      `Cannot draw legend: ${job.layers.length} layers exceed the limit of ${ctx.limits.maxLayers}`,
    );
  }
  const dpi = job.dpi ?? 91;
  const layers: LayerLegend[] = [];
  for (const l of job.layers) {
    checkJobClock();
    layers.push(await layerLegend(l, job.scale ?? null, ctx));
  }
  const ck = await getCanvasKit();
  const fonts = withFallbackWarnings(
    fontLibrarySync(ck),
    (message) => ctx.logger.log("warning", message),
  );
  // QGIS sizes the legend (QgsLegendRenderer::minimumSize) with a render
  // context of 88 dpi and draws it with one of the output's dpi: ramp
  // labels measure differently in the two
  const lay = (dotsPerMm: number) => {
    const measure = createTextMeasure(ck, fonts, undefined, dotsPerMm);
    try {
      return layoutLegend(
        layers,
        { layerTitles: job.layer_title ?? false, dpi },
        measure,
      );
    } finally {
      measure.delete();
    }
  };
  const sized = lay(SIZING_DOTS_PER_MM);
  const layout = lay(dpi / 25.4);
  const size = legendImageSize(
    sized.width,
    sized.height,
    dpi,
    job.width ?? null,
    job.height ?? null,
  );
  size.width = Math.max(1, size.width);
  size.height = Math.max(1, size.height);
  if (size.width > ctx.limits.maxWidth || size.height > ctx.limits.maxHeight) {
    throw new JobError(
      `Cannot draw legend: ${size.width}×${size.height} exceeds the limit of ${ctx.limits.maxWidth}×${ctx.limits.maxHeight}`,
    );
  }
  const warned = new Set<string>();
  try {
    const data = drawLegend(ck, fonts, layout, format, {
      size,
      dpi,
      mapScale: job.scale ?? 1,
      compile: compileExpression,
      loadSvg: (p) => loadSvgFrom(p, ctx.svgPaths),
      loadImage: (p) =>
        loadImageFrom(p, [
          ...new Set(
            job.layers.flatMap((l) =>
              imageFolders(ctx.dataRoot, l.folder_name)
            ),
          ),
          ...ctx.svgPaths,
        ]),
      warn: (message) => {
        if (warned.has(message)) return;
        warned.add(message);
        ctx.logger.log("warning", message);
      },
    });
    return { data, contentType: format };
  } catch (error) {
    if (error instanceof JobError) throw error;
    throw new JobError(
      `Cannot draw legend: ${(error as Error).message}`,
      { cause: error },
    );
  }
};
