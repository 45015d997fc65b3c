// Generates a large synthetic QGIS 3.22 project for the exporter's bench:
// groups of vector (OGR, one shared GeoJSON), raster (GDAL) and WMS layers,
// each with a realistic style; every tenth vector has a second named style.

const SRS = `<srs><spatialrefsys><wkt></wkt><proj4></proj4><srsid>47</srsid>` +
  `<srid>2056</srid><authid>EPSG:2056</authid><description>CH1903+ / LV95</description>` +
  `<projectionacronym>somerc</projectionacronym><ellipsoidacronym>EPSG:7004</ellipsoidacronym>` +
  `<geographicflag>false</geographicflag></spatialrefsys></srs>`;

const EXTENT =
  `<extent><xmin>2600000</xmin><ymin>1178000</ymin><xmax>2614000</xmax>` +
  `<ymax>1200000</ymax></extent><wgs84extent><xmin>7.43</xmin><ymin>46.75</ymin>` +
  `<xmax>7.62</xmax><ymax>46.95</ymax></wgs84extent>`;

function categories(n: number): string {
  let out = "<categories>";
  for (let i = 0; i < n; i++) {
    out +=
      `<category symbol="${i}" label="c${i}" value="v${i}" render="true"/>`;
  }
  out += "</categories><symbols>";
  for (let i = 0; i < n; i++) {
    out +=
      `<symbol clip_to_extent="1" alpha="1" name="${i}" type="marker" force_rhr="0">` +
      `<layer class="SimpleMarker" locked="0" enabled="1" pass="0"><Option type="Map">` +
      `<Option value="${i * 20},0,0,255" name="color" type="QString"/>` +
      `<Option value="circle" name="name" type="QString"/>` +
      `<Option value="2" name="size" type="QString"/></Option></layer></symbol>`;
  }
  return out + "</symbols>";
}

function vectorStyle(i: number): string {
  return `<flags><Identifiable>1</Identifiable><Removable>1</Removable></flags>` +
    `<renderer-v2 type="categorizedSymbol" attr="name" symbollevels="0">${
      categories(4 + (i % 4))
    }</renderer-v2><customproperties><Option/></customproperties>` +
    `<blendMode>0</blendMode><featureBlendMode>0</featureBlendMode>` +
    `<layerOpacity>1</layerOpacity><fieldConfiguration>` +
    ["id", "name", "height", "visited", "big"].map((f) =>
      `<field name="${f}" configurationFlags="None"><editWidget type=""><config><Option/></config></editWidget></field>`
    ).join("") +
    `</fieldConfiguration><aliases><alias index="1" field="name" name="Name ${i}"/></aliases>` +
    `<constraints><constraint field="id" constraints="3" notnull_strength="1" unique_strength="1" exp_strength="0"/></constraints>` +
    `<expressionfields/><layerGeometryType>0</layerGeometryType>`;
}

