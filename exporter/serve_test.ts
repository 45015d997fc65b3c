import assert from "node:assert/strict";
import { ExportResult } from "@qgis-server-light/interface/config";
import { createExportHandler, isSafeSegment } from "./serve.ts";
import { keepQml, TESTDATA } from "./project/_test_util.ts";

Deno.test("mandant/project must be plain names", () => {
  for (const ok of ["acme", "demo_2", "a.b", "Base maps"]) {
    assert.equal(isSafeSegment(ok), true, ok);
  }
  for (
    const bad of ["", "..", "../x", "a/b", "a\\b", "/etc", ".hidden", "a..b"]
  ) {
    assert.equal(isSafeSegment(bad), false, bad);
  }
});

Deno.test("POST /export writes <root>/<mandant>/<project>.<format>", async () => {
  const root = await Deno.makeTempDir({ prefix: "qsl_exporter_serve_" });
  try {
    await Deno.mkdir(`${root}/acme`);
    await Deno.copyFile(`${TESTDATA}basic.qgs`, `${root}/acme/basic.qgs`);
    await Deno.copyFile(
      `${TESTDATA}points.geojson`,
      `${root}/acme/points.geojson`,
    );
    const log: string[] = [];
    const server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen() {} },
      createExportHandler({
        dataRoot: root,
        encodeStyle: keepQml,
        log: (m) => log.push(m),
      }),
    );
    const url = `http://127.0.0.1:${server.addr.port}/export`;
    const post = async (body: unknown) => {
      const r = await fetch(url, {
        method: "POST",
        body: JSON.stringify(body),
      });
      return { status: r.status, result: ExportResult.parse(await r.json()) };
    };
    try {
      const ok = await post({
        mandant: "acme",
        project: "basic",
        output_format: "xml",
      });
      assert.deepEqual(ok, { status: 200, result: { successful: true } });
      const xml = await Deno.readTextFile(`${root}/acme/basic.xml`);
      assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Config>/);
      assert.match(xml, /<name>points<\/name>/);
      const json = await post({ mandant: "acme", project: "basic" });
      assert.equal(json.result.successful, true);
      const config = JSON.parse(
        await Deno.readTextFile(`${root}/acme/basic.json`),
      );
      assert.equal(config.project.name, "basic");

      for (
        const bad of [
          { mandant: "..", project: "etc/passwd" },
          { mandant: "acme", project: "../acme/basic" },
          { mandant: "/tmp", project: "x" },
        ]
      ) {
        assert.deepEqual(await post(bad), {
          status: 400,
          result: { successful: false },
        });
      }
      assert.equal(
        (await post({ mandant: "acme", project: "nope" })).status,
        404,
      );
      assert.equal(
        (await post({ mandant: "acme", project: "basic", x: 1 })).status,
        400,
      );
      assert.equal(
        (await post({
          mandant: "acme",
          project: "basic",
          output_format: "yaml",
        })).status,
        400,
      );
      const get = await fetch(url);
      assert.equal(get.status, 405);
      await get.body?.cancel();
    } finally {
      await server.shutdown();
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
