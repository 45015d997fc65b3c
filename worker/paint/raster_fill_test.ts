import { getCanvasKit } from "./canvaskit.ts";
import { encodePng } from "./png.ts";
import { imageTexture } from "./raster_fill.ts";
import {
  assert,
  layerXml,
  paintSymbol,
  SQUARE,
  symbolXml,
} from "./_test_util.ts";

// 4 × 2: a red column, a green one, a half transparent blue one, a clear one
function sprite(): Uint8Array {
  const px = [
    [255, 0, 0, 255],
    [0, 255, 0, 255],
    [0, 0, 255, 128],
    [0, 0, 0, 0],
  ];
  const rgba = new Uint8Array(4 * 2 * 4);
  for (let y = 0; y < 2; y++) {
    for (let x = 0; x < 4; x++) rgba.set(px[x], (y * 4 + x) * 4);
  }
  return encodePng(rgba, 4, 2);
}

function base64(bytes: Uint8Array): string {
  return "base64:" + btoa(String.fromCharCode(...bytes));
}

function rasterFill(props: Record<string, string>): string {
  return symbolXml("fill", layerXml("RasterFill", props));
}

Deno.test("imageTexture: its own size at width 0; scaled to the width, the height rounded up; opacity multiplied in", async () => {
  const ck = await getCanvasKit();
  const own = imageTexture(ck, sprite(), 0, 1)!;
  assert(own.width === 4 && own.height === 2, `${own.width}×${own.height}`);
  assert(own.rgba[0] === 255 && own.rgba[3] === 255, `red: ${own.rgba}`);
  const scaled = imageTexture(ck, sprite(), 6, 1)!;
  // QImage::transformed: int(1.5 × 2 + 0.9999)
  assert(scaled.width === 6 && scaled.height === 3, `${scaled.height}`);
  const half = imageTexture(ck, sprite(), 0, 0.5)!;
  // premultiplied: Qt's DestinationIn fill of 127, then 255 × 127 / 255
  assert(half.rgba[3] === 127 && half.rgba[0] === 127, `${half.rgba}`);
});

Deno.test("RasterFill: inline data tiled from the part's corner (feature mode)", async () => {
  const p = await paintSymbol(
    rasterFill({ imageFile: base64(sprite()), coordinate_mode: "0" }),
    SQUARE,
  );
  assert(p.warnings.length === 0, p.warnings.join("; "));
  // the square's corner is (20, 20): columns 20, 24… red, 21 green
  assert(p.at(24, 30).join() === "255,0,0,255", `red: ${p.at(24, 30)}`);
  assert(p.at(25, 30).join() === "0,255,0,255", `green: ${p.at(25, 30)}`);
  assert(p.at(27, 30)[3] === 0, `clear: ${p.at(27, 30)}`);
  assert(p.at(10, 10)[3] === 0, "nothing outside the polygon");
});

Deno.test("RasterFill: viewport mode tiles from the map's corner; an offset moves polygon and texture", async () => {
  const view = await paintSymbol(
    rasterFill({ imageFile: base64(sprite()), coordinate_mode: "1" }),
    {
      kind: "polygon",
      parts: [[Float64Array.of(21, 21, 81, 21, 81, 81, 21, 81, 21, 21)]],
    },
  );
  // the map's column 24 is red whatever the polygon's corner
  assert(view.at(24, 30).join() === "255,0,0,255", `${view.at(24, 30)}`);
  const moved = await paintSymbol(
    rasterFill({
      imageFile: base64(sprite()),
      offset: "2,0",
      offset_unit: "Pixel",
    }),
    SQUARE,
  );
  assert(moved.at(26, 30).join() === "255,0,0,255", `${moved.at(26, 30)}`);
  // the polygon moved right: its texture's blue column at 80, nothing at 21
  assert(moved.at(80, 30)[3] > 0, `${moved.at(80, 30)}`);
  assert(moved.at(21, 30)[3] === 0, `${moved.at(21, 30)}`);
});

Deno.test("RasterFill: an image declaring too many pixels is refused by the decoder's bound, with a warning", async () => {
  const png = sprite();
  // IHDR says 50,000 × 50,000: never decoded (2.5 billion pixels)
  new DataView(png.buffer).setUint32(16, 50_000);
  new DataView(png.buffer).setUint32(20, 50_000);
  const p = await paintSymbol(rasterFill({ imageFile: base64(png) }), SQUARE);
  assert(p.covered() === 0, `nothing drawn: ${p.covered()}`);
  assert(
    p.warnings.some((w) =>
      w.startsWith(
        "RasterFill: Cannot decode image: PNG of 50000×50000 pixels, more than the 4194304 allowed",
      )
    ),
    p.warnings.join("; "),
  );
});

Deno.test("RasterFill: an image not found draws nothing, with a warning naming it", async () => {
  const p = await paintSymbol(
    rasterFill({ imageFile: "/x/nowhere.png" }),
    SQUARE,
  );
  assert(p.covered() === 0, `${p.covered()}`);
  assert(
    p.warnings.some((w) => w.includes("Cannot read image '/x/nowhere.png'")),
    p.warnings.join("; "),
  );
});
