import { encodePng } from "./png.ts";
import {
  assert,
  layerXml,
  paintSymbol,
  point,
  symbolXml,
} from "./_test_util.ts";

// 4 × 2 opaque red
function sprite(): string {
  const rgba = new Uint8Array(4 * 2 * 4);
  for (let i = 0; i < rgba.length; i += 4) rgba.set([255, 0, 0, 255], i);
  return "base64:" + btoa(String.fromCharCode(...encodePng(rgba, 4, 2)));
}

function marker(props: Record<string, string>): string {
  return symbolXml(
    "marker",
    layerXml("RasterMarker", {
      imageFile: sprite(),
      size_unit: "Pixel",
      ...props,
    }),
  );
}

// the painted box: [left, top, right, bottom] of pixels drawn
function box(p: Awaited<ReturnType<typeof paintSymbol>>): number[] {
  let l = 1e9, t = 1e9, r = -1, b = -1;
  for (let y = 0; y < 100; y++) {
    for (let x = 0; x < 100; x++) {
      if (p.at(x, y)[3] === 0) continue;
      l = Math.min(l, x), t = Math.min(t, y);
      r = Math.max(r, x), b = Math.max(b, y);
    }
  }
  return [l, t, r, b];
}

Deno.test("RasterMarker: int(size) wide in the image's proportions, centred at whole pixels", async () => {
  const p = await paintSymbol(marker({ size: "20.7" }), point(50.3, 50.3));
  assert(p.warnings.length === 0, p.warnings.join("; "));
  // 20 × 10: round(50.3) + round(-10) = 40, round(50.3) + round(-5) = 45
  assert(box(p).join() === "40,45,59,54", `${box(p)}`);
});

Deno.test("RasterMarker: a fixed aspect ratio, and anchor points moving by half the size", async () => {
  const fixed = await paintSymbol(
    marker({ size: "10", fixedAspectRatio: "2" }),
    point(50, 50),
  );
  assert(box(fixed).join() === "45,40,54,59", `${box(fixed)}`);
  // left/top anchor: the centre moved by (5, 2.5), then rounded apart:
  // round(52.5) + round(-2.5) = 51
  const anchored = await paintSymbol(
    marker({
      size: "10",
      horizontal_anchor_point: "0",
      vertical_anchor_point: "0",
    }),
    point(50, 50),
  );
  assert(box(anchored).join() === "50,51,59,55", `${box(anchored)}`);
});

Deno.test("RasterMarker: nothing under one pixel wide; an unreadable image warns", async () => {
  const tiny = await paintSymbol(marker({ size: "0.9" }), point(50, 50));
  assert(tiny.covered() === 0, `${tiny.covered()}`);
  const missing = await paintSymbol(
    marker({ size: "10", imageFile: "../../etc/x.png" }),
    point(50, 50),
  );
  assert(missing.covered() === 0, `${missing.covered()}`);
  assert(
    missing.warnings.some((w) =>
      w.startsWith("RasterMarker: Cannot read image '../../etc/x.png'")
    ),
    missing.warnings.join("; "),
  );
});
