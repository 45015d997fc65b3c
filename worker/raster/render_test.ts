import { DOMParser } from "@xmldom/xmldom";
import { withGdal } from "../gdal/gdal.ts";
import { JobError } from "../runners/types.ts";
import { ColorRampShader } from "./color_ramp.ts";
import { renderRasterLayer } from "./render.ts";
import { parseRasterStyle } from "./style.ts";
import { mapFor, testContext } from "./_test_util.ts";
import { assert, assertEquals } from "./_assert.ts";

// A 40 × 30 raster of 100 m cells at (2600000, 1200000) in EPSG:2056,
// values = col + row, no data = -9999 on the diagonal col == row.
const W = 40, H = 30, CELL = 100, X0 = 2600000, Y0 = 1200000;
const value = (c: number, r: number) => (c === r ? -9999 : c + r);

const root = await Deno.makeTempDir({ prefix: "qsl_raster_test_" });
await Deno.mkdir(`${root}/data`);

async function writeAsc(name: string, f: (c: number, r: number) => number) {
  const lines = [
    `ncols ${W}`,
    `nrows ${H}`,
    `xllcorner ${X0}`,
    `yllcorner ${Y0}`,
    `cellsize ${CELL}`,
    `NODATA_value -9999`,
  ];
  for (let r = 0; r < H; r++) {
    lines.push(Array.from({ length: W }, (_, c) => f(c, r)).join(" "));
  }
  await Deno.writeTextFile(`${root}/${name}.asc`, lines.join("\n") + "\n");
}

async function toGeoTiff(
  input: string,
  output: string,
  extra: string[] = [],
  openOptions: string[] = [],
) {
  await withGdal(async (gdal) => {
    const opened = await gdal.open(input, openOptions);
    const ds = opened.datasets[0];
    try {
      const out = await gdal.gdal_translate(
        ds,
        ["-of", "GTiff", "-a_srs", "EPSG:2056", ...extra],
        output,
      );
      await Deno.writeFile(
        `${root}/data/${output}.tif`,
        gdal.Module.FS.readFile(out.local),
      );
      gdal.Module.FS.unlink(out.local);
    } finally {
      await gdal.close(ds);
    }
  });
}

await writeAsc("single", value);
await toGeoTiff(`${root}/single.asc`, "single", ["-ot", "Float32"]);
// Three bands through a VRT of three grids.
await writeAsc("r", (c) => c * 6);
await writeAsc("g", (_c, r) => r * 8);
await writeAsc("b", () => 77);
await Deno.writeTextFile(
  `${root}/rgb.vrt`,
  `<VRTDataset rasterXSize="${W}" rasterYSize="${H}">
  <GeoTransform>${X0}, ${CELL}, 0, ${Y0 + H * CELL}, 0, -${CELL}</GeoTransform>
  ${
    ["r", "g", "b"].map((n, i) =>
      `<VRTRasterBand dataType="Byte" band="${i + 1}"><SimpleSource>
    <SourceFilename relativeToVRT="1">${n}.asc</SourceFilename><SourceBand>1</SourceBand>
  </SimpleSource></VRTRasterBand>`
    ).join("\n")
  }
</VRTDataset>`,
);
await toGeoTiff(`${root}/rgb.vrt`, "rgb");
// Float64 values just above a class break (single precision rounds it away)
await writeAsc("fine", () => 10.0000001);
// (the grid read as doubles: AAIGrid reads decimals as Float32 by default)
await toGeoTiff(`${root}/fine.asc`, "fine", ["-ot", "Float64"], [
  "DATATYPE=Float64",
]);

const layer = (path: string, name = "test") => ({
  id: `raster_test_${path}`,
  name,
  source: JSON.stringify({ path }),
  remote: false,
  folder_name: "data",
  driver: "gdal",
});

const qml = (renderer: string, extra = "") =>
  new DOMParser().parseFromString(
    `<qgis><pipe>${renderer}</pipe>${extra}</qgis>`,
    "text/xml",
  ).documentElement!;

const PSEUDO =
  `<rasterrenderer type="singlebandpseudocolor" band="1" opacity="1">
  <rastershader><colorrampshader colorRampType="DISCRETE" clip="0">
    <item value="10" color="#ff0000" alpha="255"/>
    <item value="30" color="#00ff00" alpha="255"/>
    <item value="inf" color="#0000ff" alpha="255"/>
  </colorrampshader></rastershader></rasterrenderer>`;

