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
