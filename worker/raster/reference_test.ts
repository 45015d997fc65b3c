import { DOMParser } from "@xmldom/xmldom";
import { decode } from "fast-png";
import { NO_REFERENCE, REFERENCE_DIR } from "../../tests/reference.ts";
import { renderRasterLayer } from "./render.ts";
import {
  mapFor,
  mismatched,
  testContext,
  unpremultiply,
} from "./_test_util.ts";

function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

Deno.test({
  name: "raster parity: upstream/bui20220630 ≤ 100 mismatched pixels",
  ignore: NO_REFERENCE,
  async fn() {
    const dir = `${REFERENCE_DIR}/upstream`;
    const job = JSON.parse(
      await Deno.readTextFile(`${dir}/bui20220630.job.json`),
    ).job;
    const qml = await Deno.readTextFile(`${dir}/bui20220630.qml`);
    const root = new DOMParser().parseFromString(qml, "text/xml")
      .documentElement!;
    const b = job.bbox;
    const map = mapFor(
      { xmin: b.x_min, ymin: b.y_min, xmax: b.x_max, ymax: b.y_max },
      job.width,
      job.height,
      job.crs,
      job.dpi,
    );
    const image = await renderRasterLayer(
      job.layers[0],
      root,
      map,
      testContext(dir),
    );
    assert(image, "nothing rendered");
    const expected = decode(
      await Deno.readFile(`${dir}/bui20220630.qgis.png`),
    );
    const tmp = await Deno.makeTempDir({ prefix: "qsl_raster_" });
    const n = mismatched(
      unpremultiply(image.rgba),
      expected.data as Uint8Array,
      map.width,
      map.height,
      `${tmp}/bui20220630.diff.png`,
    );
    const straight = unpremultiply(image.rgba);
    let exact = 0;
    for (let i = 0; i < straight.length; i += 4) {
      for (let k = 0; k < 4; k++) {
        if (straight[i + k] !== expected.data[i + k]) {
          exact++;
          break;
        }
      }
    }
    console.log(
      `bui20220630: ${n} mismatched pixels of ${
        map.width * map.height
      } (pixelmatch); ${exact} not byte-identical`,
    );
    if (n === 0) await Deno.remove(tmp, { recursive: true });
    assert(n <= 100, `${n} mismatched pixels (diff in ${tmp})`);
  },
});

Deno.test({
  name:
    "raster: demo/all_lv95 elevation layer (dem.tif) against the full QGIS map",
  ignore: NO_REFERENCE,
  async fn() {
    const dir = `${REFERENCE_DIR}/demo`;
    const job = JSON.parse(
      await Deno.readTextFile(`${dir}/all_lv95.job.json`),
    ).job;
    const layer = job.layers.find((l: { driver: string }) =>
      l.driver === "gdal"
    );
    const { inflateSync } = await import("node:zlib");
    const b64 = layer.style.definition.replace(/-/g, "+").replace(/_/g, "/");
    const qml = new TextDecoder().decode(
      inflateSync(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))),
    );
    const root = new DOMParser().parseFromString(qml, "text/xml")
      .documentElement!;
    const b = job.bbox;
    const map = mapFor(
      { xmin: b.x_min, ymin: b.y_min, xmax: b.x_max, ymax: b.y_max },
      job.width,
      job.height,
      job.crs,
      job.dpi,
    );
    const image = await renderRasterLayer(layer, root, map, testContext(dir));
    assert(image, "nothing rendered");
    const expected = decode(await Deno.readFile(`${dir}/all_lv95.qgis.png`));
    const actual = unpremultiply(image.rgba);
    // The QGIS map has the vector layers on top. Where its alpha is the
    // raster's own (0.8 → 204), nothing else was drawn: compare those
    // pixels, and take QGIS's pixel everywhere else.
    const masked = Uint8Array.from(expected.data as Uint8Array);
    let alone = 0;
    for (let i = 0; i < actual.length; i += 4) {
      if (expected.data[i + 3] !== 204) continue;
      alone++;
      masked.set(actual.subarray(i, i + 4), i);
    }
    const n = mismatched(
      masked,
      expected.data as Uint8Array,
      map.width,
      map.height,
    );
    let drawn = 0;
    for (let i = 3; i < actual.length; i += 4) if (actual[i]) drawn++;
    console.log(
      `all_lv95 elevation: ${n} mismatched pixels among the ${alone} where QGIS shows the raster alone`,
    );
    assert(n <= 100, `${n} mismatched raster-only pixels`);
    assert(drawn > 0, "no raster pixel drawn");
  },
});
