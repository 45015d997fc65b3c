import assert from "node:assert/strict";
import { DOMParser } from "@xmldom/xmldom";
import {
  bandText,
  escapeXml,
  gmlText,
  gmlTypeName,
  type InfoResult,
  toGeoJsonGeometry,
  toGml2,
  toWkt,
  writeFeatureInfo,
  writeGeoJson,
  writeGml,
  writeHtml,
  writeText,
  xmlName,
} from "./feature_info_format.ts";
import type { Geometry } from "../geometry/types.ts";
import { qtIndentedJson, qtJsonNumber } from "./feature_info_fields.ts";

const square: Geometry = {
  kind: "polygon",
  parts: [[new Float64Array([0, 0, 4, 0, 4, 4, 0, 4, 0, 0])]],
};

const result = (): InfoResult => ({
  crs: "EPSG:2056",
  withGeometry: true,
  layers: [
    {
      name: "roads & <paths>",
      features: [
        {
          id: 7,
          attributes: {
            fid: 7,
            name: `<script>alert("x")</script> 'quoted'`,
            width: 2.5,
            open: true,
            note: null,
            since: new Date(2024, 0, 31, 10, 5, 0),
          },
          geometry: {
            kind: "line",
            parts: [[new Float64Array([1, 2, 3, 4])]],
          },
        },
      ],
    },
    { name: "empty", features: [] },
  ],
});

Deno.test("GeoJSON geometries: single and multi parts, holes", () => {
  assert.deepEqual(
    toGeoJsonGeometry({
      kind: "point",
      parts: [[new Float64Array([1, 2])], [new Float64Array([3, 4])]],
    }),
    { type: "MultiPoint", coordinates: [[1, 2], [3, 4]] },
  );
  assert.deepEqual(
    toGeoJsonGeometry({
      kind: "line",
      parts: [[new Float64Array([0, 0, 1, 1])], [
        new Float64Array([2, 2, 3, 3]),
      ]],
    }),
    {
      type: "MultiLineString",
      coordinates: [[[0, 0], [1, 1]], [[2, 2], [3, 3]]],
    },
  );
  const holed: Geometry = {
    kind: "polygon",
    parts: [[
      square.parts[0][0],
      new Float64Array([1, 1, 2, 1, 2, 2, 1, 1]),
    ]],
  };
  const g = toGeoJsonGeometry(holed);
  assert.equal(g.type, "Polygon");
  assert.equal((g.coordinates as unknown[]).length, 2);
  assert.equal(
    toGeoJsonGeometry({
      kind: "polygon",
      parts: [...square.parts, ...square.parts],
    })
      .type,
    "MultiPolygon",
  );
});

Deno.test("GeoJSON: ids 'layer.fid', typed properties, geometry in the map CRS", () => {
  const json = JSON.parse(writeGeoJson(result()));
  assert.equal(json.type, "FeatureCollection");
  assert.equal(json.features.length, 1);
  const [f] = json.features;
  assert.equal(f.id, "roads & <paths>.7");
  assert.deepEqual(f.geometry, {
    type: "LineString",
    coordinates: [[1, 2], [3, 4]],
  });
  assert.deepEqual(f.properties, {
    fid: 7,
    name: `<script>alert("x")</script> 'quoted'`,
    width: 2.5,
    open: true,
    note: null,
    since: "2024-01-31T10:05:00.000",
  });
});

Deno.test("text: QGIS Server's layout, every layer listed, empty ones too", () => {
  assert.equal(
    writeText(result()),
    "GetFeatureInfo results\n\n" +
      "Layer 'roads & <paths>'\n" +
      "Feature 7\n" +
      "fid = '7'\n" +
      `name = '<script>alert("x")</script> 'quoted''\n` +
      "width = '2.5'\n" +
      "open = 'true'\n" +
      "note = 'NULL'\n" +
      "since = '2024-01-31T10:05:00.000'\n" +
      "geometry = 'LineString (1 2, 3 4)'\n" +
      "\n" +
      "Layer 'empty'\n" +
      "\n",
  );
});

