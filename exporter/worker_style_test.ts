// The styles the exporter writes load in the worker's QML reader, after a
// round trip through the interface's style codec (as a job carries them).
import assert from "node:assert/strict";
import {
  decodeStyle,
  encodeStyle,
} from "@qgis-server-light/interface/style_codec";
import { parseVectorStyle } from "../worker/style/qml.ts";
import { styleDocument } from "../worker/style/document.ts";
import { planMasks } from "../worker/runners/render_masks.ts";
import { NO_REFERENCE, REFERENCE_DIR } from "../tests/reference.ts";
import { exportProject } from "./project/export_project.ts";
import { readProject } from "./project/read_project.ts";
import { TESTDATA } from "./project/_test_util.ts";

async function vectorStyles(path: string) {
  const config = await exportProject(await readProject(path), {
    encodeStyle,
    readSources: false,
  });
  return config.datasets.vector.flatMap((v) =>
    v.styles.map((s) => ({
      layer: v.name,
      name: s.name,
      qml: decodeStyle(s.definition),
    }))
  );
}

Deno.test("fixture styles load in the worker", async () => {
  const styles = await vectorStyles(`${TESTDATA}basic.qgs`);
  assert.ok(styles.length >= 3);
  for (const s of styles) {
    const style = parseVectorStyle(s.qml);
    assert.ok(style, `${s.layer}/${s.name}`);
  }
  const red = parseVectorStyle(styles.find((s) => s.name === "red")!.qml)!;
  assert.equal(red.opacity, 0.5);
  assert.equal(red.hasScaleBasedVisibility, true);
  assert.equal(red.minScale, 50000);
});

Deno.test({
  name: "demo styles load in the worker with QGIS's renderers",
  ignore: NO_REFERENCE,
  async fn() {
    const styles = await vectorStyles(`${REFERENCE_DIR}/demo/demo.qgs`);
    const renderer = (layer: string, name: string) =>
      parseVectorStyle(
        styles.find((s) => s.layer === layer && s.name === name)!.qml,
      )?.renderer.type;
    assert.equal(renderer("zones", "default"), "categorizedSymbol");
    assert.equal(renderer("zones", "outline"), "singleSymbol");
    assert.equal(renderer("roads", "default"), "RuleRenderer");
    assert.equal(renderer("places", "default"), "graduatedSymbol");
    const places = parseVectorStyle(
      styles.find((s) => s.layer === "places")!.qml,
    )!;
    assert.equal(places.labelsEnabled, true);
  },
});

const TRAINING = `${
  Deno.env.get("QSL_MIRROR") ?? "/work/.mirror"
}/qgis+QGIS-Training-Data/repo`;

Deno.test({
  name:
    "exported selective masks name the layers by the ids the exporter gives them",
  ignore: (() => {
    try {
      return !Deno.statSync(TRAINING).isDirectory;
    } catch {
      return true;
    }
  })(),
  async fn() {
    // the training project's masking exercise, its lakes' label mask on
    const out = await new Deno.Command("git", {
      args: [
        "--git-dir",
        TRAINING,
        "show",
        "fd26dd88e39b9aec550eea450cec18d02b1de3b5:exercise_data/masking/selective_masking.qgs",
      ],
      stdout: "piped",
    }).output();
    const qgs = new TextDecoder().decode(out.stdout).replace(
      /(<text-mask [^>]*)maskedSymbolLayers=""([^>]*)maskEnabled="0"/,
      '$1maskedSymbolLayers="lines_ef106202_b4e1_49c4_a3d0_b65eb8bbb6d6,,0"$2maskEnabled="1"',
    );
    const dir = await Deno.makeTempDir();
    try {
      await Deno.writeTextFile(`${dir}/masking.qgs`, qgs);
      const config = await exportProject(
        await readProject(`${dir}/masking.qgs`),
        { encodeStyle, readSources: false },
      );
      const layers = config.datasets.vector.map((v) => ({ id: v.id }));
      const roots = config.datasets.vector.map((v) =>
        styleDocument(v.name, v.styles[0].definition)
      );
      const plan = planMasks(layers, roots);
      assert.deepEqual(
        [...plan!.masked],
        [["lines_ef106202_b4e1_49c4_a3d0_b65eb8bbb6d6", [{
          layerId: "lines_ef106202_b4e1_49c4_a3d0_b65eb8bbb6d6",
          symbolKey: "",
          path: [0],
        }]]],
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
