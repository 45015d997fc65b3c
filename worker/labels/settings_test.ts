import { DOMParser } from "@xmldom/xmldom";
import { assert, assertEquals } from "./_assert.ts";
import { readLabeling } from "./settings.ts";

const UPDATE = Deno.env.get("QSL_UPDATE_GOLDEN") === "1";
const dir = new URL("./testdata/", import.meta.url);

function parse(text: string) {
  const doc = new DOMParser().parseFromString(text, "text/xml");
  return readLabeling(doc.documentElement!);
}

for (const name of ["simple_point", "rule_based"]) {
  Deno.test(`label settings golden: ${name}`, async () => {
    const qml = await Deno.readTextFile(new URL(`${name}.qml`, dir));
    const actual = JSON.parse(JSON.stringify(parse(qml)));
    const golden = new URL(`${name}.json`, dir);
    if (UPDATE) {
      await Deno.writeTextFile(golden, JSON.stringify(actual, null, 1) + "\n");
    }
    assertEquals(actual, JSON.parse(await Deno.readTextFile(golden)));
  });
}

Deno.test("simple settings: fonts, buffer, placement, data-defined", async () => {
  const l = parse(
    await Deno.readTextFile(new URL("simple_point.qml", dir)),
  );
  assert(l?.type === "simple");
  const s = l.settings;
  assertEquals([s.format.bold, s.format.italic], [true, true]);
  assertEquals(s.format.buffer.fillInterior, false);
  assertEquals(s.format.background.type, 2);
  assertEquals(s.placement, 6);
  assertEquals(s.predefinedPositionOrder.slice(0, 2), ["TR", "TL"]);
  assertEquals(s.dataDefined.Size, { active: true, field: "size" });
  assertEquals(s.dataDefined.Color.active, false);
  assertEquals([s.scaleMin, s.scaleMax], [1000, 500000]);
});

Deno.test("rule-based settings: nesting, ELSE, scales, inactive rules", async () => {
  const l = parse(await Deno.readTextFile(new URL("rule_based.qml", dir)));
  assert(l?.type === "rule-based");
  const [big, roads] = l.root.children;
  assertEquals(big.settings?.isExpression, true);
  assertEquals(big.scaleMaxDenom, 1000000);
  assertEquals(big.settings?.displayAll, true);
  assertEquals(roads.settings, null);
  assertEquals(roads.children.map((r) => [r.isElse, r.active]), [
    [false, true],
    [true, false],
  ]);
});

Deno.test("no labeling, or an unknown type, reads as null", () => {
  assertEquals(parse("<qgis/>"), null);
  assertEquals(
    parse('<qgis><labeling type="pal-ish"><settings/></labeling></qgis>'),
    null,
  );
});

Deno.test("capitalization: QGIS's older fontCapitals where capitalization is absent (QgsTextFormat::readXml, measured with QGIS 3.22)", () => {
  const caps = (attrs: string) => {
    const l = parse(
      `<qgis><labeling type="simple"><settings><text-style fieldName="n" ${attrs}/></settings></labeling></qgis>`,
    );
    assert(l?.type === "simple");
    return l.settings.format.capitalization;
  };
  // QGIS 3.22 read these as 1, 0, 4, 0 and 2
  assertEquals(caps('fontCapitals="1"'), 1);
  assertEquals(caps('fontCapitals="1" capitalization="0"'), 0);
  assertEquals(caps('fontCapitals="4"'), 4);
  assertEquals(caps(""), 0);
  assertEquals(caps('capitalization="2" fontCapitals="1"'), 2);
});

Deno.test("simple settings: no obstacleType is the polygon interior", () => {
  // as QgsPalLayerSettings::readXml reads a QGIS 2.x style converted
  // without the attribute (a new layer's boundary is written explicitly)
  const read = (rendering: string) => {
    const l = parse(
      `<qgis><labeling type="simple"><settings><text-style fieldName="a"/>${rendering}</settings></labeling></qgis>`,
    );
    assert(l?.type === "simple");
    return l.settings.obstacleType;
  };
  assertEquals(read(`<rendering obstacle="1"/>`), 0);
  assertEquals(read(`<rendering obstacle="1" obstacleType="1"/>`), 1);
});

Deno.test("simple settings: a <placement> without its attributes, as QGIS 3.22 reads it (QgsPalLayerSettings::readXml, measured)", () => {
  const read = (placement: string) => {
    const l = parse(
      `<qgis><labeling type="simple"><settings><text-style fieldName="a"/>${placement}<rendering/></settings></labeling></qgis>`,
    );
    assert(l?.type === "simple");
    const s = l.settings;
    return [s.placementFlags, s.priority, s.offsetUnit, s.distUnit];
  };
  // QGIS 3.22: flags 0, priority 0, offset in map units, distance in mm
  assertEquals(read("<placement/>"), [0, 0, "MapUnit", "MM"]);
  assertEquals(
    read(`<placement labelOffsetInMapUnits="0" distInMapUnits="1"/>`),
    [0, 0, "MM", "MapUnit"],
  );
  assertEquals(
    read(`<placement offsetUnits="MM" labelOffsetInMapUnits="1"/>`),
    [0, 0, "MM", "MM"],
  );
});

Deno.test("simple settings: a <text-style> without fontSize, as QGIS 3.22 reads it (QgsTextFormat::readXml, measured offscreen)", () => {
  const read = (style: string) => {
    const l = parse(
      `<qgis><labeling type="simple"><settings>${style}<rendering/></settings></labeling></qgis>`,
    );
    assert(l?.type === "simple");
    return l.settings.format.size;
  };
  // QGIS 3.22: the application font's 12 pt; "" and text read 0 (no label)
  assertEquals(read(`<text-style fieldName="a"/>`), 12);
  assertEquals(read(`<text-style fieldName="a" fontSize=""/>`), 0);
  assertEquals(read(`<text-style fieldName="a" fontSize="8.5"/>`), 8.5);
});
