/**
 * A web map server for the tests: XYZ tiles, WMS 1.1.1 and 1.3.0 and WMTS
 * (KVP and RESTful) over one made-up "world" drawn with Skia — lakes,
 * forests, roads, rivers, towns and a graticule around Switzerland — as
 * real PNG and JPEG images, on a free loopback port. Tests and the
 * reference script (QGIS fetches from it too) start it; it records every
 * request and can fail on purpose (errors, hangs, redirects, huge
 * answers, credentials, cache headers).
 *
 * Run alone: `deno run -A tests/web_map_server.ts [--port N] [--log]`
 * prints its base URL (and with `--log` every request's path) and serves
 * until killed.
 *
 * Routes (all GET):
 * - `/xyz/{z}/{x}/{y}.png|.jpg`, `/xyz2x/{z}/{x}/{y}.png` (512 px tiles)
 * - `/wms?…` (WMS 1.3.0 unless `VERSION=1.1.1`), `/wms111?…` (1.1.1 only):
 *   GetCapabilities, GetMap, GetFeatureInfo, GetLegendGraphic; CRSs
 *   EPSG:3857, EPSG:4326, CRS:84; layers `scene`, `roads`, `lakes` and
 *   `index` (each pixel's colour is its index + 1); styles `default`, `dark`
 * - `/wmts/kvp/WMTSCapabilities.xml` (GetTile and GetFeatureInfo at
 *   `/wmts/kvp?…`, `InfoFormat`s text, GML and JSON),
 *   `/wmts/rest/WMTSCapabilities.xml` (tiles at `/wmts/rest/tile/…`,
 *   feature info templates `/wmts/rest/info/…/{J}/{I}.json|.xml`);
 *   tile matrix sets `GoogleMapsCompatible` (256 px) and `swiss512`
 *   (512 px tiles, scales that are not powers of two, limits)
 * - `/holes/{z}/{x}/{y}.png` (XYZ tiles, odd columns fail with 500)
 * - `/fail/<status>/…` (that status), `/hang/…` (never answers),
 *   `/slow/<ms>/<route>` (answers after a delay), `/redirect/<n>/<route>`,
 *   `/redirect-to?url=…`, `/big/<bytes>` (a PNG body that large),
 *   `/text/…` (HTML instead of an image), `/auth/<route>` (basic `user:pw`),
 *   `/referer/<route>` (needs `Referer: https://qsl.example/`),
 *   `/cache/<seconds>/<route>` (`Cache-Control: max-age`),
 *   `/expires/<seconds>/<route>` (`Expires`), `/nocache/<route>`
 *
 * @module
 */
import type { Canvas, CanvasKit, Path } from "canvaskit-wasm";
import { getCanvasKit } from "../worker/paint/canvaskit.ts";
import { encodePng } from "../worker/paint/png.ts";

const R = 6378137;
const HALF = R * Math.PI;

/** A request the server answered (or is answering). */
export interface RecordedRequest {
  /** Path and query, as received. */
  url: string;
  /** Request headers, lower-case names. */
  headers: Record<string, string>;
  /** When it arrived (ms since the epoch). */
  at: number;
}

/** A running test server. */
export interface WebMapServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `127.0.0.1:<port>`, for an allow-list. */
  host: string;
  /** Port. */
  port: number;
  /** Every request so far, oldest first. */
  requests: RecordedRequest[];
  /** Requests being answered right now. */
  inFlight(): number;
  /** Most requests answered at the same time so far. */
  maxInFlight(): number;
  /** Forgets the recorded requests and the in-flight maximum. */
  reset(): void;
  /** Stops listening and aborts hanging answers. */
  close(): Promise<void>;
}

// ---- the world -------------------------------------------------------------

/** A feature of the made-up world, in EPSG:3857 metres. */
export interface WorldFeature {
  /** Feature id. */
  id: number;
  /** `lake`, `forest`, `road`, `river` or `town`. */
  kind: "lake" | "forest" | "road" | "river" | "town";
  /** Name. */
  name: string;
  /** Polygon ring, line vertices, or one point. */
  coords: [number, number][];
  /** Some number (population, length class…). */
  rank: number;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function merc(lon: number, lat: number): [number, number] {
  return [
    R * lon * Math.PI / 180,
    R * Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360)),
  ];
}

function lonLat(x: number, y: number): [number, number] {
  return [
    x / R * 180 / Math.PI,
    (2 * Math.atan(Math.exp(y / R)) - Math.PI / 2) * 180 / Math.PI,
  ];
}

const SYLLABLES = ["al", "ber", "chur", "dorf", "en", "fel", "gen", "horn"];

function buildWorld(): WorldFeature[] {
  const rnd = mulberry32(20260513);
  const out: WorldFeature[] = [];
  const inRegion = () =>
    merc(5.6 + rnd() * 4.8, 45.9 + rnd() * 1.9) as [number, number];
  const name = () =>
    Array.from(
      { length: 2 + Math.floor(rnd() * 2) },
      () => SYLLABLES[Math.floor(rnd() * SYLLABLES.length)],
    ).join("").replace(/^./, (c) => c.toUpperCase());
  const blob = (c: [number, number], r: number): [number, number][] => {
    const n = 14;
    const ring: [number, number][] = [];
    for (let i = 0; i < n; i++) {
      const a = (i / n) * 2 * Math.PI;
      const rr = r * (0.55 + rnd() * 0.45);
      ring.push([c[0] + Math.cos(a) * rr, c[1] + Math.sin(a) * rr]);
    }
    return ring;
  };
  const walk = (steps: number, len: number): [number, number][] => {
    let p = inRegion();
    let dir = rnd() * 2 * Math.PI;
    const line: [number, number][] = [p];
    for (let i = 0; i < steps; i++) {
      dir += (rnd() - 0.5) * 1.2;
      p = [p[0] + Math.cos(dir) * len, p[1] + Math.sin(dir) * len];
      line.push(p);
    }
    return line;
  };
  let id = 1;
  for (let i = 0; i < 70; i++) {
    out.push({
      id: id++,
      kind: "forest",
      name: `${name()} forest`,
      coords: blob(inRegion(), 3000 + rnd() * 9000),
      rank: Math.floor(rnd() * 5),
    });
  }
  for (let i = 0; i < 35; i++) {
    out.push({
      id: id++,
      kind: "lake",
      name: `Lake ${name()}`,
      coords: blob(inRegion(), 1500 + rnd() * 7000),
      rank: Math.floor(rnd() * 5),
    });
  }
  for (let i = 0; i < 12; i++) {
    out.push({
      id: id++,
      kind: "river",
      name: `${name()} river`,
      coords: walk(14, 9000),
      rank: Math.floor(rnd() * 3),
    });
  }
  for (let i = 0; i < 30; i++) {
    out.push({
      id: id++,
      kind: "road",
      name: `Road ${i + 1}`,
      coords: walk(10, 12000),
      rank: Math.floor(rnd() * 3),
    });
  }
  for (let i = 0; i < 40; i++) {
    out.push({
      id: id++,
      kind: "town",
      name: name(),
      coords: [inRegion()],
      rank: Math.floor(rnd() * 100000),
    });
  }
  return out;
}

