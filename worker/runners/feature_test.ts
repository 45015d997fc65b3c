import assert from "node:assert/strict";
import {
  parseJobInfo,
  type QslJobInfoFeature,
  type QueryCollection,
} from "@qgis-server-light/interface";
import { NO_REFERENCE, REFERENCE_DIR } from "../../tests/reference.ts";
import { featureRunner } from "./feature.ts";
import { JobError } from "./types.ts";
import { testRunnerContext } from "./_test_util.ts";

const context = testRunnerContext;

const referenceJob = (): QslJobInfoFeature =>
  parseJobInfo(
    Deno.readTextFileSync(
      `${REFERENCE_DIR}/upstream/placenames_features.job.json`,
    ),
  ) as QslJobInfoFeature;

const FES =
  'xmlns:fes="http://www.opengis.net/fes/2.0" xmlns:gml="http://www.opengis.net/gml/3.2"';

function withFilter(
  job: QslJobInfoFeature,
  xml: string | null,
  page?: [number, number | null],
) {
  const copy = structuredClone(job);
  copy.job.queries[0].filter = xml === null ? null : { definition: xml };
  if (page) [copy.job.start_index, copy.job.count] = page;
  return copy;
}

Deno.test({
  name:
    "feature parity: placenames_features gives exactly what the Python worker returned",
  ignore: NO_REFERENCE,
  async fn() {
    const ctx = context(`${REFERENCE_DIR}/upstream`);
    const out = await featureRunner(referenceJob(), ctx);
    const expected = JSON.parse(
      Deno.readTextFileSync(
        `${REFERENCE_DIR}/upstream/placenames_features.expected.json`,
      ),
    );
    assert.equal(
      out.contentType,
      "application/qgis-server-light.interface.qgis.QueryCollection",
    );
    assert.deepEqual(out.data, expected);
  },
});

Deno.test({
  name:
    "feature filters: pushed-down comparison, LIKE and spatial filters, paging over FID order",
  ignore: NO_REFERENCE,
  async fn() {
    const ctx = context(`${REFERENCE_DIR}/upstream`);
    const all = (await featureRunner(referenceJob(), ctx))
      .data as QueryCollection;
    const features = all.feature_collections[0].features;
    const attr = (f: (typeof features)[number], name: string) =>
      f.attributes.find((a) => a.name === name)?.value;

    // comparison: pushed down to OGR SQL
    const eq =
      `<fes:Filter ${FES}><fes:PropertyIsEqualTo><fes:ValueReference>canton</fes:ValueReference>` +
      `<fes:Literal>BE</fes:Literal></fes:PropertyIsEqualTo></fes:Filter>`;
    const be = (await featureRunner(withFilter(referenceJob(), eq), ctx))
      .data as QueryCollection;
    const wantBe = features.filter((f) => attr(f, "canton") === "BE");
    assert.ok(wantBe.length > 1);
    assert.equal(be.numbers_matched, wantBe.length);
    assert.deepEqual(be.feature_collections[0].features, wantBe);

    // LIKE (case-sensitive in QGIS, so evaluated by us) with paging
    const like =
      `<fes:Filter ${FES}><fes:PropertyIsLike wildCard="*" singleChar="." escapeChar="!">` +
      `<fes:ValueReference>name</fes:ValueReference><fes:Literal>S*</fes:Literal></fes:PropertyIsLike></fes:Filter>`;
    const wantS = features.filter((f) =>
      String(attr(f, "name")).startsWith("S")
    );
    const page =
      (await featureRunner(withFilter(referenceJob(), like, [1, 2]), ctx))
        .data as QueryCollection;
    assert.equal(page.numbers_matched, wantS.length);
    assert.deepEqual(page.feature_collections[0].features, wantS.slice(1, 3));

    // spatial: BBOX around the first feature's point only (EPSG:2056 coordinates)
    const fc = features[0].geometry!.value!;
    const bytes = Uint8Array.from(atob(fc), (c) => c.charCodeAt(0));
    const view = new DataView(bytes.buffer);
    const x = view.getFloat64(5, true), y = view.getFloat64(13, true);
    const bbox =
      `<fes:Filter ${FES}><fes:BBOX><fes:ValueReference>geom</fes:ValueReference>` +
      `<gml:Envelope srsName="urn:ogc:def:crs:EPSG::2056"><gml:lowerCorner>${
        x - 1
      } ${y - 1}</gml:lowerCorner>` +
      `<gml:upperCorner>${x + 1} ${
        y + 1
      }</gml:upperCorner></gml:Envelope></fes:BBOX></fes:Filter>`;
    const near = (await featureRunner(withFilter(referenceJob(), bbox), ctx))
      .data as QueryCollection;
    assert.equal(near.numbers_matched, 1);
    assert.deepEqual(near.feature_collections[0].features, [features[0]]);

    // resource ids
    const ids =
      `<fes:Filter ${FES}><fes:ResourceId rid="placenames.2"/><fes:ResourceId rid="placenames.5"/></fes:Filter>`;
    const byId = (await featureRunner(withFilter(referenceJob(), ids), ctx))
      .data as QueryCollection;
    assert.deepEqual(
      byId.feature_collections[0].features.map((f) => attr(f, "fid")),
      [2, 5],
    );
  },
});

