/**
 * HTML label text (`allowHtml="1"` in a label's text style, QGIS 3.14+) as
 * QGIS 3.22 reads it: `QgsTextDocument::fromHtml` hands the text to Qt's
 * `QTextDocument` and keeps its blocks (one line each; empty ones
 * dropped) and their runs of one character format (`QgsTextFragment`).
 * Of a run's format 3.22 draws the text colour, underline, strike-through
 * and overline only: bold, italic, sizes, families and raised or lowered
 * text are read by Qt but left (3.22's `updateFontForFormat` leaves
 * everything that changes the font's metrics), and a `<br>` is a line
 * separator inside its block, drawn as nothing — yet a change of any of
 * them still ends a run, and runs are measured apart (no kerning across).
 *
 * The markup is parsed by htmlparser2 (forgiving, as Qt's parser is, though
 * broken markup may come out otherwise than Qt makes it); text from data
 * is never run, whatever it holds.
 *
 * @module
 */
import { Parser } from "htmlparser2";
import { parseColor, type Rgba } from "../style/props.ts";

/** A run of text of one format. */
export interface HtmlFragment {
  /** The run's text (whitespace collapsed as Qt collapses it). */
  text: string;
  /** Its colour; null: the label's. */
  color: Rgba | null;
  /** Underlined. */
  underline: boolean;
  /** Struck through. */
  strikeOut: boolean;
  /** Overlined. */
  overline: boolean;
}

/** One line: its runs, left to right. */
export type HtmlBlock = HtmlFragment[];

/** The format an element sets (undefined: inherited). */
interface Format {
  color?: Rgba | null;
  underline?: boolean;
  strikeOut?: boolean;
  overline?: boolean;
  /** Qt format properties 3.22 leaves (bold, sizes…): they split runs. */
  other?: Record<string, string>;
}

interface Open {
  name: string;
  pre: boolean;
  hidden: boolean;
  /** The format in force inside (this element's over its parents'). */
  fragment: HtmlFragment;
  /** What makes Qt's character format of text inside (runs merge by it). */
  key: string;
  other: Record<string, string>;
}

// the elements Qt's parser starts a block for
const BLOCKS = new Set([
  "address",
  "blockquote",
  "center",
  "caption",
  "dd",
  "div",
  "dl",
  "dt",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "hr",
  "li",
  "ol",
  "p",
  "pre",
  "table",
  "td",
  "th",
  "tr",
  "ul",
]);

// whose text Qt does not show
const HIDDEN = new Set(["script", "style", "title", "head"]);

// the formats Qt's elements set that 3.22 does not draw (yet split runs)
const OTHER: Record<string, [string, string]> = {
  b: ["font-weight", "bold"],
  strong: ["font-weight", "bold"],
  th: ["font-weight", "bold"],
  i: ["font-style", "italic"],
  em: ["font-style", "italic"],
  cite: ["font-style", "italic"],
  var: ["font-style", "italic"],
  dfn: ["font-style", "italic"],
  code: ["font-family", "monospace"],
  tt: ["font-family", "monospace"],
  kbd: ["font-family", "monospace"],
  samp: ["font-family", "monospace"],
  pre: ["font-family", "monospace"],
  big: ["font-size", "big"],
  small: ["font-size", "small"],
  sup: ["vertical-align", "super"],
  sub: ["vertical-align", "sub"],
};

// Qt's link colour (QPalette::Link) and underline
const LINK: Rgba = [0, 0, 255, 255];

/**
 * The most characters of markup read from one label: htmlparser2 keeps
 * its open elements at the front of an array, so deep nesting (a field of
 * `<b>` repeated) costs the square of the text's length. 10,000 cost under
 * a tenth of a second at worst; a longer text is read to there.
 */
export const MAX_HTML_LENGTH = 10_000;

/**
 * A CSS or `<font color>` colour as Qt reads it: a name, `#rgb`,
 * `#rrggbb`, `#aarrggbb`, `rgb()`, `rgba()` or `transparent`; null when
 * Qt finds none.
 */
function cssColor(value: string): Rgba | null {
  const v = value.trim().toLowerCase();
  const fn = /^(rgba?)\(([^)]*)\)$/.exec(v);
  if (fn) {
    const parts = fn[2].split(",").map((p) => p.trim());
    if (parts.length !== (fn[1] === "rgba" ? 4 : 3)) return null;
    const n = parts.map(Number);
    if (n.some((x) => !Number.isFinite(x))) return null;
    const c = (x: number) => Math.max(0, Math.min(255, Math.round(x)));
    const a = fn[1] === "rgba"
      ? Math.max(0, Math.min(255, Math.floor(n[3] * 255)))
      : 255;
    return [c(n[0]), c(n[1]), c(n[2]), a];
  }
  if (
    v.startsWith("#") && !/^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/.test(v)
  ) {
    return null;
  }
  if (/^\d/.test(v)) return null;
  const none: Rgba = [-1, -1, -1, -1];
  const c = parseColor(v, none);
  return c === none ? null : c;
}

/** The declarations of a `style` attribute, by property. */
function declarations(style: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of style.split(";")) {
    const at = d.indexOf(":");
    if (at < 0) continue;
    out.set(d.slice(0, at).trim().toLowerCase(), d.slice(at + 1).trim());
  }
  return out;
}

