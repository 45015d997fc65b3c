// Small DOM helpers over @xmldom/xmldom: direct-children lookups only, so a
// project with thousands of layers is walked once instead of searched.
import type { Element, Node } from "@xmldom/xmldom";

const ELEMENT_NODE = 1;

export function isElement(node: Node | null | undefined): node is Element {
  return node?.nodeType === ELEMENT_NODE;
}

/** Direct child elements, optionally only those named `name`. */
export function children(parent: Element, name?: string): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (isElement(n) && (name === undefined || n.nodeName === name)) {
      out.push(n);
    }
  }
  return out;
}

/** First direct child element named `name`. */
export function child(parent: Element, name: string): Element | undefined {
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (isElement(n) && n.nodeName === name) return n;
  }
  return undefined;
}

/** Text of the first direct child named `name`, or undefined. */
export function childText(parent: Element, name: string): string | undefined {
  const c = child(parent, name);
  return c === undefined ? undefined : (c.textContent ?? "");
}

/** Follows a path of direct-child names. */
export function path(
  parent: Element,
  ...names: string[]
): Element | undefined {
  let at: Element | undefined = parent;
  for (const name of names) {
    if (at === undefined) return undefined;
    at = child(at, name);
  }
  return at;
}

/** Reads a QGIS `<Option type="Map">` tree into a plain object. */
export function readOption(option: Element): unknown {
  const type = option.getAttribute("type");
  if (type === "Map") {
    const out: Record<string, unknown> = {};
    for (const c of children(option, "Option")) {
      out[c.getAttribute("name") ?? ""] = readOption(c);
    }
    return out;
  }
  if (type === "List" || type === "StringList") {
    return children(option, "Option").map(readOption);
  }
  if (!option.hasAttribute("value")) return null;
  return option.getAttribute("value");
}

/** The custom properties of a node (`<customproperties>`), both formats. */
export function customProperties(parent: Element): Record<string, unknown> {
  const props = child(parent, "customproperties");
  if (props === undefined) return {};
  const option = child(props, "Option");
  const out: Record<string, unknown> = {};
  if (option !== undefined) {
    const value = readOption(option);
    if (value && typeof value === "object" && !Array.isArray(value)) {
      Object.assign(out, value);
    }
  }
  // QGIS before 3.12 wrote <property key=".." value=".."/>.
  for (const p of children(props, "property")) {
    const key = p.getAttribute("key");
    if (key) {
      out[key] = p.getAttribute("value") ??
        children(p, "value").map((v) => v.textContent ?? "");
    }
  }
  return out;
}
