/**
 * Jobs from an exported config and WMS-like parameters, for the `job` and
 * `render --config` commands (the interface's builders do the work).
 *
 * @module
 */
import {
  buildFeatureInfoJob,
  buildFeatureJob,
  buildLegendJob,
  buildRenderJob,
  Config,
  jobEnvelope,
  type QslJobInfo,
} from "@qgis-server-light/interface";
import type { JOB_TYPES, WmsLikeOptions } from "./wms_options.ts";

/**
 * Reads an exported config file.
 *
 * @throws {RangeError} when the file cannot be read or is not a config.
 * @example
 * ```ts ignore
 * import { readConfig } from "./config_job.ts";
 * const config = await readConfig("out/demo.config.json");
 * ```
 */
export async function readConfig(path: string): Promise<Config> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    // A file that cannot be read is the work failing (exit 1), not usage.
    throw new Error(
      `Cannot read config '${path}': ${(e as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(
      `Cannot read config '${path}': ${(e as Error).message}`,
    );
  }
  const parsed = Config.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `Cannot read config '${path}': ${parsed.error.issues[0]?.message} at ${
        parsed.error.issues[0]?.path.join(".")
      }`,
    );
  }
  return parsed.data;
}

function need<T>(value: T | undefined, option: string, type: string): T {
  if (value === undefined) {
    throw new RangeError(`Cannot build the ${type} job: ${option} is required`);
  }
  return value;
}

/**
 * Builds a job envelope of the given type from a config and WMS-like options.
 *
 * @throws {RangeError} on a missing option or an unknown name.
 * @example
 * ```ts ignore
 * import { jobFromOptions, readConfig } from "./config_job.ts";
 * const config = await readConfig("out/demo.config.json");
 * jobFromOptions(config, "legend", { layers: ["roads"], folderName: "" });
 * ```
 */
export function jobFromOptions(
  config: Config,
  type: typeof JOB_TYPES[number],
  o: WmsLikeOptions,
): QslJobInfo {
  const layers = need(o.layers, "--layers", type);
  const selection = {
    layers,
    styles: o.styles,
    folder_name: o.folderName,
  };
  const map = () => ({
    crs: need(o.crs, "--crs", type),
    bbox: o.bbox,
    extent: o.extent,
    width: need(o.width, "--width", type),
    height: need(o.height, "--height", type),
    dpi: o.dpi ?? null,
  });
  switch (type) {
    case "render":
      return jobEnvelope(
        "QslJobInfoRender",
        buildRenderJob(config, { ...selection, ...map(), format: o.format }),
      );
    case "feature_info":
      return jobEnvelope(
        "QslJobInfoFeatureInfo",
        buildFeatureInfoJob(config, {
          ...selection,
          ...map(),
          i: need(o.i, "--i", type),
          j: need(o.j, "--j", type),
          query_layers: o.queryLayers,
          info_format: o.format,
          feature_count: o.count,
        }),
      );
    case "legend":
      return jobEnvelope(
        "QslJobInfoLegend",
        buildLegendJob(config, {
          ...selection,
          format: o.format,
          dpi: o.dpi,
          scale: o.scale,
        }),
      );
    case "feature":
      return jobEnvelope(
        "QslJobInfoFeature",
        buildFeatureJob(config, {
          layers,
          folder_name: o.folderName,
          count: o.count,
        }),
      );
  }
}
