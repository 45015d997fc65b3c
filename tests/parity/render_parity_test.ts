import { NO_REFERENCE } from "../reference.ts";
import { type RenderJob, renderMap } from "../../worker/runners/render.ts";
import { renderDeps } from "../../worker/runners/render_deps.ts";
import { comparePng, loadReferenceCase, referenceContext } from "./parity.ts";

async function parity(dir: string, name: string, limit: number): Promise<void> {
  const { job, expected, dataRoot } = await loadReferenceCase(dir, name);
  const out = await renderMap(
    job as RenderJob,
    referenceContext(dataRoot),
    renderDeps,
  );
  const r = await comparePng(
    out.data as Uint8Array,
    expected,
    `${dir}/${name}`,
    limit,
  );
  console.log(
    `parity ${dir}/${name}: ${r.mismatched} mismatched of ${r.total}`,
  );
  if (r.mismatched > limit) {
    throw new Error(
      `${dir}/${name}: ${r.mismatched} mismatched pixels > ${limit} (diff: ${r.diffPath})`,
    );
  }
}

Deno.test({
  name: "parity: demo/zones_outline_style (≤ 100 mismatched pixels)",
  ignore: NO_REFERENCE,
  fn: () => parity("demo", "zones_outline_style", 100),
});

Deno.test({
  name: "parity: upstream/bui20220630 (≤ 100 mismatched pixels)",
  ignore: NO_REFERENCE,
  fn: () => parity("upstream", "bui20220630", 100),
});

Deno.test({
  name: "parity: demo/all_lv95 (≤ 100 mismatched pixels, its labels included)",
  ignore: NO_REFERENCE,
  fn: () => parity("demo", "all_lv95", 100),
});
