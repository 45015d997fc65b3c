/**
 * Peak memory of the exporter's CLI on hostile projects, next to a
 * baseline measured in the same run (the generated 1,000-layer project):
 *
 *     deno run -A exporter/bench/memory.ts
 *
 * Each export runs in its own process under `/usr/bin/time -f %M` (peak
 * RSS) with `--no-read-sources` (GDAL's start is not what is measured).
 * Inputs: a 2 MB `.qgz` holding two `.qgs` members that inflate to 1 GiB
 * each; a 13 MB project of 1,000,000 nested elements; a layer tree of
 * 50,000 nested groups (exported with `--max-group-depth 50000`).
 *
 * @module
 */
import {
  writeNestedElements,
  writeNestedGroups,
  writeZipBomb,
} from "./_hostile.ts";
import { writeProject } from "./_generate.ts";

// QSL_EXPORTER_MAIN measures another checkout (e.g. main before a change).
const MAIN = Deno.env.get("QSL_EXPORTER_MAIN") ??
  new URL("../main.ts", import.meta.url).pathname;

interface Row {
  name: string;
  bytes: number;
  peakMb: number;
  seconds: number;
  code: number;
  message: string;
}

async function measure(
  name: string,
  project: string,
  extra: string[] = [],
): Promise<Row> {
  const start = performance.now();
  const out = await new Deno.Command("/usr/bin/time", {
    args: [
      "-f",
      "QSL_PEAK_KB=%M",
      Deno.execPath(),
      "run",
      "-A",
      MAIN,
      "export",
      "--project",
      project,
      "--no-read-sources",
      "--output",
      "/dev/null",
      ...extra,
    ],
    stdout: "null",
    stderr: "piped",
  }).output();
  const seconds = (performance.now() - start) / 1000;
  const stderr = new TextDecoder().decode(out.stderr);
  const kb = Number(/QSL_PEAK_KB=(\d+)/.exec(stderr)?.[1] ?? NaN);
  const message = stderr.split("\n").find((l) => l.startsWith("error:")) ?? "";
  return {
    name,
    bytes: (await Deno.stat(project)).size,
    peakMb: kb / 1024,
    seconds,
    code: out.code,
    message,
  };
}

if (import.meta.main) {
  const dir = await Deno.makeTempDir({ prefix: "qsl_exporter_memory_" });
  try {
    const baseline = await writeProject(dir, 1000);
    await writeZipBomb(`${dir}/bomb.qgz`, 1 << 30);
    await writeNestedElements(`${dir}/nested.qgs`, 1_000_000);
    await writeNestedGroups(`${dir}/groups.qgs`, 50_000);
    const load = await Deno.readTextFile("/proc/loadavg").catch(() => "?");
    console.log(`load average: ${load.split(" ").slice(0, 3).join(" ")}`);
    const rows = [
      await measure("1,000-layer project (baseline)", baseline),
      await measure(".qgz inflating to 2 × 1 GiB", `${dir}/bomb.qgz`),
      await measure("1,000,000 nested elements", `${dir}/nested.qgs`),
      // over the default depth limit (100): raised, to measure the walk
      await measure("50,000 nested layer-tree groups", `${dir}/groups.qgs`, [
        "--max-group-depth",
        "50000",
      ]),
    ];
    const base = rows[0].peakMb;
    for (const r of rows) {
      console.log(
        `${r.peakMb.toFixed(0).padStart(6)} MB  ×${
          (r.peakMb / base).toFixed(2)
        }  ${r.seconds.toFixed(1).padStart(5)} s  exit ${r.code}  ${r.name} (${
          (r.bytes / 1e6).toFixed(1)
        } MB on disk)${r.message ? `: ${r.message}` : ""}`,
      );
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
