import { withWorker } from "./tests/in_process_worker.ts";
import { demoLayer, demoRenderJob } from "./tests/hostile/_jobs.ts";
const POINT = '<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="marker" name="0"><layer class="SimpleMarker"><Option type="Map"><Option name="size" value="3" type="QString"/></Option></layer></symbol></symbols></renderer-v2></qgis>';
const FILL = '<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="fill" name="0"><layer class="SimpleFill"><Option type="Map"><Option name="color" value="200,80,40,255" type="QString"/></Option></layer></symbol></symbols></renderer-v2></qgis>';
const base = demoRenderJob().job as Record<string, unknown>;
const places = demoLayer("places", "places.geojson", POINT);
const zones = demoLayer("zones", "zones.geojson", FILL);
const fi = (p: Record<string, unknown>) => ({ INFO_FORMAT: "application/json", QUERY_LAYERS: "places,zones", I: "150", J: "100", FEATURE_COUNT: 1, ...base, layers: [places, zones], ...p });
const lg = (p: Record<string, unknown>) => ({ layers: [places, zones], format: "image/png", width: null, height: null, dpi: 91, scale: null, layer_title: true, ...p });
const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...places, id: `p${i}`, name: `p${i}` }));
const big = { ...places, id: "pts", name: "pts", source: JSON.stringify({ path: "data/pts.geojson" }) };
const bigfi = (p: Record<string, unknown>) => fi({ layers: [big], QUERY_LAYERS: "pts", bbox: { x_min: 2600000, y_min: 1200000, x_max: 2610000, y_max: 1202000 }, width: 1000, height: 200, I: "500", J: "100", ...p });
const cases: [string, string, Record<string, unknown>][] = [
  ["big fi count 1", "QslJobInfoFeatureInfo", bigfi({})],
  ["big fi count 10 tol 8192 json", "QslJobInfoFeatureInfo", bigfi({ FEATURE_COUNT: 10, FI_POINT_TOLERANCE: 8192 })],
  ["big fi count 10000 tol 8192 json geom", "QslJobInfoFeatureInfo", bigfi({ FEATURE_COUNT: 10000, FI_POINT_TOLERANCE: 8192, WITH_GEOMETRY: true })],
];
const filter = Deno.args[0];
await withWorker(Deno.env.get("ROOT") ?? "/work/hostile/demo", async (queue) => {
  for (const [label, type, params] of cases) {
    if (filter && !label.includes(filter)) continue;
    const rss0 = Deno.memoryUsage().rss;
    const t0 = performance.now();
    let r;
    try {
      r = await queue.post(params as never, { type: type as never, timeoutMs: 60_000 });
    } catch (e) { console.log(label, "THROW", (e as Error).message.slice(0, 200)); continue; }
    const d = r.result.data;
    const text = typeof d === "string" ? d : d instanceof Uint8Array ? `<${d.length} bytes>` : JSON.stringify(d).slice(0, 200);
    console.log(`${label}: ${r.status} ${Math.round(performance.now() - t0)} ms rss+${Math.round((Deno.memoryUsage().rss - rss0) / 1e6)} MB | ${String(text).slice(0, 220)}`);
  }
});
