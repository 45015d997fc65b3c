/**
 * Legends (GetLegendGraphic): a layer's style → legend rows
 * (`entries.ts`), rows → positions in millimetres with QGIS's legend
 * defaults and the output size (`layout.ts`), positions → a PNG or JPEG
 * painted with Skia (`draw.ts`). The runner is `../runners/legend.ts`.
 *
 * @example
 * ```ts
 * import { legendImageSize } from "./mod.ts";
 * legendImageSize(25.4, 25.4, 100, null, null).scale; // 0.75
 * ```
 *
 * @module
 */
export * from "./entries.ts";
export * from "./layout.ts";
export * from "./draw.ts";
export * from "./image.ts";
