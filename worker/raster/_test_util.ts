/**
 * Test helpers: a map from a job's bbox/size (QgsMapSettings' square-pixel
 * growth), a silent context, unpremultiplying, image comparison.
 *
 * @module
 */
import pixelmatch from "pixelmatch";
import { encode } from "fast-png";
import type { MapSettings } from "../map/map_settings.ts";
import type { RunnerContext } from "../runners/types.ts";

/** A MapSettings the way QGIS grows a bbox around its centre. */
export function mapFor(
  bbox: { xmin: number; ymin: number; xmax: number; ymax: number },
  width: number,
  height: number,
  crs: string,
  dpi = 96,
): MapSettings {
  const upx = (bbox.xmax - bbox.xmin) / width;
  const upy = (bbox.ymax - bbox.ymin) / height;
  const mupp = Math.max(upx, upy);
  let { xmin, xmax, ymin, ymax } = bbox;
  if (upy > upx) {
    const ws = (width * mupp - (xmax - xmin)) * 0.5;
    xmin -= ws;
    xmax += ws;
  } else {
    const ws = (height * mupp - (ymax - ymin)) * 0.5;
    ymin -= ws;
    ymax += ws;
  }
  return {
    extent: { xmin, ymin, xmax, ymax },
    width,
    height,
    dpi,
    crs,
    mapUnitsPerPixel: mupp,
    scale: 0,
    format: "png",
  };
}

/** A context for tests: no remote hosts, logs kept. */
export function testContext(
  dataRoot: string,
  logs: string[] = [],
): RunnerContext {
  return {
    dataRoot,
    svgPaths: [],
    remoteHosts: [],
    limits: { maxWidth: 5000, maxHeight: 5000, maxLayers: 100 },
    logger: { log: (level, message) => logs.push(`${level}: ${message}`) },
  };
}

/**
 * Premultiplied → straight RGBA as Qt converts before writing a PNG:
 * `c × 255 / a` rounded half to even (Qt's SIMD path; QGIS's PNGs show
 * 81→202 and 51→128 at alpha 102).
 */
export function unpremultiply(rgba: Uint8Array): Uint8Array {
  const out = new Uint8Array(rgba.length);
  for (let o = 0; o < rgba.length; o += 4) {
    const a = rgba[o + 3];
    if (a === 0) continue;
    out[o + 3] = a;
    for (let k = 0; k < 3; k++) {
      const v = rgba[o + k] * 255 / a;
      const f = Math.floor(v);
      const r = v - f === 0.5 ? (f % 2 === 0 ? f : f + 1) : Math.round(v);
      out[o + k] = Math.min(255, r);
    }
  }
  return out;
}

/** pixelmatch (threshold 0.2, AA counted); writes the diff when asked. */
export function mismatched(
  actual: Uint8Array,
  expected: Uint8Array,
  width: number,
  height: number,
  diffPath?: string,
): number {
  const diff = new Uint8Array(width * height * 4);
  const n = pixelmatch(actual, expected, diff, width, height, {
    threshold: 0.2,
    includeAA: true,
  });
  if (diffPath && n > 0) {
    Deno.writeFileSync(
      diffPath,
      encode({ width, height, data: diff, channels: 4 }),
    );
    Deno.writeFileSync(
      diffPath.replace(/\.png$/, ".actual.png"),
      encode({ width, height, data: actual, channels: 4 }),
    );
  }
  return n;
}