const fullMap = (width: number, height: number, crs = "EPSG:2056") =>
  mapFor(
    { xmin: X0, ymin: Y0, xmax: X0 + W * CELL, ymax: Y0 + H * CELL },
    width,
    height,
    crs,
  );

function pixel(
  rgba: Uint8Array,
  width: number,
  x: number,
  y: number,
): number[] {
  const o = (y * width + x) * 4;
  return Array.from(rgba.slice(o, o + 4));
}

function expectedColour(v: number): number[] {
  if (v === -9999) return [0, 0, 0, 0];
  const style = parseRasterStyle(qml(PSEUDO));
  if (style.renderer?.type !== "singlebandpseudocolor") throw new Error();
  const c = new ColorRampShader(style.renderer.shader).shade(v);
  return c ? [c.r, c.g, c.b, c.a] : [0, 0, 0, 0];
}

Deno.test({
  name:
    "renderRasterLayer: one map pixel per cell gives each cell's class colour",
  sanitizeResources: false,
  async fn() {
    const map = fullMap(W, H);
    const image = await renderRasterLayer(
      layer("single.tif"),
      qml(PSEUDO),
      map,
      testContext(root),
    );
    assert(image, "rendered");
    assertEquals(
      [image.width, image.height, image.premultiplied],
      [W, H, true],
      "shape",
    );
    for (let r = 0; r < H; r++) {
      for (let c = 0; c < W; c++) {
        assertEquals(
          pixel(image.rgba, W, c, r),
          expectedColour(value(c, r)),
          `cell ${c},${r}`,
        );
      }
    }
  },
});

Deno.test({
  name:
    "renderRasterLayer: zoomed in on part of the raster samples the cell under each pixel centre",
  sanitizeResources: false,
  async fn() {
    // 1000 × 800 m window at 25 m per pixel, inside the raster.
    const bbox = {
      xmin: X0 + 1234,
      ymin: Y0 + 567,
      xmax: X0 + 2234,
      ymax: Y0 + 1367,
    };
    const map = mapFor(bbox, 40, 32, "EPSG:2056");
    const image = await renderRasterLayer(
      layer("single.tif"),
      qml(PSEUDO),
      map,
      testContext(root),
    );
    assert(image, "rendered");
    for (let y = 0; y < map.height; y++) {
      for (let x = 0; x < map.width; x++) {
        const mx = map.extent.xmin + (x + 0.5) * map.mapUnitsPerPixel;
        const my = map.extent.ymax - (y + 0.5) * map.mapUnitsPerPixel;
        const c = Math.floor((mx - X0) / CELL),
          r = Math.floor((Y0 + H * CELL - my) / CELL);
        assertEquals(
          pixel(image.rgba, map.width, x, y),
          expectedColour(value(c, r)),
          `pixel ${x},${y}`,
        );
      }
    }
  },
});

Deno.test({
  name:
    "renderRasterLayer: opacity is premultiplied; additional no-data hides values",
  sanitizeResources: false,
  async fn() {
    const map = fullMap(W, H);
    const root40 = qml(
      PSEUDO.replace('opacity="1"', 'opacity="0.5"'),
      `<noData><noDataList bandNo="1" useSrcNoData="1"><noDataRange min="0" max="5"/></noDataList></noData>`,
    );
    const image = await renderRasterLayer(
      layer("single.tif"),
      root40,
      map,
      testContext(root),
    );
    assert(image, "rendered");
    assertEquals(
      pixel(image.rgba, W, 3, 0),
      [0, 0, 0, 0],
      "value 3 is additional no-data",
    );
    const v = value(20, 0);
    const [r, g, b, a] = expectedColour(v);
    assertEquals(
      pixel(image.rgba, W, 20, 0),
      [r, g, b, a].map((c) => Math.trunc(c * 0.5)),
      "half opacity",
    );
  },
});

Deno.test({
  name:
    "renderRasterLayer: a bilinear zoomed-in resampler blends neighbouring cells",
  sanitizeResources: false,
  async fn() {
    const gray = (resampler: string) =>
      qml(`<rasterrenderer type="singlebandgray" grayBand="1" opacity="1">
        <contrastEnhancement><minValue>0</minValue><maxValue>80</maxValue><algorithm>StretchToMinimumMaximum</algorithm></contrastEnhancement>
      </rasterrenderer><rasterresampler zoomedInResampler="${resampler}" maxOversampling="2"/>`);
    const bbox = {
      xmin: X0 + 1000,
      ymin: Y0 + 1000,
      xmax: X0 + 2000,
      ymax: Y0 + 1800,
    };
    const map = mapFor(bbox, 80, 64, "EPSG:2056");
    const levels = async (resampler: string) => {
      const image = await renderRasterLayer(
        layer("single.tif"),
        gray(resampler),
        map,
        testContext(root),
      );
      assert(image, "rendered");
      const seen = new Set<number>();
      for (let i = 0; i < image.rgba.length; i += 4) {
        if (image.rgba[i + 3] === 255) seen.add(image.rgba[i]);
      }
      return seen.size;
    };
    const nearest = await levels("nearestNeighbour");
    const bilinear = await levels("bilinear");
    assert(
      bilinear > 2 * nearest,
      `bilinear ${bilinear} grey levels, nearest ${nearest}`,
    );
  },
});

