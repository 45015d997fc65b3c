/**
 * Labelling: QGIS simple and rule-based labels, placed as QGIS's PAL places
 * them and drawn with the bundled DejaVu fonts.
 *
 * @example
 * ```ts ignore
 * import { createLabelEngine } from "./mod.ts";
 * const engine = createLabelEngine(map, ck);
 * engine.addLayer({ layerId, qmlRoot, features, geometryKind: "point" });
 * engine.draw(canvas);
 * engine.delete();
 * ```
 *
 * @module
 */
export * from "./engine.ts";
export * from "./fonts.ts";
export * from "./settings.ts";
export * from "./placement.ts";
export * from "./costs.ts";
export * from "./problem.ts";
export * from "./polygon.ts";
export * from "./text.ts";
