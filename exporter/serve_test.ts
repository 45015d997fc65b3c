import assert from "node:assert/strict";
import { ExportResult } from "@qgis-server-light/interface/config";
import { createExportHandler, isSafeSegment } from "./serve.ts";
import { keepQml, TESTDATA } from "./project/_test_util.ts";
import { writeManyLayers, writeNestedGroups } from "./bench/_hostile.ts";

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
    const refused = async (body: unknown, status: number, reason: RegExp) => {
      const r = await post(body);
      assert.equal(r.status, status, JSON.stringify(r.result));
      assert.equal(r.result.successful, false);
      assert.match(r.result.reason ?? "", reason);
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
        await refused(bad, 400, /must be plain names/);
      }
      await refused(
        { mandant: "acme", project: "nope" },
        404,
        /^Cannot export acme\/nope: no project file acme\/nope\.qgz or acme\/nope\.qgs$/,
      );
      await refused(
        { mandant: "acme", project: "basic", x: 1 },
        400,
        /^Cannot export: bad parameters: .*x/,
      );
      await refused({ project: "basic" }, 400, /bad parameters: mandant: /);
      await refused(
        { mandant: "acme", project: "basic", output_format: "yaml" },
        400,
        /output_format must be json or xml, not 'yaml'/,
      );
      const notJson = await fetch(url, { method: "POST", body: "{" });
      assert.equal(notJson.status, 400);
      assert.match((await notJson.json()).reason, /the body is not JSON/);
      const big = await fetch(url, {
        method: "POST",
        body: JSON.stringify({ mandant: "x".repeat(2 << 20), project: "p" }),
      });
      assert.equal(big.status, 413);
      assert.match((await big.json()).reason, /larger than 1048576 bytes/);
      await Deno.writeTextFile(`${root}/acme/broken.qgs`, "<qgis><title>");
      await refused(
        { mandant: "acme", project: "broken" },
        422,
        /^Cannot export acme\/broken: Cannot parse broken\.qgs: malformed XML/,
      );
      assert.ok(log.some((l) => /malformed XML/.test(l)), log.join("\n"));
      const get = await fetch(url);
      assert.equal(get.status, 405);
      assert.equal(get.headers.get("allow"), "POST");
      assert.match((await get.json()).reason, /use POST/);
      const other = await fetch(url.replace("/export", "/x"));
      assert.equal(other.status, 404);
      assert.match((await other.json()).reason, /POST \/export only/);
    } finally {
      await server.shutdown();
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a served project reads no file outside the data root", async () => {
  const outside = await Deno.makeTempDir({ prefix: "qsl_exporter_outside_" });
  const root = await Deno.makeTempDir({ prefix: "qsl_exporter_serve_" });
  try {
    // A secret-looking GeoJSON outside the root, named three ways: by
    // absolute path, by "../", and through a symbolic link inside the root.
    await Deno.writeTextFile(
      `${outside}/secret.geojson`,
      JSON.stringify({
        type: "FeatureCollection",
        features: [{
          type: "Feature",
          properties: { secret_column: 1 },
          geometry: { type: "Point", coordinates: [0, 0] },
        }],
      }),
    );
    await Deno.mkdir(`${root}/acme`);
    await Deno.symlink(
      `${outside}/secret.geojson`,
      `${root}/acme/link.geojson`,
    );
    await Deno.copyFile(`${TESTDATA}points.geojson`, `${root}/acme/in.geojson`);
    const layer = (id: string, source: string) =>
      `<maplayer type="vector"><id>${id}</id><datasource>${source}</datasource>` +
      `<layername>${id}</layername><provider>ogr</provider></maplayer>`;
    const sources: [string, string][] = [
      ["absolute", `${outside}/secret.geojson`],
      ["dotdot", `../../${outside.split("/").pop()}/secret.geojson`],
      ["link", "./link.geojson"],
      ["inside", "./in.geojson"],
    ];
    await Deno.writeTextFile(
      `${root}/acme/p.qgs`,
      `<qgis version="3.22.16"><layer-tree-group>${
        sources.map(([id]) => `<layer-tree-layer id="${id}"/>`).join("")
      }</layer-tree-group><projectlayers>${
        sources.map(([id, s]) => layer(id, s)).join("")
      }</projectlayers></qgis>`,
    );
    // The project file itself may not be a link to outside either.
    await Deno.writeTextFile(`${outside}/other.qgs`, "<qgis/>");
    await Deno.symlink(`${outside}/other.qgs`, `${root}/acme/other.qgs`);
    const log: string[] = [];
    const handler = createExportHandler({
      dataRoot: root,
      encodeStyle: keepQml,
      log: (m) => log.push(m),
    });
    const post = (project: string) =>
      handler(
        new Request("http://x/export", {
          method: "POST",
          body: JSON.stringify({ mandant: "acme", project }),
        }),
      );
    const ok = await post("p");
    assert.equal(ok.status, 200, await ok.clone().text());
    const text = await Deno.readTextFile(`${root}/acme/p.json`);
    assert.doesNotMatch(text, /secret_column/);
    const config = JSON.parse(text);
    const fields = Object.fromEntries(
      config.datasets.vector.map((v: { id: string; fields: unknown[] }) => [
        v.id,
        v.fields.length,
      ]),
    );
    assert.deepEqual(fields, { absolute: 0, dotdot: 0, link: 0, inside: 5 });
    for (const id of ["absolute", "dotdot", "link"]) {
      assert.ok(
        log.some((l) =>
          l.startsWith(`acme/p: Layer '${id}' (${id}): cannot read `) &&
          l.includes("it lies outside the served folder")
        ),
        log.join("\n"),
      );
    }
    const other = await post("other");
    assert.equal(other.status, 403);
    assert.match((await other.json()).reason, /outside the data root/);
  } finally {
    await Deno.remove(root, { recursive: true });
    await Deno.remove(outside, { recursive: true });
  }
});

Deno.test("serve refuses a project over its layer or group depth limit with 422, naming the limit", async () => {
  const root = await Deno.makeTempDir({ prefix: "qsl_exporter_serve_limits_" });
  try {
    await Deno.mkdir(`${root}/acme`);
    await writeManyLayers(`${root}/acme/many.qgs`, 3);
    await writeNestedGroups(`${root}/acme/deep.qgs`, 3);
    const handler = createExportHandler({
      dataRoot: root,
      encodeStyle: keepQml,
      maxLayers: 2,
      maxGroupDepth: 2,
      log: () => {},
    });
    const post = async (project: string) => {
      const r = await handler(
        new Request("http://127.0.0.1/export", {
          method: "POST",
          body: JSON.stringify({ mandant: "acme", project }),
        }),
      );
      return { status: r.status, result: ExportResult.parse(await r.json()) };
    };
    assert.deepEqual(await post("many"), {
      status: 422,
      result: {
        successful: false,
        reason:
          "Cannot export acme/many: Cannot export many.qgs: it has more than 2 layers, the limit (raise --max-layers to export it)",
      },
    });
    assert.deepEqual(await post("deep"), {
      status: 422,
      result: {
        successful: false,
        reason:
          "Cannot export acme/deep: Cannot export deep.qgs: its layer tree nests groups deeper than 2 levels, the limit (raise --max-group-depth to export it)",
      },
    });
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
