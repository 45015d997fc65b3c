/**
 * Feature info parity with QGIS Server on real projects: the feature info
 * runner on the `kind: "feature_info"` cases of `legend_info/cases.json`
 * against QGIS Server 3.22's answer to the same GetFeatureInfo request on
 * the project itself (`make_references.py`). The answers must be equal, byte
 * for byte; in GML up to the order of a tag's attributes, which QGIS Server
 * writes in a random order (Qt's hash seed).
 *
 * The jobs carry the styles QGIS's `exportNamedStyle` writes; the cases of
 * `EXPORTED` carry the styles our exporter writes for the project instead
 * (what it adds to them is under test).
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
import {
  caseDataRoot,
  realCases,
  realTest,
  sortAttributes,
  withExportedStyles,
} from "./real.ts";

const PREFIX = "legend_info";
const DIR = fileURLToPath(new URL(`./${PREFIX}/`, import.meta.url));
const EXTENSIONS: Record<string, string> = {
  "text/plain": "txt",
  "application/json": "json",
  "text/html": "html",
  "application/vnd.ogc.gml": "xml",
};

// value relation widgets naming their layer by id alone: our exporter adds
// the layer's name, source and provider, which the worker reads (the
// attribute form cases' layer has such widgets too; conditional_forms.qgs'
// keep a stale path of a delimited text layer); a relation reference
// to a layer the job does not carry: our exporter adds the referenced
// layer's display expression to the relation
const EXPORTED = new Set([
  "info_value_relation_by_id_text",
  "info_value_relation_by_id_gml",
  "info_attribute_form_order_text",
  "info_attribute_form_order_html",
  "info_relation_reference_by_source_text",
  "info_value_relation_delimited_text",
  // a plugin's renderer QGIS without the plugin cannot load
  "info_plugin_renderer_text",
]);

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
      const root = caseDataRoot(PREFIX, c);
      if (EXPORTED.has(c.name)) {
        const project = (c as unknown as { project: string }).project;
        await withExportedStyles(info.job.layers, root, project);
      }
      const out = await featureInfo(info.job, referenceContext(root));
      const text = new TextDecoder().decode(out.data);
      if (ext === "xml") {
        assert.equal(sortAttributes(text), sortAttributes(expected));
      } else assert.equal(text, expected);
    }),
  );
}
