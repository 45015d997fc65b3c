/**
 * Writes a `Config` as pretty JSON or as XML (element per field, like the
 * Python exporter's xsdata output).
 *
 * @module
 */
import { DOMImplementation, type Element, XMLSerializer } from "@xmldom/xmldom";
import { Config } from "@qgis-server-light/interface/config";
import { upstreamKeysOnly } from "@qgis-server-light/interface/upstream_keys";

/** The output formats of the exporter. */
export type OutputFormat = "json" | "xml";

/** The formats {@link serializeConfig} writes. */
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["json", "xml"];

function append(parent: Element, name: string, value: unknown): void {
  if (value === null || value === undefined) return;
  const doc = parent.ownerDocument!;
  if (Array.isArray(value)) {
    for (const item of value) append(parent, name, item);
    return;
  }
  const e = doc.createElement(name);
  if (typeof value === "object") {
    for (const [k, v] of Object.entries(value)) append(e, k, v);
  } else {
    e.appendChild(doc.createTextNode(String(value)));
  }
  parent.appendChild(e);
}

function indent(e: Element, depth: number): void {
  const doc = e.ownerDocument!;
  const kids: Element[] = [];
  for (let n = e.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1) kids.push(n as Element);
  }
  if (kids.length === 0) return;
  for (const k of kids) {
    e.insertBefore(doc.createTextNode("\n" + "  ".repeat(depth + 1)), k);
    indent(k, depth + 1);
  }
  e.appendChild(doc.createTextNode("\n" + "  ".repeat(depth)));
}

/**
 * The config with the Python exporter's keys only, at any depth: every key
 * the interface's schemas mark as our addition (`ours`: the project's
 * feature info settings and measures, `data_crs`, `joins`, an OGR source's
 * `geometry_type` and `open_options`, web sources' URI extras) and every
 * key they do not declare is left out, for clients that parse configs
 * strictly (xsdata's parsers refuse unknown properties by default). Our
 * worker then draws joined fields, declared CRSs, encodings and feature
 * info precision as the Python worker does: without them.
 *
 * @example
 * ```ts
 * import { pythonKeysOnly } from "./serialize.ts";
 * import { Config } from "@qgis-server-light/interface/config";
 * const config = Config.parse({
 *   project: { version: "3.22", name: "x", wms_precision: 8 },
 *   meta_data: { service: { contact_organization: null, contact_mail: null } },
 *   tree: { members: [] },
 *   datasets: {},
 * });
 * "wms_precision" in pythonKeysOnly(config).project; // false
 * ```
 */
export function pythonKeysOnly(config: Config): Config {
  return upstreamKeysOnly(Config, config);
}

/**
 * Serializes a config; JSON is indented by two spaces.
 *
 * @example
 * ```ts
 * import { serializeConfig } from "./serialize.ts";
 * import { Config } from "@qgis-server-light/interface/config";
 * const config = Config.parse({
 *   project: { version: "3.22", name: "x" },
 *   meta_data: { service: { contact_organization: null, contact_mail: null } },
 *   tree: { members: [] },
 *   datasets: {},
 * });
 * const xml: string = serializeConfig(config, "xml");
 * ```
 */
export function serializeConfig(config: Config, format: OutputFormat): string {
  if (format === "json") return JSON.stringify(config, null, 2) + "\n";
  const doc = new DOMImplementation().createDocument(null, "Config", null);
  const root = doc.documentElement!;
  for (const [k, v] of Object.entries(config)) append(root, k, v);
  indent(root, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${
    new XMLSerializer().serializeToString(root)
  }\n`;
}
