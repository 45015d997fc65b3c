/**
 * Feature info parity with QGIS Server on real projects: the feature info
 * runner on the `kind: "feature_info"` cases of `legend_info/cases.json`
 * against QGIS Server 3.22's answer to the same GetFeatureInfo request on
 * the project itself (`make_references.py`). The answers must be equal, byte
 * for byte; in GML up to the order of a tag's attributes, which QGIS Server
 * writes in a random order (Qt's hash seed).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  parseJobInfo,
  type QslJobInfoFeatureInfo,
} from "@qgis-server-light/interface";
import { featureInfo } from "../../../worker/runners/feature_info.ts";
import { referenceContext } from "../parity.ts";
import { caseDataRoot, realCases, realTest, sortAttributes } from "./real.ts";

const PREFIX = "legend_info";
const DIR = fileURLToPath(new URL(`./${PREFIX}/`, import.meta.url));
const EXTENSIONS: Record<string, string> = {
  "text/plain": "txt",
  "application/json": "json",
  "text/html": "html",
  "application/vnd.ogc.gml": "xml",
};

const cases = realCases(PREFIX).filter((c) =>
  (c as { kind?: string }).kind === "feature_info"
);

for (const c of cases) {
  Deno.test(
    realTest(PREFIX, c.name, "feature info equals QGIS Server's", async () => {
      const info = parseJobInfo(
        await Deno.readTextFile(join(DIR, `${c.name}.job.json`)),
      ) as QslJobInfoFeatureInfo;
      const ext = EXTENSIONS[info.job.INFO_FORMAT.toLowerCase()];
      const expected = await Deno.readTextFile(
        join(DIR, `${c.name}.qgis.${ext}`),
      );
      const out = await featureInfo(
        info.job,
        referenceContext(caseDataRoot(PREFIX, c)),
      );
      const text = new TextDecoder().decode(out.data);
      if (ext === "xml") {
        assert.equal(sortAttributes(text), sortAttributes(expected));
      } else assert.equal(text, expected);
    }),
  );
}
