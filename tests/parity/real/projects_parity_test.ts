/**
 * Parity with QGIS on whole maps of real public projects (the layers and
 * styles as the project has them), one case per cause we found and fixed
 * there; see `projects/cases.json` and `make_references.py`.
 *
 * @module
 */
import { join } from "node:path";
import { jobLayer } from "@qgis-server-light/interface/config";
import { encodeStyle } from "@qgis-server-light/interface/style_codec";
import { exportProject } from "../../../exporter/project/export_project.ts";
import { readProject } from "../../../exporter/project/read_project.ts";
import { caseDataRoot, realCases, realParity, realTest } from "./real.ts";

// Mismatched pixels allowed per case (pixelmatch, threshold 0.2, AA counted).
const CASES: [name: string, limit: number, what: string][] = [
  [
    "crs_ed50",
    0,
    "QGIS-Training-Data crs.qgs: an ED50 / UTM 30N layer in EPSG:4326 through QGIS's datum operation (ED50 to WGS 84 (1), not PROJ's per-point (28))",
  ],
  [
    "dense_markers",
    0,
    "g3w-admin g3wsuite_project_test.qgs: 8,965 overlapping circle markers whose hairline outlines QPainter draws with its cosmetic stroker",
  ],
  [
    "rivers_144dpi",
    0,
    "g3w-admin g3wsuite_project_test.qgs: 0.26 mm rivers at 144 dpi (1.47 px), stroked by Qt's stroker and rasterizer",
  ],
  [
    "markers_half_pixel",
    1,
    "QGIS-Training-Data selective_masking.qgs: an SVG marker whose point lies half way between two pixel rows (210.5), placed where QgsMapToPixel's arithmetic rounds it",
  ],
  [
    "label_dd_position_symbol_color",
    12,
    "QField test_bees.qgz (point cluster renderer): a label with a data-defined position order ('R') and buffer colour (@symbol_color), its distance from the lone point's own symbol (not the cluster symbol); the marker's drop shadow and outer glow (paint effects); what is left is in the label's glyphs",
  ],
  [
    "line_labels_tie_order",
    40,
    "lizmap-web-client print_in_project_projection.qgs: line labels above the line whose best candidates tie in cost (symmetric about the middle, or all over obstacles at PAL's flat 0.0021), ordered as PAL sorts them first, by their cost before obstacle penalties (311 mismatched pixels sorted with the penalties: two labels one candidate off)",
  ],
  [
    "label_merge_lines_poznan",
    2214,
    "bczernecki/qgis_auto projekt.qgs (QGIS 2.18 road names, curved, merge connected lines) at ×4: the longest piece of a street takes in every piece connected to it (PAL's joinConnectedFeatures), a piece whose other end lies on the line (closing a loop of a dual carriageway) not, and the pieces joined with it are no obstacles to its label (9,354 mismatched pixels joining each piece into the first it touched, 5,243 with the joined lines as obstacles, 2,828 with loops closed); four labels still elsewhere (2,191 with Skia's blend arithmetic: 23 pixels of those labels tipped by a level)",
  ],
  [
    "label_merge_lines_poznan_x16",
    175,
    "bczernecki/qgis_auto projekt.qgs at ×16: 106 road labels whose features reach into the map, 94 with a piece on it: PAL caps line candidates by the latter (no cap up to 100 labels, 40 up to 200), so every street's label takes QGIS's candidates (2,596 mismatched pixels capped by the 106; 164 with Skia's blend arithmetic, 11 pixels at labels placed elsewhere tipped by a level, while 6,179 more pixels equal QGIS's exactly)",
  ],
  [
    "label_point_symbol_obstacle",
    0,
    "kavigupta/jet-lag-small-game-la project.qgz: train stations labelled at cartographic positions among neighbourhood labels whose boundaries are obstacles (type boundary, as the stations' own setting): a point layer drawn by a renderer makes its symbols obstacles of type 'whole' whatever its settings say (QgsVectorLayerLabelProvider), so a label touching a station's symbol costs 12, not 6 (1,086 mismatched pixels with the layer's type)",
  ],
  [
    "polygon_outlines_144dpi",
    0,
    "QGIS-Training-Data extents.qgs: 0.26 mm polygon outlines at 144 dpi, both rings of a polygon one path",
  ],
  [
    "raster_no_georef_png",
    0,
    "isometric-resort-map map.qgz (no CRS): a PNG without world file, its pixels as map units from (0, 0) downwards as QGIS's GDAL provider places it (was placed upwards, out of view)",
  ],
  [
    "raster_lonlat_prj",
    0,
    "inasafe gisv4 project.qgs (QGIS 2.18): an ESRI ASCII grid whose .prj is GCS_WGS_1984, which GDAL reads with longitude-first axes, so QGIS identifies it as OGC:CRS84, not the map's EPSG:4326, and draws it through its raster projector (a nearest-neighbour grid of approximate rows), not at exact pixel centres (our data)",
  ],
  [
    "shapeburst_fill",
    0,
    "ThomasG77/30DayMapChallenge day15_names (QGIS 3.10): a ShapeburstFill (white to black over 2 mm, on an inverted polygon renderer: France's glowing coast); here our island with a lake and an islet, 3 mm blue to cream: each pixel shaded by its distance to the shape's edge (QgsShapeburstFillSymbolLayer's distance transform), kept where the polygon is drawn (was not drawn: symbol layer class not supported)",
  ],
  [
    "shapeburst_islets",
    197,
    "ThomasG77/30DayMapChallenge day15_names (QGIS 3.10): France's coast glowing through a ShapeburstFill whose tiny islands (holes under a pixel or two) QGIS draws without a glow; here our sea with 50 jagged islets (40 vertices) of 0.12 to 4 px radius: the shape's one-pixel pen drawn as Qt's cosmetic stroker draws it, a pixel of coverage spread over two, which leaves no pixel of a tiny ring black and so none at distance 0 (1,182 mismatched pixels with the pen stroked by Skia: the islets under a pixel glowed); one islet of 0.8 px still glows where QGIS's does not",
  ],
  [
    "geometry_generator",
    0,
    "ThomasG77/30DayMapChallenge day13_tracks (QGIS 3.10): race circuits drawn as a red marker at point_on_surface($geometry) by a GeometryGenerator symbol layer; here our tracks with a line from start to end point and a marker at point_on_surface: the sub-symbol drawn for the expression's geometry (was not drawn: symbol layer class not supported)",
  ],
  [
    "color_ramp_assistant",
    0,
    "the colour assistant (QgsColorRampTransformer, t 2, as QGIS 3.22 writes it): our stations' fill colour from \"visitors\" / 1000 through a gradient ramp with two stops (one half transparent) over 3–250, clamped at both ends, NULL to its null colour: the value's position on the ramp, blended in QColor's 16-bit channels (was drawn in the layer's static grey: the ramp not read)",
  ],
  [
    "color_ramp_assistant_steps",
    0,
    "the colour assistant with ramps of colours in equal steps: our stations' fill through an inverted ColorBrewer ramp (RdYlBu, 7 colours; QgsColorBrewerColorRamp) and their inner squares through preset colours (QgsPresetSchemeColorRamp, two half transparent) over sqrt(\"visitors\") 0–632.5: the colour of the step the value's position falls in (were drawn in the layer's static grey: only gradient ramps were read)",
  ],
  [
    "geometry_generator_units",
    0,
    "GeometryGenerator symbol layers in millimetres, inches, points and pixels (QGIS 3.22's units): buffer($geometry, 3) mm, a 0.04 in buffer 0.12 in below, a line ±9 pt, a marker 14 px right, make_point(20, 20) mm: the expression evaluated on the map's page in the unit, origin at the map's top-left corner, y down (were evaluated in map units: 3 m buffers, and the star off the map)",
  ],
  [
    "geometry_generator_units_144dpi",
    0,
    "geometry_generator_units at 144 dpi: the page's units follow the dpi (pixels do not)",
  ],
  [
    "geometry_generator_layer_crs",
    0,
    "a GeometryGenerator symbol layer of a reprojected layer (our EPSG:2056 stations on an EPSG:3857 map): buffer($geometry, 250) and translate($geometry, 0, 300) evaluated in the layer's CRS, in metres, the result drawn through the map's transformation, as QgsGeometryGeneratorSymbolLayer::render and renderFeature do (was evaluated in the map's CRS: 250 pseudo-metres, a third smaller at 47° N)",
  ],
  [
    "size_assistant_exponential",
    0,
    "ThomasG77/30DayMapChallenge day1_points (QGIS 3.10): station markers sized by \"fg_Total Voyageurs 2018\" / 1000000 through the size assistant's exponential scale (QgsSizeScaleTransformer: 0–250 to 1–6 mm, exponent 0.7); here our stations, 0–300 to 1–9 mm and NULL at 2.5 mm: the expression's value clamped and scaled (was drawn at the value itself in millimetres: a 400 mm circle)",
  ],
  [
    "raster_nan_nodata_byte",
    0,
    "minorua/Qgis2threejs testproject1.qgs: an RGB Byte GeoTIFF whose no-data value is NaN, which a Byte band cannot hold, so QGIS's GDAL provider ignores it and draws the red-0 sea; here our 24 x 16 cells (make_nan_nodata.py) (the sea was left out: NaN cast to 0)",
  ],
  [
    "shapefile_sbn_fallback",
    0,
    "FOSS4GAcademy/GST101FOSS4GLabs World View.qgs (QGIS 2.8): a graticule shapefile whose ESRI .sbn index GDAL cannot search ('Inconsistent shape count for bin') under a spatial filter: GDAL scans every shape instead and QGIS draws them (the job failed on that error)",
  ],
  [
    "heatmap_weighted",
    0,
    "stikstof/LelystadAirport map.qgz (QGIS 3.12): 4,611 aircraft emission points as a heatmap (radius 1,000 map units, quality 5, maximum 1,000, weighted by the field q, transparent white to red): quartic kernels summed on 5-pixel cells, scaled and stretched over the map as QgsHeatmapRenderer draws them (was not drawn: renderer not supported)",
  ],
  [
    "label_blend_overlay",
    0,
    "giovanafleck/Mundus map.qgz: house-value labels whose text style has blendMode 8 (overlay): QgsTextRenderer draws the glyphs onto the map with that composition mode, so black text vanishes over pure red polygons, turns red over lighter ones and stays black over the transparent background (were drawn black everywhere)",
  ],
  [
    "rule_else_out_of_scale",
    0,
    "gbd-websuite demos/scales.qgs: 50 rules of 1:1,000 scale ranges and an ELSE, at 1:200,000; a feature whose rule is out of scale counts as matched (QgsRuleBasedRenderer's 'Inactive'), so the ELSE leaves it undrawn and unlabelled (84,317 mismatched pixels with every point drawn and labelled by the ELSE); the dense '100' labels sit around their markers' boxes as clipped to the map (7,737 with the markers the map's edges cut offset by their whole box)",
  ],
];

