/**
 * The parts of the worker the render runner plugs in (expressions, OGC
 * filters, rasters, labels), gathered in one place.
 *
 * @module
 */
import type { RenderDeps } from "./render.ts";
import { renderRasterLayer } from "../raster/render.ts";

/** The worker's render dependencies. */
export const renderDeps: RenderDeps = {
  compile: (text) => {
    throw new SyntaxError(
      `Cannot evaluate expression '${text}': no expression engine is configured`,
    );
  },
  renderRaster: renderRasterLayer,
};
