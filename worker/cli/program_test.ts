import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { decode } from "fast-png";
import { buildProgram, UsageError } from "./program.ts";
import { VERSION } from "./version.ts";
import { main } from "../main.ts";
import { legendJob, testRunners } from "../../tests/worker_util.ts";

function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}
function assertEquals(actual: unknown, expected: unknown, what = ""): void {
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

async function runProgram(
  args: string[],
  real = false,
): Promise<{ code: number; err: string[]; error?: unknown }> {
  const err: string[] = [];
  const program = buildProgram({
    runners: real ? undefined : testRunners(),
    writeErr: (l) => err.push(l),
  });
  try {
    await program.parseAsync(args, { from: "user" });
    return { code: program.exitCode, err };
  } catch (error) {
    return { code: -1, err, error };
  }
}

Deno.test("cli render: runs one job file without Redis and writes its JSON result", async () => {
  const dir = await Deno.makeTempDir({ prefix: "qsl_cli_" });
  try {
    const job = join(dir, "job.json");
    const out = join(dir, "out.json");
    await Deno.writeTextFile(job, JSON.stringify(legendJob("j1", ["a", "b"])));
    const { code, err } = await runProgram([
      "render",
      job,
      "--data-root",
      dir,
      "--output",
      out,
      "--log-format",
      "json",
    ]);
    assertEquals(code, 0, err.join("\n"));
    const result = JSON.parse(await Deno.readTextFile(out));
    assertEquals(result, { id: "j1", layers: ["a", "b"], count: 2 });
    const line = JSON.parse(err[0]);
    assertEquals([line.message, line.status], ["job", "succeed"]);
    assert(!err.join("").includes("s3cr3t"), "source redacted");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("cli render: a failing job exits 1 and says why; limits come from options and variables", async () => {
  const dir = await Deno.makeTempDir({ prefix: "qsl_cli_" });
  try {
    const job = join(dir, "job.json");
    await Deno.writeTextFile(job, JSON.stringify(legendJob("j", ["a", "b"])));
    let r = await runProgram([
      "render",
      job,
      "--data-root",
      dir,
      "--max-layers",
      "1",
    ]);
    assertEquals(r.code, 1);
    assert(
      /2 layers exceed the limit of 1/.test(r.err.join("\n")),
      r.err.join("\n"),
    );
    Deno.env.set("QSL_MAX_LAYERS", "1");
    try {
      r = await runProgram(["render", job, "--data-root", dir]);
      assertEquals(r.code, 1, "QSL_MAX_LAYERS");
    } finally {
      Deno.env.delete("QSL_MAX_LAYERS");
    }
    const legend = legendJob("j", ["a"]);
    legend.job.dpi = 600;
    await Deno.writeTextFile(job, JSON.stringify(legend));
    r = await runProgram([
      "render",
      job,
      "--data-root",
      dir,
      "--max-dpi",
      "300",
    ]);
    assertEquals(r.code, 1);
    assert(
      /dpi 600 exceeds the limit of 300/.test(r.err.join("\n")),
      r.err.join("\n"),
    );
    Deno.env.set("QSL_MAX_DPI", "300");
    try {
      r = await runProgram(["render", job, "--data-root", dir]);
      assertEquals(r.code, 1, "QSL_MAX_DPI");
    } finally {
      Deno.env.delete("QSL_MAX_DPI");
    }
    await Deno.writeTextFile(job, "{oops");
    r = await runProgram(["render", job, "--data-root", dir]);
    assertEquals(r.code, 1);
    assert(/malformed JSON/.test(r.err.join("\n")), r.err.join("\n"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("cli: usage errors name the cause", async () => {
  let r = await runProgram(["run", "--redis-url", "redis://127.0.0.1:1"]);
  assert(
    r.error instanceof UsageError && /no data root/.test(r.error.message),
    String(r.error),
  );
  r = await runProgram(["run", "--data-root", "/nonexistent/qsl"]);
  assert(
    r.error instanceof Error && !(r.error instanceof UsageError) &&
      /data root '\/nonexistent\/qsl'/.test(r.error.message),
    String(r.error),
  );
  r = await runProgram(["run", "--data-root", ".", "--result-format", "xml"]);
  assert(
    /Allowed choices are pickle, json/.test(r.err.join("\n")),
    r.err.join("\n"),
  );
  r = await runProgram(["run", "--data-root", ".", "--log-level", "loud"]);
  assert(/loud/.test(r.err.join("\n")), r.err.join("\n"));
  r = await runProgram(["run", "--data-root", ".", "--max-width", "-3"]);
  assert(/positive integer/.test(r.err.join("\n")), r.err.join("\n"));
  r = await runProgram(["render", "/nonexistent/job.json", "--data-root", "."]);
  assert(
    r.error instanceof Error && !(r.error instanceof UsageError) &&
      /Cannot read job/.test(r.error.message),
    String(r.error),
  );
});

function encodeQml(qml: string): string {
  let bin = "";
  for (const b of deflateSync(new TextEncoder().encode(qml))) {
    bin += String.fromCharCode(b);
  }
  return btoa(bin).replaceAll("+", "-").replaceAll("/", "_");
}

const FILL = encodeQml(
  `<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="fill" name="0" alpha="1">
  <layer class="SimpleFill" enabled="1" pass="0"><prop k="color" v="0,0,255,255"/><prop k="outline_style" v="no"/></layer>
  </symbol></symbols></renderer-v2></qgis>`,
);

Deno.test("main render: the real render runner writes a PNG from generated data", async () => {
  const dir = await Deno.realPath(
    await Deno.makeTempDir({ prefix: "qsl_cli_" }),
  );
  try {
    await Deno.mkdir(join(dir, "data"));
    await Deno.writeTextFile(
      join(dir, "data/dot.geojson"),
      JSON.stringify({
        type: "FeatureCollection",
        crs: {
          type: "name",
          properties: { name: "urn:ogc:def:crs:EPSG::2056" },
        },
        features: [{
          type: "Feature",
          properties: {},
          geometry: {
            type: "Polygon",
            coordinates: [[[2600000, 1200000], [2600010, 1200000], [
              2600010,
              1200010,
            ], [2600000, 1200000]]],
          },
        }],
      }),
    );
    const job = {
      id: "one-shot",
      type: "QslJobInfoRender",
      job: {
        layers: [{
          id: "dot",
          name: "dot",
          source: '{"path":"dot.geojson"}',
          remote: false,
          folder_name: "data",
          driver: "ogr",
          style: { name: "default", definition: FILL },
          filter: null,
        }],
        bbox: "2599990,1199990,2600020,1200020",
        crs: "EPSG:2056",
        width: 30,
        height: 30,
      },
    };
    await Deno.writeTextFile(join(dir, "job.json"), JSON.stringify(job));
    const code = await main([
      "render",
      join(dir, "job.json"),
      "--data-root",
      dir,
      "--output",
      join(dir, "map.png"),
      "--log-level",
      "error",
    ]);
    assertEquals(code, 0, "exit code");
    const img = decode(await Deno.readFile(join(dir, "map.png")));
    assertEquals([img.width, img.height], [30, 30]);
    let drawn = 0;
    for (let i = 3; i < img.data.length; i += 4) if (img.data[i] > 0) drawn++;
    assert(drawn > 0 && drawn < 30 * 30, `drawn pixels: ${drawn}`);
    assertEquals(
      await main([
        "render",
        join(dir, "job.json"),
        "--data-root",
        dir,
        "--max-width",
        "10",
        "--log-level",
        "error",
      ]),
      1,
      "over the limit",
    );
    assertEquals(await main(["bogus"]), 2, "unknown command");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name:
    "cli: --web-timeout, --web-layer-timeout and --web-cache-dir (and their variables) reach web map layers",
  sanitizeResources: false,
  async fn() {
    const { startWebMapServer } = await import("../../tests/web_map_server.ts");
    const web = new URL("../../tests/parity/web/", import.meta.url).pathname;
    const server = await startWebMapServer();
    const dir = await Deno.makeTempDir({ prefix: "qsl_cli_web_" });
    const text = await Deno.readTextFile(`${web}xyz_vectors_3857.job.json`);
    const jobFor = async (url: string) => {
      const file = join(dir, "job.json");
      await Deno.writeTextFile(file, text.replaceAll("{server}", url));
      return file;
    };
    const common = [
      "--data-root",
      `${web}data`,
      "--remote-hosts",
      server.host,
      "--output",
      join(dir, "out.png"),
    ];
    try {
      // tiles that never answer: each request ends at --web-timeout
      let r = await runProgram([
        "render",
        await jobFor(`${server.url}/hang`),
        ...common,
        "--web-timeout",
        "300",
      ], true);
      assertEquals(r.code, 0, r.err.join("\n"));
      assert(
        /no answer within 300 ms/.test(r.err.join("\n")),
        r.err.join("\n"),
      );
      // and the layer at --web-layer-timeout (here from its variable)
      Deno.env.set("QSL_WEB_LAYER_TIMEOUT", "400");
      try {
        r = await runProgram([
          "render",
          await jobFor(`${server.url}/hang`),
          ...common,
        ], true);
      } finally {
        Deno.env.delete("QSL_WEB_LAYER_TIMEOUT");
      }
      assertEquals(r.code, 0, r.err.join("\n"));
      assert(/the job's time is up/.test(r.err.join("\n")), r.err.join("\n"));
      // answers kept in the cache folder, made if missing
      const cache = join(dir, "cache", "web");
      r = await runProgram([
        "render",
        await jobFor(server.url),
        ...common,
        "--web-cache-dir",
        cache,
      ], true);
      assertEquals(r.code, 0, r.err.join("\n"));
      let kept = 0;
      for await (const e of Deno.readDir(cache)) {
        if (e.name.endsWith(".body")) kept++;
      }
      assert(kept > 0, "tiles kept in the folder");
      r = await runProgram([
        "render",
        await jobFor(server.url),
        ...common,
        "--web-cache-dir",
        join(dir, "out.png"),
      ], true);
      assert(
        r.error instanceof Error && !(r.error instanceof UsageError) &&
          /Cannot use web cache folder/.test(r.error.message),
        String(r.error),
      );
    } finally {
      const { configureWebSources } = await import(
        "../sources/wms/services.ts"
      );
      configureWebSources({});
      await server.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("qsl-worker process: --version prints the package version; exit codes 0 ok, 1 the work failed (missing job, config or data root), 2 usage", async () => {
  const main = new URL("../main.ts", import.meta.url).pathname;
  const run = async (...args: string[]) => {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", main, ...args],
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const dec = new TextDecoder();
    return {
      code: out.code,
      stdout: dec.decode(out.stdout),
      stderr: dec.decode(out.stderr),
    };
  };
  const pkg = JSON.parse(
    await Deno.readTextFile(new URL("../deno.json", import.meta.url)),
  );
  assertEquals(VERSION, pkg.version, "version.ts and worker/deno.json");
  let r = await run("--version");
  assertEquals([r.code, r.stdout], [0, `${pkg.version}\n`], r.stderr);
  r = await run("render", "/nonexistent/job.json", "--data-root", ".");
  assertEquals(r.code, 1, "missing job file");
  assert(
    /^Cannot read job '\/nonexistent\/job\.json'/.test(r.stderr),
    r.stderr,
  );
  r = await run("render", "--config", "/nonexistent/c.json", "--layers", "a");
  assertEquals(r.code, 1, "missing config");
  assert(/^Cannot read config/.test(r.stderr), r.stderr);
  r = await run("render", "job.json", "--data-root", "/nonexistent/qsl");
  assertEquals(r.code, 1, "missing data root");
  r = await run("render", "job.json", "--bogus");
  assertEquals(r.code, 2, "unknown option");
  r = await run("render", "job.json", "--config", "c.json");
  assertEquals(r.code, 2, "job file and --config");
});

Deno.test("qsl-worker process: --log-format json applies to the label font fallback warning too", async () => {
  const dir = await Deno.realPath(
    await Deno.makeTempDir({ prefix: "qsl_cli_font_" }),
  );
  try {
    await Deno.writeTextFile(
      join(dir, "dot.geojson"),
      JSON.stringify({
        type: "FeatureCollection",
        crs: {
          type: "name",
          properties: { name: "urn:ogc:def:crs:EPSG::2056" },
        },
        features: [{
          type: "Feature",
          properties: { name: "Bern" },
          geometry: { type: "Point", coordinates: [2600005, 1200005] },
        }],
      }),
    );
    const qml = (await Deno.readTextFile(
      new URL("../labels/testdata/simple_point.qml", import.meta.url),
    )).replace('fontFamily="DejaVu Sans"', 'fontFamily="No Such Font"');
    const job = {
      id: "font",
      type: "QslJobInfoRender",
      job: {
        layers: [{
          id: "dot",
          name: "dot",
          source: '{"path":"dot.geojson"}',
          remote: false,
          folder_name: "",
          driver: "ogr",
          style: { name: "default", definition: encodeQml(qml) },
          filter: null,
        }],
        bbox: "2599950,1199950,2600050,1200050",
        crs: "EPSG:2056",
        width: 100,
        height: 100,
      },
    };
    await Deno.writeTextFile(join(dir, "job.json"), JSON.stringify(job));
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        new URL("../main.ts", import.meta.url).pathname,
        "render",
        join(dir, "job.json"),
        "--data-root",
        dir,
        "--output",
        join(dir, "map.png"),
        "--log-format",
        "json",
      ],
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    assertEquals(out.code, 0, stderr);
    const lines = stderr.split("\n").filter((l) => l !== "");
    for (const line of lines) {
      try {
        JSON.parse(line);
      } catch {
        throw new Error(`not a JSON log line: ${line}`);
      }
    }
    const warnings = lines.map((l) => JSON.parse(l)).filter((l) =>
      /font family 'No Such Font' is not available/.test(l.message)
    );
    assertEquals(warnings.length, 1, stderr);
    assertEquals(warnings[0].level, "warning");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("qsl-worker process: --log-format json (or QSL_LOG_FORMAT=json) applies to the errors that end it and to the parser's own", async () => {
  const main = new URL("../main.ts", import.meta.url).pathname;
  for (
    const [args, env, code, message] of [
      [
        ["render", "/nonexistent/j.json", "--log-format", "json"],
        {},
        1,
        /^Cannot read job '\/nonexistent\/j\.json'/,
      ],
      [["render", "j.json", "--bogus", "--log-format=json"], {}, 2, /--bogus/],
      [["bogus"], { QSL_LOG_FORMAT: "json" }, 2, /unknown command 'bogus'/],
    ] as const
  ) {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", main, ...args],
      env: { NO_COLOR: "1", ...env },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    assertEquals(out.code, code, stderr);
    const lines = stderr.split("\n").filter((l) => l !== "");
    assertEquals(lines.length, 1, stderr);
    const line = JSON.parse(lines[0]);
    assertEquals(line.level, "error");
    assert(message.test(line.message), line.message);
  }
});