/** What an element sets. */
function formatOf(name: string, attribs: Record<string, string>): Format {
  const f: Format = {};
  const other: Record<string, string> = {};
  const set = (k: string, v: string) => other[k] = v;
  if (OTHER[name]) set(...OTHER[name]);
  if (/^h[1-6]$/.test(name)) {
    set("font-weight", "bold");
    set("font-size", name);
  }
  switch (name) {
    case "u":
      f.underline = true;
      break;
    case "s":
      f.strikeOut = true;
      break;
    case "a":
      if ("href" in attribs) {
        f.color = LINK;
        f.underline = true;
        set("anchor", attribs.href);
      }
      break;
    case "font":
      if ("color" in attribs) f.color = cssColor(attribs.color) ?? undefined;
      if ("size" in attribs) set("font-size", attribs.size);
      if ("face" in attribs) set("font-family", attribs.face);
      break;
  }
  if ("style" in attribs) {
    for (const [k, v] of declarations(attribs.style)) {
      if (k === "color") {
        const c = cssColor(v);
        if (c) f.color = c;
      } else if (k === "text-decoration") {
        const words = v.toLowerCase().split(/\s+/);
        if (words.includes("none")) {
          f.underline = f.strikeOut = f.overline = false;
        }
        if (words.includes("underline")) f.underline = true;
        if (words.includes("line-through")) f.strikeOut = true;
        if (words.includes("overline")) f.overline = true;
      } else if (
        k === "font-weight" || k === "font-style" || k === "font-size" ||
        k === "font-family" || k === "vertical-align" || k === "font"
      ) set(k, v);
    }
  }
  if (Object.keys(other).length) f.other = other;
  return f;
}

/**
 * The blocks and runs of an HTML label text, as QGIS 3.22's
 * `QgsTextDocument::fromHtml` keeps them.
 *
 * @example
 * ```ts
 * import { parseLabelHtml } from "./html.ts";
 * const [line] = parseLabelHtml('<b>Bern</b> <span style="color:red">12</span>');
 * line.map((f) => f.text); // ["Bern", " ", "12"]
 * line[2].color; // [255, 0, 0, 255]
 * ```
 */
export function parseLabelHtml(html: string): HtmlBlock[] {
  const blocks: HtmlBlock[] = [];
  let block: HtmlBlock = [];
  let blockKeys: string[] = [];
  let lineStart = true;
  const stack: Open[] = [];
  let endsWithSpace = false;
  const endBlock = () => {
    if (block.length) blocks.push(block);
    block = [];
    blockKeys = [];
    lineStart = true;
  };
  const base: Open = {
    name: "",
    pre: false,
    hidden: false,
    fragment: {
      text: "",
      color: null,
      underline: false,
      strikeOut: false,
      overline: false,
    },
    key: "",
    other: {},
  };
  // each element's format worked out once, when it opens: text in deep
  // nesting costs no walk of the stack
  const inside = (parent: Open, name: string, f: Format): Open => {
    const p = parent.fragment;
    const fragment: HtmlFragment = {
      text: "",
      color: f.color !== undefined ? f.color : p.color,
      underline: f.underline ?? p.underline,
      strikeOut: f.strikeOut ?? p.strikeOut,
      overline: f.overline ?? p.overline,
    };
    const other = f.other ? { ...parent.other, ...f.other } : parent.other;
    const key = f.color === undefined && f.underline === undefined &&
        f.strikeOut === undefined && f.overline === undefined && !f.other
      ? parent.key
      : JSON.stringify([
        fragment.color,
        fragment.underline,
        fragment.strikeOut,
        fragment.overline,
        Object.entries(other).sort(),
      ]);
    return {
      name,
      pre: name === "pre" || parent.pre,
      hidden: HIDDEN.has(name) || parent.hidden,
      fragment,
      key,
      other,
    };
  };
  const current = (): [HtmlFragment, string] => {
    const top = stack[stack.length - 1] ?? base;
    return [{ ...top.fragment }, top.key];
  };
  const append = (text: string) => {
    if (text === "") return;
    const [frag, key] = current();
    const last = block.length - 1;
    if (last >= 0 && blockKeys[last] === key) {
      block[last].text += text;
    } else {
      frag.text = text;
      block.push(frag);
      blockKeys.push(key);
    }
    lineStart = false;
    endsWithSpace = text.endsWith(" ");
  };
  const parser = new Parser({
    onopentag(name, attribs) {
      if (BLOCKS.has(name)) endBlock();
      const parent = stack[stack.length - 1] ?? base;
      stack.push(inside(parent, name, formatOf(name, attribs)));
      // a line separator inside the block, drawn as nothing: the next
      // text starts its line
      if (name === "br") lineStart = true;
    },
    onclosetag(name) {
      // htmlparser2 closes what was left open inside, implied or not
      for (let i = stack.length - 1; i >= 0; i--) {
        if (stack[i].name === name) {
          stack.length = i;
          break;
        }
      }
      if (BLOCKS.has(name)) endBlock();
    },
    ontext(data) {
      const top = stack[stack.length - 1];
      if (top?.hidden) return;
      if (top?.pre) {
        const lines = data.split(/\r\n|\n|\r/);
        lines.forEach((l, i) => {
          if (i > 0) endBlock();
          append(l);
        });
        return;
      }
      let text = data.replace(/[ \t\n\r\f]+/g, " ");
      if ((lineStart || endsWithSpace) && text.startsWith(" ")) {
        text = text.slice(1);
      }
      append(text);
    },
  }, { decodeEntities: true });
  parser.write(
    html.length > MAX_HTML_LENGTH ? html.slice(0, MAX_HTML_LENGTH) : html,
  );
  parser.end();
  endBlock();
  return blocks;
}
