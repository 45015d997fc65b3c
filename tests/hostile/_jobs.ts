// Jobs over the repository's own demo data (demo/), for the hostile tests
// and the bench's hostile set.
import { encodeStyle } from "@qgis-server-light/interface";

const FILL =
  '<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="fill" name="0"><layer class="SimpleFill"><Option type="Map"><Option name="color" value="200,80,40,255" type="QString"/></Option></layer></symbol></symbols></renderer-v2></qgis>';
const LINE =
  '<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="line" name="0"><layer class="SimpleLine"><Option type="Map"><Option name="line_width" value="0.8" type="QString"/></Option></layer></symbol></symbols></renderer-v2></qgis>';
const POINT =
  '<qgis><renderer-v2 type="singleSymbol"><symbols><symbol type="marker" name="0"><layer class="SimpleMarker"><Option type="Map"><Option name="size" value="3" type="QString"/></Option></layer></symbol></symbols></renderer-v2>' +
  '<labeling type="simple"><settings><text-style fieldName="name" fontSize="9"/><placement placement="0"/></settings></labeling></qgis>';

/** A job layer over a demo file with a style (QML text). */
export function demoLayer(
  name: string,
  file: string,
  qml: string,
): Record<string, unknown> {
  return {
    id: `${name}_id`,
    name,
    source: JSON.stringify({ path: `data/${file}` }),
    remote: false,
    folder_name: "",
    driver: "ogr",
    style: { name: "default", definition: encodeStyle(qml) },
    filter: null,
  };
}

/** The demo's three layers (zones, roads, labelled places) as a render job. */
export function demoRenderJob(
  job: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id: "demo",
    type: "QslJobInfoRender",
    job: {
      layers: [
        demoLayer("places", "places.geojson", POINT),
        demoLayer("roads", "roads.geojson", LINE),
        demoLayer("zones", "zones.geojson", FILL),
      ],
      bbox: { x_min: 2599520, y_min: 1194680, x_max: 2612480, y_max: 1203320 },
      crs: "EPSG:2056",
      width: 300,
      height: 200,
      dpi: 96,
      format: "image/png",
      ...job,
    },
  };
}
