/**
 * Label parity on focused cases: render jobs made by
 * `make_references.py` (synthetic layers of our own, and views of public
 * QGIS projects read from their fetched snapshots), compared with QGIS
 * 3.22's renders of the same jobs.
 *
 * Each bound is the figure measured when it was last changed (mismatched
 * pixels, pixelmatch threshold 0.2, anti-aliased pixels counted): a change
 * that makes a case worse fails here.
 */
import { type RenderJob, renderMap } from "../../../worker/runners/render.ts";
import { renderDeps } from "../../../worker/runners/render_deps.ts";
import { createLabelEngine } from "../../../worker/labels/mod.ts";
import { comparePng, referenceContext } from "../parity.ts";

const TESTDATA = new URL("./testdata/", import.meta.url).pathname;
const MIRROR = Deno.env.get("QSL_MIRROR") ?? "/work/.mirror";

interface Case {
  name: string;
  kind: "synthetic" | "project";
  mirror?: string;
  commit?: string;
  folder?: string;
  files?: string[];
}

/**
 * Mismatched pixels measured per case (the bound each test enforces).
 * Curved labels are placed character by character as PAL places them.
 */
const LIMITS: Record<string, number> = {
  // labels pinned where PositionX / PositionY say (points, aligned by Hali
  // / Vali and turned, polygons, lines): 3,893 / 1,622 / 2,293 / 2,396
  // placed by PAL instead
  dd_position_points: 0,
  dd_position_aligned: 0,
  dd_position_polygons: 0,
  dd_position_lines: 0,
  // callouts from moved labels to their features (simple, manhattan with
  // offsets and a minimum length, polygons at their pole or centroid):
  // 241 / 132 / 705 / 189 not drawn; the pole case's 344 are one line to
  // the polygon with a hole, whose pole search finds another of the equally
  // deep points of its band than QGIS's
  callouts_points: 0,
  // curved callouts, their bend by the side of the label they leave (338
  // not drawn)
  callouts_points_curved: 0,
  callouts_lines_manhattan: 0,
  callouts_polygons_pole: 344,
  callouts_polygons_centroid: 0,
  // balloon callouts (4,263 / 5,541 / 7,189 not drawn): the polygons'
  // 986 are the holed polygon's pole (as callouts_polygons_pole), the
  // points' 44 one wedge on the other side of a corner its point lies
  // exactly diagonal to (QGIS's tie falls by its map units' rounding)
  balloon_points: 44,
  balloon_points_rounded: 0,
  balloon_polygons: 986,
  // callouts whose own properties are data-defined (QgsCallout's
  // ddProperties: label and feature anchors, minimum length, offsets,
  // curvature in percent and orientation, balloon margins top-right-
  // bottom-left, wedge width, corner radius), evaluated per feature, their
  // fields read: 43 / 784 / 694 / 844 with the static settings; the
  // balloons' 69 are the wedges of Horgen and Kriens, whose labels PAL
  // places diagonal to their points (balloon_points' tie)
  callouts_dd_points: 0,
  callouts_dd_curved: 0,
  callouts_dd_polygons: 0,
  balloon_dd_points: 69,
  // HTML labels (allowHtml; 15,341 / 7,883 / 2,250 with the markup
  // drawn): the points' 352 and the curved lines' 377 are underlines
  // only, half a pixel lower: the npm DejaVu Sans's post table puts the
  // underline at -130 units, Debian's build (QGIS's references) at -40
  // (0 / 0 with -40)
  html_points: 352,
  html_polygons: 0,
  html_lines_curved: 377,
  // markup from data (6,487 raw): Qt's parser reads "a < b<font …>" as a
  // tag b where htmlparser2 (HTML5) reads text and a font tag
  html_hostile: 4472,
  // SVG and marker backgrounds (8,446 / 3,296 / 9,986 / 5,755 not drawn):
  // what is left is QGIS's cached marker image turned with a rotated label
  // (resampled, where we draw the turned shape) and, at the map's edge, one
  // square a pixel off where its cache image snaps
  background_marker_buffer: 81,
  background_marker_fixed: 134,
  background_svg_buffer: 154,
  background_svg_fixed: 0,
  // diagrams placed by PAL along lines and inside polygons
  // (QgsDiagramLayerSettings placements; our data, QGIS 3.22 references),
  // before → after: on lines parallel (each line placement flag: QGIS
  // 3.22 ignores them and the distance, PAL puts the boxes on the line)
  // 3,153 / 3,153 / 1,749 (below, bars) / 3,153 (above and below, map
  // orientation) → 0, 9,203 (14 mm, not shown all) → 0; horizontal on
  // lines 1,734 → 0; over, around a line and free: PAL has no candidates
  // (QGIS draws none) 5,035 / 2,404 / 5,035 → 0; polygons free 7,217 → 0,
  // horizontal (bars) 2,770 → 0, horizontal 12 mm not shown all 10,102 →
  // 0, along the outer ring 10,664 → 0
  diagram_lines_above: 0,
  diagram_lines_above_below_map: 0,
  diagram_lines_around: 0,
  diagram_lines_below: 0,
  diagram_lines_free: 0,
  diagram_lines_hidden: 0,
  diagram_lines_horizontal: 0,
  diagram_lines_on: 0,
  diagram_lines_over: 0,
  diagram_polygons_around: 0,
  // a polygon's pies around its centroid at distance 0 (QGIS's default):
  // PAL's candidate centred on the centroid comes first (23,210 without
  // it); a point's "horizontal" is PAL's ring around it (15,990 over it)
  diagram_polygons_around_dist0: 0,
  diagram_points_horizontal: 0,
  // QGIS's server test project (Lighter01/qgis_project's copy): its
  // countries' pies around the centroid at distance 0, shown all (29,246
  // / 8,862 top right of the centroid)
  project_diagrams_full: 0,
  project_diagrams_europe: 0,
  diagram_polygons_free: 0,
  diagram_polygons_horizontal: 0,
  diagram_polygons_horizontal_hidden: 0,
  diagram_polygons_line: 0,
  diagram_polygons_over: 0,
  // "curved" on polygons (not offered by QGIS's diagram dialog): PAL's
  // turned grid inside, without the rings' and centroid's costs (16,270
  // along the outer ring)
  diagram_polygons_curved: 0,
  lines_curved_above: 0,
  lines_curved_on: 0,
  lines_parallel_above_below: 0,
  // horizontal along lines: PAL's steps over the whole line, as many as
  // its candidates, in map units (6,643 with 8 steps sorted by cost)
  lines_horizontal: 0,
  lines_parallel_obstacles: 0,
  lines_parallel_on: 0,
  lines_parallel_repeat: 0,
  // straight parallels in degrees whose candidates tie in cost but for the
  // last bits of PAL's sums over the line's own map coordinates
  lines_parallel_tie: 0,
  lines_parallel_tie_144dpi: 0,
  // PAL's R-tree order and reduce (c.f. worker/labels/problem.ts)
  points_around_cluster: 0,
  points_around_cluster_dist0: 0,
  points_close_dist0: 0,
  // a label meeting a neighbour's symbol box, as PAL's map units make them
  // meet (224 with the box missed by an ulp in pixels)
  points_touching_symbol: 0,
  points_ordered_cluster: 0,
  // stars turned by 34°, labels from their symbol bounds: QGIS bounds the
  // turned square (4,854 with the marker's size as the box)
  points_ordered_rotated_marker: 0,
  // markers the map's edges cut, labels from their symbol bounds: QGIS
  // offsets them by the obstacle box as clipped to the map (1,473 with the
  // whole box)
  points_ordered_edge: 0,
  // polygons whose label a field hides (data-defined Show): no obstacle to
  // the points' labels either (617 kept as obstacles)
  show_hidden_obstacle: 0,
  // squares under the polygons' minimum size beside points: QGIS never
  // hands them to PAL, so they repel no label (1,307 as obstacles)
  min_size_no_obstacle: 0,
  // labels in map units under the layer's minimum pixel size (1,353 drawn
  // and obstacles), and within it (drawn, the squares obstacles)
  font_limit_pixel: 0,
  font_limit_pixel_within: 0,
  // squares the data-defined IsObstacle makes no obstacle (with empty
  // labels, and in a layer drawing no labels), squares whose label
  // expression fails to evaluate (no obstacle, unlike a NULL text) and
  // points past the layer's maxNumLabels (neither labelled nor obstacles)
  dd_is_obstacle: 0,
  dd_is_obstacle_only: 0,
  // the data-defined ObstacleFactor: 0 (a factor of 0.0001) for the odd
  // squares, with empty labels and drawing no labels
  dd_obstacle_factor: 0,
  dd_obstacle_factor_only: 0,
  label_eval_error: 0,
  max_num_labels: 0,
  // two labelled layers: PAL walks the top layer's features first (218
  // with the bottom layer's first)
  points_two_layers: 0,
  // overlapHandling (QGIS >= 3.26) is unknown to 3.22: 613 when read as
  // "show all labels"
  points_overlap_handling: 0,
  // streets leaving the map by points near its edge: QGIS registers lines
  // clipped, so the points' candidates reaching out there cross none (623
  // with the lines whole)
  points_edge_lines: 0,
  polygons_around_centroid: 0,
  // polygons the map's edges cut: the largest visible piece is labelled
  // and the polygons repel candidates as clipped (260 with the pieces of a
  // ring joined by bridges along the edge and obstacles unclipped)
  polygons_edge_around_centroid: 0,
  // neighbours' boundaries (obstacle type 1) beyond the map's edge: QGIS
  // registers them clipped, so candidates reaching out there cross none
  // (273 with the boundaries whole)
  polygons_edge_boundary: 0,
  polygons_around_centroid_dist: 0,
  polygons_free: 0,
  polygons_horizontal: 0,
  polygons_over_centroid: 0,
  // (341 / 860 with Skia's glyph fills and buffers)
  polygons_perimeter: 336,
  polygons_perimeter_curved: 850,
  // German states cut by the map's edges (992 / 324 with the visible
  // pieces joined and obstacles unclipped, 839 / 123 with the pieces
  // apart, 73 / 26 at glyph and buffer edges with Skia's glyph fills and
  // buffers)
  axis_orientation_x4: 0,
  axis_orientation_x16: 0,
  qfield_routes_view: 534,
  qfield_routes_wide: 0,
  // (2 / 2 with Skia's glyph fills and buffers)
  training_masking_full: 0,
  training_masking_zoom: 0,
  // selective masking (worker/paint/masks.ts): road names masking their
  // casing, place names masking the roads' casing (1 mm) and the
  // polygons (2 pt, half opaque), mask markers around points, curved
  // names masking character by character (1,151 / 132 / 989 / 179 / 1,155
  // with the masks left out)
  masks_label_casing: 0,
  masks_label_curved: 0,
  masks_label_points: 0,
  masks_label_points_pt_opacity: 0,
  masks_marker: 0,
  // the training project's exercise done: its lakes' names mask the
  // lines and the planes (each category's SVG by its key): 350 / 25 with
  // the masks left out
  training_masks_full: 0,
  training_masks_zoom: 0,
};

