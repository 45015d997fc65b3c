import {
  assert,
  assertEquals,
  assertRejects,
  assertThrows,
} from "./_assert.ts";
import { parseLayerSource, resolveLayerSource } from "./file_source.ts";
import { JobError } from "../runners/types.ts";

function layer(source: unknown, extra: Record<string, unknown> = {}) {
  return {
    id: "l1",
    name: "roads",
    source: typeof source === "string" ? source : JSON.stringify(source),
    remote: false,
    folder_name: "data",
    driver: "ogr",
    ...extra,
  };
}

async function makeRoot(): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "qsl_source_" });
  await Deno.mkdir(`${root}/root/data/sub`, { recursive: true });
  await Deno.writeTextFile(`${root}/root/data/a.geojson`, "{}");
  await Deno.writeTextFile(`${root}/root/data/sub/b.geojson`, "{}");
  await Deno.writeTextFile(`${root}/root/data/c.zip`, "");
  await Deno.writeTextFile(`${root}/outside.geojson`, "{}");
  await Deno.symlink(
    `${root}/outside.geojson`,
    `${root}/root/data/link_out.geojson`,
  );
  await Deno.symlink(
    `${root}/root/data/a.geojson`,
    `${root}/root/data/link_in.geojson`,
  );
  return root;
}

Deno.test("parseLayerSource reads the keys the Python exporter writes", () => {
  assertEquals(
    parseLayerSource(layer({
      path: "demo.gpkg",
      layerName: "roads",
      layerId: "2",
      subset: '"lanes" > 1',
      vsiPrefix: "/vsizip/",
      vsiSuffix: "/roads.shp",
    })),
    {
      path: "demo.gpkg",
      layerName: "roads",
      layerId: 2,
      subset: '"lanes" > 1',
      vsiPrefix: "/vsizip/",
      vsiSuffix: "/roads.shp",
    },
  );
  assertEquals(parseLayerSource(layer({ path: "x.gpkg", layer_name: "y" })), {
    path: "x.gpkg",
    layerName: "y",
  });
  assertEquals(
    parseLayerSource(layer({ path: "x.tif", vsiPrefix: "vsizip" })),
    {
      path: "x.tif",
      vsiPrefix: "/vsizip/",
    },
  );
});

Deno.test("parseLayerSource rejects malformed sources with a JobError", () => {
  for (
    const [source, message] of [
      ["not json", "not valid JSON"],
      ["[1]", "not a JSON object"],
      [{ layerName: "x" }, "has no 'path'"],
      [{ path: 3 }, "'path' must be a string"],
      [{ path: "a", vsiPrefix: "/vsicurl/" }, "unsupported vsiPrefix"],
      [{ path: "a.zip", vsiSuffix: "/../x" }, "leaves the archive"],
      [{ path: "a", layerId: "x" }, "not a layer index"],
    ] as const
  ) {
    const error = assertThrows(() => parseLayerSource(layer(source)), JobError);
    assert(
      error.message.startsWith("Cannot open layer 'roads': "),
      error.message,
    );
    assert(error.message.includes(message), error.message);
  }
});

