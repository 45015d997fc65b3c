import { assert, assertEquals, assertThrows } from "../_assert.ts";
import { collectFeatures, openVectorSource } from "../mod.ts";
import type { SourceLayer } from "../source.ts";
import { JobError } from "../../runners/types.ts";
import { asGpxOgrLayer } from "./uri.ts";

const root = await Deno.realPath(
  await Deno.makeTempDir({ prefix: "qsl_gpx_" }),
);
await Deno.writeTextFile(
  `${root}/walk.gpx`,
  `<?xml version="1.0"?>
<gpx version="1.1" creator="qsl test" xmlns="http://www.topografix.com/GPX/1/1">
  <wpt lat="46.95" lon="7.44"><ele>540</ele><name>Bern</name></wpt>
  <wpt lat="47.37" lon="8.54"><name>Zürich</name></wpt>
  <rte><name>train</name><rtept lat="46.95" lon="7.44"/><rtept lat="47.37" lon="8.54"/></rte>
  <trk><name>walk</name><trkseg>
    <trkpt lat="46.95" lon="7.44"/><trkpt lat="46.96" lon="7.45"/><trkpt lat="46.97" lon="7.44"/>
  </trkseg></trk>
</gpx>
`,
);
const ctx = { dataRoot: root, remoteHosts: [] };
const gpx = (type: string): SourceLayer => ({
  id: `gpx_${type}`,
  name: "walk",
  driver: "gpx",
  remote: false,
  // As QGIS 3.22's decodeUri('gpx', 'walk.gpx?type=…') writes it.
  source: JSON.stringify({ path: "walk.gpx", layerName: type }),
});
const swiss = { xmin: 2400000, ymin: 1000000, xmax: 2900000, ymax: 1400000 };

Deno.test("gpx: waypoints, routes and tracks, reprojected to the map CRS", async () => {
  const query = { bbox: swiss, crs: "EPSG:2056" };
  const waypoints = openVectorSource(gpx("waypoint"), ctx, "render");
  assertEquals(waypoints.provider, "gpx");
  const set = await waypoints.features(query);
  assertEquals(set.geometryKind, "point");
  const points = await collectFeatures(set);
  assertEquals(points.map((f) => f.attributes.name), ["Bern", "Zürich"]);
  const [x, y] = points[0].geometry!.parts[0][0];
  assert(
    Math.abs(x - 2600000) < 3000 && Math.abs(y - 1200000) < 3000,
    `${x} ${y}`,
  );
  const routes = await collectFeatures(
    await openVectorSource(gpx("route"), ctx, "render").features(query),
  );
  assertEquals(routes.map((f) => f.attributes.name), ["train"]);
  const trackSet = await openVectorSource(gpx("track"), ctx, "render")
    .features(query);
  assertEquals(trackSet.geometryKind, "line");
  const tracks = await collectFeatures(trackSet);
  assertEquals(tracks.length, 1);
  assertEquals(tracks[0].geometry!.parts[0][0].length, 6);
});

Deno.test("gpx: a page and a hit test", async () => {
  const source = openVectorSource(gpx("waypoint"), ctx, "query");
  const page = await source.page({ startIndex: 1, count: 5 });
  assertEquals(page.numbersMatched, 2);
  assertEquals(page.features.map((f) => f.attributes.name), ["Zürich"]);
  const hit = await collectFeatures(
    await source.hitTest({
      point: [7.44, 46.95],
      crs: "EPSG:4326",
      tolerance: () => 0.01,
    }),
  );
  assertEquals(hit.map((f) => f.attributes.name), ["Bern"]);
});

Deno.test("gpx: an undecoded URI is read; an unknown type fails naming it", () => {
  const raw = asGpxOgrLayer({
    id: "g",
    name: "walk",
    source: JSON.stringify({ path: "walk.gpx?type=route" }),
  });
  assertEquals(JSON.parse(raw.source), {
    path: "walk.gpx",
    layerName: "routes",
  });
  const error = assertThrows(
    () => asGpxOgrLayer({ ...gpx("trackpoint") }),
    JobError,
  );
  assertEquals(
    error.message,
    "Cannot open layer 'walk': GPX feature type 'trackpoint' is not waypoint, route or track",
  );
});

Deno.test("gpx: an element too large for GDAL's reader fails every read the same way (the dataset is reopened), never an empty layer", async () => {
  // a waypoint name of 20 MB: GDAL's GPX reader stops ("Too much data inside
  // one element"); the open dataset then answered the layer empty, without
  // an error, for every later job
  await Deno.writeTextFile(
    `${root}/huge_name.gpx`,
    `<?xml version="1.0"?><gpx version="1.1" creator="qsl test" xmlns="http://www.topografix.com/GPX/1/1"><wpt lat="46.95" lon="7.44"><name>${
      "y".repeat(20_000_000)
    }</name></wpt></gpx>`,
  );
  const layer: SourceLayer = {
    id: "gpx_huge",
    name: "huge",
    driver: "gpx",
    remote: false,
    source: JSON.stringify({ path: "huge_name.gpx", layerName: "waypoint" }),
  };
  for (let i = 0; i < 3; i++) {
    let message = "no error";
    try {
      await collectFeatures(
        await openVectorSource(layer, ctx, "render").features({
          bbox: swiss,
          crs: "EPSG:2056",
        }),
      );
    } catch (error) {
      assert(error instanceof JobError, String(error));
      message = (error as Error).message;
    }
    assertEquals(
      message,
      "Cannot open layer 'huge': Too much data inside one element. File probably corrupted",
      `read ${i + 1}`,
    );
  }
});
