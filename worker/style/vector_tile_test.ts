import { assert, assertEquals } from "../sources/_assert.ts";
import { parseQmlDocument } from "./qml.ts";
import { isActiveAt, readVectorTileStyle } from "./vector_tile.ts";

const QML = `<qgis>
  <renderer type="basic">
    <styles>
      <style name="parks" layer="zones" geometry="2" enabled="1" expression="&quot;kind&quot; = 'park'" min-zoom="-1" max-zoom="13">
        <symbols>
          <symbol name="0" type="fill" alpha="1" clip_to_extent="1" force_rhr="0">
            <layer class="SimpleFill" enabled="1" pass="0" locked="0">
              <prop k="color" v="150,210,120,200"/>
            </layer>
          </symbol>
        </symbols>
      </style>
      <style name="all lines" layer="" geometry="1" enabled="0" expression="" min-zoom="11" max-zoom="-1"/>
    </styles>
  </renderer>
  <labeling type="basic">
    <styles>
      <style name="names" layer="places" geometry="0" enabled="1" expression="" min-zoom="-1" max-zoom="-1">
        <settings><text-style fieldName="name"/></settings>
      </style>
    </styles>
  </labeling>
  <blendMode>6</blendMode>
  <layerOpacity>0.5</layerOpacity>
</qgis>`;

Deno.test("vector tile style: the basic renderer's styles in order, with selectors and symbols", () => {
  const style = readVectorTileStyle(parseQmlDocument(QML));
  assert(style.renderer?.type === "basic", "basic renderer");
  const [parks, lines] = style.renderer.styles;
  assertEquals(
    { ...parks, symbol: parks.symbol?.type },
    {
      name: "parks",
      layer: "zones",
      geometry: "polygon",
      enabled: true,
      expression: `"kind" = 'park'`,
      minZoom: -1,
      maxZoom: 13,
      symbol: "fill",
    },
  );
  assertEquals(parks.symbol?.layers[0].props.color, "150,210,120,200");
  assertEquals(
    { ...lines },
    {
      name: "all lines",
      layer: "",
      geometry: "line",
      enabled: false,
      expression: "",
      minZoom: 11,
      maxZoom: -1,
      symbol: null,
    },
  );
  assertEquals(style.opacity, 0.5);
  assertEquals(style.blendMode, 6);
  assertEquals(style.labeling?.map((l) => [l.name, l.layer]), [[
    "names",
    "places",
  ]]);
});

Deno.test("vector tile style: other renderer types are named; no renderer is null", () => {
  const other = readVectorTileStyle(
    parseQmlDocument('<qgis><renderer type="mapboxgl"/></qgis>'),
  );
  assertEquals(other.renderer, { type: "unsupported", name: "mapboxgl" });
  const none = readVectorTileStyle(parseQmlDocument("<qgis/>"));
  assertEquals([none.renderer, none.labeling, none.opacity], [null, null, 1]);
});

Deno.test("vector tile style: zoom ranges as QgsVectorTileBasicRendererStyle::isActive", () => {
  const s = { enabled: true, minZoom: 10, maxZoom: 12 };
  assertEquals([9, 10, 12, 13].map((z) => isActiveAt(s, z)), [
    false,
    true,
    true,
    false,
  ]);
  assertEquals(isActiveAt({ ...s, enabled: false }, 11), false);
  assertEquals(
    isActiveAt({ enabled: true, minZoom: -1, maxZoom: -1 }, 0),
    true,
  );
});
