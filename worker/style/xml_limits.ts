/**
 * Limits on XML a job sends (styles, OGC filters), checked before the DOM
 * parser sees it: its size, its depth and its number of elements. The DOM
 * parser (xmldom) takes about 90 µs per nesting level and 15 µs per element,
 * and what reads the tree recurses, so a `<Not>` nested 10,000 deep, or a
 * style of a million elements, must be refused with a clear error before it
 * costs seconds or the stack.
 *
 * The check streams through the text once with `saxes` (about a third of
 * what parsing the DOM costs) and stops at the first limit crossed; it leaves
 * well-formedness to the DOM parser, which names the fault.
 *
 * @module
 */
import { SaxesParser } from "saxes";

/** How large an XML document may be. */
export interface XmlLimits {
  /** Most characters. */
  maxLength: number;
  /** Deepest nesting of elements (the root is at depth 1). */
  maxDepth: number;
  /** Most elements. */
  maxElements: number;
}

/**
 * Throws a `RangeError` naming the first limit `text` crosses; `what` names
 * the document in the message (`"style"`, `"OGC filter"`).
 *
 * @example
 * ```ts
 * import { checkXmlLimits } from "./xml_limits.ts";
 * const limits = { maxLength: 1000, maxDepth: 2, maxElements: 10 };
 * checkXmlLimits("<a><b/></a>", limits, "style");
 * let message = "";
 * try {
 *   checkXmlLimits("<a><b><c/></b></a>", limits, "style");
 * } catch (e) {
 *   message = (e as Error).message;
 * }
 * message; // "Cannot parse style: its elements nest deeper than 2 levels"
 * ```
 */
export function checkXmlLimits(
  text: string,
  limits: XmlLimits,
  what: string,
): void {
  if (text.length > limits.maxLength) {
    throw new RangeError(
      `Cannot parse ${what}: ${text.length} characters exceed the limit of ${limits.maxLength}`,
    );
  }
  // every element starts with a `<`: with few of them, no limit is crossed
  const few = Math.min(limits.maxDepth, limits.maxElements);
  if (countUpTo(text, "<", few + 1) <= few) return;
  const parser = new SaxesParser();
  let depth = 0;
  let elements = 0;
  let crossed: string | null = null;
  // well-formedness is the DOM parser's to judge: read on past errors
  parser.on("error", () => {});
  parser.on("opentag", (tag) => {
    elements++;
    const level = depth + 1;
    if (!tag.isSelfClosing) depth = level;
    if (crossed !== null) return;
    if (level > limits.maxDepth) {
      crossed = `its elements nest deeper than ${limits.maxDepth} levels`;
    } else if (elements > limits.maxElements) {
      crossed = `it has more than ${limits.maxElements} elements`;
    }
    if (crossed !== null) throw new XmlLimitCrossed();
  });
  parser.on("closetag", (tag) => {
    if (!tag.isSelfClosing) depth--;
  });
  try {
    parser.write(text).close();
  } catch (error) {
    if (!(error instanceof XmlLimitCrossed)) throw error;
  }
  if (crossed !== null) {
    throw new RangeError(`Cannot parse ${what}: ${crossed}`);
  }
}

// thrown from a saxes handler to stop the scan at the first limit crossed
class XmlLimitCrossed extends Error {}

function countUpTo(text: string, char: string, max: number): number {
  let n = 0;
  for (
    let i = text.indexOf(char);
    i !== -1 && n < max;
    i = text.indexOf(char, i + 1)
  ) n++;
  return n;
}