Deno.test({
  name:
    "renderRasterLayer: provider resampling (GDAL bilinear) interpolates values at pixel centres",
  sanitizeResources: false,
  async fn() {
    const provider = qml(
      `<provider><resampling enabled="true" zoomedInResamplingMethod="bilinear" zoomedOutResamplingMethod="nearestNeighbour" maxOversampling="2"/></provider>
      <rasterrenderer type="singlebandgray" grayBand="1" opacity="1">
        <contrastEnhancement><minValue>0</minValue><maxValue>80</maxValue><algorithm>StretchToMinimumMaximum</algorithm></contrastEnhancement>
      </rasterrenderer>`,
    );
    const bbox = {
      xmin: X0 + 1000,
      ymin: Y0 + 1000,
      xmax: X0 + 2000,
      ymax: Y0 + 1800,
    };
    const map = mapFor(bbox, 80, 64, "EPSG:2056");
    const image = await renderRasterLayer(
      layer("single.tif"),
      provider,
      map,
      testContext(root),
    );
    assert(image, "rendered");
    // The grid is linear (col + row) away from its no-data diagonal, so
    // bilinear values at pixel centres are the plane's.
    let checked = 0;
    for (let y = 0; y < map.height; y++) {
      for (let x = 0; x < map.width; x++) {
        const mx = map.extent.xmin + (x + 0.5) * map.mapUnitsPerPixel;
        const my = map.extent.ymax - (y + 0.5) * map.mapUnitsPerPixel;
        const c = (mx - X0) / CELL - 0.5, r = (Y0 + H * CELL - my) / CELL - 0.5;
        if (Math.abs(Math.floor(c) - Math.floor(r)) <= 2) continue;
        const expected = Math.trunc(((c + r) / 80) * 255);
        const actual = image.rgba[(y * map.width + x) * 4];
        assert(
          Math.abs(actual - expected) <= 1,
          `pixel ${x},${y}: ${actual} vs ${expected}`,
        );
        checked++;
      }
    }
    assert(checked > 1000, `only ${checked} pixels checked`);
  },
});

Deno.test({
  name: "renderRasterLayer: multiband colour with a stretched band",
  sanitizeResources: false,
  async fn() {
    const map = fullMap(W, H);
    const root3 = qml(
      `<rasterrenderer type="multibandcolor" redBand="1" greenBand="2" blueBand="3" opacity="1">
      <redContrastEnhancement><minValue>0</minValue><maxValue>234</maxValue><algorithm>StretchToMinimumMaximum</algorithm></redContrastEnhancement>
    </rasterrenderer>`,
    );
    const image = await renderRasterLayer(
      layer("rgb.tif"),
      root3,
      map,
      testContext(root),
    );
    assert(image, "rendered");
    for (const [c, r] of [[0, 0], [10, 5], [39, 29]]) {
      const red = Math.min(255, Math.trunc((c * 6) / 234 * 255));
      assertEquals(
        pixel(image.rgba, W, c, r),
        [red, r * 8, 77, 255],
        `cell ${c},${r}`,
      );
    }
  },
});

Deno.test({
  name:
    "renderRasterLayer: another map CRS is warped; only ramp colours appear",
  sanitizeResources: false,
  async fn() {
    // The raster's area in Web Mercator (approximately), 64 × 64 pixels.
    const map = mapFor(
      { xmin: 828000, ymin: 5933000, xmax: 835000, ymax: 5939000 },
      64,
      64,
      "EPSG:3857",
    );
    const image = await renderRasterLayer(
      layer("single.tif"),
      qml(PSEUDO),
      map,
      testContext(root),
    );
    assert(image, "rendered");
    const allowed = new Set([
      "255,0,0,255",
      "0,255,0,255",
      "0,0,255,255",
      "0,0,0,0",
    ]);
    let drawn = 0;
    for (let i = 0; i < image.rgba.length; i += 4) {
      const key = Array.from(image.rgba.slice(i, i + 4)).join(",");
      assert(allowed.has(key), `unexpected colour ${key}`);
      if (image.rgba[i + 3]) drawn++;
    }
    assert(drawn > 100, `only ${drawn} pixels drawn`);
    // The warp goes through a VRT whose file list names the source: the
    // source must survive the clean-up of GDAL's outputs.
    await Deno.stat(`${root}/data/single.tif`);
  },
});