Deno.test("HTML: nothing from the data reaches the page unescaped", () => {
  const html = writeHtml(result());
  assert.ok(!html.includes("<script>"));
  assert.ok(html.includes("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
  assert.ok(html.includes("<TD>roads &amp; &lt;paths&gt;</TD>"));
  assert.ok(html.includes("<TR><TH>Feature</TH><TD>7</TD></TR>"));
  assert.ok(html.includes("<TR><TH>note</TH><TD>NULL</TD></TR>"));
  assert.equal(html.match(/<TABLE/g)?.length, 3, "two layers, one feature");
  assert.equal(escapeXml("a\u0001b"), "ab");
});

Deno.test("GML 2: well-formed, QGIS's element names, box, geometry and escaped values", () => {
  const xml = writeGml(result());
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level: string, msg: string) => {
      if (level !== "warning") errors.push(msg);
    },
  }).parseFromString(xml, "text/xml");
  assert.deepEqual(errors, []);
  const members = doc.getElementsByTagName("gml:featureMember");
  assert.equal(members.length, 1);
  // Qt drops what an element name cannot hold; the fid keeps the name
  const feature = doc.getElementsByTagName("qgs:roadspaths")[0];
  assert.ok(feature, xml);
  assert.equal(feature.getAttribute("fid"), "roads & <paths>.7");
  assert.equal(
    doc.getElementsByTagName("qgs:name")[0].textContent,
    `<script>alert("x")</script> 'quoted'`,
  );
  assert.equal(doc.getElementsByTagName("qgs:note")[0].textContent, "NULL");
  assert.equal(
    doc.getElementsByTagName("gml:Box")[0]
      .getElementsByTagName("gml:coordinates")[0].textContent,
    "1,2 3,4",
  );
  assert.equal(
    doc.getElementsByTagName("gml:LineString")[0].getAttribute("srsName"),
    "EPSG:2056",
  );
});

Deno.test("GML 2 geometries: multi parts and holes", () => {
  const multi = toGml2({
    kind: "point",
    parts: [[new Float64Array([1, 2])], [new Float64Array([3, 4])]],
  }, "EPSG:4326");
  assert.equal(
    multi,
    [
      '<gml:MultiPoint srsName="EPSG:4326">',
      " <gml:pointMember>",
      "  <gml:Point>",
      '   <gml:coordinates cs="," ts=" ">1,2</gml:coordinates>',
      "  </gml:Point>",
      " </gml:pointMember>",
      " <gml:pointMember>",
      "  <gml:Point>",
      '   <gml:coordinates cs="," ts=" ">3,4</gml:coordinates>',
      "  </gml:Point>",
      " </gml:pointMember>",
      "</gml:MultiPoint>",
    ].join("\n"),
  );
  const holed = toGml2({
    kind: "polygon",
    parts: [[square.parts[0][0], new Float64Array([1, 1, 2, 1, 2, 2, 1, 1])]],
  }, "EPSG:2056");
  assert.match(holed, /<gml:outerBoundaryIs>[\s\S]*<gml:innerBoundaryIs>/);
  assert.match(
    toGml2({ kind: "polygon", parts: [...square.parts, ...square.parts] }, "x"),
    /^<gml:MultiPolygon srsName="x">(\s*<gml:polygonMember>[\s\S]*){2}/,
  );
  // six decimals at most, as QGIS Server's precision
  assert.match(
    toGml2(
      { kind: "point", parts: [[new Float64Array([0.1234567, -2])]] },
      "x",
    ),
    />0\.123457,-2</,
  );
  assert.equal(
    toWkt({
      kind: "polygon",
      parts: [[square.parts[0][0], new Float64Array([1, 1, 2, 1, 1, 1])]],
    }),
    "Polygon ((0 0, 4 0, 4 4, 0 4, 0 0),(1 1, 2 1, 1 1))",
  );
});

Deno.test("element names: spaces become _, what a name cannot hold is dropped", () => {
  assert.equal(xmlName("a b"), "a_b");
  // as Qt 5.15's QDomDocument::createElement drops them (DropInvalidChars)
  assert.equal(gmlTypeName("roads & <paths>"), "roadspaths");
  assert.equal(gmlTypeName("Straßen (2020)"), "Straßen2020");
  assert.equal(gmlTypeName("9lives"), "9lives");
  assert.equal(gmlTypeName("a-b.c"), "a-b.c");
  assert.equal(xmlName("Straßen"), "Straßen");
  assert.equal(xmlName("9lives"), "9lives");
  assert.equal(xmlName("Band 1: height"), "Band_1:_height");
  // QGIS Server 3.22 (info_own_odd_names_gml): dropped, not replaced
  assert.equal(xmlName("x:y<z>"), "x:yz");
  assert.equal(xmlName("@id"), "id");
  assert.equal(xmlName('c"d #tag a/b k=v'), "cd_tag_ab_kv");
  assert.equal(xmlName("tab\tin"), "tabin");
  assert.equal(xmlName("ünï·cödé"), "ünï·cödé");
});

