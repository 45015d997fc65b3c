import assert from "node:assert/strict";
import { executeJob, MESSAGE_LIMIT } from "./execute.ts";
import { defaultRunners } from "../runners/registry.ts";
import { testRunnerContext } from "../runners/_test_util.ts";
import { encodeStyle } from "@qgis-server-light/interface";

const DEMO = new URL("../../demo", import.meta.url).pathname;

function renderJob(job: Record<string, unknown>, layers: unknown[] = []) {
  return JSON.stringify({
    id: "1",
    type: "QslJobInfoRender",
    job: {
      layers,
      bbox: { x_min: 0, y_min: 0, x_max: 10, y_max: 10 },
      crs: "EPSG:2056",
      width: 10,
      height: 10,
      dpi: 96,
      format: "image/png",
      ...job,
    },
  });
}

function layer(name: string, source: string) {
  return {
    id: "l",
    name,
    source,
    remote: false,
    folder_name: "",
    driver: "ogr",
    style: {
      name: "default",
      definition: encodeStyle(
        '<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="fill" name="0"><layer class="SimpleFill"/></symbol></symbols></renderer-v2></qgis>',
      ),
    },
    filter: null,
  };
}

Deno.test("executeJob: a failed job echoes at most a few hundred characters of its input", async () => {
  const huge = "x".repeat(10_000_000);
  const ctx = testRunnerContext(DEMO);
  for (
    const raw of [
      renderJob({ format: huge }),
      renderJob({}, [layer("a", JSON.stringify({ path: `/${huge}` }))]),
      renderJob({}, [{ ...layer(huge, "{}"), driver: "postgres" }]),
    ]
  ) {
    const outcome = await executeJob(raw, defaultRunners(), ctx);
    assert.equal(outcome.status, "failed");
    const message = String(outcome.data);
    assert.ok(message.startsWith("Cannot "), message.slice(0, 100));
    assert.ok(message.length <= MESSAGE_LIMIT + 40, `${message.length}`);
    assert.ok(message.includes("more characters"), message.slice(0, 300));
    assert.ok(outcome.layers.every((n) => n.length < 300));
  }
});
