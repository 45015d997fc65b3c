import { realParity, realTest } from "./real.ts";

Deno.test(realTest(
  "paint",
  "masking_points",
  "QGIS's SVG library: gpsicons/plane.svg",
  () => realParity("paint", "masking_points", 100000),
));
