import {
  assert,
  layerXml,
  paintSymbol,
  SQUARE,
  symbolXml,
} from "./_test_util.ts";

// a GradientFill from red (colour 1) to blue over the square, with `props`
const redToBlue = (props: Record<string, string>) =>
  paintSymbol(
    symbolXml(
      "fill",
      layerXml("GradientFill", {
        color: "255,0,0,255",
        gradient_color2: "0,0,255,255",
        ...props,
      }),
    ),
    SQUARE,
  );

Deno.test("GradientFill: linear from colour 1 at the top to colour 2 at the bottom", async () => {
  const p = await redToBlue({});
  const top = p.at(50, 21), bottom = p.at(50, 78), middle = p.at(50, 50);
  assert(top[0] > 240 && top[2] < 15, `top ${top}`);
  assert(bottom[2] > 240 && bottom[0] < 15, `bottom ${bottom}`);
  assert(Math.abs(middle[0] - middle[2]) < 12, `middle ${middle}`);
  assert(p.at(10, 50)[3] === 0, "only inside");
});

Deno.test("GradientFill: radial from the first reference point", async () => {
  const p = await redToBlue({
    gradient_type: "1",
    reference_point1: "0.5,0.5",
    reference_point2: "1,0.5",
  });
  assert(p.at(50, 50)[0] > 240, `centre ${p.at(50, 50)}`);
  assert(p.at(79, 50)[2] > 240, `edge ${p.at(79, 50)}`);
});

Deno.test("GradientFill: reference points of 1e308 (no gradient Skia can make) fill with colour 1", async () => {
  for (const gradient_type of ["0", "1"]) {
    const p = await redToBlue({
      gradient_type,
      reference_point1: "0.5,0.5",
      reference_point2: "1e308,-1e308",
    });
    const c = p.at(50, 50);
    assert(c[0] > 240 && c[2] < 15, `type ${gradient_type}: centre ${c}`);
  }
});
