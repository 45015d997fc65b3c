/**
 * Small helpers over `@xmldom/xmldom` for capabilities documents: parse,
 * walk children by local name (namespaces vary between servers), read text
 * and attributes.
 *
 * @module
 */
import { DOMParser, type Element } from "@xmldom/xmldom";

/** Parses XML text into its root element; `what` names it in errors. */
export function parseXml(text: string, what: string): Element {
  const errors: string[] = [];
  let root: Element | null = null;
  try {
    const doc = new DOMParser({
      onError: (level: string, msg: string) => {
        if (level !== "warning") errors.push(msg);
      },
    }).parseFromString(text, "text/xml");
    root = doc.documentElement as Element | null;
  } catch (error) {
    throw new SyntaxError(
      `Cannot read ${what}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  if (!root || errors.length > 0) {
    throw new SyntaxError(
      `Cannot read ${what}: ${errors[0] ?? "no root element"}`,
    );
  }
  return root;
}

/** The local name of an element (`ows:Identifier` → `Identifier`). */
export function localName(el: Element): string {
  return el.localName ?? el.tagName.replace(/^.*:/, "");
}

/** Child elements, optionally only those of a local name. */
export function kids(el: Element | null | undefined, name?: string): Element[] {
  const out: Element[] = [];
  if (!el) return out;
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (!name || localName(n as Element) === name)) {
      out.push(n as Element);
    }
  }
  return out;
}

/** The first child element of a local name. */
export function kid(
  el: Element | null | undefined,
  name: string,
): Element | undefined {
  return kids(el, name)[0];
}

/** Follows a path of local names. */
export function path(
  el: Element | null | undefined,
  ...names: string[]
): Element | undefined {
  let at: Element | undefined = el ?? undefined;
  for (const n of names) {
    at = kid(at, n);
    if (!at) return undefined;
  }
  return at;
}

/** Trimmed text content, or undefined. */
export function text(el: Element | null | undefined): string | undefined {
  const t = el?.textContent?.trim();
  return t === undefined || t === "" ? undefined : t;
}

/** An attribute by local name (any namespace), or undefined. */
export function attr(
  el: Element | null | undefined,
  name: string,
): string | undefined {
  if (!el) return undefined;
  const attrs = el.attributes;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs.item(i)!;
    const local = a.localName ?? a.name.replace(/^.*:/, "");
    if (local === name || a.name === name) return a.value;
  }
  return undefined;
}
