import {
  assert,
  layerXml,
  line,
  paintSymbol,
  symbolXml,
} from "./_test_util.ts";

const dot = symbolXml(
  "marker",
  layerXml("SimpleMarker", {
    name: "square",
    size: "4",
    size_unit: "Pixel",
    color: "255,0,0,255",
    outline_style: "no",
  }),
);

/** Runs of covered pixels along row y. */
function blobs(at: (x: number, y: number) => number[], y: number): number[] {
  const starts: number[] = [];
  for (let x = 0; x < 100; x++) {
    if (at(x, y)[3] > 0 && (x === 0 || at(x - 1, y)[3] === 0)) starts.push(x);
  }
  return starts;
}

Deno.test("MarkerLine: markers every interval along the line", async () => {
  const p = await paintSymbol(
    symbolXml(
      "line",
      layerXml("MarkerLine", {
        placement: "interval",
        interval: "20",
        interval_unit: "Pixel",
      }, dot),
    ),
    line(10, 50, 90, 50),
  );
  const starts = blobs(p.at, 50);
  // at 0, 20, 40, 60, 80 px from the start
  assert(starts.length === 5, `markers at ${starts}`);
  assert(starts[1] - starts[0] === 20, `spacing ${starts}`);
});

Deno.test("MarkerLine: first and last vertex placements", async () => {
  const cases: [string, number][] = [["firstvertex", 8], ["lastvertex", 88]];
  for (const [placement, at] of cases) {
    const p = await paintSymbol(
      symbolXml("line", layerXml("MarkerLine", { placement }, dot)),
      line(10, 50, 50, 50, 90, 50),
    );
    const starts = blobs(p.at, 50);
    assert(starts.length === 1, `${placement}: markers at ${starts}`);
    assert(
      Math.abs(starts[0] - at) <= 1,
      `${placement}: ${starts}`,
    );
  }
});

Deno.test("MarkerLine: QGIS ≥ 3.24's 'placements' alone draws at intervals, as QGIS 3.22 reads it", async () => {
  const p = await paintSymbol(
    symbolXml(
      "line",
      layerXml("MarkerLine", {
        placements: "CentralPoint",
        interval: "20",
        interval_unit: "Pixel",
      }, dot),
    ),
    line(10, 50, 90, 50),
  );
  const starts = blobs(p.at, 50);
  assert(starts.length === 5, `markers at ${starts}`);
});

Deno.test("HashLine: hashes across the line", async () => {
  const p = await paintSymbol(
    symbolXml(
      "line",
      layerXml(
        "HashLine",
        {
          placement: "interval",
          interval: "40",
          interval_unit: "Pixel",
          hash_length: "20",
          hash_length_unit: "Pixel",
        },
        symbolXml(
          "line",
          layerXml("SimpleLine", {
            line_color: "0,0,0,255",
            line_width: "2",
            line_width_unit: "Pixel",
          }),
        ),
      ),
    ),
    line(10, 50, 90, 50),
  );
  assert(p.at(10, 42)[3] > 0 && p.at(10, 58)[3] > 0, "perpendicular hash");
  assert(p.at(30, 42)[3] === 0, "nothing between hashes");
  assert(p.at(50, 42)[3] > 0, "second hash 40 px on");
});
