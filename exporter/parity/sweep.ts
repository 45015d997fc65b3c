/**
 * The exporter's wide parity sweep: our config against the upstream
 * exporter's on every project `sweep.py` exported into DIR, difference by
 * difference (tree, datasets, sources, fields, CRS, extents, styles,
 * metadata; style definitions apart).
 *
 *     QT_QPA_PLATFORM=offscreen /usr/bin/python3 exporter/parity/sweep.py DIR
 *     deno run -A exporter/parity/sweep.ts DIR [--verbose]
 *
 * Each difference is either one of the deliberate differences of
 * docs/exporter.md ("Differences with the Python exporter") or not; a
 * project is `identical` when all of its differences are deliberate,
 * `differing` otherwise, `ours fails` when our exporter throws where
 * upstream exports, `upstream fails` the other way round. Prints the counts,
 * the undeliberate differences by kind (dataset ids and field names
 * elided) with a project showing each, and writes `DIR/sweep.json`.
 *
 * @module
 */
import { join } from "node:path";
import { exportProject } from "../project/export_project.ts";
import { readProject } from "../project/read_project.ts";
import { differences } from "./_compare.ts";
import { bboxToWgs84 } from "../project/wgs84.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

/** A layer as QGIS 3.22 read it (`qgis.json` of `make_references.py`). */
interface QgisLayer {
  provider: string;
  valid: boolean;
}

const DELIBERATE: [string, RegExp][] = [
  ["nullable", /\.fields\[[^\]]*\]\.nullable: /],
  ["layer CRS", /\.crs\.(auth_id|postgis_srid|ogc_uri|ogc_urn): /],
  ["style_name", /\.style_name: "[^"]*" ≠ "default"$/],
  [
    "project keys written only when set",
    /^project\.(wms_\w+|ellipsoid|area_units|distance_units): only ours/,
  ],
  ["data_crs written only when it differs", /\.data_crs: only ours/],
  // our additions (--python-keys-only leaves them out)
  ["joins written only when there are joins", /\]\.joins: only ours/],
  ["geometry_type of OGR sources", /\.source\.ogr\.geometry_type: only ours/],
  [
    "tile pixel ratio and HTTP settings of web sources",
    /\.source\.(xyz|wms|wmts)\.(tile_pixel_ratio|referer|username|password): only ours/,
  ],
  [
    "Shapefile encoding",
    /\.source\.ogr\.open_options: only ours \(\["ENCODING=/,
  ],
  [
    "numbers the schema types as numbers",
    /\.source\.(wms|xyz)\.\w+: (\d+) ≠ "\2"$/,
  ],
  ["file provider upstream skips", /^datasets\.vector\[[^\]]*\]: only ours$/],
];

/**
 * The ids of the datasets whose upstream `bbox_wgs84` is the box through
 * the two transformed corners of our `bbox` (QgsCoordinateTransform's
 * `transform(QgsRectangle)`, what upstream calls) where ours is a bounding
 * box: the deliberate difference of docs/exporter.md. Each corner is
 * transformed by GDAL's PROJ, QGIS's by its own: on the sweep's projects
 * they agree within 1e-13°.
 */
async function twoCornerWgs84(
  ours: Json,
  upstream: Json,
): Promise<Set<string>> {
  const out = new Set<string>();
  const kinds = ["vector", "raster", "custom"];
  for (const kind of kinds) {
    for (const o of ours.datasets?.[kind] ?? []) {
      const u = (upstream.datasets?.[kind] ?? []).find((d: Json) =>
        d.id === o.id
      );
      const b = o.bbox, w = u?.bbox_wgs84, crs = o.crs?.auth_id;
      if (!b || !w || !crs || Math.abs(b.x_min) === Number.MAX_VALUE) {
        continue;
      }
      const corner = (x: number, y: number) =>
        bboxToWgs84(
          { x_min: x, x_max: x, y_min: y, y_max: y, z_min: 0, z_max: 0 },
          [crs],
        );
      const [p, q] = [
        await corner(b.x_min, b.y_min),
        await corner(b.x_max, b.y_max),
      ];
      if (!p || !q) continue;
      const two = [
        Math.min(p.x_min, q.x_min),
        Math.min(p.y_min, q.y_min),
        Math.max(p.x_min, q.x_min),
        Math.max(p.y_min, q.y_min),
      ];
      const theirs = [w.x_min, w.y_min, w.x_max, w.y_max];
      if (two.every((v, i) => Math.abs(v - theirs[i]) < 1e-9)) out.add(o.id);
    }
  }
  return out;
}

