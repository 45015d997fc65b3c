/**
 * The parts of the worker the render runner plugs in (expressions, OGC
 * filters, rasters, labels), gathered in one place.
 *
 * @module
 */
import type { RenderDeps } from "./render.ts";
import { renderRasterLayer } from "../raster/render.ts";
import { createLabelEngine } from "../labels/engine.ts";
import type { ExpressionCompiler } from "../paint/context.ts";

const compile: ExpressionCompiler = (text) => {
  throw new SyntaxError(
    `Cannot evaluate expression '${text}': no expression engine is configured`,
  );
};

/** The worker's render dependencies. */
export const renderDeps: RenderDeps = {
  compile,
  renderRaster: renderRasterLayer,
  createLabelEngine: (map, ck, warn) =>
    createLabelEngine(map, ck, { compile, warn }),
};
