import { assert } from "./_test_util.ts";
import {
  distanceTransform,
  gaussianBlur,
  multiplyOpacity,
  type RgbaImage,
  stackBlur,
} from "./image_ops.ts";

// QGIS 3.22's QgsImageOperation on one image (testdata/make_image_ops.py)
const ref = JSON.parse(
  await Deno.readTextFile(
    new URL("./testdata/image_ops.json", import.meta.url),
  ),
) as Record<string, string | number>;

function image(key: string): RgbaImage {
  const bin = atob(ref[key] as string);
  const data = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);
  return { data, width: ref.width as number, height: ref.height as number };
}

/** The largest channel difference, and how many channels differ. */
function compare(a: RgbaImage, key: string): { max: number; off: number } {
  const e = image(key).data;
  let max = 0, off = 0;
  for (let i = 0; i < e.length; i += 4) {
    // a transparent pixel's colour does not show
    if (a.data[i + 3] === 0 && e[i + 3] === 0) continue;
    for (let c = 0; c < 4; c++) {
      const d = Math.abs(a.data[i + c] - e[i + c]);
      if (d > 0) off++;
      max = Math.max(max, d);
    }
  }
  return { max, off };
}

for (const r of [1, 2, 3, 5, 16]) {
  Deno.test(`stackBlur radius ${r}: QGIS's bytes`, () => {
    const im = image("source");
    stackBlur(im, r);
    const { max, off } = compare(im, `stack_${r}`);
    assert(max <= 1, `radius ${r}: off by up to ${max} in ${off} channels`);
  });
}

for (const r of [3, 8]) {
  Deno.test(`gaussianBlur radius ${r}: QGIS's bytes`, () => {
    const { max, off } = compare(
      gaussianBlur(image("source"), r),
      `gauss_${r}`,
    );
    assert(max <= 1, `radius ${r}: off by up to ${max} in ${off} channels`);
  });
}

for (const exterior of [true, false]) {
  const key = exterior ? "dt_exterior" : "dt_interior";
  Deno.test(`distanceTransform (${key.slice(3)}): QGIS's glow shading`, () => {
    const im = image("source");
    distanceTransform(
      im,
      4.6,
      exterior,
      (v) => [255, 1, 1, Math.round(255 * (1 - v))],
    );
    const { max, off } = compare(im, key);
    assert(max <= 1, `off by up to ${max} in ${off} channels`);
  });
}

for (const f of [0.5, 1.7]) {
  Deno.test(`multiplyOpacity ${f}: QGIS's alpha`, () => {
    const im = image("source");
    multiplyOpacity(im, f);
    const { max, off } = compare(im, `opacity_${f}`);
    assert(max <= 1, `off by up to ${max} in ${off} channels`);
  });
}
