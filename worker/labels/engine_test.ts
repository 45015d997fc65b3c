import { DOMParser } from "@xmldom/xmldom";
import type { Feature } from "../geometry/types.ts";
import type { MapSettings } from "../map/map_settings.ts";
import { getCanvasKit } from "../paint/canvaskit.ts";
import { assert, assertEquals } from "./_assert.ts";
import {
  createLabelEngine,
  type LabelPlacement,
  mergeTwoLines,
} from "./engine.ts";

const MAP: MapSettings = {
  extent: { xmin: 0, ymin: 0, xmax: 400, ymax: 300 },
  width: 400,
  height: 300,
  dpi: 96,
  crs: "EPSG:2056",
  mapUnitsPerPixel: 1,
  scale: 3780,
  format: "png",
};

function qml(settings: string): import("@xmldom/xmldom").Element {
  const doc = new DOMParser().parseFromString(
    `<qgis labelsEnabled="1"><labeling type="simple"><settings>${settings}</settings></labeling></qgis>`,
    "text/xml",
  );
  return doc.documentElement!;
}

const point = (id: number, x: number, y: number, name: string): Feature => ({
  id,
  attributes: { name },
  geometry: { kind: "point", parts: [[new Float64Array([x, y])]] },
});

function overlap(a: LabelPlacement, b: LabelPlacement): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width &&
    a.y - a.height < b.y && b.y - b.height < a.y;
}

Deno.test("engine: crowded points get labels that never overlap, drawn", async () => {
  const ck = await getCanvasKit();
  const engine = createLabelEngine(MAP, ck);
  const features: Feature[] = [];
  for (let i = 0; i < 60; i++) {
    features.push(
      point(i, 40 + (i % 10) * 30, 40 + Math.floor(i / 10) * 18, `Place ${i}`),
    );
  }
  engine.addLayer({
    layerId: "p",
    qmlRoot: qml(
      '<text-style fieldName="name" fontFamily="DejaVu Sans" fontSize="9" textColor="0,0,0,255"><text-buffer bufferDraw="1" bufferSize="1" bufferColor="255,255,255,255"/></text-style><placement placement="0" dist="1" distUnits="MM"/>',
    ),
    features,
    geometryKind: "point",
  });
  const placed = engine.placements();
  assert(placed.length > 5 && placed.length < 60, `placed ${placed.length}`);
  for (let i = 0; i < placed.length; i++) {
    for (let j = i + 1; j < placed.length; j++) {
      assert(
        !overlap(placed[i], placed[j]),
        `${placed[i].text} / ${placed[j].text}`,
      );
    }
  }
  const surface = ck.MakeSurface(MAP.width, MAP.height)!;
  engine.draw(surface.getCanvas());
  const px = surface.getCanvas().readPixels(0, 0, {
    width: MAP.width,
    height: MAP.height,
    colorType: ck.ColorType.RGBA_8888,
    alphaType: ck.AlphaType.Unpremul,
    colorSpace: ck.ColorSpace.SRGB,
  }) as Uint8Array;
  let dark = 0, light = 0;
  for (let i = 0; i < px.length; i += 4) {
    if (px[i + 3] > 200 && px[i] < 80) dark++;
    if (px[i + 3] > 200 && px[i] > 240) light++;
  }
  assert(dark > 500, `text pixels ${dark}`);
  assert(light > 500, `buffer pixels ${light}`);
  surface.delete();
  engine.delete();
});

Deno.test("engine: show all labels places every label; priority wins otherwise", async () => {
  const ck = await getCanvasKit();
  const make = (extra: string) => {
    const e = createLabelEngine(MAP, ck);
    e.addLayer({
      layerId: "a",
      qmlRoot: qml(
        `<text-style fieldName="name" fontSize="10"/><placement placement="1" priority="2"/><rendering ${extra}/>`,
      ),
      features: [point(1, 200, 150, "Low priority label")],
      geometryKind: "point",
    });
    e.addLayer({
      layerId: "b",
      qmlRoot: qml(
        '<text-style fieldName="name" fontSize="10"/><placement placement="1" priority="9"/>',
      ),
      features: [point(2, 200, 150, "High priority label")],
      geometryKind: "point",
    });
    return e;
  };
  const normal = make("");
  assertEquals(normal.placements().map((p) => p.text), ["High priority label"]);
  normal.delete();
  const all = make('displayAll="1"');
  assertEquals(all.placements().length, 2);
  all.delete();
});

