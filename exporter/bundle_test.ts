import assert from "node:assert/strict";
import { TESTDATA } from "./project/_test_util.ts";

const MAIN = new URL("./main.ts", import.meta.url).pathname;
const ROOT = new URL("../", import.meta.url).pathname;

async function run(args: string[], cwd = ROOT) {
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    code: out.code,
    stdout: new TextDecoder().decode(out.stdout),
    stderr: new TextDecoder().decode(out.stderr),
  };
}

Deno.test("the bundle:exporter script runs with deno run and exports like main.ts", async () => {
  const dir = await Deno.makeTempDir({ prefix: "qsl_exporter_bundle_" });
  try {
    const task = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`))
      .tasks["bundle:exporter"].command as string;
    const args = task.split(/\s+/).slice(1).map((a) =>
      a === "dist/qsl-exporter.js" ? `${dir}/qsl-exporter.js` : a
    );
    const bundled = await run(args);
    assert.equal(bundled.code, 0, bundled.stderr);
    // Run it from elsewhere: the script carries everything but gdal3.js.
    const perms = [
      "--allow-read",
      "--allow-write",
      "--allow-net",
      "--allow-env",
    ];
    const viaBundle = await run(
      [
        "run",
        ...perms,
        `${dir}/qsl-exporter.js`,
        "export",
        "--project",
        `${TESTDATA}basic.qgs`,
      ],
      dir,
    );
    assert.equal(viaBundle.code, 0, viaBundle.stderr);
    const viaMain = await run(
      ["run", ...perms, MAIN, "export", "--project", `${TESTDATA}basic.qgs`],
    );
    assert.equal(viaMain.code, 0, viaMain.stderr);
    assert.deepEqual(JSON.parse(viaBundle.stdout), JSON.parse(viaMain.stdout));
    const missing = await run(
      [
        "run",
        ...perms,
        `${dir}/qsl-exporter.js`,
        "export",
        "--project",
        `${dir}/none.qgs`,
      ],
      dir,
    );
    assert.equal(missing.code, 1);
    assert.match(
      missing.stderr,
      /^error: Cannot read project .*: no such file\n$/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
