/**
 * OGC filters (Filter Encoding 1.1 and FES 2.0) as QGIS expressions.
 *
 * @example
 * ```ts
 * import { ogcFilterToExpression } from "./mod.ts";
 * import { evaluate } from "../expression/mod.ts";
 * const e = ogcFilterToExpression(
 *   '<Filter xmlns="http://www.opengis.net/ogc"><PropertyIsGreaterThan>' +
 *     "<PropertyName>pop</PropertyName><Literal>1000</Literal></PropertyIsGreaterThan></Filter>",
 * );
 * evaluate(e, { feature: { id: 1, attributes: { pop: 5000 }, geometry: null } }); // 1
 * ```
 *
 * @module
 */
export { filterBBox, ogcFilterToExpression, ogcFilterVersion } from "./ogc.ts";