/** The deliberate kind of one difference, or null. */
function deliberate(
  line: string,
  layers: Record<string, QgisLayer>,
  twoCorners: Set<string> = new Set(),
): string | null {
  for (const [kind, re] of DELIBERATE) if (re.test(line)) return kind;
  const id = line.match(/^datasets\.\w+\[([^\]]+)\]/)?.[1];
  if (
    id !== undefined && twoCorners.has(id) &&
    /\.bbox_wgs84\.\w+: [-\d.e]+ ≠ [-\d.e]+$/.test(line)
  ) return "bbox_wgs84 of two corners";
  const layer = id === undefined ? undefined : layers[id];
  if (layer && !layer.valid) return "data missing";
  if (layer && /^(wms|wmts|xyz)/.test(line.split(".source.")[1] ?? "")) {
    return null;
  }
  if (
    layer && ["wms", "arcgismapserver", "wcs"].includes(layer.provider) &&
    /\.(bbox|bbox_wgs84)\.\w+: [-\d.e]+ ≠ 0$/.test(line)
  ) return "remote extent offline";
  // A skipped-provider layer's tree entry, as its dataset
  if (/^tree\.members\[[^\]]*\]: only ours$/.test(line)) {
    const tid = line.match(/\[([^\]]+)\]/)![1];
    const l = Object.entries(layers).find(([k]) => tid.includes(k))?.[1];
    if (l && ["spatialite", "gpx", "delimitedtext"].includes(l.provider)) {
      return "file provider upstream skips";
    }
  }
  if (
    /\.bbox_wgs84\.\w+: /.test(line) && /≠/.test(line)
  ) {
    const [a, b] = line.split(": ")[1].split(" ≠ ").map(Number);
    // transformBoundingBox against two corners: metres, not kilometres
    if (Math.abs(a - b) < 1e-2) return "bbox_wgs84 of two corners";
  }
  if (/\.source\.(ogr|gdal)\.path: "(\.\.\/)+/.test(line)) {
    return "relative path outside the project";
  }
  return null;
}

/** A difference with ids and names elided, to count kinds. */
function kind(line: string): string {
  return line.replace(/\[[^\]]*\]/g, "[]").replace(/: .*$/, "");
}

async function main(dir: string, verbose: boolean): Promise<void> {
  const rows = (await Deno.readTextFile(join(dir, "projects.tsv"))).split("\n")
    .filter(Boolean).map((l) => l.split("\t"));
  const counts: Record<string, number> = {};
  const kinds = new Map<string, { n: number; projects: Set<string> }>();
  const report: Json[] = [];
  for (const [repo, path] of rows) {
    const slug = `${repo}__${path}`.replaceAll("/", "__");
    const out = join(dir, "out", slug);
    const base = join(dir, "src", repo);
    const name = `${repo}:${path}`;
    let upstream: Json = null;
    let layers: Record<string, QgisLayer> = {};
    try {
      upstream = JSON.parse(
        await Deno.readTextFile(join(out, "upstream.json")),
      );
      layers = JSON.parse(await Deno.readTextFile(join(out, "qgis.json")));
    } catch { /* upstream failed */ }
    let ours: Json = null;
    let error = "";
    try {
      const config = await exportProject(await readProject(join(base, path)), {
        encodeStyle: () => "",
        warn: () => {},
      });
      ours = JSON.parse(JSON.stringify(config).replaceAll(base, "<data>"));
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    let status: string;
    let found: string[] = [];
    // QgsProject.read failed (malformed, absent): upstream writes an empty
    // config of version 0.0.0, ours refuses naming the cause
    const unread = upstream?.project?.version === "0.0.0";
    if ((upstream === null || unread) && ours === null) status = "both fail";
    else if (upstream === null) status = "upstream fails";
    else if (ours === null) status = "ours fails";
    else {
      const twoCorners = await twoCornerWgs84(ours, upstream);
      found = differences(ours, upstream).filter((l) =>
        deliberate(l, layers, twoCorners) === null
      );
      status = found.length === 0 ? "identical" : "differing";
      for (const l of found) {
        const k = kinds.get(kind(l)) ?? { n: 0, projects: new Set() };
        k.n++;
        k.projects.add(name);
        kinds.set(kind(l), k);
      }
    }
    counts[status] = (counts[status] ?? 0) + 1;
    report.push({ project: name, status, error, differences: found });
    if (verbose || status === "ours fails") {
      console.log(`${status}: ${name}${error ? ` (${error})` : ""}`);
      if (verbose) { for (const l of found) console.log(`  ${l}`); }
    }
  }
  await Deno.writeTextFile(
    join(dir, "sweep.json"),
    JSON.stringify(report, null, 1),
  );
  console.log(JSON.stringify(counts));
  for (
    const [k, v] of [...kinds].sort((a, b) =>
      b[1].projects.size - a[1].projects.size
    )
  ) {
    console.log(
      `${v.projects.size} projects, ${v.n}×  ${k}  (${[...v.projects][0]})`,
    );
  }
}

if (import.meta.main) {
  await main(Deno.args[0], Deno.args.includes("--verbose"));
}
