/**
 * Regular expressions of QGIS expressions (`regexp_match`, `regexp_replace`,
 * `regexp_substr`, `~`), compiled so that a job's pattern cannot stall the
 * worker.
 *
 * The worker runs with V8's
 * `--enable-experimental-regexp-engine-on-excessive-backtracks`: a pattern
 * that backtracks too much is run again by V8's linear-time engine. That
 * engine takes no `u` (or `v`) flag and cannot run backreferences or
 * lookarounds; with any of those `(a+)+$` on 40 `a`s and a `!` never
 * returns. So patterns are compiled without `u` — Unicode property escapes
 * (`\p{L}`) become classes of the code points of the Basic Multilingual
 * Plane they match, `\u{…}` a code unit or a surrogate pair — and
 * backreferences and lookarounds are refused with an error naming them.
 *
 * @module
 */
import { LruCache } from "../cache/lru.ts";
import { ExpressionEvalError } from "./errors.ts";

// compiled patterns by flags and text, bounded by the patterns' lengths
const compiled = new LruCache<string, RegExp>({
  maxEntries: 1000,
  maxBytes: 4 * 1024 * 1024,
  sizeOf: (key) => 64 + 10 * key.length,
});

// `\p{…}` / `\P{…}` as class contents (ranges of BMP code units)
const propertyRanges = new Map<string, string>();

const hex4 = (n: number) => `\\u${n.toString(16).padStart(4, "0")}`;

// the BMP without surrogates, as two runs of code units (made when a
// pattern first names a property)
let bmp: [number, string][] | undefined;

function bmpRuns(): [number, string][] {
  bmp ??= [[0, 0xd800], [0xe000, 0x10000]].map(([from, to]) => {
    let text = "";
    for (let c = from; c < to; c++) text += String.fromCharCode(c);
    return [from, text];
  });
  return bmp;
}

function rangesOf(property: string, negated: boolean): string {
  const key = `${negated ? "P" : "p"}${property}`;
  let out = propertyRanges.get(key);
  if (out !== undefined) return out;
  const re = new RegExp(`\\${negated ? "P" : "p"}{${property}}+`, "gu");
  const ranges: [number, number][] = [];
  for (const [from, text] of bmpRuns()) {
    for (const m of text.matchAll(re)) {
      ranges.push([from + m.index, from + m.index + m[0].length - 1]);
    }
  }
  // a lone surrogate (half of an astral character, without `u`) is no
  // code point of a property, so it matches `\P{…}`
  if (negated) ranges.push([0xd800, 0xdfff]);
  out = ranges.map(([a, b]) => a === b ? hex4(a) : `${hex4(a)}-${hex4(b)}`)
    .join("");
  if (propertyRanges.size < 256) propertyRanges.set(key, out);
  return out;
}

/**
 * The pattern rewritten for a compilation without the `u` flag, or the
 * construct that V8's linear-time engine cannot run.
 */
function translate(pattern: string): { source: string } | { refused: string } {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      const n = pattern[i + 1] ?? "";
      if ((n === "p" || n === "P") && pattern[i + 2] === "{") {
        const end = pattern.indexOf("}", i + 3);
        if (end < 0) throw new SyntaxError("unterminated property escape");
        const ranges = rangesOf(pattern.slice(i + 3, end), n === "P");
        // an empty class matches nothing ([] does the same without u)
        out += inClass ? ranges : `[${ranges}]`;
        i = end;
        continue;
      }
      if (n === "u" && pattern[i + 2] === "{") {
        const end = pattern.indexOf("}", i + 3);
        const cp = parseInt(pattern.slice(i + 3, end), 16);
        if (end < 0 || !(cp >= 0 && cp <= 0x10ffff)) {
          throw new SyntaxError("bad code point escape");
        }
        const units = String.fromCodePoint(cp);
        const escaped = Array.from(
          { length: units.length },
          (_, k) => hex4(units.charCodeAt(k)),
        ).join("");
        out += units.length === 2 && !inClass ? `(?:${escaped})` : escaped;
        i = end;
        continue;
      }
      if (
        !inClass && (/[1-9]/.test(n) || (n === "k" && pattern[i + 2] === "<"))
      ) {
        return { refused: "a backreference" };
      }
      out += c + n;
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
    } else if (c === "[") inClass = true;
    else if (c === "(" && pattern[i + 1] === "?") {
      const t = pattern.slice(i + 2, i + 4);
      if (t[0] === "=" || t[0] === "!" || t === "<=" || t === "<!") {
        return { refused: "a lookaround" };
      }
    }
    out += c;
  }
  return { source: out };
}

/**
 * Compiles an expression's regular expression (`flags` among `g`, `i`, `m`,
 * `s`), cached; throws an {@link ExpressionEvalError} naming the cause for
 * an invalid pattern or one V8's linear-time engine cannot run.
 *
 * @example
 * ```ts
 * import { compileRegExp } from "./regex.ts";
 * compileRegExp("^\\p{Lu}").test("Éa"); // true
 * compileRegExp("^(a+)+$").test("a".repeat(8)); // true
 * ```
 */
export function compileRegExp(pattern: string, flags = ""): RegExp {
  const key = `${flags}/${pattern}`;
  const hit = compiled.get(key);
  if (hit) {
    hit.lastIndex = 0;
    return hit;
  }
  const quoted = pattern.length > 200 ? `${pattern.slice(0, 200)}…` : pattern;
  let translated;
  let re: RegExp;
  try {
    translated = translate(pattern);
    if ("refused" in translated) {
      throw new ExpressionEvalError(
        `Cannot evaluate regular expression '${quoted}': it uses ${translated.refused}, which is not supported (it can backtrack for ever)`,
      );
    }
    re = new RegExp(translated.source, flags);
  } catch (error) {
    if (error instanceof ExpressionEvalError) throw error;
    throw new ExpressionEvalError(
      `Cannot evaluate regular expression '${quoted}': ${
        // V8's message quotes the pattern again: its cause only
        (error as Error).message.split(": ").pop()}`,
    );
  }
  compiled.set(key, re);
  return re;
}