Deno.test("resolveLayerSource resolves below <data root>/<folder_name>", async () => {
  const root = await makeRoot();
  try {
    const ctx = { dataRoot: `${root}/root`, remoteHosts: [] };
    const real = await Deno.realPath(`${root}/root`);
    const a = await resolveLayerSource(layer({ path: "a.geojson" }), ctx);
    assertEquals(a.location, `${real}/data/a.geojson`);
    assertEquals(a.relativePath, "data/a.geojson");
    assertEquals(a.remote, false);
    const b = await resolveLayerSource(
      layer({ path: "./sub/../sub/b.geojson" }),
      ctx,
    );
    assertEquals(b.relativePath, "data/sub/b.geojson");
    const inLink = await resolveLayerSource(
      layer({ path: "link_in.geojson" }),
      ctx,
    );
    assertEquals(inLink.relativePath, "data/a.geojson");
    const zip = await resolveLayerSource(layer({ path: "c.zip" }), ctx);
    assertEquals(zip.source.vsiPrefix, "/vsizip/");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("resolveLayerSource refuses paths that leave the data root", async () => {
  const root = await makeRoot();
  try {
    const ctx = { dataRoot: `${root}/root`, remoteHosts: [] };
    const cases: [Record<string, unknown>, Record<string, unknown>, string][] =
      [
        [{ path: "../../etc/passwd" }, {}, "leaves the data root"],
        [{ path: "../../outside.geojson" }, {}, "leaves the data root"],
        [
          { path: "a.geojson" },
          { folder_name: "../.." },
          "leaves the data root",
        ],
        [{ path: "/etc/passwd" }, {}, "absolute paths are not allowed"],
        [
          { path: "a.geojson" },
          { folder_name: "/etc" },
          "absolute paths are not allowed",
        ],
        [{ path: "link_out.geojson" }, {}, "through a symbolic link"],
        [{ path: "/vsizip//etc/x.zip" }, {}, "absolute paths are not allowed"],
        [{ path: "sub/vsizip/x" }, {}, "virtual file system paths"],
        [
          { path: "file:///etc/passwd" },
          {},
          "virtual file system paths and URLs",
        ],
        [{ path: "missing.gpkg" }, {}, "file not found ('data/missing.gpkg')"],
      ];
    for (const [source, extra, message] of cases) {
      const error = await assertRejects(
        () => resolveLayerSource(layer(source, extra), ctx),
        JobError,
      );
      assert(
        error.message.startsWith("Cannot open layer 'roads': "),
        error.message,
      );
      assert(
        error.message.includes(message),
        `${JSON.stringify(source)}: ${error.message}`,
      );
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("resolveLayerSource allows remote sources only from listed hosts", async () => {
  const ctx = { dataRoot: "/nonexistent", remoteHosts: ["data.example.org"] };
  const ok = await resolveLayerSource(
    layer({ path: "https://data.example.org/x.fgb" }, { remote: true }),
    ctx,
  );
  assertEquals(ok.remote, true);
  assertEquals(ok.location, "https://data.example.org/x.fgb");
  for (
    const [path, message] of [
      [
        "https://evil.example.com/x.fgb",
        "remote host 'evil.example.com' is not on the worker's allow-list",
      ],
      ["file:///etc/passwd", "remote scheme 'file:' is not allowed"],
      ["x.fgb", "not a URL"],
    ]
  ) {
    const error = await assertRejects(
      () => resolveLayerSource(layer({ path }, { remote: true }), ctx),
      JobError,
    );
    assert(error.message.includes(message), error.message);
  }
});

// The README says Deno's --allow-read is not the guard against a symbolic
// link out of the data root (it follows links inside an allowed folder) and
// that the worker's own real-path check is (#14 item 13): both halves, with
// read access to the data root only, as the README's worker runs.
const premise = await makeRoot();
Deno.test({
  name:
    "a link out of the data root: Deno's --allow-read follows it, resolveLayerSource refuses it (the README's claim)",
  permissions: { read: [`${premise}/root`] },
  async fn() {
    const link = `${premise}/root/data/link_out.geojson`;
    // Deno grants the read through the link, to a file outside the grant
    assertEquals(await Deno.readTextFile(link), "{}");
    await assertRejects(
      () => Deno.readTextFile(`${premise}/outside.geojson`),
      Deno.errors.NotCapable,
    );
    // the worker's check is what refuses it
    const error = await assertRejects(
      () =>
        resolveLayerSource(layer({ path: "link_out.geojson" }), {
          dataRoot: `${premise}/root`,
          remoteHosts: [],
        }),
      JobError,
    );
    assert(
      error.message.includes("through a symbolic link"),
      error.message,
    );
  },
});

Deno.test("file_source: clean up the link test's folder", async () => {
  await Deno.remove(premise, { recursive: true });
});

Deno.test("parseLayerSource reads a declared encoding from the ENCODING open option", () => {
  const s = (options: unknown) =>
    parseLayerSource(layer({ path: "a.shp", open_options: options }));
  assertEquals(s(["ENCODING=UTF-8"]).encoding, "UTF-8");
  assertEquals(s([" encoding = ISO-8859-1 "]).encoding, "ISO-8859-1");
  assertEquals(s(["ENCODING="]).encoding, undefined);
  assertEquals(s(["OTHER=1"]).encoding, undefined);
  assertEquals(s(null).encoding, undefined);
  assertEquals(
    parseLayerSource(layer({ path: "a.shp", openOptions: ["ENCODING=CP1252"] }))
      .encoding,
    "CP1252",
  );
});
