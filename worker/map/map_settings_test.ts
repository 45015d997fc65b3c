import assert from "node:assert/strict";
import { computeMapSettings, type MapJob } from "./compute.ts";
import { mapToPixel } from "./map_settings.ts";

// Points and the pixel positions QGIS 3.22 gives them
// (QgsMapSettings::mapToPixel().transform, the maps of three real-project
// jobs of tests/parity/real/hunt); the last point of the first map lies
// half way between two pixel rows (210.5), where a marker's whole-pixel
// position rounds up in QGIS and rounded down with (ymax - y) / mupp.
const CASES: {
  job: MapJob;
  pts: [number, number, number, number][];
}[] = [
  {
    "job": {
      "bbox": {
        "x_min": 22.800207039337682,
        "x_max": 46.87198067632876,
        "y_min": -118.92286230599032,
        "y_max": -82.32264950769255,
      },
      "crs": "EPSG:4326",
      "width": 640,
      "height": 421,
      "dpi": 96,
    },
    "pts": [
      [
        -114.00510237899401,
        43.200935427979516,
        85.99311623193671,
        64.23039674942504,
      ],
      [
        -90.96854872150745,
        28.939116743945583,
        488.815756145033,
        313.61594016370344,
      ],
      [
        -100.78983269068209,
        33.620036820184865,
        317.0784557388422,
        231.76426172394122,
      ],
      [
        -97.79848171152506,
        34.83609385783322,
        369.38592829948084,
        210.5,
      ],
    ],
  },
  {
    "job": {
      "bbox": {
        "x_min": 262846.525725,
        "x_max": 277846.525725,
        "y_min": 4454025.0,
        "y_max": 4464275.0,
      },
      "crs": "EPSG:23030",
      "width": 640,
      "height": 437,
      "dpi": 96,
    },
    "pts": [
      [
        277335.01764784544,
        4454103.835295365,
        617.948387344728,
        433.6389244805323,
      ],
      [
        267252.2166952366,
        4458835.807474366,
        188.07677599935596,
        231.8953301172587,
      ],
      [
        268380.707836475,
        4456170.530737129,
        236.18903245995716,
        345.5271285731287,
      ],
    ],
  },
  {
    "job": {
      "bbox": {
        "x_min": 40.24750323106232,
        "x_max": 40.24808114453396,
        "y_min": -5.696143290627085,
        "y_max": -5.695215170407001,
      },
      "crs": "EPSG:4326",
      "width": 640,
      "height": 399,
      "dpi": 96,
    },
    "pts": [
      [
        -5.695378511182788,
        40.248007528893936,
        527.3657805938274,
        51.008136201649904,
      ],
      [
        -5.695935348966593,
        40.247876785076855,
        143.3894659713842,
        141.16460637003183,
      ],
      [
        -5.695918486864372,
        40.24791841447473,
        155.01699566841125,
        112.45839561522007,
      ],
    ],
  },
];

Deno.test("mapToPixel: QgsMapToPixel's arithmetic, bit for bit", () => {
  for (const { job, pts } of CASES) {
    const map = computeMapSettings(job);
    for (const [x, y, px, py] of pts) {
      assert.deepEqual(mapToPixel(map, x, y), [px, py], `${job.crs} ${x} ${y}`);
    }
  }
});