const cases: Case[] = JSON.parse(
  await Deno.readTextFile(`${TESTDATA}cases.json`),
);

function mirrorRepo(c: Case): string | null {
  const repo = `${MIRROR}/${c.mirror}/repo`;
  try {
    Deno.statSync(repo);
    return repo;
  } catch {
    return null;
  }
}

/** Extracts a public project's files from its snapshot into a data root. */
async function extract(c: Case, repo: string): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "qsl-labels-" });
  await Deno.mkdir(`${root}/data`);
  for (const f of c.files ?? []) {
    const out = await new Deno.Command("git", {
      args: ["--git-dir", repo, "show", `${c.commit}:${c.folder}/${f}`],
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!out.success) {
      throw new Error(
        `Cannot extract ${c.folder}/${f} at ${c.commit} from ${repo}: ${
          new TextDecoder().decode(out.stderr)
        }`,
      );
    }
    await Deno.writeFile(`${root}/data/${f.split("/").pop()}`, out.stdout);
  }
  return root;
}

/** Renders a case with the label engine and compares it with QGIS's. */
export async function measure(c: Case): Promise<number> {
  let dataRoot = TESTDATA;
  let temp: string | null = null;
  if (c.kind === "project") {
    const repo = mirrorRepo(c)!;
    temp = dataRoot = await extract(c, repo);
  }
  try {
    const envelope = JSON.parse(
      await Deno.readTextFile(`${TESTDATA}${c.name}.job.json`),
    );
    const expected = await Deno.readFile(`${TESTDATA}${c.name}.qgis.png`);
    const deps = {
      ...renderDeps,
      createLabelEngine: renderDeps.createLabelEngine ??
        ((map, ck, warn) =>
          createLabelEngine(map, ck, { compile: renderDeps.compile, warn })),
    } satisfies typeof renderDeps;
    const out = await renderMap(
      envelope.job as RenderJob,
      referenceContext(dataRoot),
      deps,
    );
    const r = await comparePng(
      out.data as Uint8Array,
      expected,
      `labels_${c.name}`,
      LIMITS[c.name] ?? 0,
    );
    return r.mismatched;
  } finally {
    if (temp) await Deno.remove(temp, { recursive: true });
  }
}

for (const c of cases) {
  const absent = c.kind === "project" && mirrorRepo(c) === null;
  if (absent) {
    console.warn(
      `label cases: ${c.name} skipped: the snapshot ${MIRROR}/${c.mirror} is absent`,
    );
  }
  const limit = LIMITS[c.name] ?? 0;
  Deno.test({
    name: `label parity: ${c.name} (≤ ${limit} mismatched pixels)`,
    ignore: absent,
    fn: async () => {
      const mismatched = await measure(c);
      console.log(`label parity ${c.name}: ${mismatched} mismatched`);
      if (mismatched > limit) {
        throw new Error(
          `${c.name}: ${mismatched} mismatched pixels > ${limit} (diff in .parity/)`,
        );
      }
    },
  });
}
