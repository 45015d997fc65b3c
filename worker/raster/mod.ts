/**
 * Raster layers drawn as QGIS draws them: the QML raster pipe parsed into a
 * {@link RasterStyle}, bands read and sampled with QGIS's provider
 * arithmetic through gdal3.js, coloured by pure renderer functions.
 *
 * @example
 * ```ts ignore
 * import { renderRasterLayer } from "./mod.ts";
 * const image = await renderRasterLayer(layer, qmlRoot, map, ctx);
 * ```
 *
 * @module
 */
export {
  type PixelRect,
  type RasterImage,
  type RasterJobLayer,
  renderRasterLayer,
} from "./render.ts";
export {
  type ColorRampItem,
  type ColorRampShaderStyle,
  type ContrastAlgorithm,
  type ContrastEnhancementStyle,
  parseColor,
  parseRasterStyle,
  type RasterRendererStyle,
  type RasterStyle,
  type ResamplingMethod,
  type Rgba,
  type TransparentRange,
  type TransparentRgb,
} from "./style.ts";
export { ColorRampShader } from "./color_ramp.ts";
export {
  enhanceContrast,
  nodataPixel,
  type RasterBlock,
  renderBlocks,
  rendererBands,
  renderGray,
  renderHillshade,
  renderMultiband,
  type RenderOptions,
  renderPaletted,
  renderPseudocolor,
  transparencyOpacity,
} from "./renderers.ts";
export { applyBrightnessContrast, applyHueSaturation } from "./filters.ts";
export {
  MapToPixel,
  providerBlock,
  rasterIteratorTiles,
  rasterViewport,
  type SourceGrid,
  type Tile,
  type Viewport,
  type WindowReader,
} from "./sampling.ts";
