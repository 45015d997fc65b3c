/**
 * Decoding a Mapbox vector tile (MVT protobuf, gzip-compressed or not) into
 * features in EPSG:3857, as QGIS 3.22's `QgsVectorTileMVTDecoder` builds
 * them: a point feature is a (multi)point, a line feature a
 * (multi)linestring, a polygon feature one polygon per exterior ring (a
 * ring whose shoelace sum, taken in EPSG:3857 as QGIS takes it, is not
 * negative: `QgsVectorTileMVTUtils::isExteriorRing`) with the interior
 * rings after it as its holes; the
 * attribute `_geom_type` is `Point`, `LineString` or `Polygon`; feature ids
 * are QGIS's pseudo-unique ones (feature, layer, row and column numbers).
 *
 * The protobuf is read with `@mapbox/vector-tile` (over `pbf`), Mapbox's
 * own reader of the format: its `loadGeometry` gives a feature's command
 * stream as rings in tile units, which are classified here as QGIS does
 * (its `classifyRings` differs: it follows the first ring's winding).
 *
 * @module
 */
import { VectorTile } from "@mapbox/vector-tile";
import { PbfReader } from "pbf";
import { Gunzip } from "fflate";
import type { Feature, Geometry } from "../../geometry/types.ts";
import { tileExtent, type TileId } from "./tile_matrix.ts";

/** A decoded tile: features by tile layer name, in the tile's layer order. */
export type TileFeatures = Map<string, Feature[]>;

const GEOM_TYPES = ["", "Point", "LineString", "Polygon"] as const;

/**
 * Whether a closed ring (map coordinates, y up) is an exterior ring: the
 * sum of `(x₂ − x₁)(y₂ + y₁)` over its edges is not negative — clockwise
 * with y up, which is an MVT exterior ring once its rows are flipped
 * (`QgsVectorTileMVTUtils::isExteriorRing`).
 *
 * @example
 * ```ts
 * import { isExteriorRing } from "./mvt.ts";
 * // clockwise with y up
 * isExteriorRing([0, 0, 0, 10, 10, 10, 10, 0, 0, 0]); // true
 * ```
 */
export function isExteriorRing(ring: ArrayLike<number>): boolean {
  let total = 0;
  for (let i = 0; i + 3 < ring.length; i += 2) {
    total += (ring[i + 2] - ring[i]) * (ring[i + 3] + ring[i + 1]);
  }
  return total >= 0;
}

/**
 * Most bytes a tile may inflate to: 64 MiB (real tiles are kilobytes to a
 * few megabytes; a gzip bomb of 64 kB inflates to 64 MiB).
 */
export const MAX_TILE_BYTES = 64 * 1024 * 1024;

// compressed bytes inflated at a time: deflate inflates at most ~1,032
// times, so one step never produces more than ~4 MiB past the limit
const INFLATE_STEP = 4096;

/**
 * The bytes of a tile as the protobuf: gunzipped when gzip-compressed,
 * step by step, refused beyond {@link MAX_TILE_BYTES}.
 *
 * @throws {RangeError} "Cannot decode tile: …" for broken gzip data or a
 * tile that inflates to more than the limit.
 * @example
 * ```ts
 * import { tileBytes } from "./mvt.ts";
 * tileBytes(new Uint8Array([0x1a, 0])).length; // 2
 * ```
 */
export function tileBytes(
  raw: Uint8Array,
  maxBytes: number = MAX_TILE_BYTES,
): Uint8Array {
  if (raw.length < 2 || raw[0] !== 0x1f || raw[1] !== 0x8b) return raw;
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    const inflater = new Gunzip((chunk) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    for (let at = 0; at < raw.length && size <= maxBytes; at += INFLATE_STEP) {
      const end = Math.min(at + INFLATE_STEP, raw.length);
      inflater.push(raw.subarray(at, end), end === raw.length);
    }
  } catch (error) {
    throw new RangeError(
      `Cannot decode tile: bad gzip data (${(error as Error).message})`,
      { cause: error },
    );
  }
  if (size > maxBytes) {
    throw new RangeError(
      `Cannot decode tile: it inflates to more than ${maxBytes} bytes (the limit)`,
    );
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * Decodes one tile into features in EPSG:3857.
 *
 * @throws {RangeError} "Cannot decode tile z/x/y: …" when the bytes are not
 * a vector tile.
 * @example
 * ```ts
 * import { decodeTile } from "./mvt.ts";
 * decodeTile(new Uint8Array(0), { z: 0, x: 0, y: 0 }).size; // 0
 * ```
 */
export function decodeTile(raw: Uint8Array, id: TileId): TileFeatures {
  let tile: VectorTile;
  const out: TileFeatures = new Map();
  try {
    tile = new VectorTile(new PbfReader(tileBytes(raw)));
  } catch (error) {
    const detail = (error as Error).message.replace(
      /^Cannot decode tile: /,
      "",
    );
    throw new RangeError(
      `Cannot decode tile ${id.z}/${id.x}/${id.y}: ${detail}`,
      { cause: error },
    );
  }
  const box = tileExtent(id);
  const dx = box.xmax - box.xmin, dy = box.ymax - box.ymin;
  let layerNum = 0;
  for (const [name, layer] of Object.entries(tile.layers)) {
    const features: Feature[] = [];
    const extent = layer.extent;
    for (let i = 0; i < layer.length; i++) {
      let f;
      let rings;
      try {
        f = layer.feature(i);
        rings = f.loadGeometry();
      } catch (error) {
        throw new RangeError(
          `Cannot decode tile ${id.z}/${id.x}/${id.y}: ${
            (error as Error).message
          }`,
          { cause: error },
        );
      }
      const type = f.type;
      if (type === 0) continue;
      // tile units to EPSG:3857 (y up), where QGIS classifies rings
      const mapRings = rings.map((ring) => {
        const a = new Float64Array(ring.length * 2);
        ring.forEach((p, k) => {
          a[2 * k] = box.xmin + (dx * p.x) / extent;
          a[2 * k + 1] = box.ymax - (dy * p.y) / extent;
        });
        return a;
      });
      const geometry = toGeometry(type, mapRings);
      if (!geometry) continue;
      const attributes: Feature["attributes"] = { ...f.properties };
      attributes._geom_type = GEOM_TYPES[type];
      // QgsVectorTileMVTDecoder's pseudo-unique ids (labels need distinct ones)
      const id0 = i + (layerNum & 0xff) * 2 ** 24 + (id.y & 0xff) * 2 ** 32 +
        (id.x & 0xff) * 2 ** 40;
      features.push({ id: id0, attributes, geometry });
    }
    out.set(name, features);
    layerNum++;
  }
  return out;
}

function toGeometry(
  type: 1 | 2 | 3,
  rings: Float64Array[],
): Geometry | null {
  if (type === 1) {
    const parts: Float64Array[][] = [];
    for (const r of rings) {
      for (let k = 0; k + 1 < r.length; k += 2) {
        parts.push([r.slice(k, k + 2)]);
      }
    }
    return parts.length ? { kind: "point", parts } : null;
  }
  if (type === 2) {
    const parts = rings.filter((r) => r.length >= 2).map((r) => [r]);
    return parts.length ? { kind: "line", parts } : null;
  }
  const parts: Float64Array[][] = [];
  for (const r of rings) {
    if (r.length < 2) continue;
    if (isExteriorRing(r)) parts.push([r]);
    // a hole before any exterior ring is dropped, as QGIS drops it
    else if (parts.length) parts[parts.length - 1].push(r);
  }
  return parts.length ? { kind: "polygon", parts } : null;
}
