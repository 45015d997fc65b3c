import { assertEquals, assertThrows } from "../_assert.ts";
import { JobError } from "../../runners/types.ts";
import { parseDelimitedTextUri } from "./uri.ts";

const layer = (source: unknown) => ({
  id: "t",
  name: "stations",
  source: JSON.stringify(source),
});

Deno.test("delimitedtext uri: QGIS 3.22's decodeUri keys and our exporter's", () => {
  // As decodeUri('delimitedtext', …) gives them: openOptions, subset apart.
  const qgis = parseDelimitedTextUri(layer({
    path: "data/stations.csv",
    subset: '"n" > 1',
    openOptions: [
      "type=csv",
      "delimiter=%5Ct",
      "xField=x",
      "yField=y",
      "crs=EPSG:2056",
      "detectTypes=no",
    ],
  }));
  assertEquals(qgis.path, "data/stations.csv");
  assertEquals(qgis.format.delimiter, "\\t");
  assertEquals(qgis.table.geometry, { kind: "xy", x: "x", y: "y" });
  assertEquals(qgis.table.detectTypes, false);
  assertEquals(qgis.crs, "EPSG:2056");
  assertEquals(qgis.subset, '"n" > 1');
  // Our exporter: the query's parts as written, the subset among them.
  const ours = parseDelimitedTextUri(layer({
    path: "stations.csv",
    open_options: [
      "type=whitespace",
      "wktField=wkt",
      "geomType=Polygon",
      "subset=%22n%22%20%3E%201",
      "useHeader=No",
    ],
  }));
  assertEquals(ours.format.type, "whitespace");
  assertEquals(ours.format.useHeader, false);
  assertEquals(ours.table.geometry, {
    kind: "wkt",
    field: "wkt",
    type: "polygon",
  });
  assertEquals(ours.subset, '"n" > 1');
});

Deno.test("delimitedtext uri: a raw URI in path; geomType=none has no geometry", () => {
  const raw = parseDelimitedTextUri(layer({
    path:
      "file://a%20b.csv?type=csv&delimiter=;&xField=x&yField=y&geomType=none",
  }));
  assertEquals(raw.path, "a b.csv");
  assertEquals(raw.format.delimiter, ";");
  assertEquals(raw.table.geometry, null);
});

Deno.test("delimitedtext uri: bad sources fail naming the layer", () => {
  for (
    const [source, message] of [
      [{}, "has no 'path'"],
      [{ path: "a.csv", open_options: ["type=json"] }, "type 'json'"],
      [{ path: "a.csv", open_options: ["skipLines=-1"] }, "'skipLines'"],
      [{ path: "a.csv", open_options: "type=csv" }, "must be a list"],
    ] as const
  ) {
    const error = assertThrows(
      () => parseDelimitedTextUri(layer(source)),
      JobError,
    );
    assertEquals(
      error.message.startsWith("Cannot open layer 'stations': "),
      true,
    );
    assertEquals(error.message.includes(message), true, error.message);
  }
});