/** The features of the made-up world (EPSG:3857). */
export const WORLD: readonly WorldFeature[] = buildWorld();

type Project = (x: number, y: number) => [number, number];

interface Palette {
  land: Float32Array;
  forest: Float32Array;
  lake: Float32Array;
  river: Float32Array;
  road: Float32Array;
  casing: Float32Array;
  town: Float32Array;
  grid: Float32Array;
}

function palette(ck: CanvasKit, dark: boolean): Palette {
  const c = (r: number, g: number, b: number, a = 1) => ck.Color4f(r, g, b, a);
  return dark
    ? {
      land: c(0.16, 0.17, 0.2),
      forest: c(0.12, 0.3, 0.18),
      lake: c(0.1, 0.2, 0.4),
      river: c(0.2, 0.35, 0.6),
      road: c(0.8, 0.6, 0.2),
      casing: c(0, 0, 0),
      town: c(0.9, 0.9, 0.9),
      grid: c(1, 1, 1, 0.25),
    }
    : {
      land: c(0.95, 0.93, 0.88),
      forest: c(0.68, 0.84, 0.6),
      lake: c(0.6, 0.78, 0.94),
      river: c(0.42, 0.62, 0.86),
      road: c(0.98, 0.72, 0.36),
      casing: c(0.55, 0.4, 0.25),
      town: c(0.85, 0.2, 0.25),
      grid: c(0.4, 0.4, 0.45, 0.5),
    };
}

/** What to draw and where. */
interface DrawRequest {
  /** Extent in the output CRS's x/y (east, north) order. */
  bbox: [number, number, number, number];
  /** `EPSG:3857` or geographic (`EPSG:4326`, `CRS:84`). */
  crs: "EPSG:3857" | "EPSG:4326";
  width: number;
  height: number;
  /** Layers: `scene` (all), `roads`, `lakes`. */
  layers: string[];
  dark: boolean;
  /** Background filled (false: transparent). */
  opaque: boolean;
  /** Line widths and symbol sizes scale by this. */
  scale: number;
}

function toPixelsFn(req: DrawRequest): Project {
  const [x0, y0, x1, y1] = req.bbox;
  const sx = req.width / (x1 - x0);
  const sy = req.height / (y1 - y0);
  if (req.crs === "EPSG:3857") {
    return (x, y) => [(x - x0) * sx, (y1 - y) * sy];
  }
  return (x, y) => {
    const [lon, lat] = lonLat(x, y);
    return [(lon - x0) * sx, (y1 - lat) * sy];
  };
}

function pathOf(
  ck: CanvasKit,
  coords: [number, number][],
  project: Project,
  close: boolean,
  densify: boolean,
): Path {
  const path = new ck.PathBuilder();
  const n = coords.length;
  const count = close ? n : n - 1;
  const first = project(...coords[0]);
  path.moveTo(first[0], first[1]);
  for (let i = 0; i < count; i++) {
    const a = coords[i], b = coords[(i + 1) % n];
    const steps = densify ? 8 : 1;
    for (let s = 1; s <= steps; s++) {
      const t = s / steps;
      const p = project(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t);
      path.lineTo(p[0], p[1]);
    }
  }
  if (close) path.close();
  return path.detachAndDelete();
}

function drawWorld(ck: CanvasKit, canvas: Canvas, req: DrawRequest): void {
  const pal = palette(ck, req.dark);
  const project = toPixelsFn(req);
  const densify = req.crs !== "EPSG:3857";
  const all = req.layers.includes("scene");
  const want = (kind: WorldFeature["kind"]) =>
    all || (kind === "road" && req.layers.includes("roads")) ||
    ((kind === "lake" || kind === "river") && req.layers.includes("lakes"));
  const fill = new ck.Paint();
  fill.setAntiAlias(true);
  const stroke = new ck.Paint();
  stroke.setAntiAlias(true);
  stroke.setStyle(ck.PaintStyle.Stroke);
  stroke.setStrokeCap(ck.StrokeCap.Round);
  stroke.setStrokeJoin(ck.StrokeJoin.Round);
  const s = req.scale;
  try {
    if (req.opaque && all) canvas.drawColor(pal.land);
    const polygons = (kind: "forest" | "lake", color: Float32Array) => {
      if (!want(kind)) return;
      fill.setColor(color);
      for (const f of WORLD) {
        if (f.kind !== kind) continue;
        const p = pathOf(ck, f.coords, project, true, densify);
        canvas.drawPath(p, fill);
        p.delete();
      }
    };
    const lines = (
      kind: "road" | "river",
      color: Float32Array,
      width: number,
      casing: boolean,
    ) => {
      if (!want(kind)) return;
      for (const f of WORLD) {
        if (f.kind !== kind) continue;
        const p = pathOf(ck, f.coords, project, false, densify);
        const w = (width + f.rank) * s;
        if (casing) {
          stroke.setColor(pal.casing);
          stroke.setStrokeWidth(w + 2 * s);
          canvas.drawPath(p, stroke);
        }
        stroke.setColor(color);
        stroke.setStrokeWidth(w);
        canvas.drawPath(p, stroke);
        p.delete();
      }
    };
    polygons("forest", pal.forest);
    polygons("lake", pal.lake);
    lines("river", pal.river, 1.5, false);
    lines("road", pal.road, 2, true);
    if (all) {
      // graticule every half degree
      stroke.setColor(pal.grid);
      stroke.setStrokeWidth(1 * s);
      for (let lon = -180; lon <= 180; lon += 0.5) {
        const line = [merc(lon, -85), merc(lon, 85)];
        const p = pathOf(ck, line, project, false, densify);
        canvas.drawPath(p, stroke);
        p.delete();
      }
      for (let lat = -85; lat <= 85; lat += 0.5) {
        const line: [number, number][] = [];
        for (let lon = -180; lon <= 180; lon += 10) line.push(merc(lon, lat));
        const p = pathOf(ck, line, project, false, densify);
        canvas.drawPath(p, stroke);
        p.delete();
      }
      fill.setColor(pal.town);
      stroke.setColor(pal.casing);
      stroke.setStrokeWidth(1 * s);
      for (const f of WORLD) {
        if (f.kind !== "town") continue;
        const [x, y] = project(...f.coords[0]);
        const r = (2.5 + f.rank / 40000) * s;
        canvas.drawCircle(x, y, r, fill);
        canvas.drawCircle(x, y, r, stroke);
      }
    }
  } finally {
    fill.delete();
    stroke.delete();
  }
}

