import assert from "node:assert/strict";
import { zipSync } from "fflate";
import { Config } from "@qgis-server-light/interface/config";
import { decodeStyle } from "@qgis-server-light/interface/style_codec";
import { NO_REFERENCE, REFERENCE_DIR } from "../tests/reference.ts";
import { TESTDATA } from "./project/_test_util.ts";
import { VERSION } from "./version.ts";
import { writeManyLayers, writeNestedGroups } from "./bench/_hostile.ts";

const MAIN = new URL("./main.ts", import.meta.url).pathname;
const PERMISSIONS = [
  "--allow-read",
  "--allow-write",
  "--allow-net",
  "--allow-env",
];

async function cli(...args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...PERMISSIONS, MAIN, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    code: out.code,
    stdout: new TextDecoder().decode(out.stdout),
    stderr: new TextDecoder().decode(out.stderr),
  };
}

/** Runs the CLI as the README runs it: the exporter's own permission set. */
async function exporterCli(...args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-P=exporter", MAIN, ...args],
    stdout: "piped",
    stderr: "piped",
    cwd: new URL("..", import.meta.url).pathname,
  }).output();
  return {
    code: out.code,
    stdout: out.stdout,
    stderr: new TextDecoder().decode(out.stderr),
  };
}

function assertNoStack(stderr: string): void {
  assert.doesNotMatch(stderr, /^\s+at /m, stderr);
}

Deno.test("export prints a Config whose styles decode to QML", async () => {
  const r = await cli("export", "--project", `${TESTDATA}basic.qgs`);
  assert.equal(r.code, 0, r.stderr);
  const config = Config.parse(JSON.parse(r.stdout));
  const points = config.datasets.vector.find((v) => v.id === "points_1")!;
  const qml = decodeStyle(points.styles[1].definition);
  assert.ok(qml.startsWith("<!DOCTYPE qgis"), qml.slice(0, 80));
  assert.match(qml, /255,0,0,255/);
  assert.match(
    r.stderr,
    /warning: Layer 'Scratch' \(memory_1\): unknown provider 'memory'; skipped/,
  );
});

