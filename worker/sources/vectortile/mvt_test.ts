import { fileURLToPath } from "node:url";
import { DatabaseSync } from "node:sqlite";
import { gzipSync } from "fflate";
import { assert, assertEquals, assertThrows } from "../_assert.ts";
import {
  decodeTile,
  isExteriorRing,
  MAX_TILE_BYTES,
  tileBytes,
} from "./mvt.ts";
import { tileExtent } from "./tile_matrix.ts";

// tiles GDAL made from our own data (tests/parity/vectortiles/make_references.py)
const DATA = fileURLToPath(
  new URL("../../../tests/parity/vectortiles/data/", import.meta.url),
);

Deno.test("mvt: a tile's layers, geometry kinds, attributes and QGIS's feature ids", async () => {
  const id = { z: 12, x: 2132, y: 1441 };
  const tile = decodeTile(
    await Deno.readFile(`${DATA}xyz/12/2132/1441.pbf`),
    id,
  );
  assertEquals([...tile.keys()].sort(), ["places", "roads", "zones"]);
  const kinds = (name: string) =>
    new Set(tile.get(name)!.map((f) => f.geometry!.kind));
  assertEquals([...kinds("zones")], ["polygon"]);
  assertEquals([...kinds("roads")], ["line"]);
  assertEquals([...kinds("places")], ["point"]);
  const zone = tile.get("zones")![0];
  assertEquals(zone.attributes._geom_type, "Polygon");
  assert(typeof zone.attributes.kind === "string", "kind is text");
  assert(typeof zone.attributes.n === "number", "n is a number");
  // feature number, layer number << 24, row << 32, column << 40 (low bytes)
  const layerNum = [...tile.keys()].indexOf("zones");
  assertEquals(
    zone.id,
    layerNum * 2 ** 24 + (1441 & 0xff) * 2 ** 32 + (2132 & 0xff) * 2 ** 40,
  );
  // EPSG:3857 coordinates, within the tile grown by its buffer
  const box = tileExtent(id);
  const margin = (box.xmax - box.xmin) * 0.1;
  for (const f of tile.get("roads")!) {
    const a = f.geometry!.parts[0][0];
    for (let k = 0; k < a.length; k += 2) {
      assert(a[k] >= box.xmin - margin && a[k] <= box.xmax + margin, "x");
      assert(
        a[k + 1] >= box.ymin - margin && a[k + 1] <= box.ymax + margin,
        "y",
      );
    }
  }
});

Deno.test("mvt: polygons with holes keep their holes; gzip-compressed MBTiles tiles decode alike", () => {
  const db = new DatabaseSync(`${DATA}tiles.mbtiles`, { readOnly: true });
  try {
    const row = db.prepare(
      "SELECT tile_data FROM tiles WHERE zoom_level = 10 AND tile_column = 533 AND tile_row = 663",
    ).get() as { tile_data: Uint8Array };
    const raw = new Uint8Array(row.tile_data);
    assertEquals([raw[0], raw[1]], [0x1f, 0x8b]);
    assert(tileBytes(raw).length > raw.length, "gunzipped");
    const tile = decodeTile(raw, { z: 10, x: 533, y: 1023 - 663 });
    const zones = tile.get("zones")!;
    // every third zone of make_references.py has a hole
    assert(
      zones.some((f) => f.geometry!.parts.some((p) => p.length === 2)),
      "a zone with a hole",
    );
    for (const f of zones) {
      for (const part of f.geometry!.parts) {
        assert(isExteriorRing(part[0]), "exterior first");
        for (const hole of part.slice(1)) assert(!isExteriorRing(hole), "hole");
      }
    }
  } finally {
    db.close();
  }
});

Deno.test("mvt: bytes that are no vector tile fail naming the tile", () => {
  const e = assertThrows(
    () =>
      decodeTile(new Uint8Array([0x1f, 0x8b, 1, 2, 3]), { z: 3, x: 1, y: 2 }),
    RangeError,
  );
  assert(
    e.message.startsWith("Cannot decode tile 3/1/2: bad gzip data"),
    e.message,
  );
  const f = assertThrows(
    () => decodeTile(new Uint8Array([0x1a, 0x7f, 0xff]), { z: 3, x: 1, y: 2 }),
    RangeError,
  );
  assert(f.message.startsWith("Cannot decode tile 3/1/2: "), f.message);
});

Deno.test("mvt: a gzip bomb is refused before it is inflated whole", () => {
  // 16 MiB of zeros: 16 kB compressed
  const bomb = gzipSync(new Uint8Array(16 * 1024 * 1024));
  assert(bomb.length < 64 * 1024, `${bomb.length} bytes`);
  const e = assertThrows(() => tileBytes(bomb, 1024 * 1024), RangeError);
  assertEquals(
    e.message,
    "Cannot decode tile: it inflates to more than 1048576 bytes (the limit)",
  );
  assertEquals(tileBytes(bomb).length, 16 * 1024 * 1024);
  assertEquals(MAX_TILE_BYTES, 64 * 1024 * 1024);
});
