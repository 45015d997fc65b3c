import assert from "node:assert/strict";
import { DOMParser } from "@xmldom/xmldom";
import {
  composeMasked,
  markerMaskRefs,
  parseSymbolLayerRefs,
  readTextMask,
  resolveSymbolLayers,
} from "./masks.ts";
import { parseVectorStyle } from "../style/qml.ts";
import { layerXml, symbolXml } from "./_test_util.ts";

Deno.test("parseSymbolLayerRefs: QGIS 3.22's encoding, sub-symbol paths and keys with commas", () => {
  assert.deepEqual(parseSymbolLayerRefs(""), []);
  assert.deepEqual(
    parseSymbolLayerRefs("lines_1,,0;lines_1,,1,0;pts,{a,b},2"),
    [
      { layerId: "lines_1", symbolKey: "", path: [0] },
      { layerId: "lines_1", symbolKey: "", path: [1, 0] },
      { layerId: "pts", symbolKey: "{a,b}", path: [2] },
    ],
  );
  // QGIS >= 3.30's symbol layer ids are not read by 3.22 (nor by us)
  assert.deepEqual(parseSymbolLayerRefs("lines_1;{c086ad3c-c850}"), []);
});

const el = (xml: string) =>
  new DOMParser().parseFromString(xml, "text/xml").documentElement!;

Deno.test("readTextMask: on and masking something, else null", () => {
  assert.equal(
    readTextMask(el('<text-mask maskEnabled="0" maskedSymbolLayers="a,,0"/>')),
    null,
  );
  assert.equal(
    readTextMask(el('<text-mask maskEnabled="1" maskedSymbolLayers=""/>')),
    null,
  );
  assert.deepEqual(
    readTextMask(el(
      '<text-mask maskEnabled="1" maskSize="2" maskSizeUnits="Point" maskOpacity="0.5" maskJoinStyle="64" maskedSymbolLayers="a,,0"/>',
    )),
    {
      size: 2,
      unit: "Point",
      opacity: 0.5,
      join: 64,
      refs: [{ layerId: "a", symbolKey: "", path: [0] }],
    },
  );
});

function style(renderer: string): string {
  return `<qgis>${renderer}</qgis>`;
}

/** A symbol named as a renderer's `<symbols>` name them. */
const named = (name: string, type: string, ...layers: string[]) =>
  symbolXml(type, ...layers).replace('name="s"', `name="${name}"`);

Deno.test("resolveSymbolLayers: by category key and index path, sub-symbols included", () => {
  const line = named(
    "0",
    "line",
    layerXml("SimpleLine", { line_width: "2" }),
    layerXml(
      "MarkerLine",
      {},
      named("@0@1", "marker", layerXml("SimpleMarker", {})),
    ),
  );
  const other = named("1", "line", layerXml("SimpleLine", { line_width: "1" }));
  const parsed = parseVectorStyle(style(
    `<renderer-v2 type="categorizedSymbol" attr="kind"><categories>` +
      `<category value="road" symbol="0" render="true" label="road"/>` +
      `<category value="path" symbol="1" render="true" label="path"/>` +
      `</categories><symbols>${line}${other}</symbols></renderer-v2>`,
  ))!;
  assert.equal(parsed.renderer.type, "categorizedSymbol");
  if (parsed.renderer.type !== "categorizedSymbol") return;
  const road = parsed.renderer.categories[0].symbol!;
  const got = resolveSymbolLayers(parsed.renderer, [
    { layerId: "l", symbolKey: "road", path: [0] },
    { layerId: "l", symbolKey: "road", path: [1, 0] },
    // no such category: nothing
    { layerId: "l", symbolKey: "track", path: [0] },
  ]);
  assert.deepEqual(
    [...got],
    [road.layers[0], road.layers[1].subSymbol!.layers[0]],
  );
});

Deno.test("markerMaskRefs: the references of a renderer's mask markers", () => {
  const parsed = parseVectorStyle(style(
    `<renderer-v2 type="singleSymbol"><symbols>${
      named(
        "0",
        "marker",
        layerXml("SimpleMarker", {}),
        layerXml(
          "MaskMarker",
          { mask_symbollayers: "lines,,0;polys,,1" },
          named("@0@1", "marker", layerXml("SimpleMarker", { size: "5" })),
        ),
      )
    }</symbols></renderer-v2>`,
  ))!;
  assert.deepEqual(markerMaskRefs(parsed.renderer), [
    { layerId: "lines", symbolKey: "", path: [0] },
    { layerId: "polys", symbolKey: "", path: [1] },
  ]);
});

Deno.test("composeMasked: outside the mask the whole layer, inside the unmasked layers, edges blended", () => {
  // red everywhere (first pass), blue where the unmasked layer draws
  const first = Uint8Array.of(255, 0, 0, 255, 255, 0, 0, 255, 255, 0, 0, 255);
  const second = Uint8Array.of(0, 0, 255, 255, 0, 0, 0, 0, 0, 0, 255, 255);
  // no mask, full mask, half mask
  const mask = Uint8Array.of(0, 0, 0, 0, 64, 64, 64, 255, 32, 32, 32, 128);
  composeMasked(first, second, mask);
  assert.deepEqual([...first.slice(0, 4)], [255, 0, 0, 255]);
  // masked where the second pass draws nothing: transparent
  assert.deepEqual([...first.slice(4, 8)], [0, 0, 0, 0]);
  // half the red kept, the blue under it
  assert.deepEqual([...first.slice(8, 12)], [127, 0, 128, 255]);
});

Deno.test("resolveSymbolLayers: a rule-based renderer's symbols by their rule's key", () => {
  const parsed = parseVectorStyle(style(
    `<renderer-v2 type="RuleRenderer"><rules key="{root}">` +
      `<rule key="{a}" filter="x = 1" symbol="0" label="a">` +
      `<rule key="{b}" filter="y = 1" symbol="1" label="b"/></rule>` +
      `</rules><symbols>${
        named(
          "0",
          "line",
          layerXml("SimpleLine", {}),
          layerXml("SimpleLine", {}),
        )
      }${
        named("1", "line", layerXml("SimpleLine", {}))
      }</symbols></renderer-v2>`,
  ))!;
  assert.equal(parsed.renderer.type, "RuleRenderer");
  if (parsed.renderer.type !== "RuleRenderer") return;
  const a = parsed.renderer.root.children[0];
  const got = resolveSymbolLayers(parsed.renderer, [
    // a QGIS 3.18 style's reference (DSGTools): the rule key, then the path
    ...parseSymbolLayerRefs("l,{a},1;l,{b},0;l,{root},0"),
  ]);
  assert.deepEqual(
    [...got],
    [a.symbol!.layers[1], a.children[0].symbol!.layers[0]],
  );
});
