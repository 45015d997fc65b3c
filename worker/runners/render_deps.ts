/**
 * The parts of the worker the render runner plugs in (expressions, OGC
 * filters, rasters, labels), gathered in one place.
 *
 * @module
 */
import type { RenderDeps } from "./render.ts";
import { renderRasterLayer } from "../raster/render.ts";
import { createLabelEngine } from "../labels/engine.ts";
import { compileExpression, evaluate, isTruthy } from "../expression/mod.ts";
import { ogcFilterToExpression } from "../filter/mod.ts";

/** The worker's render dependencies. */
export const renderDeps: RenderDeps = {
  compile: compileExpression,
  parseFilter: ogcFilterToExpression,
  filterTest: (residual) => (feature, variables) =>
    isTruthy(
      evaluate(residual, { feature, geometry: feature.geometry, variables }),
    ),
  renderRaster: renderRasterLayer,
  createLabelEngine: (map, ck, warn) =>
    createLabelEngine(map, ck, { compile: compileExpression, warn }),
};
