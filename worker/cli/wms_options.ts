/**
 * The WMS-like options of the `job` and `render --config` commands. Apart
 * from the builders (`config_job.ts`, which load the interface's schemas):
 * the program declares these options before the worker registers.
 *
 * @module
 */
import { Option } from "@commander-js/extra-typings";
import type { Command } from "@commander-js/extra-typings";

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
 * import { wmsLikeOptions } from "./wms_options.ts";
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
