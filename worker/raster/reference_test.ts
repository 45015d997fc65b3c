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