Deno.test("writeFeatureInfo picks the writer by format, any case; null for others", () => {
  const r = result();
  assert.equal(writeFeatureInfo(r, "Text/Plain"), writeText(r));
  assert.equal(writeFeatureInfo(r, "application/geo+json"), writeGeoJson(r));
  assert.equal(writeFeatureInfo(r, "APPLICATION/JSON"), writeGeoJson(r));
  assert.equal(writeFeatureInfo(r, "text/html"), writeHtml(r));
  assert.equal(writeFeatureInfo(r, "text/xml"), writeGml(r));
  assert.equal(writeFeatureInfo(r, "application/vnd.ogc.gml"), writeGml(r));
  assert.equal(writeFeatureInfo(r, "image/png"), null);
});

Deno.test("raster bands: QGIS's number format and no data in every writer; a raster without value is a feature without properties", () => {
  assert.equal(bandText(0.1 + 0.2), "0.3");
  assert.equal(bandText(-1234567), "-1.23457e+06");
  assert.equal(bandText(0.00001), "1e-05");
  assert.equal(bandText(100000), "100000");
  assert.equal(bandText(-0), "0");
  assert.equal(bandText(null), "no data");
  const r: InfoResult = {
    crs: "EPSG:2056",
    layers: [
      {
        name: "dem & co",
        features: [],
        bands: [{ name: "Band 1", value: 512.25 }, {
          name: "Band 2",
          value: null,
        }],
      },
      { name: "outside", features: [], bands: [] },
    ],
  };
  assert.equal(
    writeText(r),
    "GetFeatureInfo results\n\nLayer 'dem & co'\nBand 1 = '512.25'\nBand 2 = 'no data'\n\nLayer 'outside'\n\n",
  );
  assert.equal(
    writeGeoJson(r),
    '{"features":[{"id":"dem & co","properties":{"Band 1":"512.25","Band 2":"null"},"type":"Feature"},' +
      '{"id":"outside","properties":{},"type":"Feature"}],"type":"FeatureCollection"}',
  );
  assert.ok(
    writeHtml(r).includes(
      "<TD>dem &amp; co</TD></TR>\n</BR><TR><TH>Band 1</TH><TD>512.25</TD></TR>\n",
    ),
  );
  const gml = writeGml(r);
  assert.equal(gml.match(/<gml:featureMember>/g)?.length, 1);
  // QGIS writes no data as 0 in GML
  assert.match(
    gml,
    /<qgs:demco fid="dem &amp; co.NULL">\n {3}<qgs:Band_1>512.25<\/qgs:Band_1>\n {3}<qgs:Band_2>0<\/qgs:Band_2>/,
  );
});

Deno.test("GML text as QDom writes it: quotes kept, markup and ]]> escaped", () => {
  assert.equal(gmlText("Pian di Sco'"), "Pian di Sco'");
  assert.equal(
    gmlText(`<b a="1">&</b> ]]> a>b`),
    `&lt;b a="1">&amp;&lt;/b> ]]&gt; a>b`,
  );
  assert.equal(gmlText("a\r\nb\u0001"), "a&#xd;\nb");
  // the result parses back to the text (XML-illegal characters dropped)
  const doc = new DOMParser().parseFromString(
    `<x>${gmlText(`<'"&]]>\u0002`)}</x>`,
    "text/xml",
  );
  assert.equal(doc.documentElement!.textContent, `<'"&]]>`);
});

Deno.test("JSON fields: numbers and documents as Qt 5's QJsonDocument writes them (measured with PyQt5)", () => {
  // QJsonDocument.fromJson([...]).toJson(Compact) of these doubles
  const doubles = [
    1e19,
    2e19,
    9.9e19,
    1e20,
    1.5e20,
    1.23e21,
    1e-4,
    1.5e-4,
    9.9e-5,
    1.5e-5,
    1e-100,
    1e100,
    123.456,
    -0,
    0.1,
    1 / 3,
    2161,
    3e15,
    5e-324,
  ];
  assert.equal(
    doubles.map(qtJsonNumber).join(","),
    "10000000000000000000,2e+19,9.9e+19,1e+20,1.5e+20,1.23e+21,0.0001," +
      "0.00015,9.9e-05,1.5e-05,1e-100,1e+100,123.456,0,0.1," +
      "0.3333333333333333,2161,3000000000000000,5e-324",
  );
  // QJsonDocument.fromVariant({...}).toJson()
  assert.equal(
    qtIndentedJson({
      a: 100,
      b: 1e20,
      B: 1,
      e: [1, 2, { z: null, y: true }],
      f: {},
      g: [],
      h: 'x"é/\n',
      j: 1e16,
    }),
    '{\n    "B": 1,\n    "a": 100,\n    "b": 1e+20,\n    "e": [\n        1,\n' +
      '        2,\n        {\n            "y": true,\n            "z": null\n' +
      '        }\n    ],\n    "f": {\n    },\n    "g": [\n    ],\n' +
      '    "h": "x\\"é/\\n",\n    "j": 10000000000000000\n}\n',
  );
});