/** Project XML with `layers` layers (about 60 % vector, 30 % raster, 10 % WMS). */
export function generateProject(layers: number): string {
  const tree: string[] = [];
  const maps: string[] = [];
  const perGroup = 20;
  for (let g = 0; g * perGroup < layers; g++) {
    tree.push(
      `<layer-tree-group checked="Qt::Checked" expanded="${
        g % 2
      }" name="Group ${g} – Thème">` +
        `<customproperties><Option/></customproperties>`,
    );
    for (let j = 0; j < perGroup && g * perGroup + j < layers; j++) {
      const i = g * perGroup + j;
      const kind = i % 10 < 6 ? "vector" : i % 10 < 9 ? "raster" : "wms";
      const id = `layer_${i}_${kind}`;
      tree.push(
        `<layer-tree-layer id="${id}" name="Layer ${i}" checked="Qt::${
          i % 7 ? "Checked" : "Unchecked"
        }" expanded="1"><customproperties><Option/></customproperties></layer-tree-layer>`,
      );
      if (kind === "vector") {
        const named = i % 10 === 0
          ? `<map-layer-style name="alt"><qgis version="3.22.16" styleCategories="AllStyleCategories">${
            vectorStyle(i + 1)
          }</qgis></map-layer-style>`
          : "";
        maps.push(
          `<maplayer type="vector" wkbType="Point" geometry="Point" minScale="1e+08" maxScale="0" hasScaleBasedVisibilityFlag="0" styleCategories="AllStyleCategories" labelsEnabled="0">` +
            `${EXTENT}<id>${id}</id><datasource>./points.geojson</datasource><shortname>l${i}</shortname>` +
            `<title>Layer ${i}</title><layername>Layer ${i}</layername>${SRS}<provider encoding="UTF-8">ogr</provider>` +
            `<vectorjoins/><expressionfields/><map-layer-style-manager current="default"><map-layer-style name="default"/>${named}</map-layer-style-manager>` +
            `${vectorStyle(i)}</maplayer>`,
        );
      } else if (kind === "raster") {
        maps.push(
          `<maplayer type="raster" minScale="1e+08" maxScale="0" hasScaleBasedVisibilityFlag="0" styleCategories="AllStyleCategories">` +
            `${EXTENT}<id>${id}</id><datasource>./rasters/r${i}.tif</datasource><shortname>r${i}</shortname>` +
            `<layername>Raster ${i}</layername>${SRS}<provider>gdal</provider><noData><noDataList bandNo="1" useSrcNoData="1"/></noData>` +
            `<map-layer-style-manager current="default"><map-layer-style name="default"/></map-layer-style-manager>` +
            `<pipe><provider><resampling enabled="false"/></provider><rasterrenderer type="singlebandpseudocolor" opacity="0.8" band="1" alphaBand="-1">` +
            `<rastershader><colorrampshader colorRampType="INTERPOLATED" classificationMode="1">` +
            `<item value="0" color="#0000ff" alpha="255" label="0"/><item value="500" color="#00ff00" alpha="255" label="500"/>` +
            `<item value="1000" color="#ff0000" alpha="255" label="1000"/></colorrampshader></rastershader></rasterrenderer>` +
            `<brightnesscontrast brightness="0" contrast="0" gamma="1"/><huesaturation saturation="0" colorizeOn="0"/>` +
            `<rasterresampler maxOversampling="2"/></pipe><blendMode>0</blendMode></maplayer>`,
        );
      } else {
        maps.push(
          `<maplayer type="raster" minScale="1e+08" maxScale="0" hasScaleBasedVisibilityFlag="0" styleCategories="AllStyleCategories">` +
            `<id>${id}</id><datasource>contextualWMSLegend=0&amp;crs=EPSG:2056&amp;dpiMode=7&amp;featureCount=10&amp;format=image/png&amp;layers=l${i}&amp;styles&amp;url=https://wms.example.org/?a%3D${i}</datasource>` +
            `<layername>WMS ${i}</layername>${SRS}<provider>wms</provider>` +
            `<pipe><rasterrenderer type="singlebandcolordata" opacity="1" band="1" alphaBand="-1"/></pipe><blendMode>0</blendMode></maplayer>`,
        );
      }
    }
    tree.push("</layer-tree-group>");
  }
  return `<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n` +
    `<qgis projectname="bench" version="3.22.16-Białowieża"><title>Bench ${layers}</title>\n` +
    `<layer-tree-group><customproperties><Option/></customproperties>\n${
      tree.join("\n")
    }\n</layer-tree-group>\n` +
    `<projectlayers>\n${maps.join("\n")}\n</projectlayers>\n` +
    `<properties><WMSServiceTitle type="QString">Bench</WMSServiceTitle></properties>\n</qgis>\n`;
}

/** Writes the project and its shared GeoJSON into `dir`; returns the .qgs path. */
export async function writeProject(
  dir: string,
  layers: number,
): Promise<string> {
  const here = new URL("../testdata/points.geojson", import.meta.url);
  await Deno.copyFile(here, `${dir}/points.geojson`);
  const path = `${dir}/bench_${layers}.qgs`;
  await Deno.writeTextFile(path, generateProject(layers));
  return path;
}