Deno.test("engine: lines get parallel labels; polygons labels inside", async () => {
  const ck = await getCanvasKit();
  const e = createLabelEngine(MAP, ck);
  e.addLayer({
    layerId: "l",
    qmlRoot: qml(
      '<text-style fieldName="name" fontSize="10"/><placement placement="2" placementFlags="10" dist="1"/>',
    ),
    features: [{
      id: 1,
      attributes: { name: "Main Road" },
      geometry: {
        kind: "line",
        parts: [[new Float64Array([20, 20, 380, 200])]],
      },
    }],
    geometryKind: "line",
  });
  e.addLayer({
    layerId: "z",
    qmlRoot: qml(
      '<text-style fieldName="name" fontSize="10"/><placement placement="4"/>',
    ),
    features: [{
      id: 2,
      attributes: { name: "Zone" },
      geometry: {
        kind: "polygon",
        parts: [[
          new Float64Array([250, 220, 390, 220, 390, 290, 250, 290, 250, 220]),
        ]],
      },
    }],
    geometryKind: "polygon",
  });
  const p = e.placements();
  const road = p.find((x) => x.text === "Main Road")!;
  const zone = p.find((x) => x.text === "Zone")!;
  // the line rises to the right (y up): on screen the label turns anticlockwise
  const expected = -Math.atan2(180, 360);
  assert(
    Math.abs(road.rotation - expected) < 0.01,
    `rotation ${road.rotation}`,
  );
  // the zone spans pixels x 250…390, y 10…80
  assert(zone.x >= 250 && zone.x + zone.width <= 390, `zone x ${zone.x}`);
  assert(zone.y - zone.height >= 10 && zone.y <= 80, `zone y ${zone.y}`);
  e.delete();
});

Deno.test("engine: rule-based labels follow filters (field names without an expression engine)", async () => {
  const ck = await getCanvasKit();
  const e = createLabelEngine(MAP, ck, { warn: () => {} });
  const doc = new DOMParser().parseFromString(
    `<qgis><labeling type="rule-based"><rules key="r">
      <rule key="a" filter="&quot;show&quot;"><settings><text-style fieldName="name" fontSize="10"/><placement placement="1"/></settings></rule>
      <rule key="b" filter="ELSE"><settings><text-style fieldName="other" fontSize="10"/><placement placement="1"/></settings></rule>
    </rules></labeling></qgis>`,
    "text/xml",
  );
  e.addLayer({
    layerId: "r",
    qmlRoot: doc.documentElement!,
    features: [
      {
        ...point(1, 100, 100, "Shown"),
        attributes: { name: "Shown", show: 1, other: "x" },
      },
      {
        ...point(2, 300, 200, "Hidden"),
        attributes: { name: "Hidden", show: 0, other: "Else" },
      },
    ],
    geometryKind: "point",
  });
  assertEquals(e.placements().map((p) => p.text).sort(), ["Else", "Shown"]);
  e.delete();
});

