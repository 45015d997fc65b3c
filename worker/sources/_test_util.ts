/**
 * Helpers for this folder's tests and bench: base64, and making test data
 * with GDAL itself (GeoJSON written here, converted with `ogr2ogr`).
 *
 * @module
 */
import { withGdal } from "../gdal/gdal.ts";

/** Standard base64 of bytes. */
export function encodeBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}

/**
 * Writes `geojson` to `<dir>/<name>.geojson` and converts it with GDAL's
 * `ogr2ogr` into `<dir>/<name>.<ext>` (and its side files, e.g. a
 * Shapefile's .dbf/.shx/.prj). Returns the written file names.
 */
export async function convertGeoJson(
  dir: string,
  name: string,
  geojson: unknown,
  driver: string,
  options: string[] = [],
): Promise<string[]> {
  const source = `${dir}/${name}.geojson`;
  await Deno.writeTextFile(source, JSON.stringify(geojson));
  const files = await withGdal(async (gdal) => {
    const opened = await gdal.open(source);
    const ds = opened.datasets[0];
    try {
      const out = await gdal.ogr2ogr(
        ds,
        ["-f", driver, ...options],
        `${name}_out`,
      );
      const written: { name: string; bytes: Uint8Array }[] = [];
      for (const f of out.all) {
        const base = f.local.split("/").pop().replace(`${name}_out`, name);
        written.push({ name: base, bytes: gdal.Module.FS.readFile(f.local) });
        gdal.Module.FS.unlink(f.local);
      }
      return written;
    } finally {
      await gdal.close(ds);
    }
  });
  for (const f of files) await Deno.writeFile(`${dir}/${f.name}`, f.bytes);
  return files.map((f) => f.name);
}

/** A GeoJSON FeatureCollection in EPSG:2056 exercising every kind of geometry and value. */
export function sampleCollection(): unknown {
  return {
    type: "FeatureCollection",
    name: "sample",
    crs: { type: "name", properties: { name: "urn:ogc:def:crs:EPSG::2056" } },
    features: [
      {
        type: "Feature",
        id: 1,
        properties: {
          name: "square",
          n: 1,
          r: 1.5,
          ok: true,
          day: "2024-03-05",
          at: "2024-03-05T10:20:30Z",
        },
        geometry: {
          type: "Polygon",
          coordinates: [
            [[2600000, 1200000], [2601000, 1200000], [2601000, 1201000], [
              2600000,
              1201000,
            ], [2600000, 1200000]],
            [[2600200, 1200200], [2600200, 1200400], [2600400, 1200400], [
              2600400,
              1200200,
            ], [2600200, 1200200]],
          ],
        },
      },
      {
        type: "Feature",
        id: 2,
        properties: {
          name: "two squares",
          n: 2,
          r: null,
          ok: false,
          day: null,
          at: null,
        },
        geometry: {
          type: "MultiPolygon",
          coordinates: [
            [[[2610000, 1210000], [2611000, 1210000], [2611000, 1211000], [
              2610000,
              1210000,
            ]]],
            [[[2612000, 1210000], [2613000, 1210000], [2613000, 1211000], [
              2612000,
              1210000,
            ]]],
          ],
        },
      },
      {
        type: "Feature",
        id: 3,
        properties: {
          name: "far away",
          n: 3,
          r: -2.25,
          ok: true,
          day: "1999-12-31",
          at: "1999-12-31T23:59:59Z",
        },
        geometry: {
          type: "Polygon",
          coordinates: [[[2700000, 1100000], [2701000, 1100000], [
            2701000,
            1101000,
          ], [2700000, 1100000]]],
        },
      },
      {
        type: "Feature",
        id: 4,
        properties: {
          name: "no geometry",
          n: 4,
          r: 0,
          ok: null,
          day: null,
          at: null,
        },
        geometry: null,
      },
    ],
  };
}