// Cases whose job layers carry the styles our exporter writes for the
// project (the references' jobs carry QGIS's exportNamedStyle).
const EXPORTED: [name: string, limit: number, what: string][] = [
  [
    "labels_2x_airports",
    20,
    "QGIS-Sample-Data relations.qgs (QGIS 2.2): labels from the layer's labeling/* custom properties, exported as QGIS 3 writes them",
  ],
  [
    "network_marker_lines",
    2,
    "QGIS-Training-Data network.qgz (QGIS 3.3x): marker lines whose style says placements=CentralPoint and no placement, which QGIS 3.22 draws every 3 mm",
  ],
  [
    "labels_2x_placeholder",
    0,
    'our QGIS 2.14-style project (own/labels_2x.qgs): labels in labeling/* custom properties behind the empty <labeling type="simple"/> QGIS 2.x wrote, read as QGIS 3.22 reads them (were not drawn)',
  ],
  [
    "label_obstacle_interior_2x",
    0,
    "NathanW2/pyqgis-playground project.qgs (QGIS 2.1): a cadastre's lot numbers around their centroids, the lots obstacles; the exported <rendering> names no obstacleType, which QGIS 3.22 reads as the polygons' interior (not the boundary a new layer starts with): every candidate over a neighbouring lot cost 6 alike, so a lot between two others kept all its candidates, not QGIS's few (22,995 mismatched pixels read as the boundary)",
  ],
  [
    "plugin_renderer_default_symbol",
    0,
    "JanCaha/qgis-plugin-bivariate-renderer project.qgz (QGIS 3.26): a layer drawn by the plugin's BivariateRenderer, which QGIS without the plugin cannot load: the layer keeps its default renderer (the default fill symbol, our colour in the reference for QGIS's random one), drawn with nothing before",
  ],
  [
    "dd_size_area_2x",
    0,
    "deleon-district-election-results-analysis map.qgs (QGIS 2.8): proportional circles from the symbol layers' old `size_expression`, scaled by area (were all drawn 2 mm wide)",
  ],
];

