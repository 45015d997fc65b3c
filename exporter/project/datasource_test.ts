import assert from "node:assert/strict";
import {
  decodeGdalUri,
  decodeOgrUri,
  decodePostgresUri,
  decodeQueryUri,
  ogrSource,
  postgresSource,
  projectPath,
  sslModeToInt,
  sslModeToText,
  vectorTileSource,
  wkbTypeCode,
  xyzSource,
} from "./datasource.ts";

Deno.test("OGR URIs: layer name, id, subset with bars, vsi prefix", () => {
  const d = decodeOgrUri(
    "./data/demo.gpkg|layername=zones|subset=\"kind\" = 'a|b'",
    "/p",
  );
  assert.equal(d.path, "data/demo.gpkg");
  assert.equal(d.layerName, "zones");
  assert.equal(d.subset, "\"kind\" = 'a|b'");
  const z = decodeOgrUri("/vsizip//p/data/x.zip/roads.shp|layerid=0", "/p");
  assert.equal(z.vsiPrefix, "/vsizip/");
  assert.equal(z.path, "data/x.zip");
  assert.equal(z.vsiSuffix, "/roads.shp");
  assert.equal(z.layerId, "0");
});

Deno.test("paths the project stores relative stay relative, absolute ones outside it absolute", () => {
  assert.equal(projectPath("/data/a.gpkg", "/p"), "/data/a.gpkg");
  assert.equal(projectPath("/p/q/d/a.gpkg", "/p/q"), "d/a.gpkg");
  assert.equal(projectPath("../a.gpkg", "/p/q"), "../a.gpkg");
  assert.equal(projectPath("./../shared/./b.shp", "/p/q"), "../shared/b.shp");
  assert.equal(projectPath("https://x/y.tif", "/p"), "https://x/y.tif");
});

Deno.test("GDAL URIs: plain paths and driver-prefixed subdatasets", () => {
  assert.equal(decodeGdalUri("./dem.tif", "/p").path, "dem.tif");
  const g = decodeGdalUri('GPKG:"/p/r.gpkg":dem', "/p");
  assert.equal(g.path, "r.gpkg");
  assert.equal(g.layerName, "dem");
});

Deno.test("query URIs are percent-decoded, '+' kept", () => {
  const d = decodeQueryUri(
    "type=xyz&url=https://t/%7Bz%7D/%7Bx%7D/%7By%7D.png?a%3D1+2&zmax=19",
  );
  assert.equal(d.url, "https://t/{z}/{x}/{y}.png?a=1+2");
  assert.equal(d.zmax, "19");
});

Deno.test("PostgreSQL URIs decode like QgsDataSourceUri", () => {
  const d = decodePostgresUri(
    `dbname='my db' host=db.example port=5433 user='u' password='p\\'w' ` +
      `sslmode=require key='id' srid=2056 type=MultiPolygon ` +
      `checkPrimaryKeyUnicity='0' table="s"."t" (geom) sql="a" = 'x y'`,
  );
  assert.equal(d.dbname, "my db");
  assert.equal(d.password, "p'w");
  assert.equal(d.username, "u");
  assert.equal(d.schema, "s");
  assert.equal(d.table, "t");
  assert.equal(d.geometrycolumn, "geom");
  assert.equal(d.sql, `"a" = 'x y'`);
  const s = postgresSource(d);
  assert.equal(s.port, 5433);
  assert.equal(s.type, 6);
  assert.equal(s.sslmode, 3);
  assert.equal(s.ssl_mode_text, "require");
  assert.equal(s.check_primary_key_unicity, "0");
});

Deno.test("sslmode and WKB codes", () => {
  assert.equal(sslModeToInt("verify-full"), 5);
  assert.equal(sslModeToText(sslModeToInt("allow")), "allow");
  assert.equal(postgresSource({ table: "t" }).sslmode, 2);
  assert.equal(wkbTypeCode("PointZ"), 1001);
  assert.equal(wkbTypeCode("LineString25D"), 0x80000002);
  assert.equal(wkbTypeCode("NoGeometry"), 100);
});

Deno.test("an OGR URI's geometrytype= is the source's geometry_type, written only when the URI has it", () => {
  const split = ogrSource(
    decodeOgrUri("./mixed.kml|layername=a|geometrytype=Polygon", "/p"),
  );
  assert.equal(split.geometry_type, "Polygon");
  assert.equal(split.layer_name, "a");
  const whole = ogrSource(decodeOgrUri("./a.gpkg|layername=a", "/p"));
  assert.equal("geometry_type" in whole, false);
});

Deno.test("vector tile URIs: an MBTiles file (QGIS's url, decoded as path) relative to the project, an XYZ template as it is", () => {
  const mbtiles = vectorTileSource(
    decodeQueryUri("type=mbtiles&url=./data/t.mbtiles"),
    "/p",
  );
  assert.deepEqual(mbtiles, {
    type: "mbtiles",
    zmin: null,
    zmax: null,
    url: null,
    path: "data/t.mbtiles",
    style_url: null,
  });
  const xyz = vectorTileSource(
    decodeQueryUri(
      "type=xyz&url=https://t/%7Bz%7D/%7Bx%7D/%7By%7D.pbf&zmin=2&zmax=9",
    ),
    "/p",
  );
  assert.deepEqual(
    [xyz.url, xyz.path, xyz.zmin, xyz.zmax],
    ["https://t/{z}/{x}/{y}.pbf", null, 2, 9],
  );
});

Deno.test("an XYZ source's empty referer, user and password are left out, as the Python exporter leaves them", () => {
  const url = "type=xyz&url=https://t/%7Bz%7D/%7Bx%7D/%7By%7D.png&zmin=0";
  // QGIS's XYZ connections write `http-header:referer=` when none is set
  const empty = xyzSource(
    decodeQueryUri(`${url}&http-header:referer=&username=&password=`),
  );
  assert.deepEqual(Object.keys(empty).sort(), ["type", "url", "zmax", "zmin"]);
  // an empty `referer` does not hide the `http-header:referer` that is set
  const set = xyzSource(
    decodeQueryUri(`${url}&referer=&http-header:referer=https://r/`),
  );
  assert.equal(set.referer, "https://r/");
});
