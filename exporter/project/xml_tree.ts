/**
 * A light, read-only XML tree built with the `saxes` parser. Each element
 * keeps its offsets in the source text, so a style can be copied out of the
 * project byte for byte (CDATA, entities and all) instead of re-serialized —
 * and a 1,000-layer project parses several times faster than with a DOM.
 *
 * @module
 */
import { SaxesParser } from "saxes";
import { QgisSyntaxError } from "./errors.ts";

/** An element of the tree. */
export class XmlElement {
  /** The tag name. */
  readonly nodeName: string;
  /** Attributes by name (entities decoded), in document order. */
  readonly attributes: Record<string, string>;
  /** Child elements in document order. */
  readonly children: XmlElement[] = [];
  /** Offset of `<` of the start tag in the source text. */
  start = 0;
  /** Offset just after the end tag (or `/>`). */
  end = 0;
  #text = "";

  /**
   * @example
   * ```ts
   * import { XmlElement } from "./xml_tree.ts";
   * const e = new XmlElement("title", {});
   * ```
   */
  constructor(name: string, attributes: Record<string, string>) {
    this.nodeName = name;
    this.attributes = attributes;
  }

  /** Appends text (used while parsing). */
  addText(text: string): void {
    // Only a leaf keeps its text: QGIS writes no mixed content, and the
    // whitespace between child elements is most of a project's text.
    if (this.children.length === 0) this.#text += text;
  }

  /** Adds a child element (used while parsing). */
  addChild(child: XmlElement): void {
    if (this.children.length === 0) this.#text = "";
    this.children.push(child);
  }

  /** An attribute's value, or null. */
  getAttribute(name: string): string | null {
    return Object.hasOwn(this.attributes, name) ? this.attributes[name] : null;
  }

  /** Whether the element has the attribute. */
  hasAttribute(name: string): boolean {
    return Object.hasOwn(this.attributes, name);
  }

  /**
   * The text of a leaf element; of an element with children, their text
   * joined (its own text between children is not kept).
   */
  get textContent(): string {
    if (this.children.length === 0) return this.#text;
    return this.children.map((c) => c.textContent).join("");
  }
}

/**
 * Parses XML text into an {@link XmlElement} tree; malformed XML throws
 * {@link QgisSyntaxError} with the 1-based line and column.
 *
 * @example
 * ```ts
 * import { parseXml } from "./xml_tree.ts";
 * const root = parseXml("<qgis version='3.22'><title>x</title></qgis>", "x.qgs");
 * root.children[0].textContent; // "x"
 * ```
 */
export function parseXml(text: string, fileName: string): XmlElement {
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on("opentag", (tag) => {
    // Without namespace processing saxes gives attribute values as strings.
    const e = new XmlElement(
      tag.name,
      tag.attributes as Record<string, string>,
    );
    // The parser stands just after the start tag's ">": its "<" is the last
    // one before that.
    e.start = text.lastIndexOf("<", parser.position - 1);
    if (tag.isSelfClosing) e.end = parser.position;
    const parent = stack[stack.length - 1];
    if (parent) parent.addChild(e);
    else root = e;
    stack.push(e);
  });
  parser.on("closetag", (tag) => {
    const e = stack.pop()!;
    if (!tag.isSelfClosing) e.end = parser.position;
  });
  parser.on("text", (t) => stack[stack.length - 1]?.addText(t));
  parser.on("cdata", (t) => stack[stack.length - 1]?.addText(t));
  try {
    parser.write(text).close();
  } catch (error) {
    const line = parser.line;
    const column = parser.column + 1;
    const detail = String((error as Error).message).replace(
      /^(?:[^:]*:)?\d+:\d+: /,
      "",
    );
    throw new QgisSyntaxError(
      `Cannot parse ${fileName}: malformed XML at line ${line}, column ${column}: ${detail}`,
      line,
      column,
    );
  }
  if (root === undefined) {
    throw new QgisSyntaxError(
      `Cannot parse ${fileName}: malformed XML: no root element`,
      0,
      0,
    );
  }
  return root;
}
