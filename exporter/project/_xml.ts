// Direct-children lookups over the light XML tree, so a project with
// thousands of layers is walked once instead of searched.
import type { XmlElement } from "./xml_tree.ts";

/** Direct child elements, optionally only those named `name`. */
export function children(parent: XmlElement, name?: string): XmlElement[] {
  return name === undefined
    ? parent.children
    : parent.children.filter((c) => c.nodeName === name);
}

/** First direct child element named `name`. */
export function child(
  parent: XmlElement,
  name: string,
): XmlElement | undefined {
  return parent.children.find((c) => c.nodeName === name);
}

/** Text of the first direct child named `name`, or undefined. */
export function childText(
  parent: XmlElement,
  name: string,
): string | undefined {
  return child(parent, name)?.textContent;
}

/** Follows a path of direct-child names. */
export function path(
  parent: XmlElement,
  ...names: string[]
): XmlElement | undefined {
  let at: XmlElement | undefined = parent;
  for (const name of names) {
    if (at === undefined) return undefined;
    at = child(at, name);
  }
  return at;
}

/** Reads a QGIS `<Option type="Map">` tree into a plain object. */
export function readOption(option: XmlElement): unknown {
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
export function customProperties(
  parent: XmlElement,
): Record<string, unknown> {
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
        children(p, "value").map((v) => v.textContent);
    }
  }
  return out;
}
