/**
 * The `delimitedtext` provider: CSV/TSV/regexp/whitespace delimited text
 * files below the data root, points from x/y fields or geometries from a
 * WKT field, read with QGIS 3.22's semantics by our own reader.
 *
 * @example
 * ```ts ignore
 * import { delimitedTextProvider } from "./mod.ts";
 * const source = delimitedTextProvider.open(layer, ctx);
 * ```
 *
 * @module
 */
export {
  clearTextCache,
  delimitedTextProvider,
  MAX_TEXT_BYTES,
  TABLE_BYTES_PER_FILE_BYTE,
  TEXT_CACHE_BYTES,
} from "./provider.ts";
export { parseDelimitedTextUri } from "./uri.ts";
export type { DelimitedTextUri } from "./uri.ts";
export { buildTable, detectType, toDouble, toInteger } from "./table.ts";
export type {
  TableOptions,
  TextFieldType,
  TextGeometry,
  TextRow,
  TextTable,
} from "./table.ts";
export {
  DEFAULT_FORMAT,
  fieldIndex,
  fieldNames,
  readRecords,
} from "./text_file.ts";
export type { TextFormat, TextRecord, TextRecords } from "./text_file.ts";
