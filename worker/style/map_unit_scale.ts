/**
 * QGIS's map unit scale (`QgsMapUnitScale`): how a size in map units is
 * held as the map zooms, by a scale range (drawn as at the range's ends
 * beyond them) and a size range in millimetres.
 *
 * @module
 */
import { toPixels, type UnitContext } from "./props.ts";

/** A decoded `QgsMapUnitScale`. */
export interface MapUnitScale {
  /** Most zoomed-out scale denominator sizes follow (0: none). */
  minScale: number;
  /** Most zoomed-in scale denominator sizes follow (0: none). */
  maxScale: number;
  /** Smallest size in millimetres, when not null. */
  minSizeMM: number | null;
  /** Largest size in millimetres, when not null. */
  maxSizeMM: number | null;
}

/**
 * Decodes a map unit scale as `QgsSymbolLayerUtils::decodeMapUnitScale`
 * does: `3x:minScale,maxScale,minOn,minMM,maxOn,maxMM` (QGIS 3's
 * denominators) or the pre-3 form whose scales are the denominators'
 * inverses; null when it holds nothing.
 *
 * @example
 * ```ts
 * import { decodeMapUnitScale } from "./map_unit_scale.ts";
 * decodeMapUnitScale("3x:0,0,1,5,1,100")?.maxSizeMM; // 100
 * ```
 */
export function decodeMapUnitScale(
  text: string | undefined,
): MapUnitScale | null {
  if (!text) return null;
  const v3 = text.startsWith("3x:");
  const parts = (v3 ? text.slice(3) : text).split(",");
  if (parts.length < 2) return null;
  const n = (s: string | undefined) => {
    const x = Number(s);
    return Number.isFinite(x) ? x : 0;
  };
  let minScale = n(parts[0]), maxScale = n(parts[1]);
  if (!v3) {
    minScale = minScale !== 0 ? 1 / minScale : 0;
    maxScale = maxScale !== 0 ? 1 / maxScale : 0;
  }
  const full = parts.length >= 6;
  const s: MapUnitScale = {
    minScale,
    maxScale,
    minSizeMM: full && Math.trunc(n(parts[2])) !== 0 ? n(parts[3]) : null,
    maxSizeMM: full && Math.trunc(n(parts[4])) !== 0 ? n(parts[5]) : null,
  };
  return s.minScale || s.maxScale || s.minSizeMM !== null ||
      s.maxSizeMM !== null
    ? s
    : null;
}

/**
 * A size in map units in output pixels under its map unit scale, as
 * `QgsRenderContext::convertToPainterUnits` converts it: map units per
 * pixel as at the scale range's end when the map lies beyond it
 * (`QgsMapUnitScale::computeMapUnitsPerPixel`), then held within the size
 * range.
 *
 * @example
 * ```ts
 * import { mapUnitPixels } from "./map_unit_scale.ts";
 * const scale = { minScale: 0, maxScale: 0, minSizeMM: 5, maxSizeMM: null };
 * mapUnitPixels(10, scale, { dpi: 96, mapUnitsPerPixel: 100 }, 378000); // ≈ 18.9 (5 mm)
 * ```
 */
export function mapUnitPixels(
  size: number,
  scale: MapUnitScale,
  units: UnitContext,
  mapScale: number,
): number {
  let mup = units.mapUnitsPerPixel;
  if (scale.minScale !== 0) {
    mup = Math.min(mup / (mapScale / scale.minScale), mup);
  }
  if (scale.maxScale !== 0) {
    mup = Math.max(mup / (mapScale / scale.maxScale), mup);
  }
  let px = toPixels(size, "MapUnit", { ...units, mapUnitsPerPixel: mup });
  const perMM = units.dpi / 25.4;
  if (scale.minSizeMM !== null) px = Math.max(px, scale.minSizeMM * perMM);
  if (scale.maxSizeMM !== null) px = Math.min(px, scale.maxSizeMM * perMM);
  return px;
}
