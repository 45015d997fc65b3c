import { getCanvasKit } from "./canvaskit.ts";
import type { PaintContext } from "./context.ts";
import {
  drawSvgMarker,
  MAX_SVG_PATH_NUMBERS,
  replaceSvgParams,
} from "./svg_marker.ts";
import { loadSvgFrom } from "./svg_loader.ts";
import { computeMapSettings } from "../map/compute.ts";

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10">
  <rect x="0" y="0" width="10" height="10" fill="param(fill) #000" fill-opacity="param(fill-opacity)"/>
  <g transform="translate(10,0)"><circle cx="5" cy="5" r="4" style="fill:#00ff00;stroke:none"/></g>
</svg>`;

Deno.test("SVG: parameters replaced, drawn at the marker width with the SVG's aspect", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/symbols`);
    await Deno.writeTextFile(`${dir}/symbols/two.svg`, SVG);
    const ck = await getCanvasKit();
    const surface = ck.MakeSurface(40, 40)!;
    const canvas = surface.getCanvas();
    canvas.clear(ck.TRANSPARENT);
    const warnings: string[] = [];
    const pc: PaintContext = {
      ck,
      canvas,
      map: computeMapSettings({
        bbox: { x_min: 0, y_min: 0, x_max: 40, y_max: 40 },
        crs: "EPSG:2056",
        width: 40,
        height: 40,
      }),
      compile: () => () => null,
      variables: {},
      // a path from another machine: found by its tail below an svg folder
      loadSvg: (p) => loadSvgFrom(p, [dir]),
      featureBlendMode: 0,
      warn: (m) => warnings.push(m),
    };
    drawSvgMarker(pc, {
      path: "C:/Program Files/QGIS/svg/symbols/two.svg",
      x: 20,
      y: 20,
      size: 20,
      aspect: null,
      angle: 0,
      fill: [255, 0, 0, 255],
      stroke: [0, 0, 0, 255],
      strokeWidthPx: 1,
      strokeWidthParam: 0.2,
      opacity: 1,
    });
    drawSvgMarker(pc, {
      path: "missing.svg",
      x: 0,
      y: 0,
      size: 1,
      aspect: null,
      angle: 0,
      fill: [0, 0, 0, 255],
      stroke: [0, 0, 0, 255],
      strokeWidthPx: 0,
      strokeWidthParam: 0,
      opacity: 1,
    });
    const px = canvas.readPixels(0, 0, {
      width: 40,
      height: 40,
      colorType: ck.ColorType.RGBA_8888,
      alphaType: ck.AlphaType.Unpremul,
      colorSpace: ck.ColorSpace.SRGB,
    }) as Uint8Array;
    surface.dispose();
    const at = (x: number, y: number) =>
      Array.from(px.subarray((y * 40 + x) * 4, (y * 40 + x) * 4 + 4));
    // 20×10 px centred on (20, 20): x 10..30, y 15..25; left half red, right a green circle
    if (JSON.stringify(at(15, 20)) !== "[255,0,0,255]") {
      throw new Error(`left ${at(15, 20)}`);
    }
    if (JSON.stringify(at(25, 20)) !== "[0,255,0,255]") {
      throw new Error(`right ${at(25, 20)}`);
    }
    if (at(20, 12)[3] !== 0) throw new Error("above the marker");
    if (!warnings.some((w) => w.includes("missing.svg"))) {
      throw new Error("no warning for a missing SVG");
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("SVG: loader never leaves the SVG folders", async () => {
  const root = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${root}/svg`);
    await Deno.writeTextFile(`${root}/secret.svg`, "<svg/>");
    await Deno.symlink(`${root}/secret.svg`, `${root}/svg/link.svg`);
    for (const p of ["../secret.svg", `${root}/secret.svg`, "link.svg"]) {
      if (loadSvgFrom(p, [`${root}/svg`]) !== null) {
        throw new Error(`read ${p}`);
      }
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("SVG: param defaults after the placeholder are dropped", () => {
  const out = replaceSvgParams(
    'stroke="param(outline) #fff" stroke-width="param(outline-width) 1"',
    [0, 0, 0, 255],
    [1, 2, 3, 255],
    0.5,
  );
  if (out !== 'stroke="#010203" stroke-width="0.5"') throw new Error(out);
});

Deno.test("SVG: path data over MAX_SVG_PATH_NUMBERS is not drawn, with a warning naming the limit; <use> copies stop at MAX_SVG_DRAWN elements", async () => {
  const ck = await getCanvasKit();
  const surface = ck.MakeSurface(40, 40)!;
  const warnings: string[] = [];
  const pc: PaintContext = {
    ck,
    canvas: surface.getCanvas(),
    map: computeMapSettings({
      bbox: { x_min: 0, y_min: 0, x_max: 40, y_max: 40 },
      crs: "EPSG:2056",
      width: 40,
      height: 40,
    }),
    compile: () => () => null,
    variables: {},
    loadSvg: (p) => loadSvgFrom(p, []),
    featureBlendMode: 0,
    warn: (m) => warnings.push(m),
  };
  // 200,000 segments on top of each other: stroked again for each marker,
  // 10 markers took over 50 s
  const segments = (n: number) =>
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M0 0 ${
      "L 10 10 L 0 0 ".repeat(n)
    }" stroke="black"/></svg>`;
  const marker = (svg: string) => ({
    path: "base64:" + btoa(svg),
    x: 20,
    y: 20,
    size: 20,
    aspect: null,
    angle: 0,
    fill: [0, 0, 0, 255] as [number, number, number, number],
    stroke: [0, 0, 0, 255] as [number, number, number, number],
    strokeWidthPx: 1,
    strokeWidthParam: 0.2,
    opacity: 1,
  });
  drawSvgMarker(pc, marker(segments(200_000)));
  drawSvgMarker(pc, marker(segments(MAX_SVG_PATH_NUMBERS / 4 - 1)));
  // two groups using each other 1,000 times: 1e24 copies 8 levels deep,
  // drawn up to MAX_SVG_DRAWN elements (before: never finished)
  const uses = (id: string) => `<use xlink:href="#${id}"/>`.repeat(1000);
  drawSvgMarker(
    pc,
    marker(
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><defs><g id="a">${
        uses("b")
      }<circle r="1"/></g><g id="b">${
        uses("a")
      }</g></defs><use xlink:href="#a"/></svg>`,
    ),
  );
  surface.dispose();
  if (warnings.length !== 1 || !warnings[0].includes("100000 numbers")) {
    throw new Error(JSON.stringify(warnings));
  }
});

Deno.test("SVG: a missing SVG is drawn as QGIS's placeholder, a black question mark filling the marker, with a warning", async () => {
  const ck = await getCanvasKit();
  const surface = ck.MakeSurface(40, 40)!;
  const canvas = surface.getCanvas();
  canvas.clear(ck.TRANSPARENT);
  const warnings: string[] = [];
  const pc: PaintContext = {
    ck,
    canvas,
    map: computeMapSettings({
      bbox: { x_min: 0, y_min: 0, x_max: 40, y_max: 40 },
      crs: "EPSG:2056",
      width: 40,
      height: 40,
    }),
    compile: () => () => null,
    variables: {},
    loadSvg: () => null,
    featureBlendMode: 0,
    warn: (m) => warnings.push(m),
  };
  drawSvgMarker(pc, {
    path: "C:/Users/someone/letters/geo_ch.svg",
    x: 20,
    y: 20,
    size: 30,
    aspect: null,
    angle: 0,
    fill: [255, 0, 0, 255],
    stroke: [0, 0, 255, 255],
    strokeWidthPx: 1,
    strokeWidthParam: 0.2,
    opacity: 1,
  });
  const px = canvas.readPixels(0, 0, {
    width: 40,
    height: 40,
    colorType: ck.ColorType.RGBA_8888,
    alphaType: ck.AlphaType.Unpremul,
    colorSpace: ck.ColorSpace.SRGB,
  }) as Uint8Array;
  surface.dispose();
  let covered = 0, x0 = 40, x1 = 0, y0 = 40, y1 = 0;
  for (let y = 0; y < 40; y++) {
    for (let x = 0; x < 40; x++) {
      const [r, g, b, a] = px.subarray((y * 40 + x) * 4, (y * 40 + x) * 4 + 4);
      if (a === 0) continue;
      if (r !== 0 || g !== 0 || b !== 0) {
        throw new Error(`colour ${r},${g},${b}`);
      }
      covered += a / 255;
      x0 = Math.min(x0, x), x1 = Math.max(x1, x);
      y0 = Math.min(y0, y), y1 = Math.max(y1, y);
    }
  }
  // the marker's image is 30 px from (5, 5): a question mark of DejaVu Sans
  // at 30 pixels, its baseline at the image's bottom, centred; QSvgRenderer
  // (Qt 5.15, DejaVu LGC Sans) covers columns 14..25 and rows 12..34 of it,
  // 78.31 pixels in all (Skia's glyph mask: some 10 % less)
  const box = `${x0}..${x1} ${y0}..${y1}`;
  if (box !== "14..25 12..34") throw new Error(`box ${box}`);
  if (Math.abs(covered - 78.31) > 0.2) throw new Error(`coverage ${covered}`);
  if (!warnings.some((w) => w.includes("geo_ch.svg"))) {
    throw new Error("no warning for a missing SVG");
  }
});
