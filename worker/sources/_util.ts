/**
 * Helpers the providers share: decoding a job layer's `source` JSON, the
 * "Cannot open layer" error, and reprojecting decoded features in one batch.
 *
 * @module
 */
import type { Feature } from "../geometry/types.ts";
import type { Gdal } from "../gdal/gdal.ts";
import { transformInPlace } from "../gdal/transform.ts";
import { JobError } from "../runners/types.ts";

/** What the helpers need of a layer: its name (for errors) and its source. */
export interface NamedSource {
  /** Layer name, used in error messages. */
  name: string;
  /** QGIS's decoded provider URI as a JSON string. */
  source: string;
}

/**
 * "Cannot open layer '<name>': <detail>" as a {@link JobError}.
 *
 * @example
 * ```ts
 * import { openError } from "./_util.ts";
 * openError({ name: "roads" }, "file not found").message;
 * // "Cannot open layer 'roads': file not found"
 * ```
 */
export function openError(
  layer: Pick<NamedSource, "name">,
  detail: string,
  cause?: unknown,
): JobError {
  return new JobError(
    `Cannot open layer '${layer.name}': ${detail}`,
    cause === undefined ? undefined : { cause },
  );
}

/**
 * A layer's `source` JSON as an object.
 *
 * @throws {JobError} when it is not valid JSON or not a JSON object.
 * @example
 * ```ts
 * import { decodeSourceJson } from "./_util.ts";
 * decodeSourceJson({ name: "roads", source: '{"path": "roads.gpkg"}' }).path; // "roads.gpkg"
 * ```
 */
export function decodeSourceJson(layer: NamedSource): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(layer.source);
  } catch (error) {
    throw openError(layer, "its source is not valid JSON", error);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw openError(layer, "its source is not a JSON object");
  }
  return raw as Record<string, unknown>;
}

/**
 * The first of `keys` the source sets (not null, not empty) as text:
 * strings as they are, numbers and booleans written out.
 *
 * @throws {JobError} "source key '<key>' must be a string" for an object or array.
 * @example
 * ```ts
 * import { sourceText } from "./_util.ts";
 * const layer = { name: "t" };
 * sourceText(layer, { layer_name: "towns" }, "layerName", "layer_name"); // "towns"
 * sourceText(layer, { port: 5432 }, "port"); // "5432"
 * sourceText(layer, { subset: "" }, "subset"); // undefined
 * ```
 */
export function sourceText(
  layer: Pick<NamedSource, "name">,
  record: Record<string, unknown>,
  ...keys: string[]
): string | undefined {
  return pickText(layer, record, keys, true);
}

/**
 * As {@link sourceText}, for keys that must be strings (a path, a layer
 * name): a number or boolean fails too.
 *
 * @throws {JobError} "source key '<key>' must be a string".
 * @example
 * ```ts
 * import { sourceString } from "./_util.ts";
 * sourceString({ name: "t" }, { path: "a.csv" }, "path"); // "a.csv"
 * ```
 */
export function sourceString(
  layer: Pick<NamedSource, "name">,
  record: Record<string, unknown>,
  ...keys: string[]
): string | undefined {
  return pickText(layer, record, keys, false);
}

function pickText(
  layer: Pick<NamedSource, "name">,
  record: Record<string, unknown>,
  keys: string[],
  scalars: boolean,
): string | undefined {
  for (const key of keys) {
    const value = record[key];
    if (value === undefined || value === null || value === "") continue;
    if (
      scalars && (typeof value === "number" || typeof value === "boolean")
    ) {
      return String(value);
    }
    if (typeof value !== "string") {
      throw openError(layer, `source key '${key}' must be a string`);
    }
    return value;
  }
  return undefined;
}

/**
 * Reprojects features (each with a geometry) in place, in one batch through
 * GDAL; features with a point that does not transform are dropped. Lines
 * and polygons keep their bounding box corner (xmin, ymin) in the source
 * CRS, reprojected, as `textureOrigin` (QGIS 3.22 anchors texture brushes
 * there, not at the reprojected geometry's corner).
 *
 * @throws {JobError} "Cannot reproject to <crs>: …" when GDAL has no
 * transformation between the two CRSs.
 * @example
 * ```ts ignore
 * import { withGdal } from "../gdal/gdal.ts";
 * import { reprojectFeatures } from "./_util.ts";
 * const out = await withGdal((gdal) => reprojectFeatures(gdal, features, "EPSG:4326", "EPSG:2056"));
 * ```
 */
export function reprojectFeatures(
  gdal: Gdal,
  features: Feature[],
  from: string,
  to: string,
): Feature[] {
  const arrays: Float64Array[] = [];
  const owners: number[] = [];
  const corners: [Float64Array, Feature][] = [];
  features.forEach((f, i) => {
    let x0 = Infinity, y0 = Infinity;
    for (const part of f.geometry!.parts) {
      for (const ring of part) {
        arrays.push(ring);
        owners.push(i);
        for (let k = 0; k + 1 < ring.length; k += 2) {
          if (ring[k] < x0) x0 = ring[k];
          if (ring[k + 1] < y0) y0 = ring[k + 1];
        }
      }
    }
    if (f.geometry!.kind !== "point" && x0 < Infinity && y0 < Infinity) {
      corners.push([new Float64Array([x0, y0]), f]);
    }
  });
  for (const [corner] of corners) {
    arrays.push(corner);
    owners.push(-1);
  }
  let ok: boolean[];
  try {
    ok = transformInPlace(gdal, arrays, from, to);
  } catch (error) {
    throw new JobError(
      `Cannot reproject to ${to}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const failed = new Set<number>();
  ok.forEach((good, k) => {
    if (!good && owners[k] >= 0) failed.add(owners[k]);
  });
  const first = arrays.length - corners.length;
  corners.forEach(([corner, f], k) => {
    if (ok[first + k]) f.textureOrigin = [corner[0], corner[1]];
    else delete f.textureOrigin;
  });
  return failed.size ? features.filter((_, i) => !failed.has(i)) : features;
}
