/**
 * The parts of the worker the render runner plugs in (expressions, OGC
 * filters, rasters, labels), gathered in one place.
 *
 * @module
 */
import type { RenderDeps } from "./render.ts";
import { renderRasterLayer } from "../raster/render.ts";
import { createLabelEngine } from "../labels/engine.ts";
import {
  type CompiledExpression,
  compileExpression,
  evaluate,
  isTruthy,
  type LayerLookup,
  withLayerLookup,
} from "../expression/mod.ts";
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
  createLabelEngine: (map, ck, warn, lookup) =>
    createLabelEngine(map, ck, {
      compile: lookup ? readingLayers(lookup) : compileExpression,
      warn,
    }),
};

// The label engine makes its own variables (map scale, layer id, symbol
// colour): its expressions get the job's layers added to them here.
function readingLayers(
  lookup: LayerLookup,
): (text: string) => CompiledExpression {
  return (text) => {
    const fn = compileExpression(text);
    return (ctx) =>
      fn({ ...ctx, variables: withLayerLookup(ctx.variables ?? {}, lookup) });
  };
}