Deno.test("--output writes the file; xml format", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const r = await cli(
      "export",
      "--project",
      `${TESTDATA}basic.qgs`,
      "--output-format",
      "xml",
      "--output",
      `${dir}/out.xml`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "");
    assert.match(await Deno.readTextFile(`${dir}/out.xml`), /<Config>/);
    const unwritable = await cli(
      "export",
      "--project",
      `${TESTDATA}basic.qgs`,
      "--no-read-sources",
      "--output",
      `${dir}/missing/out.json`,
    );
    assert.equal(unwritable.code, 1);
    assert.match(unwritable.stderr, /^error: Cannot write .*out\.json: /m);
    assertNoStack(unwritable.stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("usage errors exit 2", async () => {
  const help = await cli("--help");
  assert.equal(help.code, 0);
  assert.match(help.stdout, /export/);
  assert.equal((await cli()).code, 2);
  const missing = await cli("export");
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--project <path>/);
  const ext = await cli("export", "--project", `${TESTDATA}points.geojson`);
  assert.equal(ext.code, 2);
  assert.match(ext.stderr, /must be a \.qgs or \.qgz file/);
  const format = await cli(
    "export",
    "--project",
    `${TESTDATA}basic.qgs`,
    "--output-format",
    "yaml",
  );
  assert.equal(format.code, 2);
  assert.match(format.stderr, /--output-format must be json or xml/);
  assert.equal((await cli("frobnicate")).code, 2);
  for (const size of ["0", "x", "501"]) {
    const r = await cli(
      "export",
      "--project",
      `${TESTDATA}basic.qgs`,
      "--max-project-size",
      size,
    );
    assert.equal(r.code, 2, size);
    assert.match(r.stderr, /--max-project-size must be a number of MiB/);
  }
});

Deno.test("a project over the layer or group depth limit is refused naming the limit; the options raise it", async () => {
  const dir = await Deno.makeTempDir({ prefix: "qsl_exporter_limits_" });
  try {
    await writeManyLayers(`${dir}/many.qgs`, 100_000);
    await writeNestedGroups(`${dir}/deep.qgs`, 101);
    const many = await cli("export", "--project", `${dir}/many.qgs`);
    assert.equal(many.code, 1);
    assert.equal(
      many.stderr,
      "error: Cannot export many.qgs: it has more than 10,000 layers, the limit (raise --max-layers to export it)\n",
    );
    const deep = await cli("export", "--project", `${dir}/deep.qgs`);
    assert.equal(deep.code, 1);
    assert.equal(
      deep.stderr,
      "error: Cannot export deep.qgs: its layer tree nests groups deeper than 100 levels, the limit (raise --max-group-depth to export it)\n",
    );
    const raised = await cli(
      "export",
      "--project",
      `${dir}/deep.qgs`,
      "--max-group-depth",
      "101",
    );
    assert.equal(raised.code, 0, raised.stderr);
    assert.equal(
      Config.parse(JSON.parse(raised.stdout)).tree.members.length,
      102,
    );
    for (const option of ["--max-layers", "--max-group-depth"]) {
      for (const value of ["0", "x"]) {
        const r = await cli(
          "export",
          "--project",
          `${TESTDATA}basic.qgs`,
          option,
          value,
        );
        assert.equal(r.code, 2, `${option} ${value}`);
        assert.match(r.stderr, new RegExp(`${option} must be a whole number`));
      }
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("bad input exits 1 with one clear message", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(
      `${dir}/broken.qgs`,
      "<qgis>\n  <title>x</titel>\n</qgis>\n",
    );
    await Deno.writeTextFile(`${dir}/text.qgz`, "not a zip");
    await Deno.writeFile(
      `${dir}/empty.qgz`,
      zipSync({ "readme.txt": new Uint8Array([1]) }),
    );
    // A bomb's central directory: it announces 1 GiB (the bench inflates a
    // real one).
    const bomb = zipSync({ "bomb.qgs": new TextEncoder().encode("<qgis/>") });
    const view = new DataView(bomb.buffer);
    for (let at = 0; at + 4 <= bomb.length; at++) {
      if (view.getUint32(at, true) === 0x02014b50) {
        view.setUint32(at + 24, 1 << 30, true);
      }
    }
    await Deno.writeFile(`${dir}/bomb.qgz`, bomb);
    const cases: [string, RegExp][] = [
      [
        `${dir}/bomb.qgz`,
        /^error: Cannot read bomb\.qgz: its project bomb\.qgs inflates to more than 128 MiB \(raise --max-project-size to read it\)\n$/,
      ],
      [
        `${dir}/missing.qgs`,
        /^error: Cannot read project .*missing\.qgs: no such file\n$/,
      ],
      [
        `${dir}/broken.qgs`,
        /^error: Cannot parse broken\.qgs: malformed XML at line 2, column \d+: .+\n$/,
      ],
      [
        `${dir}/text.qgz`,
        /^error: Cannot read text\.qgz: it is not a zip archive\n$/,
      ],
      [
        `${dir}/empty.qgz`,
        /^error: Cannot read empty\.qgz: it holds no \.qgs file\n$/,
      ],
    ];
    for (const [project, message] of cases) {
      const r = await cli("export", "--project", project);
      assert.equal(r.code, 1, project);
      assert.match(r.stderr, message);
      assertNoStack(r.stderr);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "export --project demo.qgz prints a Config the interface accepts",
  ignore: NO_REFERENCE,
  async fn() {
    const r = await cli(
      "export",
      "--project",
      `${REFERENCE_DIR}/demo/demo.qgz`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /^info: exported .*demo\.qgz: 3 vector, 2 raster, 0 custom layers, 5 groups\n$/,
    );
    const config = Config.parse(JSON.parse(r.stdout));
    assert.equal(config.datasets.vector.length, 3);
    assert.equal(config.datasets.raster.length, 2);
    const zones = config.datasets.vector[0];
    assert.deepEqual(zones.styles.map((s) => s.name), ["default", "outline"]);
    for (const s of zones.styles) {
      assert.match(decodeStyle(s.definition), /<renderer-v2 /);
    }
  },
});

Deno.test("serve answers POST /export until stopped", async () => {
  const root = await Deno.makeTempDir({ prefix: "qsl_exporter_cli_serve_" });
  await Deno.mkdir(`${root}/acme`);
  await Deno.copyFile(`${TESTDATA}basic.qgs`, `${root}/acme/basic.qgs`);
  await Deno.copyFile(
    `${TESTDATA}points.geojson`,
    `${root}/acme/points.geojson`,
  );
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      ...PERMISSIONS,
      MAIN,
      "serve",
      "--data-root",
      root,
      "--port",
      "0",
    ],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  try {
    const reader = child.stderr.pipeThrough(new TextDecoderStream())
      .getReader();
    let seen = "";
    let url: string | undefined;
    while (url === undefined) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`serve stopped: ${seen}`);
      seen += value;
      url = /listening on (http:\/\/\S+\/export)/.exec(seen)?.[1];
    }
    const r = await fetch(url, {
      method: "POST",
      body: JSON.stringify({ mandant: "acme", project: "basic" }),
    });
    assert.deepEqual(await r.json(), { successful: true });
    const config = Config.parse(
      JSON.parse(await Deno.readTextFile(`${root}/acme/basic.json`)),
    );
    assert.equal(config.project.name, "basic");
    const bad = await fetch(url, {
      method: "POST",
      body: JSON.stringify({ mandant: "..", project: "basic" }),
    });
    assert.equal(bad.status, 400);
    await bad.body?.cancel();
    reader.releaseLock();
  } finally {
    child.kill("SIGTERM");
    await child.status;
    await child.stderr.cancel().catch(() => {});
    await Deno.remove(root, { recursive: true });
  }
  if (Deno.env.get("QSL_DATA_ROOT") === undefined) {
    const noRoot = await cli("serve");
    assert.equal(noRoot.code, 2);
    assert.match(noRoot.stderr, /give --data-root or set QSL_DATA_ROOT/);
  }
});

Deno.test("an unreadable datasource is a warning; the export goes on", async () => {
  const dir = await Deno.makeTempDir({ prefix: "qsl_exporter_hostile_" });
  try {
    await Deno.copyFile(`${TESTDATA}points.geojson`, `${dir}/points.geojson`);
    await Deno.writeTextFile(`${dir}/notes.txt`, "no GDAL format\n");
    const sources: [string, string][] = [
      ["passwd", "CSV:/etc/passwd"],
      ["zero", "/dev/zero"],
      ["missing", "./missing.gpkg"],
      ["folder", "/proc/self"],
      ["text", "./notes.txt"],
      ["points", "./points.geojson"],
    ];
    await Deno.writeTextFile(
      `${dir}/hostile.qgs`,
      `<qgis version="3.22.16"><layer-tree-group>${
        sources.map(([id]) => `<layer-tree-layer id="${id}"/>`).join("")
      }</layer-tree-group><projectlayers>${
        sources.map(([id, source]) =>
          `<maplayer type="vector"><id>${id}</id><datasource>${source}` +
          `</datasource><layername>${id}</layername><provider>ogr</provider>` +
          `</maplayer>`
        ).join("")
      }</projectlayers></qgis>`,
    );
    const out = await exporterCli("export", "--project", `${dir}/hostile.qgs`);
    const stderr = out.stderr;
    assert.equal(out.code, 0, stderr);
    assertNoStack(stderr);
    assert.doesNotMatch(stderr, /Uncaught|error:/);
    const warnings = stderr.split("\n").filter((l) => l.startsWith("warning:"));
    const expected: [string, RegExp][] = [
      ["zero", /cannot read \/dev\/zero: it is not a regular file/],
      ["missing", /cannot read .*missing\.gpkg: no such file/],
      ["text", /cannot read .*notes\.txt: GDAL cannot open it: /],
    ];
    for (const [id, reason] of expected) {
      assert.ok(
        warnings.some((w) =>
          w.startsWith(`warning: Layer '${id}' (${id}): `) && reason.test(w) &&
          w.endsWith("; fields left empty")
        ),
        `${id}: ${stderr}`,
      );
    }
    const config = Config.parse(
      JSON.parse(new TextDecoder().decode(out.stdout)),
    );
    assert.deepEqual(
      config.datasets.vector.map((v) => v.id),
      sources.map(([id]) => id),
    );
    const points = config.datasets.vector.find((v) => v.id === "points")!;
    assert.equal(points.fields.length, 5);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("--version prints the version of exporter/deno.json", async () => {
  const { version } = JSON.parse(
    await Deno.readTextFile(new URL("./deno.json", import.meta.url)),
  );
  assert.equal(VERSION, version);
  for (const flag of ["--version", "-V"]) {
    const r = await cli(flag);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, `${version}\n`);
  }
});

Deno.test("--log-format json makes every stderr line a JSON object; --log-level filters", async () => {
  const json = (stderr: string) =>
    stderr.trimEnd().split("\n").map((l) => JSON.parse(l));
  const ok = await cli(
    "export",
    "--project",
    `${TESTDATA}basic.qgs`,
    "--no-read-sources",
    "--log-format",
    "json",
    "--output",
    "/dev/null",
  );
  assert.equal(ok.code, 0, ok.stderr);
  const lines = json(ok.stderr);
  assert.deepEqual(lines.map((l) => l.level), [
    "warning",
    "warning",
    "info",
  ]);
  for (const l of lines) {
    assert.deepEqual(Object.keys(l), ["time", "level", "message"]);
    assert.ok(!Number.isNaN(Date.parse(l.time)), l.time);
  }
  assert.match(lines[1].message, /unknown provider 'memory'; skipped/);
  // The parser's own errors, and the failure of the work, are JSON too.
  const usage = await cli(
    "--log-format=json",
    "export",
    "--project",
    "x.qgs",
    "--frobnicate",
  );
  assert.equal(usage.code, 2);
  assert.equal(json(usage.stderr)[0].message, "unknown option '--frobnicate'");
  const failed = await cli(
    "export",
    "--log-format",
    "json",
    "--project",
    "/nonexistent/p.qgs",
  );
  assert.equal(failed.code, 1);
  assert.deepEqual(json(failed.stderr).map((l) => [l.level, l.message]), [[
    "error",
    "Cannot read project /nonexistent/p.qgs: no such file",
  ]]);
  // Levels: warning hides info, error hides the warnings, debug adds a
  // line per layer.
  const count = async (level: string) => {
    const r = await cli(
      "export",
      "--project",
      `${TESTDATA}basic.qgs`,
      "--no-read-sources",
      "--log-level",
      level,
      "--output",
      "/dev/null",
    );
    assert.equal(r.code, 0, r.stderr);
    return r.stderr.split("\n").filter((l) => l !== "")
      .map((l) => l.slice(0, l.indexOf(":")));
  };
  assert.deepEqual(await count("error"), []);
  assert.deepEqual(await count("warning"), ["warning", "warning"]);
  const debug = await count("debug");
  assert.equal(debug.filter((l) => l === "debug").length, 7);
  assert.equal(debug.at(-1), "info");
  // QSL_LOG_FORMAT sets the default.
  const fromEnv = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...PERMISSIONS, MAIN, "export", "--project", "/x/p.qgs"],
    env: { QSL_LOG_FORMAT: "json", QSL_LOG_LEVEL: "warning" },
    stderr: "piped",
  }).output();
  assert.equal(
    JSON.parse(new TextDecoder().decode(fromEnv.stderr)).level,
    "error",
  );
  for (
    const [flag, value] of [["--log-format", "xml"], ["--log-level", "loud"]]
  ) {
    const r = await cli(flag, value, "export", "--project", "x.qgs");
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`^error: Cannot log: ${flag} must be `));
  }
});

