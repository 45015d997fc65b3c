import assert from "node:assert/strict";
import { filterBBox, ogcFilterToExpression, ogcFilterVersion } from "./mod.ts";
import { evaluate, isTruthy } from "../expression/mod.ts";
import type { Feature } from "../geometry/types.ts";
import { loadGeos } from "../geos/geos.ts";

const OGC =
  'xmlns="http://www.opengis.net/ogc" xmlns:gml="http://www.opengis.net/gml"';
const FES =
  'xmlns:fes="http://www.opengis.net/fes/2.0" xmlns:gml="http://www.opengis.net/gml/3.2"';

const point = (
  x: number,
  y: number,
  attrs: Record<string, string | number | null>,
  id = 1,
): Feature => ({
  id,
  attributes: attrs,
  geometry: { kind: "point", parts: [[new Float64Array([x, y])]] },
});
const bern = point(5, 5, { name: "Bern", pop: 134000, canton: "BE" }, 12);
const chur = point(50, 50, { name: "Chur", pop: 37000, canton: null }, 3);
// a filter keeps a feature where its expression is true, as QGIS's
// (operators give QGIS's 1 and 0)
const matches = (xml: string, f: Feature) =>
  isTruthy(evaluate(ogcFilterToExpression(xml), { feature: f }));

Deno.test("Filter 1.1 comparison, logical, like, null, between", () => {
  const f = `<Filter ${OGC}><And>
    <PropertyIsGreaterThan><PropertyName>pop</PropertyName><Literal>100000</Literal></PropertyIsGreaterThan>
    <PropertyIsLike wildCard="*" singleChar="." escapeChar="!"><PropertyName>name</PropertyName><Literal>B*</Literal></PropertyIsLike>
    <Not><PropertyIsNull><PropertyName>canton</PropertyName></PropertyIsNull></Not>
  </And></Filter>`;
  assert.equal(ogcFilterVersion(f), "110");
  assert.equal(matches(f, bern), true);
  assert.equal(matches(f, chur), false);
  const between =
    `<Filter ${OGC}><PropertyIsBetween><PropertyName>pop</PropertyName>
    <LowerBoundary><Literal>30000</Literal></LowerBoundary><UpperBoundary><Literal>40000</Literal></UpperBoundary>
  </PropertyIsBetween></Filter>`;
  assert.equal(matches(between, chur), true);
  const caseless =
    `<Filter ${OGC}><PropertyIsEqualTo matchCase="false"><PropertyName>name</PropertyName><Literal>BERN</Literal></PropertyIsEqualTo></Filter>`;
  assert.equal(matches(caseless, bern), true);
  const or =
    `<Filter ${OGC}><Or><PropertyIsEqualTo><PropertyName>name</PropertyName><Literal>Chur</Literal></PropertyIsEqualTo>
    <PropertyIsLessThan><PropertyName>pop</PropertyName><Literal>0</Literal></PropertyIsLessThan></Or></Filter>`;
  assert.equal(matches(or, chur), true);
  assert.equal(matches(or, bern), false);
});

Deno.test("FES 2.0 spatial operators with GML, resource ids", async () => {
  await loadGeos(); // Within and Contains are GEOS's
  const bbox =
    `<fes:Filter ${FES}><fes:BBOX><fes:ValueReference>geom</fes:ValueReference>
    <gml:Envelope srsName="EPSG:2056"><gml:lowerCorner>0 0</gml:lowerCorner><gml:upperCorner>10 10</gml:upperCorner></gml:Envelope>
  </fes:BBOX></fes:Filter>`;
  assert.equal(ogcFilterVersion(bbox), "FES20");
  assert.equal(matches(bbox, bern), true);
  assert.equal(matches(bbox, chur), false);
  assert.deepEqual(filterBBox(ogcFilterToExpression(bbox)), {
    rect: { xmin: 0, ymin: 0, xmax: 10, ymax: 10 },
    srs: "EPSG:2056",
  });
  const within =
    `<fes:Filter ${FES}><fes:Within><fes:ValueReference>geom</fes:ValueReference>
    <gml:Polygon><gml:exterior><gml:LinearRing><gml:posList>0 0 20 0 20 20 0 20 0 0</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>
  </fes:Within></fes:Filter>`;
  assert.equal(matches(within, bern), true);
  assert.equal(matches(within, chur), false);
  const intersects =
    `<fes:Filter ${FES}><fes:Intersects><fes:ValueReference>geom</fes:ValueReference>
    <gml:LineString><gml:posList>40 40 60 60</gml:posList></gml:LineString></fes:Intersects></fes:Filter>`;
  assert.equal(matches(intersects, chur), true);
  assert.equal(matches(intersects, bern), false);
  const ids =
    `<fes:Filter ${FES}><fes:ResourceId rid="places.12"/><fes:ResourceId rid="places.99"/></fes:Filter>`;
  assert.equal(matches(ids, bern), true);
  assert.equal(matches(ids, chur), false);
  const gml2 = `<Filter ${OGC}><Intersects><PropertyName>geom</PropertyName>
    <gml:Box><gml:coordinates>0,0 10,10</gml:coordinates></gml:Box></Intersects></Filter>`;
  assert.equal(matches(gml2, bern), true);
});

