import { assert, assertEquals } from "../_assert.ts";
import { readVectorPage } from "./read.ts";
import { shpStats } from "./_shp.ts";
import { convertGeoJson, sampleCollection } from "../_test_util.ts";
import type { FeaturePage } from "../source.ts";

const MIRROR = "/work/.mirror/qgis+QGIS-Training-Data/repo";

const crs = {
  type: "name",
  properties: { name: "urn:ogc:def:crs:EPSG::2056" },
};

function collection(geometries: unknown[], extra = {}): unknown {
  return {
    type: "FeatureCollection",
    crs,
    features: geometries.map((geometry, i) => ({
      type: "Feature",
      properties: {
        name: i % 4 === 0 ? null : `n${i} Zürich é`,
        n: i % 5 === 0 ? null : i * 7 - 30,
        big: i * 1e11,
        r: i % 3 === 0 ? null : i / 7,
        day: i % 3 === 1 ? null : `2024-0${1 + (i % 9)}-1${i % 10}`,
        ...extra,
      },
      geometry,
    })),
  };
}

function made(): Record<string, unknown> {
  const points = [], lines = [], multiLines = [], polygons = [], multi = [];
  for (let i = 0; i < 30; i++) {
    const x = 2600000 + i * 100, y = 1200000 + (i % 7) * 100;
    points.push(i === 9 ? null : { type: "Point", coordinates: [x, y] });
    lines.push({ type: "LineString", coordinates: [[x, y], [x + 50, y + 70]] });
    multiLines.push({
      type: "MultiLineString",
      coordinates: [[[x, y], [x + 50, y]], [[x, y + 10], [x + 9, y + 90]]],
    });
    polygons.push({
      type: "Polygon",
      coordinates: [[[x, y], [x + 60, y], [x + 60, y + 40], [x, y]]],
    });
    multi.push({ type: "MultiPoint", coordinates: [[x, y], [x + 1, y + 2]] });
  }
  return {
    points: collection(points),
    lines: collection(lines),
    multilines: collection([...lines.slice(0, 5), ...multiLines]),
    polygons: collection(polygons),
    multipoints: collection(multi),
    // GDAL's ring organisation: not read here
    holes: collection([{
      type: "Polygon",
      coordinates: [
        [[0, 0], [100, 0], [100, 100], [0, 100], [0, 0]],
        [[10, 10], [20, 10], [20, 20], [10, 10]],
      ],
    }]),
    sample: sampleCollection(),
  };
}

/** The Shapefiles of QGIS's training data, with their side files. */
async function training(dir: string): Promise<string[]> {
  const list = new Deno.Command("git", {
    args: ["--git-dir", MIRROR, "ls-tree", "-r", "--name-only", "HEAD"],
    stdout: "piped",
    stderr: "null",
  });
  let names: string[];
  try {
    const out = await list.output();
    if (!out.success) return [];
    names = new TextDecoder().decode(out.stdout).split("\n");
  } catch {
    return [];
  }
  const shps = names.filter((n) => /\.shp$/i.test(n));
  const stems = new Set(shps.map((n) => n.slice(0, -4)));
  const paths: string[] = [];
  for (const [i, stem] of [...stems].entries()) {
    const flat = `t${i}_${stem.split("/").pop()}`;
    for (const n of names) {
      if (!n.startsWith(stem + ".") || n.slice(stem.length + 1).includes(".")) {
        continue;
      }
      const show = await new Deno.Command("git", {
        args: ["--git-dir", MIRROR, "show", `HEAD:${n}`],
        stdout: "piped",
        stderr: "null",
      }).output();
      if (!show.success) continue;
      await Deno.writeFile(
        `${dir}/${flat}${n.slice(stem.length)}`,
        show.stdout,
      );
    }
    paths.push(
      `${flat}${
        shps.find((s) => s.startsWith(stem + "."))!.slice(stem.length)
      }`,
    );
  }
  return paths;
}