Deno.test({
  name:
    "feature bad input: raster layer, unparsable filter, aliases that do not fit → JobError",
  ignore: NO_REFERENCE,
  async fn() {
    const ctx = context(`${REFERENCE_DIR}/upstream`);
    const raster = referenceJob();
    raster.job.queries[0].layers[0] = {
      ...raster.job.queries[0].layers[0],
      name: "dem",
      driver: "gdal",
      source: '{"path": "bui20220630.tif"}',
    };
    await assert.rejects(
      featureRunner(raster, ctx),
      (e: unknown) =>
        e instanceof JobError &&
        /layer 'dem'.*not a vector source/.test(e.message),
    );
    await assert.rejects(
      featureRunner(withFilter(referenceJob(), "<fes:Filter"), ctx),
      (e: unknown) =>
        e instanceof JobError &&
        /Cannot apply the query's filter/.test(e.message),
    );
    const aliases = referenceJob();
    aliases.job.queries[0].aliases = ["a", "b"];
    await assert.rejects(featureRunner(aliases, ctx), /2 aliases for 1 layers/);
    const aliased = referenceJob();
    aliased.job.queries[0].aliases = ["towns"];
    aliased.job.count = 1;
    const out = (await featureRunner(aliased, ctx)).data as QueryCollection;
    assert.equal(out.feature_collections[0].name, "towns");
    assert.equal(out.feature_collections[0].features.length, 1);
    assert.equal(out.numbers_matched, 93);
  },
});

Deno.test("feature pages of one geometry type of a file holding several (QGIS's geometrytype=)", async () => {
  // QGIS 3.22's OGR provider on this file with `|geometrytype=Point` counts
  // 3 and iterates ids 0, 3, 7 (a MultiPoint is a point, the feature
  // without geometry none); `Polygon` and `MultiPolygon` 1, 4, 8;
  // `LineString` 2, 5, with the subset `name = 'even'` 2
  const kinds = [
    ["Point", [1, 2]],
    ["Polygon", [[[0, 0], [4, 0], [4, 4], [0, 0]]]],
    ["LineString", [[0, 0], [3, 3]]],
    ["MultiPoint", [[1, 1], [2, 2]]],
    ["MultiPolygon", [[[[5, 5], [6, 5], [6, 6], [5, 5]]]]],
    ["MultiLineString", [[[1, 0], [1, 4]]]],
    null,
    ["Point", [3, 1]],
    ["Polygon", [[[1, 1], [2, 1], [2, 2], [1, 1]]]],
  ] as const;
  const root = await Deno.makeTempDir({ prefix: "qsl-feature-kinds-" });
  try {
    await Deno.writeTextFile(
      `${root}/mixed.geojson`,
      JSON.stringify({
        type: "FeatureCollection",
        features: kinds.map((k, n) => ({
          type: "Feature",
          properties: { n, name: n % 2 ? "odd" : "even" },
          geometry: k && { type: k[0], coordinates: k[1] },
        })),
      }),
    );
    const job = (
      geometryType: string,
      filter: string | null,
      start = 0,
      count: number | null = null,
    ): QslJobInfoFeature =>
      parseJobInfo(JSON.stringify({
        id: "kinds",
        type: "QslJobInfoFeature",
        job: {
          queries: [{
            layers: [{
              id: `mixed_${geometryType}`,
              name: `mixed - ${geometryType}`,
              source: JSON.stringify({ path: "mixed.geojson", geometryType }),
              remote: false,
              folder_name: "",
              driver: "ogr",
              style: null,
              filter: null,
            }],
            aliases: [],
            filter: filter === null ? null : { definition: filter },
          }],
          start_index: start,
          count,
        },
      })) as QslJobInfoFeature;
    const ctx = context(root);
    const ns = async (...args: Parameters<typeof job>) => {
      const out = (await featureRunner(job(...args), ctx))
        .data as QueryCollection;
      return [
        out.numbers_matched,
        out.feature_collections[0].features.map((f) =>
          f.attributes.find((a) => a.name === "n")?.value
        ),
      ];
    };
    const of = (types: string[]) =>
      kinds.flatMap((k, n) =>
        k !== null && types.includes(k[0].replace("Multi", "")) ? [n] : []
      );
    const points = of(["Point"]);
    assert.deepEqual(await ns("Point", null), [points.length, points]);
    // pages and counts are of the kind's features
    assert.deepEqual(await ns("Point", null, 1, 1), [
      points.length,
      points.slice(1, 2),
    ]);
    assert.deepEqual(await ns("MultiPolygon", null, 2), [
      of(["Polygon"]).length,
      of(["Polygon"]).slice(2),
    ]);
    // a filter OGR SQL says, and one we test ourselves (LIKE)
    const eq =
      `<fes:Filter ${FES}><fes:PropertyIsEqualTo><fes:ValueReference>name</fes:ValueReference>` +
      `<fes:Literal>even</fes:Literal></fes:PropertyIsEqualTo></fes:Filter>`;
    const lines = of(["LineString"]).filter((n) => n % 2 === 0);
    assert.deepEqual(await ns("LineString", eq), [lines.length, lines]);
    const like =
      `<fes:Filter ${FES}><fes:PropertyIsLike wildCard="*" singleChar="." escapeChar="!">` +
      `<fes:ValueReference>name</fes:ValueReference><fes:Literal>o*</fes:Literal></fes:PropertyIsLike></fes:Filter>`;
    const odd = of(["Polygon"]).filter((n) => n % 2 === 1);
    assert.deepEqual(await ns("Polygon", like, 0, 5), [odd.length, odd]);
    // every type: nothing filtered, the feature without geometry included
    assert.deepEqual(await ns("Unknown", null), [
      kinds.length,
      kinds.map((_, n) => n),
    ]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
