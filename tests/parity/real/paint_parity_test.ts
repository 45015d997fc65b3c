import assert from "node:assert/strict";
import type { QslJobInfoLegend } from "@qgis-server-light/interface";
import { legendRunner } from "../../../worker/runners/legend.ts";
import { decodePng, referenceContext } from "../parity.ts";
import { caseDataRoot, realCases, realParity, realTest } from "./real.ts";

// Mismatched pixels allowed per case (pixelmatch, threshold 0.2, AA counted).
const CASES: [name: string, limit: number, what: string][] = [
  ["masking_points", 0, "QGIS's SVG library: gpsicons/plane.svg"],
  ["roads_levels", 0, "two-layer line symbols, symbol levels"],
  ["roads_qml", 0, "two-layer line symbols"],
  ["srtm_hillshade_4326", 0, "hillshade in EPSG:4326"],
  ["srtm_hillshade_4326_zoom", 0, "hillshade in EPSG:4326, zoomed in"],
  [
    "srtm_hillshade_3857",
    0,
    "hillshade of an EPSG:4326 DEM in EPSG:3857: shaded on the source grid, then projected",
  ],
  ["rgb_near_4326", 0, "nearest neighbour at 4:1 in EPSG:4326"],
  ["rgb_near_3857", 0, "a EPSG:4326 raster warped to EPSG:3857"],
  ["roads_arrows", 0, "marker line: arrows every 3 mm, clipped"],
  [
    "thin_lines",
    0,
    "our data: pens ≤ 1 px as Qt's cosmetic stroker, dashes, clipped lines joined along the clip rectangle",
  ],
  [
    "marker_lines",
    0,
    "our data: interval marker lines (average angle, offset, clipped, rings), central point",
  ],
  ["null_style", 0, "layers without style: QGIS's default symbols"],
  [
    "font_marker_families",
    2,
    "our data: font markers in families not installed (Courier New, Courier, monospace, Times New Roman, Georgia, serif, Arial, Wingdings; bold Courier New and Times New Roman), every other one stroked: fontconfig's DejaVu Sans Mono, DejaVu Serif or DejaVu Sans (3,642 mismatched pixels unstroked when all were DejaVu Sans), the glyph path filled by Qt's rasterizer, centred by whole-pixel advance and rounded-up ascent, then stroked over the fill by Qt's stroker (1,754 stroked under a Skia glyph fill); 2 at stroke edges (the stroker on curves flattened first)",
  ],
  [
    "effects_points",
    0,
    "our data: marker paint effects (drop and inner shadows, outer and inner glows, stack and Gaussian blurs, draw source with opacity and multiply)",
  ],
  ["effects_points_144dpi", 0, "our data: marker paint effects at 144 dpi"],
  [
    "effects_shapes",
    0,
    "our data: paint effects on a line (drop shadow) and polygons (outer and inner glow)",
  ],
  [
    "effects_shapes_144dpi",
    0,
    "our data: line and polygon paint effects at 144 dpi",
  ],
  [
    "no_crs",
    0,
    'our data: a map without a CRS (job crs ""), nothing reprojected (EPSG:3857 lines, EPSG:4326 points and raster as they are), its scale measured as degrees for scale-dependent rules',
  ],
  [
    "layer_no_crs",
    0,
    "our data: a Shapefile without .prj on an EPSG:2056 map, drawn as it is",
  ],
  [
    "dashes",
    0,
    "our data: dashed pens wider than a pixel (Qt's and custom patterns, offsets, caps, joins; polygon outlines) through Qt's dasher, stroker and rasterizer",
  ],
  ["dashes_144dpi", 0, "our data: dashed wide pens at 144 dpi"],
  [
    "arrows",
    0,
    "our data: arrow lines (QgsArrowSymbolLayer, ArrowLine, as town-planning's domiko_sxedio.qgs and quantenschaum/mapping's tides.qgs draw them): straight and curved along the circle through three points, single, reversed and double heads, plain and half, per segment or not, offset, a data-defined width, filled by their fill sub-symbols (were not drawn: symbol layer class not supported)",
  ],
  ["arrows_144dpi", 0, "our data: arrow lines at 144 dpi"],
  [
    "svg_fill",
    0,
    "our data: SVG fills (QgsSVGFillSymbolLayer, SVGFill, as town-planning's domiko_sxedio.qgs and hauke96/qgis-outdoor-map's map.qgs fill areas) with QGIS's own SVGs, their param(fill) colours and stroke widths: the SVG cache's image of whole pixels as a brush tiled from each feature's texture origin, one turned by 30°, one half transparent, then the outline sub-symbol (were not drawn: symbol layer class not supported)",
  ],
  [
    "svg_fill_144dpi",
    280,
    "our data: SVG fills at 144 dpi; the 280 are scattered pixels of the brush turned by 30°, sampled nearest through its inverse (Qt's fixed-point arithmetic, not Skia's)",
  ],
  [
    "merged",
    0,
    "our data: a merged feature renderer (QgsMergedFeatureRenderer, mergedFeatureRenderer, as hauke96/qgis-outdoor-map's streets and borders) around a rule-based renderer: road pieces unioned and their lines merged per rule, so that dashes and interval markers run on across the joins; adjacent parcels unioned, their shared edges gone from the dashed outline (were drawn with nothing: renderer not supported)",
  ],
  ["merged_144dpi", 0, "our data: the merged feature renderer at 144 dpi"],
  [
    "raster_fill",
    3,
    "our data: raster image fills (QgsRasterFillSymbolLayer, RasterFill, as hauke96/qgis-outdoor-map's sprites): our PNG named by another machine's absolute path, found in the layer's folder, at its own size from the feature's corner; scaled to 4 mm from the map's corner; turned by 30° at 60 % opacity, offset; inline base64 data scaled to 3 mm in a symbol at 70 % (43,928 before: not drawn); the 3: one row of the turned brush sampled nearest through its inverse (Qt's fixed-point steps along a span, not Skia's)",
  ],
  [
    "raster_fill_144dpi",
    33,
    "our data: raster image fills at 144 dpi (98,233 before); the 33: one row of the turned brush, as at 96 dpi",
  ],
  [
    "raster_marker",
    3,
    "our data: raster image markers (QgsRasterMarkerSymbolLayer, RasterMarker, as town-planning's hospitals): our PNG 4 mm wide in its own proportions; 6 mm with a fixed aspect ratio of 1.5 at 50 % anchored top left; 5 mm turned by 30°, offset, anchored bottom right; inline base64 data 3 mm wide in a symbol at 70 % (2,200 before: not drawn); the 3: edge pixels of the turned images, sampled nearest through the inverse (Qt's fixed point, not Skia's)",
  ],
  [
    "raster_marker_144dpi",
    60,
    "our data: raster image markers at 144 dpi (5,158 before); the 60: edge and inner pixels of the turned images, as at 96 dpi",
  ],
  [
    "pattern_angle",
    0,
    "our data: a line pattern fill's angle as QGIS 3.22 saves it (`angle`; we read only QGIS 2's `lineangle` and drew 45°)",
  ],
  [
    "pattern_mm",
    0,
    "our data: line pattern fills of 0.4 mm lines 0.9 mm apart (eoliennes parcs.qgs's style, unprojected: 0 before and after the reprojected texture origin) at 45°, 0°, 90° and 30°",
  ],
  [
    "pattern_mm_144dpi",
    0,
    "our data: the same at 144 dpi",
  ],
  [
    "pattern_dashes",
    0,
    "our data: line pattern fills 5 mm apart whose sub-line is dashed (faunalia/rt_mapserver_exporter test.qgs's style): custom dashes with square, flat and round caps and Qt's dash, dot and dash-dot styles over a 2.5 mm line, at 45°, 0°, 90°, 30°, 135° and 300°",
  ],
  ["pattern_dashes_144dpi", 0, "our data: the same at 144 dpi"],
  [
    "pattern_reproject",
    0,
    "our data: line pattern fills of EPSG:32632 squares on an EPSG:3857 map, the texture anchored at the layer-CRS bounding box corner reprojected, as QGIS 3.22 (eoliennes parcs.qgs: anchored at the reprojected polygon's corner, 28,861 mismatched pixels)",
  ],
  [
    "raster_wkt_crs",
    0,
    "our data: an ASCII grid whose CRS is an ESRI .prj (WKT, no EPSG code) on an EPSG:3857 map, reprojected from its WKT (was drawn unprojected, out of view)",
  ],
  [
    "geojson_untyped",
    0,
    'our data: a GeoJSON FeatureCollection whose features lack "type": "Feature", read by QGIS 3.22\'s GDAL 3.6 (ours, GDAL 3.8, answered an empty layer: read from a typed copy)',
  ],
  [
    "layer_transparency_2x",
    0,
    "our data: a QGIS 2.18 style whose layer opacity is <layerTransparency>50</layerTransparency>, read as QGIS 3.22 reads it (was opaque)",
  ],
  [
    "label_named_styles",
    5,
    "our data: labels whose named style is Extrabold or Bold in families not installed (drawn normal: QGIS 3.22 takes the application font, which has no named style) and Bold in DejaVu Sans (bold); the missing families' were drawn bold (4,766 mismatched pixels); 16 at glyph edges until the glyphs were filled as Qt fills them, 0 since",
  ],
  [
    "label_glyph_fill",
    10,
    "our data: labels without buffer in DejaVu Sans, regular, bold, oblique and rotated, 7 to 20 pt, words with the ligatures ff, fi, fl, ffi, ffl: 0 with the glyph outlines filled by Qt's rasterizer and DejaVu's liga ligatures formed (600 with Skia's glyph fills and no ligatures, 3 with the ligatures alone)",
  ],
  [
    "label_glyph_fill_144dpi",
    10,
    "our data: the same at 144 dpi: 0 (1,597 before, 7 with the ligatures alone)",
  ],
  [
    "label_curved_buffer",
    5,
    "our data: curved labels with a 1 mm buffer along wavy lines, drawn character by character (every buffer, then every character): 0 with the buffers Qt's stroker's outlines of the glyph paths filled by Qt's rasterizer (52 with Skia's strokes)",
  ],
  [
    "label_missing_family",
    10,
    "our data: labels in families not installed (Jost* Book Italic in a cluster of points, cartographic placement offset from the symbol bounds; Open Sans with a buffer; Ubuntu bold): QGIS 3.22 draws them in DejaVu Sans, as the application font DejaVu LGC Sans resolves (0 pixels apart from the same labels in DejaVu Sans); the positions are offset by the point's obstacle box, one pixel more than the marker cut to whole pixels (were offset by the marker's size: 1,073 mismatched pixels); 22 at glyph and buffer edges until glyphs and buffer were drawn as Qt draws them (Qt's stroker, curves offset by QBezier::shifted), 5 since",
  ],
  [
    "label_missing_family_144dpi",
    10,
    "our data: the same at 144 dpi (2,959 mismatched pixels with the marker's size: two labels of the cluster took other positions; 32 at glyph and buffer edges until they were drawn as Qt draws them, 0 since)",
  ],
  [
    "label_svg_bounds",
    0,
    "our data: cartographic labels offset from the bounds of an SVG marker (gpsicons/plane.svg), which QgsSvgMarkerSymbolLayer::bounds grows by half a pixel, not the simple marker's one (1,208 mismatched pixels with one: other offsets, two labels at other positions)",
  ],
  [
    "label_svg_bounds_144dpi",
    10,
    "our data: the same at 144 dpi (568 mismatched pixels with one)",
  ],
  [
    "rule_passes",
    0,
    "our data: a rule-based renderer without symbol levels whose rules' outlines sit on passes 1 and 0: QgsRuleBasedRenderer queues its features by pass either way, so the red outline lies over the grey ones (were drawn in feature order)",
  ],
  [
    "clip_layer_crs",
    0,
    "our data: EPSG:2056 dotted lines with interval markers and a dashed polygon outline cut by an EPSG:32631 map, clipped in the layer's CRS before they are reprojected, as QGIS clips them, so that dots, dashes and markers start where QGIS starts them (were clipped in pixels: 2,465 mismatched pixels)",
  ],
  [
    "unclosed_rings",
    0,
    "our data: a Shapefile whose polygon rings do not end where they start (GDAL reads them as they are), their outlines closed back to the start as QGIS closes every ring before drawing it (were left open: 494 mismatched pixels)",
  ],
  [
    "category_expression",
    0,
    'our data: squares categorized by the expression `"pop_b" > "pop_a"` into "0", "1" and NULL, as QGIS\'s comparisons yield the ints 1 and 0 (were all drawn with the NULL category: 14,038 mismatched pixels), and squares categorized by a boolean field into "true" and "false"',
  ],
  [
    "raster_wkt_same_crs",
    0,
    "our data: an ASCII grid whose ESRI .prj is British National Grid (WKT, no EPSG code) on an EPSG:27700 map, zoomed out: QGIS identifies the WKT as the map's CRS and samples the grid unprojected (was reprojected: other cells)",
  ],
  [
    "effects_layer",
    0,
    "our data: a renderer's own paint effect (drop shadow, outer glow, draw source) over a whole line and a whole polygon layer",
  ],
  [
    "effects_pre_units",
    0,
    "our data: a renderer's drop shadow (as OSGeo Ireland's QGIS 2.14 workshop countries) and symbol layers' drop shadow and outer glow whose blur level has no unit, read by QGIS 3.22 as pixels at 96 dpi (× 0.2645 mm): shadows took it as millimetres (164 mismatched pixels)",
  ],
  [
    "inverted",
    0,
    "our data: an inverted polygon renderer around a categorized one (half-transparent fills outside each kind's polygons: a hole, a multipolygon, two overlapping drawn even-odd), as OSGeo Ireland's QGIS 2.14 workshop masks its counties (was drawn with nothing)",
  ],
  [
    "symbol_color",
    0,
    "our data: outlines whose data-defined colour is `@symbol_color`, the symbol's first layer's colour (QgsSymbol::color): a fill without brush (as cghoehne/transport-uhi-phx's state borders) and a fill under a simple line (were drawn in their static colours: 3,429 mismatched pixels)",
  ],
  [
    "svg_gradients",
    0,
    "our data: QGIS's symbol/red-marker.svg and blue-marker.svg (pins filled with linear and radial gradients, shadows and highlights as embedded PNG images), two turned by 25°, as SanjeevBashyal/Project074 marks its alignments (were drawn black, without images: 605 mismatched pixels)",
  ],
  [
    "svg_gradients_144dpi",
    1,
    "our data: the same at 144 dpi (1,405 before; 1 pixel of a highlight's edge left)",
  ],
  [
    "filled_arcs",
    0,
    "our data: filled markers whose shapes are arcs closed to their centre (semi, third and quarter circles), turned, half transparent, as Woodsandfields/QGIS_maps's San Marino population grid (were not drawn: 4,862 mismatched pixels)",
  ],
  [
    "label_shadow_under",
    0,
    "our data: label drop shadows set under the background shape with no shape (as Woodsandfields/QGIS_maps's first world map.qgz), under the buffer with no buffer, and under a drawn buffer: QgsTextRenderer casts the shadow with its component only (the first two were cast by the text: 110 mismatched pixels)",
  ],
  [
    "labels_2x",
    0,
    "our data: a QGIS 2.12 rule-based labelling (as StanfordGeospatialCenter/Intro-to-QGIS's test.qgs): no labelsEnabled, read as on as QgsVectorLayer::readSymbology reads it, the buffer and background beside the text style with QGIS 2.x's transparencies and unit numbers (were not drawn: 6,261 mismatched pixels; 5,758 with labels on and no buffer nor background)",
  ],
  [
    "circle_outlines",
    0,
    "our data: circle markers of 1 to 3.5 mm with outlines wider than a pixel, some piled, as Woodsandfields/QGIS_maps's airports: QGIS's marker cache strokes addEllipse's Béziers with Qt's stroker (curves offset as QBezier::shifted) and fills the outline with Qt's rasterizer (Skia's stroke: 10 mismatched pixels; the airports 189 / 538)",
  ],
  [
    "circle_outlines_144dpi",
    0,
    "our data: the same at 144 dpi (13 with Skia's stroke)",
  ],
  [
    "inverted_zoom",
    0,
    "our data: the same zoomed in at 144 dpi, polygons cut by the map's edges",
  ],
  [
    "label_merge_lines",
    0,
    "our data: line labels with merge connected lines (mergeLines): streets cut into segments shorter than their label, some reversed, a side branch, joined by label text as PAL joins them before placing (bczernecki/qgis_auto: each segment was labelled alone, or not at all)",
  ],
  [
    "label_merge_lines_curved",
    0,
    "our data: the same with curved placement",
  ],
  [
    "named_colors",
    0,
    "our data: data-defined fill and outline colours given as names ('cyan', 'DarkOrange', 'steelblue'), read as QColor reads them",
  ],
  [
    "patterns",
    0,
    "our data: point and line pattern fills as QGIS 3.22's texture tile of whole pixels (distances, displacements, offsets, angles 0-300°, a dashed line, symbol opacity, a multipolygon with a hole), anchored at each feature's bounding-box corner",
  ],
  ["patterns_144dpi", 0, "our data: point and line pattern fills at 144 dpi"],
  [
    "mixed_types",
    0,
    "our data: one GeoJSON of points, lines and polygons (a point first) drawn as three layers, each the kind its source's geometryType names, as QGIS opens such a file (mixed_types.geojson|geometrytype=Polygon …; geo4TableSchema: every layer was read as its first feature's kind)",
  ],
  [
    "heatmap",
    0,
    "our data: a heatmap renderer (QgsHeatmapRenderer) of radius 6 mm at quality 1, scaled by the map's highest density, through a ramp with two inner stops; points beyond the map's edges within the radius count (stikstof/LelystadAirport: was not drawn)",
  ],
  ["heatmap_144dpi", 0, "our data: the heatmap at 144 dpi"],
  [
    "heatmap_weighted",
    0,
    'our data: a heatmap of radius 40 px on 3-pixel cells weighted by the expression "w" * 2 (a multipoint counts each point)',
  ],
  [
    "circles_no_outline",
    0,
    "our data: 1.2 mm circle markers without outline, their edge Qt's rasterizer's coverage of addEllipse's flattened Béziers",
  ],
  [
    "circles_no_outline_144dpi",
    0,
    "our data: circle markers without outline at 144 dpi (101 mismatched pixels filled by Skia)",
  ],
  [
    "effects_transform",
    89,
    "our data: transform effects (alone; as a modifier under a drop shadow); QGIS draws a transformed cached marker image with nearest-neighbour sampling, we draw the marker as a vector: its edges differ",
  ],
  [
    "dd_2x",
    0,
    "our data: QGIS 2.x data-defined symbol layer properties as QGIS 3 upgrades them (2.8's `size_expression`, 2.16's `_dd_` field and expression, a line's old `width`/`color`, an inactive one); circles scaled by area take the square root of their data-defined size (deleon-district-election-results-analysis: were drawn at their static size)",
  ],
  ["dd_2x_144dpi", 0, "our data: the same at 144 dpi"],
  [
    "dd_area_3x",
    0,
    "our data: data-defined marker sizes as QGIS 3.22 saves them, scaled by area (square root) and by diameter",
  ],
  [
    "raster_no_georef",
    0,
    "our data: a PNG without georeferencing on a map without a CRS, placed as QGIS's GDAL provider places it: pixels as map units from (0, 0) down to (96, -64) (isometric-resort-map: was placed upwards, out of view)",
  ],
  [
    "label_point_sizes",
    0,
    "our data: labels in DejaVu Sans at 8.25, 9.75, 10.25, 12.75 and 12 pt (data-defined size)",
  ],
  [
    "label_point_sizes_144dpi",
    0,
    "our data: the same at 144 dpi, where they fall half way between pixels: points converted with QGIS's 2.83464567 points per millimetre, 8.25 pt 16.4999… px and a 16 px font (eoliennes map-light.qgs; points × dpi / 72 made 17 px fonts: 7,236 mismatched pixels, 127 with Skia's glyphs)",
  ],
  [
    "labels_unrendered",
    0,
    "our data: labels of the features the renderer draws only (a category and a range turned off, a value no class takes, a feature no rule applies to), every feature's under the null renderer (geocamp-es/2019 map.qgz: the label of a category turned off was drawn)",
  ],
  [
    "svg_missing",
    0,
    "our data: an SVG marker whose file is nowhere (hbdm GIS/project.qgz), drawn as QgsSvgCache's missing-image SVG, a black question mark in the application font, 1 to 20 mm and rotated, the glyphs' outlines filled by Qt's rasterizer (left out with a warning: 1,243 mismatched pixels; 63 with Skia's glyph masks)",
  ],
  [
    "svg_missing_144dpi",
    0,
    "our data: the same at 144 dpi (2,752 left out; 68 with Skia's glyph masks)",
  ],
  [
    "hillshade_resampled_out",
    0,
    "our data: a multidirectional hillshade of a Float32 DEM (2 m cells, NaN corner) with bilinear resampling at 2.5 m a pixel (DSS_coweeta map.qgz): rendered near the DEM's resolution over the block grown by ceil(oversampling) cells, scaled with Qt's smooth scaling, cropped (159 mismatched pixels rendered without the buffer and scaled with centres aligned in floating point)",
  ],
  [
    "hillshade_resampled_in",
    0,
    "our data: the same zoomed in, 1.33 m a pixel (241 before)",
  ],
  [
    "hillshade_resampled_far",
    2,
    "our data: the same at 5 m a pixel, oversampling capped at 2 (4 before; the 2 left where the DEM is read at 2.49 m a cell, GDAL's nearest decimation of the window)",
  ],
  [
    "hillshade_resampled_3857_in",
    0,
    "our data: the same EPSG:2056 DEM with its bilinear resample filter on an EPSG:3857 map at 0.5 m a cell: QgsRasterLayerRenderer forces provider resampling on a reprojected layer (the filter off, the provider's nearest neighbour), and the projector comes after the renderer: shaded on the source grid the projector asks for (27,966 of 72,300 before: warped bilinearly onto the map grid, shaded there; firetools/qgis2fds cern_meyrin.qgs)",
  ],
  [
    "hillshade_resampled_3857_out",
    0,
    "our data: the same at 4 m a cell (4 before)",
  ],
  [
    "hillshade_provider_bilinear_3857",
    0,
    "our data: the same zoomed in, its provider's methods bilinear but not enabled: QgsRasterLayerRenderer's forced provider resampling reads with them",
  ],
  [
    "meters_at_scale_4326",
    0,
    "our data: line widths, marker sizes and outlines in metres at scale on an EPSG:4326 map, converted to degrees along the parallel of the map's centre on the WGS 84 ellipsoid as QgsRenderContext::convertMetersToMapUnits does (valdese-net/vlp map.qgz: taken as degrees, 12 m lines covered the map)",
  ],
  [
    "diagram_pie",
    0,
    "our data: pie diagrams sized linearly by a field (scaled by area, minimum size), categories by fields and an expression, a 0.5 pt outline, 0.8 opacity, over the point",
  ],
  ["diagram_pie_144dpi", 0, "our data: the same at 144 dpi"],
  [
    "diagram_pie_fixed",
    0,
    "our data: polygons' pies of a fixed size, clockwise from 6 o'clock, a hairline outline, over the centroid of the polygon clipped to the map",
  ],
  [
    "diagram_histogram",
    0,
    "our data: histograms whose bar lengths follow the values linearly, a 0.3 mm outline, over the point",
  ],
  [
    "diagram_stacked",
    0,
    "our data: stacked bars 1 px apart whose lengths follow the values linearly, a 0.4 px outline, 0.9 opacity, over the point",
  ],
  [
    "diagram_histogram_left",
    0,
    "our data: histograms growing left, bars 0.5 mm apart, PAL's best position around the point",
  ],
  [
    "raster_gcps",
    0,
    "our data: a GeoTIFF georeferenced by four ground control points only (as CIDCO-dev/PecheFantome gis.qgs's BSB chart), read as QGIS reads it: through a north-up warped VRT of them (GDAL's suggested cells, nearest neighbour, drawn as blocks) (was not drawn: 16,814; warped onto the map: 2,537)",
  ],
  [
    "raster_flipped",
    0,
    "our data: a GeoTIFF whose rows run south to north (a positive pixel height, as QGIS's tests/testdata requires_warped_vrt.tif), read as QGIS reads it: through a north-up warped VRT (was not drawn: 46,105; warped onto the map: 234)",
  ],
  [
    "raster_flipped_4326",
    0,
    "our data: the same in EPSG:4326, the warped VRT then the projector (was not drawn: 24,354; warped onto the map: 222)",
  ],
  [
    "map_unit_scale",
    0,
    "our data: circles, outlines and lines in map units held by their map unit scale's minimum sizes in millimetres (as QGIS's test_project_scaledsymbols.qgs: 10 map units, 5 to 100 mm)",
  ],
  [
    "map_unit_scale_zoom",
    16,
    "our data: the same zoomed in: the circles' maximum size, the lines' scale range (drawn as at 1:3,000) and maximum (left: 16 edge pixels of the 9 mm circles' 8 px outlines, a few levels apart)",
  ],
  [
    "diagram_effects",
    0,
    "our data: diagrams drawn through their paint effect: pies whose effect stack holds only a drop shadow (the shadow drawn, the pies not: as ahmethakankuru/QGIS-project qgisproject/project.qgz's buildings), pies under an outer glow then the source, the top layer's over the other's (QgsLabelSorter: 326 with the layers the other way round)",
  ],
  [
    "diagram_categorized",
    0,
    "our data: pies on categorized polygons: every feature gets one, also those the renderer does not draw (a category turned off, values in none), as QGIS 3.22 registers them (not their labels); 2,652 mismatched pixels with the labels' rule",
  ],
  [
    "diagram_labels",
    0,
    "our data: pies over the points, shown all, and the points' labels around them: PAL places both, the labels avoid the pies",
  ],
  [
    "diagram_around_collide",
    0,
    "our data: pies around the points, not shown all, larger than the points' spacing: PAL moves or drops the colliding ones",
  ],
  [
    "diagram_dd_show",
    0,
    "our data: pies over the points where a data-defined show expression holds",
  ],
  [
    "diagram_obstacle",
    0,
    "our data: pies over polygons' centroids as obstacles (QgsDiagramLayerSettings::isObstacle): the polygons' boundaries repel another layer's labels around the centroids",
  ],
  [
    "diagram_obstacle_own_labels",
    0,
    "our data: the same pies and labels in one layer: a feature's diagram obstacle does not repel its own label (PAL's hasSameLabelFeatureAs)",
  ],
  [
    "diagram_text",
    167,
    "our data: text diagrams over the points (QgsTextDiagram: a circle, a row per value in its colour; left: 167 edge pixels of the values' glyphs, Qt's drawText rasterizing them otherwise than Skia)",
  ],
];

