import { getCanvasKit } from "./canvaskit.ts";
import { assert, line, point, polygon, testMap } from "./_test_util.ts";
import {
  diagramEvaluator,
  diagramsVisibleAt,
  drawDiagrams,
  layoutDiagrams,
} from "./diagram.ts";
import { readDiagrams } from "../style/diagram.ts";
import { parseQmlDocument } from "../style/qml.ts";
import type { DiagramStyle } from "../style/model.ts";

// a 100 × 100 map, 1 unit a pixel, y up: pixel (x, 100 - y)
function pie(extra = "", layer = ""): DiagramStyle {
  return readDiagrams(parseQmlDocument(
    `<qgis><SingleCategoryDiagramRenderer diagramType="Pie">
<DiagramCategory enabled="1" sizeType="Pixel" width="20" height="20" penWidth="0" penAlpha="0" rotationOffset="270" direction="1" ${extra}>
<attribute field="&quot;a&quot;" color="#ff0000" label="A"/>
<attribute field="&quot;b&quot; * 2" color="#0000ff" label="B"/>
</DiagramCategory></SingleCategoryDiagramRenderer>
<DiagramLayerSettings showAll="1" ${layer || 'placement="1"'}/></qgis>`,
  ))!;
}

Deno.test("layoutDiagrams: over the point, over a polygon's centroid", async () => {
  const map = testMap(await getCanvasKit(), 100, 100, { direct: true });
  try {
    const evaluate = diagramEvaluator(map.pc);
    const layout = layoutDiagrams(map.pc, pie(), [
      { id: 1, attributes: { a: 1, b: 1 }, geometry: point(30, 60) },
      {
        id: 2,
        attributes: { a: 1, b: 1 },
        geometry: polygon(50, 0, 90, 0, 90, 20, 50, 20, 50, 0),
      },
    ], evaluate);
    const boxes = layout.placed.map((d) => [d.left, d.bottom]);
    // centred: 10 px left of the point, 10 below it (pixel y = 100 - 60)
    assert(
      JSON.stringify(boxes) === JSON.stringify([[20, 50], [60, 100]]),
      `boxes ${JSON.stringify(boxes)}`,
    );
  } finally {
    map.dispose();
  }
});

Deno.test("layoutDiagrams: around the point, PAL's cheapest candidate top right", async () => {
  const map = testMap(await getCanvasKit(), 100, 100, { direct: true });
  try {
    const style = pie("", 'placement="0" dist="0"');
    const layout = layoutDiagrams(map.pc, style, [
      { id: 1, attributes: { a: 1, b: 1 }, geometry: point(50, 50) },
    ], diagramEvaluator(map.pc));
    const [d] = layout.placed;
    assert(d.left >= 50 && d.bottom <= 50, `box at ${d.left},${d.bottom}`);
  } finally {
    map.dispose();
  }
});

Deno.test("layoutDiagrams: an interpolated size from an expression, none for NULL", async () => {
  const map = testMap(await getCanvasKit(), 100, 100, { direct: true });
  try {
    const style = pie('minimumSize="0" scaleDependency="Diameter"');
    style.interpolation = {
      expression: '"a" + "b"',
      lowerValue: 0,
      upperValue: 10,
      lowerWidth: 0,
      lowerHeight: 0,
      upperWidth: 20,
      upperHeight: 20,
    };
    const layout = layoutDiagrams(map.pc, style, [
      { id: 1, attributes: { a: 2, b: 3 }, geometry: point(30, 30) },
      { id: 2, attributes: { a: null, b: 3 }, geometry: point(60, 60) },
      { id: 3, attributes: { a: 0, b: 0 }, geometry: point(60, 60) },
    ], diagramEvaluator(map.pc));
    const sizes = layout.placed.map((d) => [d.feature.id, d.width]);
    assert(
      JSON.stringify(sizes) === JSON.stringify([[1, 10]]),
      `sizes ${JSON.stringify(sizes)}`,
    );
  } finally {
    map.dispose();
  }
});

Deno.test("diagramsVisibleAt: the scale range, its ends as QGIS compares them", () => {
  const style = pie(
    'scaleBasedVisibility="1" minScaleDenominator="1000" maxScaleDenominator="50000"',
  );
  assert(!diagramsVisibleAt(style, 999), "zoomed in too far");
  assert(diagramsVisibleAt(style, 1000), "at the zoomed-in end");
  assert(diagramsVisibleAt(style, 50000), "at the zoomed-out end");
  assert(!diagramsVisibleAt(style, 50001), "zoomed out too far");
});