/**
 * Draws the world for an extent into PNG or JPEG bytes.
 *
 * @example
 * ```ts ignore
 * const png = await renderWorld({ bbox: [0, 0, 1e6, 1e6], crs: "EPSG:3857",
 *   width: 256, height: 256, layers: ["scene"], dark: false, opaque: true,
 *   scale: 1 }, "png");
 * ```
 */
async function renderWorld(
  req: DrawRequest,
  format: "png" | "jpeg",
): Promise<Uint8Array> {
  const ck = await getCanvasKit();
  const surface = ck.MakeSurface(req.width, req.height);
  if (!surface) throw new RangeError(`no surface ${req.width}×${req.height}`);
  try {
    const canvas = surface.getCanvas();
    canvas.clear(format === "jpeg" ? ck.WHITE : ck.TRANSPARENT);
    drawWorld(ck, canvas, req);
    const image = surface.makeImageSnapshot();
    try {
      if (format === "jpeg") {
        const bytes = image.encodeToBytes(ck.ImageFormat.JPEG, 85);
        if (!bytes) throw new RangeError("Cannot encode JPEG");
        return bytes;
      }
      const pixels = image.readPixels(0, 0, {
        width: req.width,
        height: req.height,
        colorType: ck.ColorType.RGBA_8888,
        alphaType: ck.AlphaType.Unpremul,
        colorSpace: ck.ColorSpace.SRGB,
      }) as Uint8Array;
      return encodePng(pixels, req.width, req.height, { level: 6 });
    } finally {
      image.delete();
    }
  } finally {
    surface.delete();
  }
}

// ---- feature info and legend ------------------------------------------------

