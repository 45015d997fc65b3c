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
 * Most a quantifier's body may be repeated in V8's linear-time engine, which
 * copies the body of a counted repetition (`x{3}` is `xxx`): a count over
 * it, or nested counts multiplying past it (`(a{4}){5}`; `*` counts 1, `+`
 * 2, `{m,}` m + 1, `{m,n}` n), make a pattern that engine refuses, and
 * V8's backtracking engine then runs it without a bound: `(.*a){25}x`
 * over 30,000 characters never returns. (V8's `kMaxReplicationFactor`.)
 */
const MAX_REPLICATION = 16;

/**
 * Largest count of a one-character repetition (`\d{20}`, `[a-z]{2,40}`)
 * written out as copies, and largest pattern that makes.
 */
const MAX_EXPANDED_COUNT = 1000;
const MAX_EXPANDED_LENGTH = 256 * 1024;

interface GroupFrame {
  /** Largest product of counts inside the group so far. */
  inner: number;
  /** Where the group's text starts in the output. */
  start: number;
}

/**
 * The pattern (already without `u` syntax) with every counted repetition of
 * one character, escape or class that V8's linear-time engine could not
 * take written out as copies (`\d{20}` → twenty `\d`), or the repetition
 * that is left beyond that engine (a group repeated more than 16 times,
 * nested counts multiplying past 16): the one construct, besides
 * backreferences and lookarounds, that leaves a pattern to V8's unbounded
 * backtracking.
 */
function linearize(
  source: string,
): { source: string } | { refused: string } {
  let out = "";
  const stack: GroupFrame[] = [{ inner: 1, start: 0 }];
  // the last atom: where its text starts in `out`, whether it is one
  // character (a literal, an escape, a class), the product inside it
  let atomStart = -1;
  let atomSingle = false;
  let atomInner = 1;
  const quantifier = /^(?:[*+?]|\{(\d+)(,(\d*))?\})/;
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    const q = atomStart >= 0 ? quantifier.exec(source.slice(i, i + 24)) : null;
    if (q !== null) {
      let min: number, max: number;
      if (q[0] === "*") [min, max] = [0, Infinity];
      else if (q[0] === "+") [min, max] = [1, Infinity];
      else if (q[0] === "?") [min, max] = [0, 1];
      else {
        min = Number(q[1]);
        max = q[2] === undefined ? min : q[3] === "" ? Infinity : Number(q[3]);
      }
      const lazy = source[i + q[0].length] === "?";
      const length = q[0].length + (lazy ? 1 : 0);
      const factor = max === Infinity ? min + 1 : max;
      const frame = stack[stack.length - 1];
      const tooMany = min > MAX_REPLICATION ||
        (max !== Infinity && max > MAX_REPLICATION) ||
        factor * atomInner > MAX_REPLICATION;
      if (tooMany && atomSingle && max >= min) {
        if (
          max !== Infinity && max > MAX_EXPANDED_COUNT ||
          min > MAX_EXPANDED_COUNT
        ) {
          return {
            refused: `a repetition ${q[0]} of more than ${MAX_EXPANDED_COUNT}`,
          };
        }
        const atom = out.slice(atomStart);
        let text = atom.repeat(min);
        if (max === Infinity) text += atom + (lazy ? "*?" : "*");
        else {
          const optional = lazy ? ")??" : ")?";
          text += `(?:${atom}`.repeat(max - min) + optional.repeat(max - min);
        }
        out = out.slice(0, atomStart) + text;
        if (out.length > MAX_EXPANDED_LENGTH) {
          return {
            refused:
              `repetitions that written out make more than ${MAX_EXPANDED_LENGTH} characters`,
          };
        }
      } else if (tooMany) {
        return {
          refused: `a repetition ${q[0]} of a group${
            atomInner > 1 ? " holding repetitions" : ""
          } beyond what runs in linear time (counts multiplying to at most ${MAX_REPLICATION})`,
        };
      } else {
        out += source.slice(i, i + length);
        frame.inner = Math.max(frame.inner, factor * atomInner);
      }
      i += length;
      atomStart = -1;
      continue;
    }
    if (c === "\\") {
      atomStart = out.length;
      atomSingle = true;
      atomInner = 1;
      // \uXXXX, \xXX, \cX and the rest: one character or class
      const m = /^\\(?:u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[a-zA-Z]|[\s\S])/.exec(
        source.slice(i, i + 6),
      )!;
      // \b, \B: assertions, which V8 does not repeat either way
      out += m[0];
      i += m[0].length;
      continue;
    }
    if (c === "[") {
      // without `u`, `[]` is an empty class and `[^]` any character
      let j = i + 1;
      while (j < source.length && source[j] !== "]") {
        j += source[j] === "\\" ? 2 : 1;
      }
      atomStart = out.length;
      atomSingle = true;
      atomInner = 1;
      out += source.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === "(") {
      const m = /^\((?:\?(?::|<[^>=!]*>|[=!]|<[=!]))?/.exec(
        source.slice(i, i + 64),
      )!;
      stack.push({ inner: 1, start: out.length });
      out += m[0];
      i += m[0].length;
      atomStart = -1;
      continue;
    }
    if (c === ")" && stack.length > 1) {
      const frame = stack.pop()!;
      out += c;
      i++;
      atomStart = frame.start;
      atomSingle = false;
      atomInner = frame.inner;
      const parent = stack[stack.length - 1];
      parent.inner = Math.max(parent.inner, frame.inner);
      continue;
    }
    // a literal character, `.`; `|`, `^` and `$` are repeated by nothing
    atomStart = c === "|" || c === "^" || c === "$" ? -1 : out.length;
    atomSingle = true;
    atomInner = 1;
    out += c;
    i++;
  }
  return { source: out };
}

/**
 * A QGIS regular expression (PCRE as QRegularExpression reads it) as the
 * source of a JavaScript pattern without flags that V8's linear-time engine
 * can run, or the construct it cannot (a backreference, a lookaround, a
 * group counted past 16). Throws a `SyntaxError` for a malformed `\p{…}`
 * or `\u{…}`.
 *
 * @example
 * ```ts
 * import { linearSource } from "./regex.ts";
 * linearSource("\\d{3}"); // { source: "\\d\\d\\d" }
 * linearSource("(a|b){20}"); // { refused: "a repetition {20} of a group …" }
 * ```
 */
export function linearSource(
  pattern: string,
): { source: string } | { refused: string } {
  const translated = translate(pattern);
  return "refused" in translated ? translated : linearize(translated.source);
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
    translated = linearSource(pattern);
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
