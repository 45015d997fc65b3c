// The exporter against the upstream Python exporter on real public QGIS
// projects (exporter/parity/cases.json; references made by
// make_references.py with Debian's QGIS 3.22). The projects are read from
// their fetched snapshots under /work/.mirror, never from this repository;
// a case whose snapshot is absent is skipped, saying so.
//
// The differences that remain are pinned in <name>.differences.json (each
// explained in docs/exporter.md, "Differences with the Python exporter"):
// a new difference, or one that went away, fails the test. Rewrite them with
// UPDATE_GOLDEN=1.
import assert from "node:assert/strict";
import { Config } from "@qgis-server-light/interface/config";
import { exportProject } from "../project/export_project.ts";
import { readProject } from "../project/read_project.ts";
import { differences } from "./_compare.ts";
import {
  extractCase,
  missingSnapshot,
  PARITY_DIR,
  parityCases,
} from "./_mirror.ts";

const UPDATE = Deno.env.get("UPDATE_GOLDEN") === "1";

for (const c of parityCases()) {
  const missing = missingSnapshot(c);
  Deno.test({
    name: `parity with the Python exporter: ${c.name}${
      missing ? ` (skipped: ${missing})` : ""
    }`,
    ignore: missing !== null,
    async fn() {
      const dir = await Deno.makeTempDir({ prefix: "qsl_exporter_parity_" });
      try {
        const path = await extractCase(c, dir);
        const config = await exportProject(await readProject(path), {
          encodeStyle: () => "",
          unifyLayerNamesByGroup: c.unify,
          warn: () => {},
        });
        Config.parse(config);
        const ours = JSON.parse(
          JSON.stringify(config).replaceAll(dir, "<data>"),
        );
        const upstream = JSON.parse(
          await Deno.readTextFile(`${PARITY_DIR}/${c.name}.upstream.json`),
        );
        // Our schema reads the Python exporter's config too.
        Config.parse(upstream);
        const found = differences(ours, upstream);
        const golden = `${PARITY_DIR}/${c.name}.differences.json`;
        if (UPDATE) {
          await Deno.writeTextFile(
            golden,
            JSON.stringify(found, null, 2) + "\n",
          );
        }
        assert.deepEqual(found, JSON.parse(await Deno.readTextFile(golden)));
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    },
  });
}
