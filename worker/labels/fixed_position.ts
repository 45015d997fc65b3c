/**
 * Data-defined label positions (`PositionX` / `PositionY`, the labeling
 * tool's pattern): where QGIS 3.22's `QgsPalLayerSettings::registerFeature`
 * pins a label, aligned by `Hali` / `Vali` about the given point and turned
 * about it by a data-defined rotation. PAL then makes that one candidate
 * (`FeaturePart::createCandidates` for a fixed position, cost 0), which still
 * meets obstacles and other labels as any candidate.
 *
 * @module
 */
import type { Candidate } from "./placement.ts";

/** The label's box and font metrics, in pixels. */
export interface FixedLabelSize {
  /** Label width. */
  w: number;
  /** Label height. */
  h: number;
  /** Font ascent (whole pixels, as Qt's FreeType metrics). */
  ascent: number;
  /** Font descent (whole pixels). */
  descent: number;
  /** Height of the capital H's box (`QFontMetricsF::boundingRect('H')`). */
  capHeight: number;
}

/**
 * The candidate of a label pinned at `(x, y)` (PAL pixels, y up):
 * `hali` Left (default), Center or Right; `vali` Bottom, Base, Half, Cap
 * (the default for any other text) or Top, compared without case as QGIS
 * compares them; `undefined` when the property is not set at all (the
 * label's bottom-left corner at the point); `angle` counter-clockwise in
 * radians, the alignment shift turned with the label.
 *
 * @example
 * ```ts
 * import { fixedCandidate } from "./fixed_position.ts";
 * const size = { w: 40, h: 12, ascent: 10, descent: 2, capHeight: 9 };
 * const c = fixedCandidate(100, -50, size, "Center", "Bottom", 0);
 * c.x; // 80
 * c.y; // -50
 * ```
 */
export function fixedCandidate(
  x: number,
  y: number,
  size: FixedLabelSize,
  hali: string | undefined,
  vali: string | undefined,
  angle: number,
): Candidate {
  const { w, h } = size;
  let dx = 0, dy = 0;
  const ha = hali?.toLowerCase();
  if (ha === "center") dx -= w / 2;
  else if (ha === "right") dx -= w;
  const va = vali?.toLowerCase();
  if (va !== undefined && va !== "bottom") {
    if (va === "top") dy -= h;
    else {
      const height = size.ascent + size.descent;
      const descentRatio = size.descent / height;
      if (va === "base") dy -= h * descentRatio;
      else {
        // 'Cap' or 'Half' (QGIS takes any other text as Cap)
        const capRatio = (size.capHeight + 1 + size.descent) / height;
        dy -= h * capRatio;
        if (va === "half") dy += h * (capRatio - descentRatio) / 2;
      }
    }
  }
  if (angle !== 0) {
    const c = Math.cos(angle), s = Math.sin(angle);
    [dx, dy] = [dx * c - dy * s, dx * s + dy * c];
  }
  return { x: x + dx, y: y + dy, w, h, angle, cost: 0, quadrant: "over" };
}
