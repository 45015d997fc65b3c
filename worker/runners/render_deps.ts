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
  type Measurer,
  withLayerLookup,
  withMeasurer,
} from "../expression/mod.ts";
import { ogcFilterToExpression } from "../filter/mod.ts";
import { getGdal } from "../gdal/gdal.ts";
import { transformInPlace } from "../gdal/transform.ts";

/** The worker's render dependencies. */
export const renderDeps: RenderDeps = {
  compile: compileExpression,
  parseFilter: ogcFilterToExpression,
  filterTest: (residual) => (feature, variables) =>
    isTruthy(
      evaluate(residual, { feature, geometry: feature.geometry, variables }),
    ),
  renderRaster: renderRasterLayer,
  createLabelEngine: (map, ck, warn, lookup, measurer) =>
    createLabelEngine(map, ck, {
      compile: lookup || measurer
        ? withJobContext(lookup ?? null, measurer ?? null)
        : compileExpression,
      warn,
    }),
  // called between the label engine's synchronous steps, never across an
  // await, so the engine's GDAL calls do not interleave with a queued task's
  pointTransform: async (from, to) => {
    const gdal = await getGdal();
    return (xy) => {
      if (!transformInPlace(gdal, [xy], from, to, false)[0]) xy.fill(NaN);
    };
  },
  coordinateTransform: async (from, to) => {
    const gdal = await getGdal();
    return (coords) => {
      transformInPlace(gdal, coords, from, to);
    };
  },
};

// The label engine makes its own variables (map scale, layer id, symbol
// colour): its expressions get the job's layers and the project's measures
// added to them here.
function withJobContext(
  lookup: LayerLookup | null,
  measurer: Measurer | null,
): (text: string) => CompiledExpression {
  return (text) => {
    const fn = compileExpression(text);
    return (ctx) => {
      let variables = ctx.variables ?? {};
      if (lookup) variables = withLayerLookup(variables, lookup);
      if (measurer) variables = withMeasurer(variables, measurer);
      return fn({ ...ctx, variables });
    };
  };
}