function insideRing(ring: [number, number][], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

function segmentDistance(
  p: [number, number],
  a: [number, number],
  b: [number, number],
): number {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const len = dx * dx + dy * dy;
  const t = len === 0
    ? 0
    : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/** The features at a point (EPSG:3857), nearest kinds first, at most `count`. */
export function worldFeaturesAt(
  x: number,
  y: number,
  tolerance: number,
  layers: string[],
  count: number,
): WorldFeature[] {
  const all = layers.includes("scene");
  const hits: WorldFeature[] = [];
  for (const f of WORLD) {
    const want = all || (f.kind === "road" && layers.includes("roads")) ||
      ((f.kind === "lake" || f.kind === "river") && layers.includes("lakes"));
    if (!want) continue;
    if (f.kind === "lake" || f.kind === "forest") {
      if (insideRing(f.coords, x, y)) hits.push(f);
    } else if (f.kind === "town") {
      const [tx, ty] = f.coords[0];
      if (Math.hypot(tx - x, ty - y) <= tolerance) hits.push(f);
    } else {
      for (let i = 0; i + 1 < f.coords.length; i++) {
        if (
          segmentDistance([x, y], f.coords[i], f.coords[i + 1]) <= tolerance
        ) {
          hits.push(f);
          break;
        }
      }
    }
  }
  return hits.slice(-count).reverse();
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function featureInfo(
  hits: WorldFeature[],
  format: string,
  layer: string,
): { body: string; type: string } {
  const f = format.toLowerCase();
  if (f === "application/json" || f === "application/geo+json") {
    return {
      type: "application/json",
      body: JSON.stringify({
        type: "FeatureCollection",
        features: hits.map((h) => ({
          type: "Feature",
          id: `${layer}.${h.id}`,
          geometry: null,
          properties: { kind: h.kind, name: h.name, rank: h.rank },
        })),
      }),
    };
  }
  if (f === "text/html") {
    return {
      type: "text/html",
      body: `<html><body>${
        hits.map((h) =>
          `<table><tr><th>kind</th><td>${h.kind}</td></tr><tr><th>name</th><td>${
            escapeXml(h.name)
          }</td></tr><tr><th>rank</th><td>${h.rank}</td></tr></table>`
        ).join("")
      }</body></html>`,
    };
  }
  if (f === "application/vnd.ogc.gml" || f === "text/xml") {
    return {
      type: "application/vnd.ogc.gml",
      body: `<?xml version="1.0" encoding="UTF-8"?>
<msGMLOutput xmlns:gml="http://www.opengis.net/gml"><${layer}_layer>${
        hits.map((h) =>
          `<${layer}_feature><kind>${h.kind}</kind><name>${
            escapeXml(h.name)
          }</name><rank>${h.rank}</rank></${layer}_feature>`
        ).join("")
      }</${layer}_layer></msGMLOutput>`,
    };
  }
  return {
    type: "text/plain",
    body: `GetFeatureInfo results:\n\nLayer '${layer}'\n${
      hits.map((h) =>
        `  Feature ${h.id}:\n    kind = '${h.kind}'\n    name = '${h.name}'\n    rank = '${h.rank}'\n`
      ).join("")
    }`,
  };
}

async function legendImage(layer: string, dark: boolean): Promise<Uint8Array> {
  const ck = await getCanvasKit();
  const kinds: [string, keyof Palette][] = layer === "roads"
    ? [["road", "road"]]
    : layer === "lakes"
    ? [["lake", "lake"], ["river", "river"]]
    : [["forest", "forest"], ["lake", "lake"], ["river", "river"], [
      "road",
      "road",
    ], ["town", "town"]];
  const w = 20, h = 14 + kinds.length * 20;
  const surface = ck.MakeSurface(w, h)!;
  const canvas = surface.getCanvas();
  canvas.clear(ck.WHITE);
  const pal = palette(ck, dark);
  const paint = new ck.Paint();
  kinds.forEach(([, key], i) => {
    paint.setColor(pal[key]);
    canvas.drawRect(ck.LTRBRect(2, 8 + i * 20, 18, 20 + i * 20), paint);
  });
  paint.delete();
  const image = surface.makeImageSnapshot();
  const pixels = image.readPixels(0, 0, {
    width: w,
    height: h,
    colorType: ck.ColorType.RGBA_8888,
    alphaType: ck.AlphaType.Unpremul,
    colorSpace: ck.ColorSpace.SRGB,
  }) as Uint8Array;
  image.delete();
  surface.delete();
  return encodePng(pixels, w, h);
}

// ---- capabilities ----------------------------------------------------------

const WORLD_LON = [5.5, 10.6];
const WORLD_LAT = [45.8, 47.9];

function wmsCapabilities(base: string, version: "1.1.1" | "1.3.0"): string {
  const v13 = version === "1.3.0";
  const href = `${base}?`;
  const dcp =
    `<DCPType><HTTP><Get><OnlineResource xmlns:xlink="http://www.w3.org/1999/xlink" xlink:type="simple" xlink:href="${
      escapeXml(href)
    }"/></Get></HTTP></DCPType>`;
  const crsTag = v13 ? "CRS" : "SRS";
  const [x0, y0] = merc(WORLD_LON[0], WORLD_LAT[0]);
  const [x1, y1] = merc(WORLD_LON[1], WORLD_LAT[1]);
  const geo = v13
    ? `<EX_GeographicBoundingBox><westBoundLongitude>${
      WORLD_LON[0]
    }</westBoundLongitude><eastBoundLongitude>${
      WORLD_LON[1]
    }</eastBoundLongitude><southBoundLatitude>${
      WORLD_LAT[0]
    }</southBoundLatitude><northBoundLatitude>${
      WORLD_LAT[1]
    }</northBoundLatitude></EX_GeographicBoundingBox>`
    : `<LatLonBoundingBox minx="${WORLD_LON[0]}" miny="${WORLD_LAT[0]}" maxx="${
      WORLD_LON[1]
    }" maxy="${WORLD_LAT[1]}"/>`;
  const bbox =
    `<BoundingBox ${crsTag}="EPSG:3857" minx="${x0}" miny="${y0}" maxx="${x1}" maxy="${y1}"/>` +
    (v13
      ? `<BoundingBox CRS="EPSG:4326" minx="${WORLD_LAT[0]}" miny="${
        WORLD_LON[0]
      }" maxx="${WORLD_LAT[1]}" maxy="${WORLD_LON[1]}"/>`
      : `<BoundingBox SRS="EPSG:4326" minx="${WORLD_LON[0]}" miny="${
        WORLD_LAT[0]
      }" maxx="${WORLD_LON[1]}" maxy="${WORLD_LAT[1]}"/>`);
  const style = (layer: string, name: string) =>
    `<Style><Name>${name}</Name><Title>${name}</Title><LegendURL width="20" height="60"><Format>image/png</Format><OnlineResource xmlns:xlink="http://www.w3.org/1999/xlink" xlink:type="simple" xlink:href="${
      escapeXml(
        `${href}SERVICE=WMS&VERSION=${version}&REQUEST=GetLegendGraphic&LAYER=${layer}&FORMAT=image/png&STYLE=${name}`,
      )
    }"/></LegendURL></Style>`;
  const layer = (name: string, title: string) =>
    `<Layer queryable="1"><Name>${name}</Name><Title>${title}</Title>${geo}${bbox}${
      style(name, "default")
    }${style(name, "dark")}</Layer>`;
  const root = v13
    ? `<WMS_Capabilities version="1.3.0" xmlns="http://www.opengis.net/wms" xmlns:xlink="http://www.w3.org/1999/xlink">`
    : `<?xml version="1.0" encoding="UTF-8"?><WMT_MS_Capabilities version="1.1.1">`;
  return `${root}
<Service><Name>${v13 ? "WMS" : "OGC:WMS"}</Name><Title>qsl test world</Title>
<OnlineResource xmlns:xlink="http://www.w3.org/1999/xlink" xlink:type="simple" xlink:href="${
    escapeXml(base)
  }"/></Service>
<Capability><Request>
<GetCapabilities><Format>${
    v13 ? "text/xml" : "application/vnd.ogc.wms_xml"
  }</Format>${dcp}</GetCapabilities>
<GetMap><Format>image/png</Format><Format>image/jpeg</Format>${dcp}</GetMap>
<GetFeatureInfo><Format>text/plain</Format><Format>text/html</Format><Format>application/vnd.ogc.gml</Format><Format>application/json</Format>${dcp}</GetFeatureInfo>
</Request>
<Exception><Format>${
    v13 ? "XML" : "application/vnd.ogc.se_xml"
  }</Format></Exception>
<Layer><Title>qsl test world</Title>
<${crsTag}>EPSG:3857</${crsTag}><${crsTag}>EPSG:4326</${crsTag}>${
    v13 ? "<CRS>CRS:84</CRS>" : ""
  }
${geo}${bbox}
${layer("scene", "Scene")}
${layer("roads", "Roads")}
${layer("lakes", "Lakes")}
${layer("index", "Pixel index")}
</Layer></Capability></${v13 ? "WMS_Capabilities" : "WMT_MS_Capabilities"}>`;
}

/** The scale denominators of the `swiss512` tile matrix set. */
export const SWISS512_SCALES: readonly number[] = [
  4000000,
  2500000,
  1000000,
  500000,
  250000,
  100000,
  50000,
  25000,
  10000,
];

function wmtsCapabilities(base: string, kvp: boolean): string {
  const ows = "http://www.opengis.net/ows/1.1";
  const ops = kvp
    ? `<ows:OperationsMetadata>
<ows:Operation name="GetCapabilities"><ows:DCP><ows:HTTP><ows:Get xlink:href="${
      escapeXml(`${base}/wmts/kvp?`)
    }"><ows:Constraint name="GetEncoding"><ows:AllowedValues><ows:Value>KVP</ows:Value></ows:AllowedValues></ows:Constraint></ows:Get></ows:HTTP></ows:DCP></ows:Operation>
<ows:Operation name="GetTile"><ows:DCP><ows:HTTP><ows:Get xlink:href="${
      escapeXml(`${base}/wmts/kvp?`)
    }"><ows:Constraint name="GetEncoding"><ows:AllowedValues><ows:Value>KVP</ows:Value></ows:AllowedValues></ows:Constraint></ows:Get></ows:HTTP></ows:DCP></ows:Operation>
<ows:Operation name="GetFeatureInfo"><ows:DCP><ows:HTTP><ows:Get xlink:href="${
      escapeXml(`${base}/wmts/kvp?`)
    }"><ows:Constraint name="GetEncoding"><ows:AllowedValues><ows:Value>KVP</ows:Value></ows:AllowedValues></ows:Constraint></ows:Get></ows:HTTP></ows:DCP></ows:Operation>
</ows:OperationsMetadata>`
    : "";
  const google: string[] = [];
  for (let z = 0; z <= 18; z++) {
    const n = 2 ** z;
    const scale = (2 * HALF) / (256 * n) / 0.00028;
    google.push(
      `<TileMatrix><ows:Identifier>${z}</ows:Identifier><ScaleDenominator>${scale}</ScaleDenominator><TopLeftCorner>${-HALF} ${HALF}</TopLeftCorner><TileWidth>256</TileWidth><TileHeight>256</TileHeight><MatrixWidth>${n}</MatrixWidth><MatrixHeight>${n}</MatrixHeight></TileMatrix>`,
    );
  }
  // a regional set: 512 px tiles over a corner of the region
  const swissTopLeft = merc(5.0, 48.5);
  const swiss: string[] = [];
  const limits: string[] = [];
  SWISS512_SCALES.forEach((scale, i) => {
    const res = scale * 0.00028;
    const span = 6.5 * 111320 * 1.5; // ≈ the region's width in metres
    const n = Math.max(1, Math.ceil(span / (512 * res)));
    swiss.push(
      `<TileMatrix><ows:Identifier>s${i}</ows:Identifier><ScaleDenominator>${scale}</ScaleDenominator><TopLeftCorner>${
        swissTopLeft[0]
      } ${
        swissTopLeft[1]
      }</TopLeftCorner><TileWidth>512</TileWidth><TileHeight>512</TileHeight><MatrixWidth>${n}</MatrixWidth><MatrixHeight>${n}</MatrixHeight></TileMatrix>`,
    );
    limits.push(
      `<TileMatrixLimits><TileMatrix>s${i}</TileMatrix><MinTileRow>0</MinTileRow><MaxTileRow>${
        n - 1
      }</MaxTileRow><MinTileCol>0</MinTileCol><MaxTileCol>${
        n - 1
      }</MaxTileCol></TileMatrixLimits>`,
    );
  });
  const layer = (id: string) => {
    // feature info: KVP in the formats the layer lists (QGIS asks for the
    // last one it reads features from: JSON), RESTful by templates (GML)
    const info = kvp
      ? ["text/plain", "application/vnd.ogc.gml", "application/json"].map((f) =>
        `<InfoFormat>${f}</InfoFormat>`
      ).join("")
      : "";
    const rest = kvp ? "" : [
      ...["image/png", "image/jpeg"].map((f) =>
        `<ResourceURL format="${f}" resourceType="tile" template="${
          escapeXml(
            `${base}/wmts/rest/tile/${id}/{Style}/{Time}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.${
              f === "image/png" ? "png" : "jpg"
            }`,
          )
        }"/>`
      ),
      ...["application/json", "application/vnd.ogc.gml"].map((f) =>
        `<ResourceURL format="${f}" resourceType="FeatureInfo" template="${
          escapeXml(
            `${base}/wmts/rest/info/${id}/{Style}/{Time}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}/{J}/{I}.${
              f === "application/json" ? "json" : "xml"
            }`,
          )
        }"/>`
      ),
    ].join("");
    return `<Layer><ows:Title>${id}</ows:Title><ows:WGS84BoundingBox><ows:LowerCorner>${
      WORLD_LON[0]
    } ${WORLD_LAT[0]}</ows:LowerCorner><ows:UpperCorner>${WORLD_LON[1]} ${
      WORLD_LAT[1]
    }</ows:UpperCorner></ows:WGS84BoundingBox><ows:Identifier>${id}</ows:Identifier>
<Style isDefault="true"><ows:Identifier>default</ows:Identifier><LegendURL format="image/png" xlink:href="${
      escapeXml(
        `${base}/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphic&LAYER=${id}&FORMAT=image/png&STYLE=default`,
      )
    }"/></Style><Style><ows:Identifier>dark</ows:Identifier></Style>
<Format>image/png</Format><Format>image/jpeg</Format>${info}
<Dimension><ows:Identifier>Time</ows:Identifier><Default>current</Default><Value>current</Value><Value>2020</Value></Dimension>
<TileMatrixSetLink><TileMatrixSet>GoogleMapsCompatible</TileMatrixSet></TileMatrixSetLink>
<TileMatrixSetLink><TileMatrixSet>swiss512</TileMatrixSet><TileMatrixSetLimits>${
      limits.join("")
    }</TileMatrixSetLimits></TileMatrixSetLink>
${rest}</Layer>`;
  };
  return `<?xml version="1.0" encoding="UTF-8"?>
<Capabilities xmlns="http://www.opengis.net/wmts/1.0" xmlns:ows="${ows}" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.0.0">
<ows:ServiceIdentification><ows:Title>qsl test world</ows:Title><ows:ServiceType>OGC WMTS</ows:ServiceType><ows:ServiceTypeVersion>1.0.0</ows:ServiceTypeVersion></ows:ServiceIdentification>
${ops}
<Contents>
${layer("scene")}
${layer("roads")}
<TileMatrixSet><ows:Identifier>GoogleMapsCompatible</ows:Identifier><ows:SupportedCRS>urn:ogc:def:crs:EPSG::3857</ows:SupportedCRS>${
    google.join("")
  }</TileMatrixSet>
<TileMatrixSet><ows:Identifier>swiss512</ows:Identifier><ows:SupportedCRS>urn:ogc:def:crs:EPSG::3857</ows:SupportedCRS>${
    swiss.join("")
  }</TileMatrixSet>
</Contents>
</Capabilities>`;
}

// ---- routing ---------------------------------------------------------------

function param(q: URLSearchParams, name: string): string | null {
  for (const [k, v] of q) if (k.toUpperCase() === name) return v;
  return null;
}

function xml(body: string): Response {
  return new Response(body, { headers: { "content-type": "text/xml" } });
}

function image(bytes: Uint8Array, format: "png" | "jpeg"): Response {
  return new Response(bytes as BodyInit, {
    headers: { "content-type": `image/${format}` },
  });
}

function serviceException(message: string, version = "1.3.0"): Response {
  return new Response(
    `<?xml version="1.0" encoding="UTF-8"?><ServiceExceptionReport version="${version}" xmlns="http://www.opengis.net/ogc"><ServiceException code="InvalidParameterValue">${
      escapeXml(message)
    }</ServiceException></ServiceExceptionReport>`,
    { status: 200, headers: { "content-type": "text/xml" } },
  );
}

const tileCache = new Map<string, Uint8Array>();

async function tile(
  key: string,
  make: () => Promise<Uint8Array>,
): Promise<Uint8Array> {
  let bytes = tileCache.get(key);
  if (!bytes) {
    bytes = await make();
    if (tileCache.size > 2000) tileCache.clear();
    tileCache.set(key, bytes);
  }
  return bytes;
}

function xyzTileBBox(
  z: number,
  x: number,
  y: number,
): [number, number, number, number] {
  const size = (2 * HALF) / 2 ** z;
  return [
    -HALF + x * size,
    HALF - (y + 1) * size,
    -HALF + (x + 1) * size,
    HALF - y * size,
  ];
}

async function xyz(path: string, double: boolean): Promise<Response> {
  const m = /^\/(\d+)\/(\d+)\/(\d+)\.(png|jpg)$/.exec(path);
  if (!m) return new Response("not found", { status: 404 });
  const [z, x, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const n = 2 ** z;
  if (x >= n || y >= n) return new Response("no such tile", { status: 404 });
  const format = m[4] === "png" ? "png" : "jpeg";
  const size = double ? 512 : 256;
  const bytes = await tile(`xyz/${size}/${path}`, () =>
    renderWorld({
      bbox: xyzTileBBox(z, x, y),
      crs: "EPSG:3857",
      width: size,
      height: size,
      layers: ["scene"],
      dark: false,
      opaque: true,
      scale: double ? 2 : 1,
    }, format));
  return image(bytes, format);
}

async function wms(
  q: URLSearchParams,
  base: string,
  only111: boolean,
): Promise<Response> {
  const request = (param(q, "REQUEST") ?? "").toLowerCase();
  const version = only111 || param(q, "VERSION") === "1.1.1"
    ? "1.1.1"
    : "1.3.0";
  if (request === "getcapabilities") {
    return xml(wmsCapabilities(base, version));
  }
  if (request === "getlegendgraphic") {
    const layer = param(q, "LAYER") ?? "scene";
    return image(
      await legendImage(layer, (param(q, "STYLE") ?? "") === "dark"),
      "png",
    );
  }
  if (request !== "getmap" && request !== "getfeatureinfo") {
    return serviceException(`unknown request '${request}'`, version);
  }
  const crsName = (param(q, version === "1.3.0" ? "CRS" : "SRS") ?? "")
    .toUpperCase();
  const box = (param(q, "BBOX") ?? "").split(",").map(Number);
  const width = Number(param(q, "WIDTH"));
  const height = Number(param(q, "HEIGHT"));
  if (box.length !== 4 || box.some((v) => !Number.isFinite(v))) {
    return serviceException("bad BBOX", version);
  }
  if (!(width > 0 && height > 0 && width <= 4096 && height <= 4096)) {
    return serviceException("bad WIDTH/HEIGHT", version);
  }
  let crs: DrawRequest["crs"];
  let bbox = box as [number, number, number, number];
  if (crsName === "EPSG:3857") crs = "EPSG:3857";
  else if (crsName === "CRS:84") crs = "EPSG:4326";
  else if (crsName === "EPSG:4326") {
    crs = "EPSG:4326";
    // WMS 1.3: latitude first
    if (version === "1.3.0") bbox = [box[1], box[0], box[3], box[2]];
  } else return serviceException(`CRS '${crsName}' not offered`, version);
  const layers = (param(q, request === "getmap" ? "LAYERS" : "QUERY_LAYERS") ??
    "").split(",").filter((l) => l !== "");
  const styles = (param(q, "STYLES") ?? "").split(",");
  for (const l of layers) {
    if (!["scene", "roads", "lakes", "index"].includes(l)) {
      return serviceException(`unknown layer '${l}'`, version);
    }
  }
  const dpi = Number(
    param(q, "DPI") ?? param(q, "MAP_RESOLUTION") ??
      /dpi:(\d+)/.exec(param(q, "FORMAT_OPTIONS") ?? "")?.[1] ?? 90.7,
  );
  if (request === "getfeatureinfo") {
    const i = Number(param(q, version === "1.3.0" ? "I" : "X"));
    const j = Number(param(q, version === "1.3.0" ? "J" : "Y"));
    const gx = bbox[0] + (i + 0.5) * (bbox[2] - bbox[0]) / width;
    const gy = bbox[3] - (j + 0.5) * (bbox[3] - bbox[1]) / height;
    const [x, y] = crs === "EPSG:3857" ? [gx, gy] : merc(gx, gy);
    const res = (x - (crs === "EPSG:3857" ? bbox[0] : merc(bbox[0], gy)[0])) /
      (i + 0.5);
    const count = Number(param(q, "FEATURE_COUNT") ?? 1) || 1;
    const hits = worldFeaturesAt(x, y, res * 5, layers, count);
    const info = featureInfo(
      hits,
      param(q, "INFO_FORMAT") ?? "text/plain",
      layers.join(","),
    );
    return new Response(info.body, {
      headers: { "content-type": `${info.type}; charset=utf-8` },
    });
  }
  if (layers.length === 1 && layers[0] === "index") {
    // each pixel's colour is its index + 1 (R low byte): the tests read
    // where a client puts every pixel of the answer
    const px = new Uint8Array(width * height * 4);
    for (let k = 0; k < width * height; k++) {
      const v = k + 1;
      px.set([v & 255, (v >> 8) & 255, (v >> 16) & 255, 255], k * 4);
    }
    return image(encodePng(px, width, height), "png");
  }
  const formatName = (param(q, "FORMAT") ?? "image/png").toLowerCase();
  const format = formatName.includes("jp") ? "jpeg" : "png";
  const transparent = (param(q, "TRANSPARENT") ?? "").toUpperCase() === "TRUE";
  const bytes = await renderWorld({
    bbox,
    crs,
    width,
    height,
    layers,
    dark: styles.some((s) => s === "dark"),
    opaque: !transparent || format === "jpeg",
    scale: dpi / 90.7,
  }, format);
  return image(bytes, format);
}

/** A WMTS tile's bounding box (EPSG:3857) and size; null: no such tile. */
function wmtsTileBBox(
  set: string,
  matrix: string,
  row: number,
  col: number,
): { bbox: [number, number, number, number]; size: number } | null {
  if (set === "GoogleMapsCompatible") {
    const z = Number(matrix);
    if (!Number.isInteger(z) || z < 0 || z > 18) return null;
    return { bbox: xyzTileBBox(z, col, row), size: 256 };
  }
  if (set === "swiss512") {
    const i = Number(matrix.slice(1));
    const scale = SWISS512_SCALES[i];
    if (!matrix.startsWith("s") || scale === undefined) return null;
    const res = scale * 0.00028;
    const [x0, y0] = merc(5.0, 48.5);
    return {
      bbox: [
        x0 + col * 512 * res,
        y0 - (row + 1) * 512 * res,
        x0 + (col + 1) * 512 * res,
        y0 - row * 512 * res,
      ],
      size: 512,
    };
  }
  return null;
}

function wmtsTileRequest(
  layer: string,
  style: string,
  set: string,
  matrix: string,
  row: number,
  col: number,
  format: "png" | "jpeg",
  time: string,
): Promise<Response> | Response {
  const tileBox = wmtsTileBBox(set, matrix, row, col);
  if (!tileBox) return new Response("bad tile", { status: 400 });
  const { bbox, size } = tileBox;
  const key =
    `wmts/${layer}/${style}/${time}/${set}/${matrix}/${row}/${col}/${format}`;
  return tile(key, () =>
    renderWorld({
      bbox,
      crs: "EPSG:3857",
      width: size,
      height: size,
      layers: [layer],
      dark: style === "dark" || time === "2020",
      opaque: layer === "scene",
      scale: 1,
    }, format)).then((bytes) => image(bytes, format));
}

/**
 * WMTS GetFeatureInfo: the world's features at the centre of pixel (i, j)
 * of a tile (5 pixels' tolerance, at most 5 features).
 */
function wmtsFeatureInfo(
  layer: string,
  set: string,
  matrix: string,
  row: number,
  col: number,
  i: number,
  j: number,
  format: string,
): Response {
  const tileBox = wmtsTileBBox(set, matrix, row, col);
  if (!tileBox || !(i >= 0 && j >= 0)) {
    return new Response("bad tile or pixel", { status: 400 });
  }
  const { bbox, size } = tileBox;
  const res = (bbox[2] - bbox[0]) / size;
  const hits = worldFeaturesAt(
    bbox[0] + (i + 0.5) * res,
    bbox[3] - (j + 0.5) * res,
    res * 5,
    [layer],
    5,
  );
  const info = featureInfo(hits, format, layer);
  return new Response(info.body, {
    headers: { "content-type": `${info.type}; charset=utf-8` },
  });
}

function requireBasic(req: Request): boolean {
  return req.headers.get("authorization") === `Basic ${btoa("user:pw")}`;
}

/**
 * Starts the server on a free loopback port (or `port`).
 *
 * @example
 * ```ts ignore
 * const server = await startWebMapServer();
 * try { await fetch(`${server.url}/xyz/0/0/0.png`); } finally { await server.close(); }
 * ```
 */
export function startWebMapServer(
  port = 0,
  logRequests = false,
): Promise<WebMapServer> {
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const hanging = new Set<() => void>();
  const controller = new AbortController();
  let base = "";

  async function route(
    req: Request,
    url: URL,
    path: string,
  ): Promise<Response> {
    const q = url.searchParams;
    let m: RegExpExecArray | null;
    if ((m = /^\/fail\/(\d{3})\//.exec(path))) {
      return new Response(`failed on purpose`, {
        status: Number(m[1]),
        headers: { "content-type": "text/plain" },
      });
    }
    if (path.startsWith("/hang/")) {
      return await new Promise<Response>((resolve) => {
        const done = () => resolve(new Response("late", { status: 503 }));
        hanging.add(done);
      });
    }
    if ((m = /^\/slow\/(\d+)(\/.*)$/.exec(path))) {
      await new Promise((r) => setTimeout(r, Number(m![1])));
      return await route(req, url, m[2]);
    }
    if ((m = /^\/redirect\/(\d+)(\/.*)$/.exec(path))) {
      const n = Number(m[1]);
      const next = n <= 1 ? m[2] : `/redirect/${n - 1}${m[2]}`;
      return new Response(null, {
        status: 302,
        headers: { location: `${next}${url.search}` },
      });
    }
    if (path === "/redirect-to") {
      return new Response(null, {
        status: 301,
        headers: { location: q.get("url") ?? "/" },
      });
    }
    if ((m = /^\/big\/(\d+)$/.exec(path))) {
      const size = Number(m[1]);
      const chunk = new Uint8Array(65536);
      let sent = 0;
      return new Response(
        new ReadableStream({
          pull(c) {
            if (sent >= size) return c.close();
            const n = Math.min(chunk.length, size - sent);
            sent += n;
            c.enqueue(chunk.subarray(0, n));
          },
        }),
        { headers: { "content-type": "image/png" } },
      );
    }
    if (path.startsWith("/text/")) {
      return new Response("<html>not an image</html>", {
        headers: { "content-type": "text/html" },
      });
    }
    if (path.startsWith("/garbage/")) {
      return new Response(new Uint8Array([1, 2, 3, 4]), {
        headers: { "content-type": "image/png" },
      });
    }
    if ((m = /^\/auth(\/.*)$/.exec(path))) {
      if (!requireBasic(req)) {
        return new Response("who are you", {
          status: 401,
          headers: { "www-authenticate": 'Basic realm="qsl"' },
        });
      }
      return await route(req, url, m[1]);
    }
    if ((m = /^\/referer(\/.*)$/.exec(path))) {
      if (req.headers.get("referer") !== "https://qsl.example/") {
        return new Response("bad referer", { status: 403 });
      }
      return await route(req, url, m[1]);
    }
    if ((m = /^\/(cache|expires)\/(\d+)(\/.*)$/.exec(path))) {
      const r = await route(req, url, m[3]);
      const headers = new Headers(r.headers);
      if (m[1] === "cache") headers.set("cache-control", `max-age=${m[2]}`);
      else {
        headers.set(
          "expires",
          new Date(Date.now() + Number(m[2]) * 1000).toUTCString(),
        );
      }
      return new Response(r.body, { status: r.status, headers });
    }
    if ((m = /^\/nocache(\/.*)$/.exec(path))) {
      const r = await route(req, url, m[1]);
      const headers = new Headers(r.headers);
      headers.set("cache-control", "no-store");
      return new Response(r.body, { status: r.status, headers });
    }
    if ((m = /^\/holes\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(path))) {
      if (Number(m[2]) % 2 === 1) {
        return new Response("no tile here", { status: 500 });
      }
      return await xyz(`/${m[1]}/${m[2]}/${m[3]}.png`, false);
    }
    if ((m = /^\/xyz(2x)?(\/.*)$/.exec(path))) {
      return await xyz(m[2], m[1] === "2x");
    }
    if (path === "/wms" || path === "/wms111" || path === "/wms/other") {
      return await wms(q, `${base}${path}`, path === "/wms111");
    }
    if (path === "/wmts/kvp/WMTSCapabilities.xml") {
      return xml(wmtsCapabilities(base, true));
    }
    if (path === "/wmts/rest/WMTSCapabilities.xml") {
      return xml(wmtsCapabilities(base, false));
    }
    if (path === "/wmts/kvp") {
      const request = (param(q, "REQUEST") ?? "").toLowerCase();
      if (request === "getcapabilities") {
        return xml(wmtsCapabilities(base, true));
      }
      if (request === "getfeatureinfo") {
        return wmtsFeatureInfo(
          param(q, "LAYER") ?? "",
          param(q, "TILEMATRIXSET") ?? "",
          param(q, "TILEMATRIX") ?? "",
          Number(param(q, "TILEROW")),
          Number(param(q, "TILECOL")),
          Number(param(q, "I")),
          Number(param(q, "J")),
          param(q, "INFOFORMAT") ?? "text/plain",
        );
      }
      if (request !== "gettile") return new Response("bad", { status: 400 });
      const fmt = (param(q, "FORMAT") ?? "").includes("jp") ? "jpeg" : "png";
      return await wmtsTileRequest(
        param(q, "LAYER") ?? "",
        param(q, "STYLE") ?? "",
        param(q, "TILEMATRIXSET") ?? "",
        param(q, "TILEMATRIX") ?? "",
        Number(param(q, "TILEROW")),
        Number(param(q, "TILECOL")),
        fmt,
        param(q, "TIME") ?? "current",
      );
    }
    if (
      (m =
        /^\/wmts\/rest\/tile\/(\w+)\/(\w*)\/(\w+)\/(\w+)\/(\w+)\/(\d+)\/(\d+)\.(png|jpg)$/
          .exec(path))
    ) {
      return await wmtsTileRequest(
        m[1],
        m[2],
        m[4],
        m[5],
        Number(m[6]),
        Number(m[7]),
        m[8] === "png" ? "png" : "jpeg",
        m[3],
      );
    }
    if (
      (m =
        /^\/wmts\/rest\/info\/(\w+)\/(\w*)\/(\w+)\/(\w+)\/(\w+)\/(\d+)\/(\d+)\/(\d+)\/(\d+)\.(json|xml)$/
          .exec(path))
    ) {
      return wmtsFeatureInfo(
        m[1],
        m[4],
        m[5],
        Number(m[6]),
        Number(m[7]),
        Number(m[9]),
        Number(m[8]),
        m[10] === "json" ? "application/json" : "application/vnd.ogc.gml",
      );
    }
    return new Response("not found", { status: 404 });
  }

  const server = Deno.serve({
    hostname: "127.0.0.1",
    port,
    signal: controller.signal,
    onListen: () => {},
  }, async (req) => {
    const url = new URL(req.url);
    const headers: Record<string, string> = {};
    req.headers.forEach((v, k) => (headers[k] = v));
    requests.push({ url: url.pathname + url.search, headers, at: Date.now() });
    if (logRequests) console.log(url.pathname + url.search);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      return await route(req, url, url.pathname);
    } catch (error) {
      return new Response(String(error), { status: 500 });
    } finally {
      inFlight--;
    }
  });
  const addr = server.addr as Deno.NetAddr;
  base = `http://127.0.0.1:${addr.port}`;
  return Promise.resolve({
    url: base,
    host: `127.0.0.1:${addr.port}`,
    port: addr.port,
    requests,
    inFlight: () => inFlight,
    maxInFlight: () => maxInFlight,
    reset() {
      requests.length = 0;
      maxInFlight = inFlight;
    },
    async close() {
      for (const done of hanging) done();
      hanging.clear();
      controller.abort();
      await server.finished;
    },
  });
}

if (import.meta.main) {
  const i = Deno.args.indexOf("--port");
  const server = await startWebMapServer(
    i >= 0 ? Number(Deno.args[i + 1]) : 0,
    Deno.args.includes("--log"),
  );
  console.log(server.url);
}