Deno.test({
  name:
    "renderRasterLayer: a map in another CRS drawn again (its projection kept) is drawn as the first time; a moved map is projected anew",
  sanitizeResources: false,
  async fn() {
    const at = (dx: number) =>
      mapFor(
        { xmin: 828000 + dx, ymin: 5933000, xmax: 835000 + dx, ymax: 5939000 },
        64,
        64,
        "EPSG:3857",
      );
    const draw = async (dx: number) =>
      (await renderRasterLayer(
        layer("single.tif"),
        qml(PSEUDO),
        at(dx),
        testContext(root),
      ))!.rgba.slice();
    const first = await draw(0);
    const moved = await draw(1000);
    const again = await draw(0);
    assertEquals(again, first);
    assert(
      moved.some((v, i) => v !== first[i]),
      "the moved map has its own pixels",
    );
    assertEquals(await draw(1000), moved);
  },
});

Deno.test({
  name:
    "renderRasterLayer: a raster covering part of the map says where it drew (bounds); every pixel outside is transparent",
  sanitizeResources: false,
  async fn() {
    const maps = [
      // the raster's area in Web Mercator, with room around it
      mapFor(
        { xmin: 826000, ymin: 5931000, xmax: 837000, ymax: 5941000 },
        110,
        100,
        "EPSG:3857",
      ),
      // its own CRS, the map twice as large
      mapFor(
        {
          xmin: X0 - W * CELL / 2,
          ymin: Y0 - H * CELL / 2,
          xmax: X0 + W * CELL * 1.5,
          ymax: Y0 + H * CELL * 1.5,
        },
        2 * W,
        2 * H,
        "EPSG:2056",
      ),
    ];
    for (const map of maps) {
      const image = await renderRasterLayer(
        layer("single.tif"),
        qml(PSEUDO),
        map,
        testContext(root),
      );
      assert(image, `${map.crs}: rendered`);
      const b = image.bounds;
      assert(b, `${map.crs}: bounds given`);
      assert(
        b.width * b.height < 0.6 * map.width * map.height,
        `${map.crs}: bounds ${JSON.stringify(b)} smaller than the map`,
      );
      let inside = 0;
      for (let y = 0; y < map.height; y++) {
        for (let x = 0; x < map.width; x++) {
          const a = image.rgba[(y * map.width + x) * 4 + 3];
          const within = x >= b.left && x < b.left + b.width &&
            y >= b.top && y < b.top + b.height;
          if (!within) {
            assertEquals(
              pixel(image.rgba, map.width, x, y),
              [0, 0, 0, 0],
              `${map.crs}: ${x},${y} outside the bounds`,
            );
          } else if (a) inside++;
        }
      }
      assert(
        inside > 0.5 * b.width * b.height,
        `${map.crs}: ${inside} drawn pixels in the bounds`,
      );
    }
  },
});

Deno.test({
  name:
    "renderRasterLayer: out of view → null; unsupported renderer → null with a warning",
  sanitizeResources: false,
  async fn() {
    const far = mapFor(
      { xmin: 0, ymin: 0, xmax: 100, ymax: 100 },
      10,
      10,
      "EPSG:2056",
    );
    assertEquals(
      await renderRasterLayer(
        layer("single.tif"),
        qml(PSEUDO),
        far,
        testContext(root),
      ),
      null,
      "out of view",
    );
    const logs: string[] = [];
    const contour = qml('<rasterrenderer type="contour" band="1"/>');
    assertEquals(
      await renderRasterLayer(
        layer("single.tif"),
        contour,
        fullMap(W, H),
        testContext(root, logs),
      ),
      null,
      "contour",
    );
    assert(
      logs.some((l) => l.startsWith("warning") && l.includes("not supported")),
      logs.join("\n"),
    );
  },
});

