/**
 * Exact pages for providers whose dialect cannot say a whole filter: every
 * candidate the pushed-down part leaves is read in the stable order and
 * tested against the rest here; the page is cut from the kept features and
 * the count is theirs.
 *
 * @module
 */
import { evaluate, type Expression, isTruthy } from "../expression/mod.ts";
import { parseWkb } from "../geometry/wkb.ts";
import type { FeaturePage } from "./source.ts";

/**
 * Cuts a page from every candidate (read with `readAll`, in stable order),
 * keeping those the residual filter accepts.
 *
 * @example
 * ```ts ignore
 * import { pageWithResidual } from "./paging.ts";
 * const page = await pageWithResidual(() => readAllCandidates(), residual, 0, 10);
 * page.numbersMatched;
 * ```
 */
export async function pageWithResidual(
  readAll: () => Promise<FeaturePage>,
  residual: Expression,
  startIndex: number,
  count: number | null,
): Promise<FeaturePage> {
  const all = await readAll();
  const kept = all.features.filter((f) => {
    const geometry = f.wkb ? parseWkb(f.wkb) : null;
    return isTruthy(
      evaluate(residual, {
        feature: { id: f.id, attributes: f.attributes, geometry },
        geometry,
      }),
    );
  });
  return {
    ...all,
    numbersMatched: kept.length,
    features: kept.slice(
      startIndex,
      count === null ? undefined : startIndex + count,
    ),
  };
}