Deno.test("exit codes: 0 done, 1 the work failed, 2 usage", async () => {
  const dir = await Deno.makeTempDir({ prefix: "qsl_exporter_codes_" });
  const busy = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    await Deno.writeTextFile(`${dir}/file`, "");
    const cases: [string[], number, RegExp][] = [
      [
        [
          "export",
          "--project",
          `${TESTDATA}basic.qgs`,
          "--no-read-sources",
          "--output",
          `${dir}/out.json`,
        ],
        0,
        /^warning: /,
      ],
      [["export", "--project", `${dir}/missing.qgs`], 1, /no such file/],
      [
        [
          "export",
          "--project",
          `${TESTDATA}basic.qgs`,
          "--pg-service-conf",
          `${dir}/none.conf`,
        ],
        1,
        /Cannot read pg_service file/,
      ],
      [
        ["serve", "--data-root", `${dir}/none`],
        1,
        /Cannot serve .*none: no such folder/,
      ],
      [["serve", "--data-root", `${dir}/file`], 1, /it is not a folder/],
      [
        [
          "serve",
          "--data-root",
          dir,
          "--port",
          String((busy.addr as Deno.NetAddr).port),
        ],
        1,
        /^error: Cannot serve on 127\.0\.0\.1:\d+: /,
      ],
      [["export"], 2, /--project <path>/],
      [["export", "--project"], 2, /argument missing/],
      [
        ["export", "--project", "x.qgs", "--bogus"],
        2,
        /unknown option '--bogus'/,
      ],
      [["nonsense"], 2, /unknown command 'nonsense'/],
      [
        ["export", "--project", "x.qgs", "--output-format", "yaml"],
        2,
        /--output-format must be json or xml/,
      ],
      [["serve", "--data-root", dir, "--port", "70000"], 2, /bad port '70000'/],
      [["serve", "--data-root", dir, "--port", "x"], 2, /bad port 'x'/],
    ];
    for (const [args, code, message] of cases) {
      const r = await cli(...args);
      assert.equal(r.code, code, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(" "));
      assertNoStack(r.stderr);
    }
  } finally {
    busy.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("--python-keys-only leaves out our additions and nothing else", async () => {
  // a project saved by QGIS 3.22 with joins
  const project = new URL(
    "../tests/parity/joins/data/joins_project.qgs",
    import.meta.url,
  ).pathname;
  const full = await cli("export", "--project", project);
  const plain = await cli("export", "--project", project, "--python-keys-only");
  assert.equal(plain.code, 0, plain.stderr);
  // (python_keys_test.ts checks every key against upstream's dataclasses)
  const ours = [
    "joins",
    "data_crs",
    "wms_add_wkt_geometry",
    "wms_precision",
    "open_options",
  ];
  // the default config says so
  assert.match(full.stdout, /"joins": \[/);
  for (const key of ours) {
    assert.doesNotMatch(plain.stdout, new RegExp(`"${key}"`), key);
  }
  // the rest is the default config's, key for key
  const strip = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(strip)
      : v && typeof v === "object"
      ? Object.fromEntries(
        Object.entries(v).filter(([k]) => !ours.includes(k)).map((
          [k, x],
        ) => [k, strip(x)]),
      )
      : v;
  assert.deepEqual(
    JSON.parse(plain.stdout),
    strip(JSON.parse(full.stdout)),
  );
});

Deno.test("export with the exporter's permission set reads a PostgreSQL layer that names no user (libpq's default user)", async (t) => {
  try {
    (await Deno.connect({ hostname: "127.0.0.1", port: 5432 })).close();
  } catch {
    console.warn("skipped: no PostgreSQL at 127.0.0.1:5432");
    await t.step({ name: "PostgreSQL reachable", ignore: true, fn() {} });
    return;
  }
  const dir = await Deno.makeTempDir({ prefix: "qsl_exporter_pg_" });
  try {
    await Deno.writeTextFile(
      `${dir}/pg.qgs`,
      `<qgis version="3.22.16"><layer-tree-group><layer-tree-layer id="dbs"/></layer-tree-group><projectlayers><maplayer type="vector"><id>dbs</id><layername>dbs</layername><provider>postgres</provider><datasource>dbname='postgres' host=127.0.0.1 port=5432 sslmode=disable key='oid' table="pg_catalog"."pg_database"</datasource></maplayer></projectlayers></qgis>`,
    );
    const out = await exporterCli(
      "export",
      "--project",
      `${dir}/pg.qgs`,
      "--output",
      `${dir}/pg.json`,
    );
    const stderr = out.stderr;
    assert.equal(out.code, 0, stderr);
    // before: "cannot read PostgreSQL table pg_catalog.pg_database: Requires
    // env access to "USERNAME" …; fields, geometry type and extent left empty"
    assert.doesNotMatch(stderr, /warning:/);
    const config = Config.parse(
      JSON.parse(await Deno.readTextFile(`${dir}/pg.json`)),
    );
    const fields = config.datasets.vector[0].fields.map((f) => f.name);
    assert.ok(fields.includes("datname"), fields.join(", "));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