Deno.test("a filter that does not parse is a SyntaxError naming the problem", () => {
  assert.throws(() => ogcFilterToExpression("<Filter"), SyntaxError);
  assert.throws(() => ogcFilterToExpression(`<Query ${OGC}/>`), /not <Filter>/);
  assert.throws(
    () => ogcFilterToExpression(`<Filter ${OGC}><PropertyIsFoo/></Filter>`),
    /unsupported operator <PropertyIsFoo>/,
  );
  assert.throws(
    () =>
      ogcFilterToExpression(
        `<Filter ${OGC}><PropertyIsEqualTo><PropertyName>a</PropertyName></PropertyIsEqualTo></Filter>`,
      ),
    /needs two operands/,
  );
});

Deno.test("a <Not> nested 10,000 deep is a clear error, not a stack overflow", () => {
  const deep = `<Filter ${OGC}>${"<Not>".repeat(10_000)}` +
    "<PropertyIsNull><PropertyName>canton</PropertyName></PropertyIsNull>" +
    `${"</Not>".repeat(10_000)}</Filter>`;
  assert.throws(
    () => ogcFilterToExpression(deep),
    (e: Error) =>
      e instanceof RangeError &&
      e.message ===
        "Cannot parse OGC filter: its elements nest deeper than 64 levels",
  );
  assert.throws(
    () =>
      ogcFilterToExpression(`<Filter ${OGC}>${" ".repeat(1 << 20)}</Filter>`),
    /Cannot parse OGC filter: \d+ characters exceed the limit of 1048576/,
  );
});

Deno.test("an <Or> of 10,000 comparisons evaluates (a balanced tree, not 10,000 deep)", () => {
  const eq = (v: number) =>
    `<PropertyIsEqualTo><PropertyName>pop</PropertyName><Literal>${v}</Literal></PropertyIsEqualTo>`;
  const or = `<Filter ${OGC}><Or>${
    Array.from({ length: 10_000 }, (_, i) => eq(i * 1000)).join("")
  }</Or></Filter>`;
  assert.equal(matches(or, bern), true); // 134000 is 134 × 1000
  assert.equal(matches(or, point(0, 0, { pop: 1 })), false);
  let depth = 0;
  for (
    let e = ogcFilterToExpression(or);
    e.type === "binary";
    e = e.left
  ) depth++;
  assert.ok(depth <= 15, `${depth}`); // 14 ORs, then the comparison
});

Deno.test("ogcFilterToExpression refuses a srsDimension that is no whole number of 2 or more, naming it", () => {
  for (const dim of ["-1", "1e-300", "1", "2.5"]) {
    const xml =
      `<fes:Filter ${FES}><fes:Intersects><fes:ValueReference>geom</fes:ValueReference><gml:LineString><gml:posList srsDimension="${dim}">1 2 3 4</gml:posList></gml:LineString></fes:Intersects></fes:Filter>`;
    assert.throws(
      () => ogcFilterToExpression(xml),
      {
        name: "SyntaxError",
        message:
          `Cannot parse OGC filter: srsDimension '${dim}' is not a whole number of 2 or more`,
      },
    );
  }
});
