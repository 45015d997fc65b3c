/**
 * Render speed: whole render jobs of the reference corpus through
 * `renderMap` (read, paint, encode; no Redis) against reading their
 * features alone as the baseline, and our PNG writer against Skia's PNG
 * encoder (ms per megapixel).
 *
 *     deno bench -A worker/runners/render_bench.ts   # Deno's statistics
 *     deno run -A worker/runners/render_bench.ts     # medians of 21 runs, ratios
 *     deno run -A worker/runners/render_bench.ts --memory   # and RSS over 1,000 jobs
 *
 * The Python worker (QGIS 3.22) took, end to end through Redis on our
 * 2-core machines: 16 ms for zones_outline_style, 97 ms for bui20220630.
 */
import { NO_REFERENCE, REFERENCE_DIR } from "../../tests/reference.ts";
import { referenceContext } from "../../tests/parity/parity.ts";
import { type RenderJob, renderMap } from "./render.ts";
import { renderDeps } from "./render_deps.ts";
import { collectFeatures, openVectorSource } from "../sources/mod.ts";
import { computeMapSettings } from "../map/compute.ts";
import { getCanvasKit } from "../paint/canvaskit.ts";
import { encodePng, encodePremultipliedPng } from "../paint/png.ts";
import { printMedians } from "../../tests/bench/medians.ts";
import { decodeStyle, encodeStyle } from "@qgis-server-light/interface";

interface Case {
  name: string;
  group: string;
  baseline?: boolean;
  fn: () => Promise<void> | void;
}
const benches: Case[] = [];

async function job(dir: string, name: string): Promise<RenderJob> {
  return JSON.parse(
    await Deno.readTextFile(`${REFERENCE_DIR}/${dir}/${name}.job.json`),
  ).job;
}

if (!NO_REFERENCE) {
  const zones = await job("demo", "zones_outline_style");
  const zonesCtx = referenceContext(`${REFERENCE_DIR}/demo`);
  const zonesMap = computeMapSettings(zones);
  const group = "zones_outline_style 640×440 (Python worker: 16 ms)";
  benches.push({
    name: "read its features only (source.features)",
    group,
    baseline: true,
    async fn() {
      const source = openVectorSource(zones.layers[0], zonesCtx, "read");
      await collectFeatures(
        await source.features({ bbox: zonesMap.extent, crs: zonesMap.crs }),
      );
    },
  });
  benches.push({
    name: "render (read + paint + PNG)",
    group,
    async fn() {
      await renderMap(zones, zonesCtx, renderDeps);
    },
  });
  const bui = await job("upstream", "bui20220630");
  const buiCtx = referenceContext(`${REFERENCE_DIR}/upstream`);
  benches.push({
    name: "bui20220630 1500×1500 raster (Python worker: 97 ms)",
    group,
    async fn() {
      await renderMap(bui, buiCtx, renderDeps);
    },
  });
}

{
  // selective masking: road names masking their casing (a second pass of
  // the roads, a mask image) against the same map with the mask off
  const dir = new URL("../../tests/parity/labels/testdata/", import.meta.url)
    .pathname;
  const masked: RenderJob = JSON.parse(
    await Deno.readTextFile(`${dir}masks_label_casing.job.json`),
  ).job;
  const plain: RenderJob = {
    ...masked,
    layers: masked.layers.map((l) => ({
      ...l,
      style: l.style && {
        ...l.style,
        definition: encodeStyle(
          decodeStyle(l.style.definition).replaceAll(
            'maskEnabled="1"',
            'maskEnabled="0"',
          ),
        ),
      },
    })),
  };
  const ctx = referenceContext(dir);
  const group = "masks_label_casing 480×346: roads labelled on the line";
  benches.push({
    name: "the label mask off",
    group,
    baseline: true,
    async fn() {
      await renderMap(plain, ctx, renderDeps);
    },
  });
  benches.push({
    name: "the names masking the roads' casing",
    group,
    async fn() {
      await renderMap(masked, ctx, renderDeps);
    },
  });
}

{
  // a 1500×1500 map of the demo zones' kind: anti-aliased shapes on transparency
  const ck = await getCanvasKit();
  const w = 1500, h = 1500;
  // premultiplied pixels of our own, as the render runner's surfaces are
  const pixels = ck.Malloc(Uint8Array, w * h * 4);
  const surface = ck.MakeRasterDirectSurface(
    {
      width: w,
      height: h,
      colorType: ck.ColorType.RGBA_8888,
      alphaType: ck.AlphaType.Premul,
      colorSpace: ck.ColorSpace.SRGB,
    },
    pixels,
    w * 4,
  )!;
  const canvas = surface.getCanvas();
  canvas.clear(ck.TRANSPARENT);
  const paint = new ck.Paint();
  paint.setAntiAlias(true);
  for (let i = 0; i < 400; i++) {
    paint.setColor(
      ck.Color((i * 37) % 256, (i * 91) % 256, (i * 53) % 256, 0.8),
    );
    canvas.drawCircle((i * 7919) % w, (i * 104729) % h, 20 + (i % 60), paint);
  }
  paint.delete();
  const info = {
    width: w,
    height: h,
    colorType: ck.ColorType.RGBA_8888,
    alphaType: ck.AlphaType.Unpremul,
    colorSpace: ck.ColorSpace.SRGB,
  };
  const group = "PNG encode 1500×1500 (2.25 Mpx; budget 20 ms/Mpx = 45 ms)";
  benches.push({
    name: "Skia's PNG encoder (makeImageSnapshot + encodeToBytes)",
    group,
    baseline: true,
    fn() {
      const image = surface.makeImageSnapshot();
      image.encodeToBytes(ck.ImageFormat.PNG, 100);
      image.delete();
    },
  });
  benches.push({
    name: "readPixels to unpremultiplied + encodePng (zlib level 1)",
    group,
    fn() {
      encodePng(canvas.readPixels(0, 0, info) as Uint8Array, w, h);
    },
  });
  benches.push({
    name: "ours: the surface's pixels + encodePremultipliedPng (zlib level 1)",
    group,
    fn() {
      encodePremultipliedPng(pixels.toTypedArray() as Uint8Array, w, h);
    },
  });
}

function medians(runs: number): Promise<unknown> {
  return printMedians(benches, runs);
}

/** Resident memory over 1,000 mixed render jobs (9 zones : 1 bui20220630). */
async function memory(jobs: number): Promise<void> {
  if (NO_REFERENCE) return;
  const zones = await job("demo", "zones_outline_style");
  const bui = await job("upstream", "bui20220630");
  const zc = referenceContext(`${REFERENCE_DIR}/demo`);
  const bc = referenceContext(`${REFERENCE_DIR}/upstream`);
  console.log(`\nresident memory over ${jobs} mixed render jobs`);
  for (let i = 0; i < jobs; i++) {
    if (i % 10 === 0) await renderMap(bui, bc, renderDeps);
    else await renderMap(zones, zc, renderDeps);
    if (i % 200 === 0 || i === jobs - 1) {
      console.log(
        `  after ${String(i + 1).padStart(4)}: ${
          (Deno.memoryUsage().rss / 1e6).toFixed(0)
        } MB`,
      );
    }
  }
}

if (import.meta.main) {
  await medians(21);
  if (Deno.args.includes("--memory")) await memory(1000);
} else for (const b of benches) Deno.bench(b);
