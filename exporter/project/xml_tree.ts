/**
 * A light, read-only XML tree built with the streaming `saxes` parser. Each
 * element keeps its offsets in the source text, so a style can be copied out
 * of the project byte for byte (CDATA, entities and all) instead of
 * re-serialized.
 *
 * A {@link KeepRule} prunes the tree while it is read: only the elements the
 * rule names are built, so memory follows what the caller keeps, not the
 * size of the document (a style's thousands of elements cost one element
 * with its offsets). Nothing here recurses over the document: its depth is
 * bounded by {@link MAX_XML_DEPTH} only.
 *
 * @module
 */
import { SaxesParser } from "saxes";
import { QgisSyntaxError } from "./errors.ts";

/**
 * Deepest element nesting read. QGIS writes a few dozen levels (layer-tree
 * groups and symbol layers nest); the parser's own stack costs some 350
 * bytes a level, so 100,000 levels stay within ~35 MB.
 */
export const MAX_XML_DEPTH = 100_000;

/**
 * Which elements of a subtree are built. An element the rule keeps has its
 * attributes and offsets; its child elements are kept only when
 * `children` (by name) or `other` gives them a rule, and its text only when
 * `text` is set. Rules may refer to themselves (a group inside a group).
 */
export interface KeepRule {
  /** Keep the element's own text (of a leaf; or its children's, joined). */
  text?: boolean;
  /** Rules for child elements by tag name. */
  children?: Record<string, KeepRule>;
  /** Rule for child elements `children` does not name. */
  other?: KeepRule;
}

/** Keeps every element and its text. */
export const KEEP_ALL: KeepRule = { text: true };
KEEP_ALL.other = KEEP_ALL;

/** An element of the tree. */
export class XmlElement {
  /** The tag name. */
  readonly nodeName: string;
  /** Attributes by name (entities decoded), in document order. */
  readonly attributes: Record<string, string>;
  /** Child elements in document order (the kept ones). */
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
   * joined in document order (its own text between children is not kept).
   */
  get textContent(): string {
    if (this.children.length === 0) return this.#text;
    // Iterative: a deep tree must not exhaust the call stack.
    const parts: string[] = [];
    const stack: XmlElement[] = [this];
    while (stack.length > 0) {
      const e = stack.pop()!;
      if (e.children.length === 0) parts.push(e.#text);
      else {for (let i = e.children.length - 1; i >= 0; i--) {
          stack.push(e.children[i]);
        }}
    }
    return parts.join("");
  }
}

/**
 * Parses XML text into an {@link XmlElement} tree, keeping what `rule`
 * names (everything by default); malformed XML, or elements nested deeper
 * than {@link MAX_XML_DEPTH}, throw {@link QgisSyntaxError} with the 1-based
 * line and column.
 *
 * @example
 * ```ts
 * import { parseXml } from "./xml_tree.ts";
 * const root = parseXml("<qgis version='3.22'><title>x</title></qgis>", "x.qgs");
 * root.children[0].textContent; // "x"
 * const titleOnly = parseXml("<qgis><title>x</title><big><a/></big></qgis>", "x.qgs", {
 *   children: { title: { text: true } },
 * });
 * titleOnly.children.length; // 1
 * ```
 */
export function parseXml(
  text: string,
  fileName: string,
  rule: KeepRule = KEEP_ALL,
): XmlElement {
  const parser = new SaxesParser({ position: true });
  // Kept elements and their rules; `skipped` counts the open elements
  // below the innermost kept one that are not built.
  const stack: XmlElement[] = [];
  const rules: KeepRule[] = [];
  let skipped = 0;
  let depth = 0;
  let root: XmlElement | undefined;
  const tooDeep = () =>
    new QgisSyntaxError(
      `Cannot parse ${fileName}: elements nested deeper than ${MAX_XML_DEPTH} levels at line ${parser.line}`,
      parser.line,
      parser.column + 1,
    );
  parser.on("opentag", (tag) => {
    if (++depth > MAX_XML_DEPTH) throw tooDeep();
    let childRule: KeepRule | undefined;
    if (skipped > 0) childRule = undefined;
    else if (root === undefined) childRule = rule;
    else {
      const parentRule = rules[rules.length - 1];
      childRule = parentRule.children?.[tag.name] ?? parentRule.other;
    }
    if (childRule === undefined) {
      if (!tag.isSelfClosing) skipped++;
      return;
    }
    // Without namespace processing saxes gives attribute values as strings.
    const e = new XmlElement(
      tag.name,
      tag.attributes as Record<string, string>,
    );
    // The parser stands just after the start tag's ">": its "<" is the last
    // one before that.
    e.start = text.lastIndexOf("<", parser.position - 1);
    const parent = stack[stack.length - 1];
    if (parent) parent.addChild(e);
    else root = e;
    if (tag.isSelfClosing) e.end = parser.position;
    else {
      stack.push(e);
      rules.push(childRule);
    }
  });
  parser.on("closetag", (tag) => {
    depth--;
    if (tag.isSelfClosing) return;
    if (skipped > 0) {
      skipped--;
      return;
    }
    const e = stack.pop()!;
    rules.pop();
    e.end = parser.position;
  });
  const onText = (t: string) => {
    if (skipped > 0 || stack.length === 0) return;
    if (rules[rules.length - 1].text) stack[stack.length - 1].addText(t);
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof QgisSyntaxError) throw error;
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