Deno.test("direct Shapefile pages give exactly the GDAL path's pages", async () => {
  const root = await Deno.makeTempDir({ prefix: "qsl_shp_direct_" });
  const ctx = { dataRoot: root, remoteHosts: [] };
  try {
    await Deno.mkdir(`${root}/made`);
    await Deno.mkdir(`${root}/real`);
    const files: [string, string, string?][] = [];
    for (const [name, fc] of Object.entries(made())) {
      await convertGeoJson(`${root}/made`, name, fc, "ESRI Shapefile");
      files.push(["made", `${name}.shp`]);
    }
    // UTF-8 with a .cpg
    await convertGeoJson(
      `${root}/made`,
      "utf8",
      made().points,
      "ESRI Shapefile",
      [
        "-lco",
        "ENCODING=UTF-8",
      ],
    );
    files.push(["made", "utf8.shp"]);
    // a declared encoding instead of the file's own (the source's
    // `ENCODING` open option): Latin-1 text declared UTF-8, UTF-8 text
    // declared ISO-8859-1, and one this path leaves to GDAL
    files.push(["made", "points.shp", "UTF-8"]);
    files.push(["made", "utf8.shp", "ISO-8859-1"]);
    files.push(["made", "utf8.shp", "windows-1252"]);
    for (const p of await training(`${root}/real`)) files.push(["real", p]);
    // the direct path reads files that have been still for 2 s
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const direct: string[] = [];
    const declared = new Map<string, FeaturePage>();
    for (const [folder, path, encoding] of files) {
      const layer = {
        id: `${folder}/${path}${encoding ?? ""}`,
        name: path,
        source: JSON.stringify({
          path,
          layerName: path.slice(0, -4),
          ...(encoding ? { open_options: [`ENCODING=${encoding}`] } : {}),
        }),
        folder_name: folder,
        driver: "ogr",
      };
      const pages = [
        { startIndex: 0, count: null },
        { startIndex: 2, count: 5 },
        { startIndex: 7, count: 1000 },
        { startIndex: 100000, count: 3 },
        { startIndex: 0, count: 3, crs: "EPSG:4326" },
      ];
      let took = false;
      for (const p of pages) {
        const q = { ...p, orderByFid: true as const };
        const before = shpStats.reads;
        let fast: FeaturePage | Error, slow: FeaturePage | Error;
        try {
          fast = await readVectorPage(layer, q, ctx);
        } catch (e) {
          fast = e as Error;
        }
        if (shpStats.reads > before) took = true;
        try {
          slow = await readVectorPage(layer, { ...q, direct: false }, ctx);
        } catch (e) {
          slow = e as Error;
        }
        if (fast instanceof Error || slow instanceof Error) {
          assertEquals(
            String(fast),
            String(slow),
            `${path} ${JSON.stringify(p)}`,
          );
        } else {
          assertEquals(fast, slow, `${path} page ${JSON.stringify(p)}`);
          if (encoding && p.startIndex === 0 && p.count === null) {
            declared.set(`${path} ${encoding}`, fast);
          }
        }
      }
      if (took) {
        direct.push(`${folder}/${path}${encoding ? ` ${encoding}` : ""}`);
      }
    }
    console.log(
      `direct Shapefile reads: ${direct.length} of ${files.length} files (${
        direct.join(", ")
      })`,
    );
    for (
      const name of [
        "points",
        "lines",
        "multilines",
        "polygons",
        "multipoints",
        "utf8",
      ]
    ) {
      assert(direct.includes(`made/${name}.shp`), `made/${name}.shp direct`);
    }
    assert(!direct.includes("made/holes.shp"), "rings organised by GDAL");
    assert(direct.includes("made/utf8.shp ISO-8859-1"), "declared Latin-1");
    assert(!direct.includes("made/points.shp UTF-8"), "not UTF-8: GDAL's");
    assert(!direct.includes("made/utf8.shp windows-1252"), "GDAL's");
    const name = (page: FeaturePage | undefined) =>
      page?.features[1].attributes.name;
    assertEquals(
      name(declared.get("points.shp UTF-8")),
      "n1 Z\ufffdrich \ufffd",
    );
    assertEquals(name(declared.get("utf8.shp ISO-8859-1")), "n1 ZÃ¼rich Ã©");
    assertEquals(name(declared.get("utf8.shp windows-1252")), "n1 ZÃ¼rich Ã©");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