for (const [name, limit, what] of CASES) {
  Deno.test(realTest(
    "paint",
    name,
    `≤ ${limit.toLocaleString("en")} mismatched pixels; ${what}`,
    () => realParity("paint", name, limit),
  ));
}

Deno.test(realTest(
  "paint",
  "masking_points",
  "legend: QGIS's SVG library in legend symbols",
  async () => {
    const c = realCases("paint").find((x) => x.name === "masking_points")!;
    const envelope = JSON.parse(
      await Deno.readTextFile(
        new URL("./paint/masking_points.job.json", import.meta.url),
      ),
    );
    const warnings: string[] = [];
    const ctx = referenceContext(caseDataRoot("paint", c));
    ctx.logger = { log: (_level, message) => void warnings.push(message) };
    const { data } = await legendRunner({
      id: "legend",
      type: "QslJobInfoLegend",
      job: { layers: envelope.job.layers, format: "image/png" },
    } as unknown as QslJobInfoLegend, ctx);
    const img = decodePng(data as Uint8Array);
    let orange = 0, black = 0;
    for (let i = 0; i < img.width * img.height; i++) {
      const [r, g, b] = img.data.subarray(i * 4, i * 4 + 3);
      if (r > 240 && g > 100 && g < 160 && b < 40) orange++;
      if (r < 30 && g < 30 && b < 30) black++;
    }
    assert.deepEqual(warnings, []);
    // the two plane SVGs (black B52 and Jet, orange Biplane) beside the labels
    assert.ok(orange > 50, `orange plane pixels: ${orange}`);
    assert.ok(black > 100, `black pixels: ${black}`);
  },
));
