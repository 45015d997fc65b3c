const n = Number(Deno.args[0] ?? 200000);
const f = await Deno.open("/tmp/qsl_fi_big/data/pts.geojson", { write: true, create: true, truncate: true });
const enc = new TextEncoder();
await f.write(enc.encode('{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::2056"}},"features":[\n'));
let buf = "";
for (let i = 0; i < n; i++) {
  const x = 2600000 + (i % 1000) * 10, y = 1200000 + Math.floor(i / 1000) * 10;
  buf += `${i ? "," : ""}{"type":"Feature","properties":{"id":${i},"name":"feature number ${i} with a longish attribute"},"geometry":{"type":"Point","coordinates":[${x},${y}]}}\n`;
  if (buf.length > 1e6) { await f.write(enc.encode(buf)); buf = ""; }
}
await f.write(enc.encode(buf + "]}\n"));
f.close();