Deno.test("drawDiagrams: a pie's slices counter-clockwise from 12 o'clock", async () => {
  const map = testMap(await getCanvasKit(), 100, 100, { direct: true });
  try {
    const evaluate = diagramEvaluator(map.pc);
    const layout = layoutDiagrams(map.pc, pie(), [
      // a 1, b * 2 = 1: red on the left half, blue on the right
      { id: 1, attributes: { a: 1, b: 0.5 }, geometry: point(50, 50) },
    ], evaluate);
    drawDiagrams(map.pc, layout, evaluate);
    const px = map.pixels();
    const at = (x: number, y: number) =>
      Array.from(px.subarray((y * 100 + x) * 4, (y * 100 + x) * 4 + 4));
    assert(
      JSON.stringify(at(44, 50)) === "[255,0,0,255]",
      `left ${at(44, 50)}`,
    );
    assert(
      JSON.stringify(at(55, 50)) === "[0,0,255,255]",
      `right ${at(55, 50)}`,
    );
    assert(
      at(50, 35)[3] === 0 && at(50, 65)[3] === 0,
      "nothing beyond the radius",
    );
  } finally {
    map.dispose();
  }
});

Deno.test("layoutDiagrams: a type not drawn yet warns and places nothing", async () => {
  const warnings: string[] = [];
  const map = testMap(await getCanvasKit(), 100, 100, {
    direct: true,
    warn: (m) => warnings.push(m),
  });
  try {
    const style = { ...pie(), type: "Radial" };
    const layout = layoutDiagrams(map.pc, style, [
      { id: 1, attributes: { a: 1, b: 1 }, geometry: point(50, 50) },
    ], diagramEvaluator(map.pc));
    assert(layout.placed.length === 0, `${layout.placed.length} placed`);
    assert(
      JSON.stringify(warnings) ===
        JSON.stringify(["diagrams of type 'Radial' are not drawn yet"]),
      `warnings ${JSON.stringify(warnings)}`,
    );
  } finally {
    map.dispose();
  }
});

Deno.test("layoutDiagrams: lines get diagrams parallel or horizontal only, curved warns", async () => {
  const warnings: string[] = [];
  const map = testMap(await getCanvasKit(), 100, 100, {
    direct: true,
    warn: (m) => warnings.push(m),
  });
  try {
    const features = [
      { id: 1, attributes: { a: 1, b: 1 }, geometry: line(10, 50, 90, 50) },
      {
        id: 2,
        attributes: { a: 1, b: 1 },
        geometry: polygon(50, 0, 90, 0, 90, 20, 50, 20, 50, 0),
      },
    ];
    const placed = (placement: number) => {
      const layout = layoutDiagrams(
        map.pc,
        pie("", `placement="${placement}" dist="2" linePlacementFlags="2"`),
        features,
        diagramEvaluator(map.pc),
      );
      return {
        along: layout.along,
        ids: layout.placed.map((d) => [d.feature.id, d.candidates.length]),
      };
    };
    // over or around: PAL has no candidates along a line (QGIS 3.22 draws
    // none); the polygon's box over or around its centroid
    for (const p of [0, 1]) {
      const r = placed(p);
      assert(
        r.along === undefined &&
          JSON.stringify(r.ids.map((i) => i[0])) === "[2]",
        `placement ${p}: ${JSON.stringify(r)}`,
      );
    }
    // parallel, horizontal: the label engine makes both features'
    // candidates from their line and polygon
    for (const p of [2, 4]) {
      const r = placed(p);
      assert(
        JSON.stringify(r) ===
          JSON.stringify({
            along: { placement: p, dist: 2 },
            ids: [[1, 0], [2, 0]],
          }),
        `placement ${p}: ${JSON.stringify(r)}`,
      );
    }
    // free: the polygon only; curved: the polygon only, and a warning
    assert(
      JSON.stringify(placed(5).ids) === "[[2,0]]",
      JSON.stringify(placed(5)),
    );
    const before = warnings.length;
    assert(JSON.stringify(placed(3).ids) === "[[2,0]]", "curved");
    assert(
      before === 0 && warnings.length === 1 &&
        warnings[0].includes("curved along lines"),
      `warnings ${JSON.stringify(warnings)}`,
    );
  } finally {
    map.dispose();
  }
});
