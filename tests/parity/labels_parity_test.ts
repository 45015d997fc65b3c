/**
 * Label parity with QGIS through the render runner with the label engine
 * (`worker/labels/`) plugged in.
 */
import { NO_REFERENCE } from "../reference.ts";
import { type RenderJob, renderMap } from "../../worker/runners/render.ts";
import { renderDeps } from "../../worker/runners/render_deps.ts";
import { createLabelEngine } from "../../worker/labels/mod.ts";
import { comparePng, loadReferenceCase, referenceContext } from "./parity.ts";

// all_lv95 draws layers with rule filters: it needs the expression engine
const HAS_EXPRESSIONS = (() => {
  try {
    renderDeps.compile("1");
    return true;
  } catch {
    return false;
  }
})();
if (!HAS_EXPRESSIONS && !NO_REFERENCE) {
  console.warn(
    "label parity: demo/all_lv95 skipped: the render runner has no expression engine yet",
  );
}

async function parity(dir: string, name: string, limit: number): Promise<void> {
  const { job, expected, dataRoot } = await loadReferenceCase(dir, name);
  const deps = {
    ...renderDeps,
    createLabelEngine: renderDeps.createLabelEngine ??
      ((map, ck, warn) =>
        createLabelEngine(map, ck, { compile: renderDeps.compile, warn })),
  } satisfies typeof renderDeps;
  const out = await renderMap(
    job as RenderJob,
    referenceContext(dataRoot),
    deps,
  );
  const r = await comparePng(
    out.data as Uint8Array,
    expected,
    `${dir}/${name}`,
    limit,
  );
  console.log(
    `label parity ${dir}/${name}: ${r.mismatched} mismatched of ${r.total}`,
  );
  if (r.mismatched > limit) {
    throw new Error(
      `${dir}/${name}: ${r.mismatched} mismatched pixels > ${limit} (diff: ${r.diffPath})`,
    );
  }
}

// Issue 6: ≤ 10 % of the pixels QGIS draws on (goal ≤ 100); measured 15
// (418 until glyphs and buffers were drawn as Qt draws them).
Deno.test({
  name: "label parity: upstream/placenames (≤ 100 mismatched pixels)",
  ignore: NO_REFERENCE,
  fn: () => parity("upstream", "placenames", 100),
});

// ≤ 2 % of the pixels QGIS draws on (goal ≤ 100); measured 14 (98 until
// glyphs and buffers were drawn as Qt draws them).
Deno.test({
  name: "label parity: demo/all_lv95 (≤ 100 mismatched pixels)",
  ignore: NO_REFERENCE || !HAS_EXPRESSIONS,
  fn: () => parity("demo", "all_lv95", 100),
});
