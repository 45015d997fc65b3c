/**
 * Jobs from an exported config and WMS-like parameters, for the `job` and
 * `render --config` commands (the interface's builders do the work).
 *
 * @module
 */
import { Option } from "@commander-js/extra-typings";
import type { Command } from "@commander-js/extra-typings";
import {
  buildFeatureInfoJob,
  buildFeatureJob,
  buildLegendJob,
  buildRenderJob,
  Config,
  jobEnvelope,
  type QslJobInfo,
} from "@qgis-server-light/interface";

/** The job types the `job` command writes. */
export const JOB_TYPES = [
  "render",
  "feature",
  "feature_info",
  "legend",
] as const;

/** WMS-like parameters, as the options below parse them. */
export interface WmsLikeOptions {
  /** `LAYERS`: names of layers or groups, the first drawn at the bottom. */
  layers: string[];
  /** `STYLES`, one per layer; empty: the layer's current style. */
  styles?: string[];
  /** `BBOX` in the CRS's axis order (WMS 1.3). */
  bbox?: string;
  /** The box as x/y (east/north), swapped where the CRS needs it. */
  extent?: string;
  /** `CRS`. */
  crs?: string;
  /** `WIDTH`. */
  width?: number;
  /** `HEIGHT`. */
  height?: number;
  /** `DPI`. */
  dpi?: number;
  /** `FORMAT` (or `INFO_FORMAT`). */
  format?: string;
  /** Folder below the data root. */
  folderName: string;
  /** `I` (feature info). */
  i?: number;
  /** `J` (feature info). */
  j?: number;
  /** `QUERY_LAYERS` (feature info). */
  queryLayers?: string[];
  /** `FEATURE_COUNT` / `COUNT`. */
  count?: number;
  /** `SCALE` (legend). */
  scale?: number;
}

const names = (v: string): string[] => v.split(",").map((s) => s.trim());
const nonEmpty = (v: string): string[] => names(v).filter((s) => s !== "");
const num = (v: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new RangeError(`'${v}' is not a number`);
  return n;
};

/**
 * Adds the WMS-like options to a command.
 *
 * @example
 * ```ts ignore
 * import { Command } from "@commander-js/extra-typings";
 * import { wmsLikeOptions } from "./config_job.ts";
 * wmsLikeOptions(new Command("job"));
 * ```
 */
// deno-lint-ignore no-explicit-any
export function wmsLikeOptions<C extends Command<any, any, any>>(cmd: C): C {
  cmd
    .addOption(
      new Option(
        "--layers <names>",
        "LAYERS: layers or groups, ','-separated, the first at the bottom",
      ).argParser(nonEmpty),
    )
    .addOption(
      new Option("--styles <names>", "STYLES, one per layer ('' = current)")
        .argParser(names),
    )
    .option(
      "--bbox <box>",
      "BBOX in the CRS's axis order (lat/lon for EPSG:4326)",
    )
    .option("--extent <box>", "the box as x/y (east/north), instead of --bbox")
    .option("--crs <crs>", "CRS, e.g. EPSG:2056")
    .addOption(new Option("--width <px>", "WIDTH").argParser(num))
    .addOption(new Option("--height <px>", "HEIGHT").argParser(num))
    .addOption(new Option("--dpi <dpi>", "DPI").argParser(num))
    .option("--format <mime>", "FORMAT (INFO_FORMAT for feature info)")
    .option("--folder-name <dir>", "folder below the data root", "")
    .addOption(new Option("--i <px>", "I (feature info)").argParser(num))
    .addOption(new Option("--j <px>", "J (feature info)").argParser(num))
    .addOption(
      new Option("--query-layers <names>", "QUERY_LAYERS (feature info)")
        .argParser(nonEmpty),
    )
    .addOption(
      new Option("--count <n>", "FEATURE_COUNT / COUNT").argParser(num),
    )
    .addOption(new Option("--scale <n>", "SCALE (legend)").argParser(num));
  return cmd;
}

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