Deno.test("engine: data-defined size from a field, Show from an expression-free field", async () => {
  const ck = await getCanvasKit();
  const e = createLabelEngine(MAP, ck, { warn: () => {} });
  const dd =
    '<dd_properties><Option type="Map"><Option name="properties" type="Map">' +
    '<Option name="Size" type="Map"><Option name="active" value="true"/><Option name="field" value="size"/><Option name="type" value="2"/></Option>' +
    '<Option name="Show" type="Map"><Option name="active" value="true"/><Option name="field" value="visible"/><Option name="type" value="2"/></Option>' +
    "</Option></Option></dd_properties>";
  e.addLayer({
    layerId: "d",
    qmlRoot: qml(
      `<text-style fieldName="name" fontSize="10"/><placement placement="1"/>${dd}`,
    ),
    features: [
      {
        ...point(1, 100, 100, ""),
        attributes: { name: "Big", size: 20, visible: true },
      },
      {
        ...point(2, 300, 100, ""),
        attributes: { name: "Small", size: 8, visible: true },
      },
      {
        ...point(3, 200, 250, ""),
        attributes: { name: "Hidden", size: 8, visible: false },
      },
    ],
    geometryKind: "point",
  });
  const p = e.placements();
  assertEquals(p.map((x) => x.text).sort(), ["Big", "Small"]);
  const big = p.find((x) => x.text === "Big")!;
  const small = p.find((x) => x.text === "Small")!;
  assert(big.height > 2 * small.height, `${big.height} vs ${small.height}`);
  e.delete();
});

Deno.test("mergeTwoLines joins at a shared end as GEOS's line merger", () => {
  // along: a then b, walked from the least x
  assertEquals(mergeTwoLines([0, 0, 1, 0], [1, 0, 2, 1]), [0, 0, 1, 0, 2, 1]);
  assertEquals(mergeTwoLines([1, 0, 2, 1], [0, 0, 1, 0]), [0, 0, 1, 0, 2, 1]);
  // both against the walk: reversed, so both run along
  assertEquals(mergeTwoLines([2, 1, 1, 0], [1, 0, 0, 0]), [2, 1, 1, 0, 0, 0]);
  // one each way: walked from the least x
  assertEquals(mergeTwoLines([0, 0, 1, 0], [2, 1, 1, 0]), [0, 0, 1, 0, 2, 1]);
  assertEquals(mergeTwoLines([0, 0, 1, 0], [3, 3, 4, 4]), null);
  // a ring touched at its node stays apart (GEOS: two lines), two lines
  // closing a ring join
  assertEquals(mergeTwoLines([0, 0, 1, 0, 1, 1, 0, 0], [0, 0, -1, 0]), null);
  assertEquals(mergeTwoLines([0, 0, -1, 0], [0, 0, 1, 0, 1, 1, 0, 0]), null);
  assertEquals(
    mergeTwoLines([0, 0, 1, 0, 1, 1], [1, 1, 0, 0]),
    [0, 0, 1, 0, 1, 1, 0, 0],
  );
});

Deno.test("engine: diagrams are PAL features: a shown-all pie over its point leaves a label around it no room, and is drawn among the labels", async () => {
  const ck = await getCanvasKit();
  const labelled = (withDiagram: boolean, showAll: boolean) => {
    const engine = createLabelEngine(MAP, ck);
    engine.addLayer({
      layerId: "p",
      qmlRoot: qml(
        '<text-style fieldName="name" fontFamily="DejaVu Sans" fontSize="9" textColor="0,0,0,255"/><placement placement="0" dist="1" distUnits="MM"/>',
      ),
      features: [point(1, 200, 150, "12")],
      geometryKind: "point",
    });
    const drawn: number[][] = [];
    if (withDiagram) {
      // a 60 px box over the point (PAL's y up): every candidate around
      // the point lies in it
      engine.addDiagrams({
        layerId: "p",
        features: [{
          candidates: [{
            x: 170,
            y: -180,
            w: 60,
            h: 60,
            angle: 0,
            cost: 0.0001,
            quadrant: "over",
          }],
          draw: (left, bottom) => drawn.push([left, bottom]),
        }],
        priority: 5,
        showAll,
        zIndex: 0,
      });
    }
    const placed = engine.placements().length;
    const surface = ck.MakeSurface(400, 300)!;
    engine.draw(surface.getCanvas());
    surface.delete();
    engine.delete();
    return { placed, drawn };
  };
  assertEquals(labelled(false, true).placed, 1);
  // shown all, the pie is always shown: PAL drops the label
  const shown = labelled(true, true);
  assertEquals(shown.placed, 0);
  assertEquals(shown.drawn, [[170, 180]]);
});
