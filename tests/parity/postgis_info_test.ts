/**
 * Feature info on a PostGIS layer in another CRS equals QGIS Server 3.22's
 * (`postgis_info/make_reference.py`): a point table in EPSG:2056 queried on
 * a map in EPSG:3857, with points near the corners of the search rectangle
 * where the map-CRS test and QGIS Server's two-corner test part, in the
 * order PostgreSQL's index scan gives them. The test makes the table
 * itself (`postgis_info/table.sql`, written by the script) in a database of
 * its own.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { QslJobParameterFeatureInfo } from "@qgis-server-light/interface";
import { featureInfo } from "../../worker/runners/feature_info.ts";
import { testRunnerContext } from "../../worker/runners/_test_util.ts";
import {
  createTestDatabase,
  postgisLayer,
} from "../../worker/sources/postgres/_test_util.ts";
import { closePostgresPools } from "../../worker/sources/postgres/pool.ts";

const DIR = fileURLToPath(new URL("./postgis_info/", import.meta.url));
const EXTENSIONS: Record<string, string> = {
  "text/plain": "txt",
  "application/json": "json",
};

Deno.test("postgis feature info: another CRS tested by the rectangle's two corners, in PostgreSQL's order, as QGIS Server", async () => {
  const request = JSON.parse(
    await Deno.readTextFile(join(DIR, "request.json")),
  );
  const table = await Deno.readTextFile(join(DIR, "table.sql"));
  const db = await createTestDatabase();
  try {
    for (const statement of table.split(";\n")) {
      const sql = statement.replace(/^--.*$/gm, "").trim();
      if (sql) await db.sql.unsafe(sql);
    }
    const layer = {
      ...postgisLayer(db.name, "public", "pts", {
        key: '"id"',
        srid: "2056",
      }),
      folder_name: "",
      style: null,
      filter: null,
    };
    for (const format of request.formats as string[]) {
      const job = QslJobParameterFeatureInfo.parse({
        INFO_FORMAT: format,
        QUERY_LAYERS: "pts",
        I: String(request.I),
        J: String(request.J),
        FEATURE_COUNT: request.FEATURE_COUNT,
        FI_POINT_TOLERANCE: request.FI_POINT_TOLERANCE,
        layers: [layer],
        bbox: request.bbox,
        crs: request.crs,
        width: request.width,
        height: request.height,
      });
      const out = await featureInfo(job, testRunnerContext(DIR));
      const expected = await Deno.readTextFile(
        join(DIR, `reference.qgis.${EXTENSIONS[format]}`),
      );
      assert.equal(new TextDecoder().decode(out.data), expected, format);
    }
  } finally {
    await closePostgresPools();
    await db.drop();
  }
});
