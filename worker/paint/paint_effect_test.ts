import {
  assert,
  layerXml,
  paintSymbol,
  point,
  symbolXml,
} from "./_test_util.ts";
import { drawsEffect } from "./paint_effect.ts";

const square = (effect: string) =>
  symbolXml(
    "marker",
    layerXml("SimpleMarker", {
      name: "square",
      size: "20",
      size_unit: "Pixel",
      color: "255,0,0,255",
      outline_style: "no",
    }, effect),
  );

const shadow = (props: Record<string, string>) =>
  `<effect type="dropShadow">${
    Object.entries({
      blur_level: "0",
      blur_unit: "Pixel",
      offset_distance: "12",
      offset_unit: "Pixel",
      offset_angle: "0",
      color: "0,0,255,255",
      blend_mode: "0",
      ...props,
    }).map(([k, v]) => `<prop k="${k}" v="${v}"/>`).join("")
  }</effect>`;

const stack = (enabled: string, ...effects: string[]) =>
  `<effect type="effectStack" enabled="${enabled}">${
    effects.join("")
  }</effect>`;

Deno.test("drawsEffect: enabled effects of known types only", () => {
  const e = (type: string, enabled = true) => ({
    type,
    enabled,
    props: {},
    effects: [],
  });
  assert(drawsEffect(e("effectStack")), "stack");
  assert(!drawsEffect(e("effectStack", false)), "disabled stack");
  assert(!drawsEffect(e("someFutureEffect")), "unknown type");
  assert(
    !drawsEffect({ ...e("effectStack"), effects: [e("color")] }),
    "a stack with an effect not drawn yet",
  );
  assert(
    drawsEffect({ ...e("effectStack"), effects: [e("color", false)] }),
    "… unless it is disabled",
  );
  assert(!drawsEffect(undefined), "none");
});

Deno.test("drop shadow: offset by its angle (0° is up), under the source", async () => {
  const p = await paintSymbol(
    square(stack("1", shadow({}), `<effect type="drawSource"/>`)),
    point(50, 50),
  );
  // the square covers 40–60; the shadow is 12 px higher: 28–48
  assert(
    p.at(50, 50).join() === "255,0,0,255",
    `source on top ${p.at(50, 50)}`,
  );
  assert(p.at(50, 32).join() === "0,0,255,255", `shadow above ${p.at(50, 32)}`);
  assert(p.at(50, 64)[3] === 0, "nothing below");
});

Deno.test("effects: a disabled stack draws the layer as it is", async () => {
  const plain = await paintSymbol(square(""), point(50, 50));
  const off = await paintSymbol(
    square(stack("0", shadow({}))),
    point(50, 50),
  );
  assert(off.covered() === plain.covered(), "same pixels");
  assert(off.at(50, 32)[3] === 0, "no shadow");
});

Deno.test("effects: a stack without draw source draws only its effects", async () => {
  const p = await paintSymbol(square(stack("1", shadow({}))), point(50, 50));
  assert(p.at(50, 32).join() === "0,0,255,255", "shadow");
  assert(p.at(50, 55)[3] === 0, `no source below the shadow ${p.at(50, 55)}`);
});

Deno.test("outer glow: shades around the shape, fading with the distance", async () => {
  const glow =
    `<effect type="outerGlow"><prop k="spread" v="6"/><prop k="spread_unit" v="Pixel"/><prop k="blur_level" v="0"/><prop k="blur_unit" v="Pixel"/><prop k="single_color" v="0,255,0,255"/><prop k="color_type" v="0"/></effect>`;
  const p = await paintSymbol(
    square(stack("1", glow, `<effect type="drawSource"/>`)),
    point(50, 50),
  );
  const near = p.at(50, 38), far = p.at(50, 35);
  assert(near[1] === 255 && near[0] === 0, `green next to the edge ${near}`);
  assert(far[3] > 0 && far[3] < near[3], `fading: ${near} → ${far}`);
  assert(p.at(50, 30)[3] === 0, "nothing beyond the spread");
});