Deno.test({
  name:
    "renderRasterLayer: bad bands and paths are job errors naming the layer",
  sanitizeResources: false,
  async fn() {
    const expectJobError = async (p: Promise<unknown>, pattern: RegExp) => {
      try {
        await p;
      } catch (e) {
        assert(e instanceof JobError, `not a JobError: ${e}`);
        assert(pattern.test(e.message), e.message);
        return;
      }
      throw new Error("no error");
    };
    await expectJobError(
      renderRasterLayer(
        layer("single.tif", "dem"),
        qml(PSEUDO.replace('band="1"', 'band="2"')),
        fullMap(W, H),
        testContext(root),
      ),
      /layer 'dem'.*band 2/,
    );
    await expectJobError(
      renderRasterLayer(
        layer("../../../etc/hostname", "escape"),
        qml(PSEUDO),
        fullMap(W, H),
        testContext(root),
      ),
      /layer 'escape'/,
    );
    await expectJobError(
      renderRasterLayer(
        layer("single.tif", "vector style"),
        qml("", "<renderer-v2/>"),
        fullMap(W, H),
        testContext(root),
      ),
      /layer 'vector style'.*no <pipe>/,
    );
    await expectJobError(
      renderRasterLayer(
        layer("missing.tif", "missing"),
        qml(PSEUDO),
        fullMap(W, H),
        testContext(root),
      ),
      /layer 'missing'/,
    );
  },
});

globalThis.addEventListener("unload", () => {
  Deno.removeSync(root, { recursive: true });
});

Deno.test({
  name:
    "renderRasterLayer: a render repeated after others of other sizes and layers gives the same pixels",
  sanitizeResources: false,
  async fn() {
    // blocks and images are scratch reused between renders: nothing of an
    // earlier render may show through in a later one
    const ctx = testContext(root);
    const render = async (path: string, renderer: string, w: number) => {
      const image = await renderRasterLayer(
        layer(path),
        qml(renderer),
        fullMap(w, Math.round((w * H) / W)),
        ctx,
      );
      assert(image, `rendered ${path} at ${w}`);
      return image.rgba.slice(); // the image is valid until the next render
    };
    const multi =
      `<rasterrenderer type="multibandcolor" redBand="1" greenBand="2" blueBand="3" opacity="1"/>`;
    const first = await render("single.tif", PSEUDO, 3 * W);
    await render("rgb.tif", multi, 4 * W);
    await render("single.tif", PSEUDO, W);
    const again = await render("single.tif", PSEUDO, 3 * W);
    assertEquals(
      Array.from(again),
      Array.from(first),
      "same render, same pixels",
    );
    // no-data cells are transparent, not what the multiband image left
    assertEquals(
      pixel(first, 3 * W, 3 * 5 + 1, 3 * 5 + 1),
      [0, 0, 0, 0],
      "no data 5,5",
    );
    // and the zoomed-in pixels are the cells' colours
    assertEquals(
      pixel(first, 3 * W, 3 * 5 + 1, 3 * 2 + 1),
      expectedColour(value(5, 2)),
      "cell 5,2",
    );
  },
});

Deno.test({
  name:
    "renderRasterLayer: drawn into a given target, the image is the target with the same pixels",
  sanitizeResources: false,
  async fn() {
    const ctx = testContext(root);
    for (const w of [W, 3 * W]) {
      const map = fullMap(w, Math.round((w * H) / W));
      const plain = await renderRasterLayer(
        layer("single.tif"),
        qml(PSEUDO),
        map,
        ctx,
      );
      assert(plain, "rendered");
      const expected = plain.rgba.slice();
      const target = new Uint8Array(map.width * map.height * 4);
      const image = await renderRasterLayer(
        layer("single.tif"),
        qml(PSEUDO),
        map,
        ctx,
        target,
      );
      assert(image?.rgba === target, `drawn into the target at ${w}`);
      assertEquals(Array.from(target), Array.from(expected), `pixels at ${w}`);
    }
    let error: unknown;
    try {
      await renderRasterLayer(
        layer("single.tif"),
        qml(PSEUDO),
        fullMap(W, H),
        ctx,
        new Uint8Array(4),
      );
    } catch (e) {
      error = e;
    }
    assert(error instanceof RangeError, "a target of another size is refused");
  },
});

Deno.test({
  name:
    "renderRasterLayer: double precision bands keep values single precision would round onto a class break",
  sanitizeResources: false,
  async fn() {
    // 10.0000001 is above the break at 10 (green); as a float32 it is 10 (red)
    for (const w of [W, 3 * W]) {
      const image = await renderRasterLayer(
        layer("fine.tif"),
        qml(PSEUDO),
        fullMap(w, Math.round((w * H) / W)),
        testContext(root),
      );
      assert(image, "rendered");
      assertEquals(pixel(image.rgba, w, 1, 1), [0, 255, 0, 255], `at ${w}`);
    }
  },
});
