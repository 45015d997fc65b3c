/**
 * The parity harness: renders a reference job and compares the image with
 * QGIS's render the way the upstream tests do (pixelmatch, threshold 0.2,
 * anti-aliased pixels counted). Diff images are written to `.parity/`
 * (ignored by git) when a case fails.
 *
 * @module
 */
import pixelmatch from "pixelmatch";
import { decode, encode } from "fast-png";
import { REFERENCE_DIR } from "../reference.ts";
import type { RunnerContext } from "../../worker/runners/types.ts";

/** Decoded RGBA image. */
export interface RgbaImage {
  /** Width. */
  width: number;
  /** Height. */
  height: number;
  /** Unpremultiplied RGBA pixels. */
  data: Uint8Array;
}

/** Decodes a PNG into 8-bit RGBA (fast-png gives RGB/GA/palette as stored). */
export function decodePng(bytes: Uint8Array): RgbaImage {
  const img = decode(bytes);
  const { width, height } = img;
  const src = img.data as Uint8Array | Uint16Array;
  const channels = img.channels;
  const out = new Uint8Array(width * height * 4);
  const depth = img.depth;
  const v = (i: number) => (depth === 16 ? src[i] >> 8 : src[i]);
  if (img.palette) {
    const pal = img.palette;
    for (let i = 0; i < width * height; i++) {
      const c = pal[src[i]];
      out.set([c[0], c[1], c[2], c.length > 3 ? c[3] : 255], i * 4);
    }
    return { width, height, data: out };
  }
  for (let i = 0; i < width * height; i++) {
    const o = i * 4, s = i * channels;
    if (channels >= 3) {
      out[o] = v(s);
      out[o + 1] = v(s + 1);
      out[o + 2] = v(s + 2);
      out[o + 3] = channels === 4 ? v(s + 3) : 255;
    } else {
      out[o] = out[o + 1] = out[o + 2] = v(s);
      out[o + 3] = channels === 2 ? v(s + 1) : 255;
    }
  }
  return { width, height, data: out };
}

/** A comparison's outcome. */
export interface ParityResult {
  /** Mismatched pixels (pixelmatch, threshold 0.2, AA counted). */
  mismatched: number;
  /** Pixels compared. */
  total: number;
  /** Where the diff image was written, if it was. */
  diffPath?: string;
}

/**
 * Compares two PNGs as the upstream tests do; writes `<name>.diff.png`
 * (and `<name>.ours.png`) into `.parity/` when `mismatched > limit`.
 */
export async function comparePng(
  actual: Uint8Array,
  expected: Uint8Array,
  name: string,
  limit: number,
): Promise<ParityResult> {
  const a = decodePng(actual);
  const e = decodePng(expected);
  if (a.width !== e.width || a.height !== e.height) {
    throw new Error(
      `size ${a.width}×${a.height} differs from the reference ${e.width}×${e.height}`,
    );
  }
  const diff = new Uint8Array(a.width * a.height * 4);
  const mismatched = pixelmatch(a.data, e.data, diff, a.width, a.height, {
    threshold: 0.2,
    includeAA: true,
  });
  const result: ParityResult = { mismatched, total: a.width * a.height };
  if (mismatched > limit) {
    const dir = new URL("../../.parity/", import.meta.url).pathname;
    await Deno.mkdir(dir, { recursive: true });
    const safe = name.replaceAll("/", "_");
    result.diffPath = `${dir}${safe}.diff.png`;
    await Deno.writeFile(
      result.diffPath,
      encode({ width: a.width, height: a.height, data: diff, channels: 4 }),
    );
    await Deno.writeFile(`${dir}${safe}.ours.png`, actual);
  }
  return result;
}

/** Reads a reference job's JSON (`<dir>/<name>.job.json`) and its QGIS render. */
export async function loadReferenceCase(
  dir: string,
  name: string,
): Promise<
  { envelope: unknown; job: unknown; expected: Uint8Array; dataRoot: string }
> {
  if (!REFERENCE_DIR) throw new Error("the reference corpus is absent");
  const base = `${REFERENCE_DIR}/${dir}`;
  const envelope = JSON.parse(
    await Deno.readTextFile(`${base}/${name}.job.json`),
  );
  return {
    envelope,
    job: envelope.job,
    expected: await Deno.readFile(`${base}/${name}.qgis.png`),
    dataRoot: base,
  };
}

/** A runner context for the reference corpus. */
export function referenceContext(dataRoot: string): RunnerContext {
  return {
    dataRoot,
    svgPaths: [],
    remoteHosts: [],
    limits: { maxWidth: 4096, maxHeight: 4096, maxLayers: 100 },
    logger: {
      log: (level, message) => {
        if (level !== "debug") console.warn(`[${level}] ${message}`);
      },
    },
  };
}

function padWhite(img: RgbaImage, width: number, height: number): Uint8Array {
  if (img.width === width && img.height === height) return img.data;
  const out = new Uint8Array(width * height * 4).fill(255);
  for (let y = 0; y < img.height; y++) {
    out.set(
      img.data.subarray(y * img.width * 4, (y + 1) * img.width * 4),
      y * width * 4,
    );
  }
  return out;
}

/**
 * Compares two PNGs of possibly different sizes (legends): both are padded
 * with white to the larger width and height, so the rows and columns one
 * lacks count as mismatched where the other has ink. `total` is the padded
 * image's pixels; `sizes` says how the sizes differ ("" when equal). Writes
 * the diff into `.parity/` when the mismatched share exceeds `limitPercent`.
 */
export async function comparePadded(
  actual: Uint8Array,
  expected: Uint8Array,
  name: string,
  limitPercent: number,
): Promise<ParityResult & { sizes: string }> {
  const a = decodePng(actual);
  const e = decodePng(expected);
  const width = Math.max(a.width, e.width);
  const height = Math.max(a.height, e.height);
  const diff = new Uint8Array(width * height * 4);
  const mismatched = pixelmatch(
    padWhite(a, width, height),
    padWhite(e, width, height),
    diff,
    width,
    height,
    { threshold: 0.2, includeAA: true },
  );
  const sizes = a.width === e.width && a.height === e.height
    ? ""
    : `; size ${a.width}×${a.height}, QGIS ${e.width}×${e.height}`;
  const result = { mismatched, total: width * height, sizes } as
    & ParityResult
    & { sizes: string };
  if (100 * mismatched / result.total > limitPercent) {
    const dir = new URL("../../.parity/", import.meta.url).pathname;
    await Deno.mkdir(dir, { recursive: true });
    const safe = name.replaceAll("/", "_");
    result.diffPath = `${dir}${safe}.diff.png`;
    await Deno.writeFile(
      result.diffPath,
      encode({ width, height, data: diff, channels: 4 }),
    );
    await Deno.writeFile(`${dir}${safe}.ours.png`, actual);
  }
  return result;
}