for (const [name, limit, what] of EXPORTED) {
  Deno.test(realTest(
    "projects",
    name,
    `our exporter's style, ≤ ${
      limit.toLocaleString("en")
    } mismatched pixels; ${what}`,
    async () => {
      const c = realCases("projects").find((x) => x.name === name)!;
      const project = (c as unknown as { project: string }).project;
      const config = await exportProject(
        await readProject(join(caseDataRoot("projects", c), project)),
        { encodeStyle, readSources: false },
      );
      const byId = new Map(
        [...config.datasets.vector, ...config.datasets.raster].map((d) => [
          d.id,
          d,
        ]),
      );
      await realParity("projects", name, limit, undefined, (job) => {
        for (const layer of job.layers) {
          const d = byId.get(layer.id)!;
          const style = d.styles.find((s) => s.name === d.style_name) ??
            d.styles[0];
          layer.style = { name: style.name, definition: style.definition };
        }
        return job;
      });
    },
  ));
}

for (const [name, limit, what] of CASES) {
  Deno.test(realTest(
    "projects",
    name,
    `≤ ${limit.toLocaleString("en")} mismatched pixels; ${what}`,
    () => realParity("projects", name, limit),
  ));
}

// A case whose job layers carry the CRS our exporter writes for them (the
// project's, where the data's is not it), read from the data itself.
Deno.test(realTest(
  "projects",
  "raster_undefined_crs",
  "our exporter's layer CRS, 0 mismatched pixels; qgis-server-landing-page-plugin test_project_wms_grouped_nested_layers.qgs: a GeoPackage tile table of srs_id -1 (GDAL's LOCAL_CS 'Undefined Cartesian SRS') drawn on an EPSG:3857 map in the EPSG:25832 its project declares, as QGIS does (was 'Cannot transform from EPSG:3857 to LOCAL_CS[…]')",
  async () => {
    const c = realCases("projects").find((x) =>
      x.name === "raster_undefined_crs"
    )!;
    const root = caseDataRoot("projects", c);
    const project = (c as unknown as { project: string }).project;
    const config = await exportProject(
      await readProject(join(root, project)),
      { encodeStyle, readRoot: root },
    );
    const byId = new Map(config.datasets.raster.map((d) => [d.id, d]));
    await realParity(
      "projects",
      "raster_undefined_crs",
      0,
      undefined,
      (job) => {
        for (const layer of job.layers) {
          const crs = jobLayer(byId.get(layer.id)!, "", "").crs;
          if (crs === undefined) delete layer.crs;
          else layer.crs = crs;
        }
        return job;
      },
    );
  },
));
