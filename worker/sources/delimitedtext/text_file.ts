/**
 * Splitting a delimited text file into records and naming its fields, as
 * QGIS 3.22's delimited text provider (`QgsDelimitedTextFile`) does. Pure
 * functions over the file's text; the provider reads the file.
 *
 * - Lines end at the first end-of-line character the file uses (`\n` or
 *   `\r`; `\r\n` when `\r` is followed by `\n`). `skipLines` counts raw
 *   lines; blank lines never make a record. A record's id is the line
 *   number (from 1) its first line has.
 * - `csv`: any character of `delimiter` ends a field (`\t` written as the
 *   two characters `\t`); a field may be quoted with any character of
 *   `quote` (closed by the same one); an `escape` character takes the next
 *   character as it is; an escape that is also the quote character escapes
 *   only itself, inside quotes. A quoted field may span lines. A quote
 *   inside an unquoted field, or text after a closing quote, makes the
 *   record invalid (it is skipped). Unquoted fields keep their spaces unless
 *   `trimFields`; a record's trailing empty field is dropped.
 * - `regexp`: the pattern separates fields (its capture groups are fields
 *   too); a pattern starting with `^` must match the whole record and its
 *   groups are the fields (a record it does not match is invalid).
 * - `whitespace`: `\s+` separates fields, empty fields dropped.
 * - Names: the header record's (trimmed, at most 200 characters); an empty
 *   name or one beyond the header is `field_<n>`; a name repeating an
 *   earlier one (case-insensitive), or `field_<n>` at another column, gets
 *   `_1`, `_2`, … appended.
 *
 * @module
 */
import { linearSource } from "../../expression/regex.ts";

/** How a file's records are split (the URI's file options). */
export interface TextFormat {
  /** `csv` (delimiter characters and quotes), `regexp` or `whitespace`. */
  type: "csv" | "regexp" | "whitespace";
  /** `csv`: the delimiter characters; `regexp`: the pattern. */
  delimiter: string;
  /** Quote characters (`csv`). */
  quote: string;
  /** Escape characters (`csv`). */
  escape: string;
  /** Whether the first record names the fields. */
  useHeader: boolean;
  /** Lines skipped before the header (or the first record). */
  skipLines: number;
  /** Trim spaces around unquoted fields. */
  trimFields: boolean;
  /** Drop empty unquoted fields (always for `whitespace`). */
  skipEmptyFields: boolean;
  /** Most fields read from a record (0: no limit). */
  maxFields: number;
}

/** One record of the file. */
export interface TextRecord {
  /** Line number (from 1) of the record's first line: QGIS's feature id. */
  line: number;
  /** The record's fields. */
  fields: string[];
}

/** A file split into records. */
export interface TextRecords {
  /** The field names (header and `field_<n>` for the columns beyond it). */
  names: string[];
  /** Valid, non-empty records in file order. */
  records: TextRecord[];
  /** Records skipped as malformed (quotes, an unmatched anchored pattern). */
  invalid: number[];
}

/** QGIS's default format: comma separated, `"` quotes and escapes, a header. */
export const DEFAULT_FORMAT: TextFormat = {
  type: "csv",
  delimiter: ",",
  quote: '"',
  escape: '"',
  useHeader: true,
  skipLines: 0,
  trimFields: false,
  skipEmptyFields: false,
  maxFields: 0,
};

const MAX_NAME_LENGTH = 200;
/** Most fields a record may have (a file of one line of commas made millions). */
export const MAX_FIELDS = 10_000;
const DEFAULT_NAME = /^field_(\d+)$/i;

/**
 * `\t` written as two characters, as QGIS's URIs carry a tab.
 *
 * @example
 * ```ts
 * import { decodeChars } from "./text_file.ts";
 * decodeChars("\\t;"); // "\t;"
 * ```
 */
export function decodeChars(chars: string): string {
  return chars.replaceAll("\\t", "\t");
}

/** Reads lines as QGIS does: the first end-of-line character found decides. */
class Lines {
  readonly #text: string;
  #pos = 0;
  #eol: string | null = null;
  /** Number of the last line read (from 1). */
  line = 0;

  constructor(text: string) {
    this.#text = text;
  }

  /** The next line, or null at the end. */
  next(skipBlank: boolean): string | null {
    const text = this.#text;
    while (this.#pos < text.length) {
      let end: number;
      if (this.#eol === null) {
        const n = text.indexOf("\n", this.#pos);
        const r = text.indexOf("\r", this.#pos);
        end = r >= 0 && (n < 0 || r < n) ? r : n;
        if (end >= 0) this.#eol = text[end];
      } else {
        end = text.indexOf(this.#eol, this.#pos);
      }
      let next: number;
      if (end < 0) {
        end = text.length;
        next = end;
      } else {
        next = end + 1;
        if (text[end] === "\r" && text[next] === "\n") next++;
      }
      const line = text.slice(this.#pos, end);
      this.#pos = next;
      this.line++;
      if (skipBlank && line === "") continue;
      return line;
    }
    return null;
  }
}

/** Builds records field by field, as QGIS's `appendField`. */
class Fields {
  readonly list: string[] = [];
  readonly #format: TextFormat;
  readonly #widest: { count: number };

  constructor(format: TextFormat, widest: { count: number }) {
    this.#format = format;
    this.#widest = widest;
  }

  get full(): boolean {
    return this.#format.maxFields > 0 &&
      this.list.length >= this.#format.maxFields;
  }

  add(field: string, quoted = false): void {
    if (this.full) return;
    if (this.list.length >= MAX_FIELDS) {
      throw new RangeError(
        `Cannot read delimited text: a record has more than ${MAX_FIELDS} fields`,
      );
    }
    if (quoted) this.list.push(field);
    else {
      if (this.#format.trimFields) field = field.trim();
      if (!(this.#format.skipEmptyFields && field === "")) {
        this.list.push(field);
      }
    }
    // The widest record counts only fields up to a non-empty one.
    if (this.list.length > this.#widest.count && field !== "") {
      this.#widest.count = this.list.length;
    }
  }
}

type Parser = (first: string, lines: Lines, fields: Fields) => boolean;

function isSpace(c: string): boolean {
  return /\s/.test(c);
}

function quotedParser(format: TextFormat): Parser {
  const delims = decodeChars(format.delimiter);
  const quotes = decodeChars(format.quote);
  const escapes = decodeChars(format.escape);
  const specials = [...new Set(quotes + escapes)];
  const splitter = delims.length === 1 ? delims : new RegExp(
    `[${[...delims].map((c) => c.replace(/[\\\]^-]/g, "\\$&")).join("")}]`,
  );
  return (first, lines, fields) => {
    // Without quote or escape characters a record is its line, split: the
    // loop below keeps unquoted fields as written and drops a last field
    // of only spaces.
    if (!specials.some((c) => first.includes(c))) {
      const parts = first.split(splitter);
      const last = parts.length - 1;
      for (let i = 0; i < last; i++) fields.add(parts[i]);
      if (/\S/.test(parts[last])) fields.add(parts[last]);
      return true;
    }
    let buffer = first;
    let field = "";
    let escaped = false;
    let quoted = false;
    let quoteChar = "";
    let started = false;
    let ended = false;
    let ok = true;
    let cp = 0;
    while (true) {
      if (cp >= buffer.length) {
        if (quoted || escaped) {
          const more = lines.next(false);
          if (more === null) {
            ok = false;
            break;
          }
          field += "\n";
          buffer = more;
          cp = 0;
          escaped = false;
          continue;
        }
        break;
      }
      const c = buffer[cp++];
      if (escaped) {
        field += c;
        escaped = false;
        continue;
      }
      let isQuote = false;
      let isEscape = false;
      const isDelim = delims.includes(c);
      if (!isDelim) {
        const isQuoteChar = quotes.includes(c);
        isQuote = quoted ? c === quoteChar : isQuoteChar;
        isEscape = escapes.includes(c);
        // An escape that is a quote escapes only its own quote, inside it.
        if (isQuoteChar && isEscape) isEscape = isQuote;
      }
      if (isQuote) {
        if (quoted) {
          if (isEscape && buffer[cp] === quoteChar) {
            field += quoteChar;
            cp++;
          } else {
            quoted = false;
            ended = true;
          }
        } else if (!started) {
          field = "";
          quoteChar = c;
          quoted = true;
          started = true;
        } else {
          return false;
        }
      } else if (isEscape) {
        escaped = true;
      } else if (quoted) {
        field += c;
      } else if (isDelim) {
        fields.add(field, ended);
        field = "";
        started = false;
        ended = false;
      } else if (isSpace(c)) {
        if (!ended) field += c;
      } else {
        if (ended) return false;
        field += c;
        started = true;
      }
    }
    if (started) fields.add(field, ended);
    return ok;
  };
}

function regexpParser(pattern: string): Parser {
  let re: RegExp;
  try {
    // the pattern as QGIS reads it, in a form V8's linear-time engine runs
    const linear = linearSource(pattern);
    if ("refused" in linear) {
      throw new SyntaxError(
        `Cannot read delimited text: the delimiter '${pattern}' uses ${linear.refused}, which is not supported`,
      );
    }
    re = new RegExp(linear.source, "g");
  } catch (error) {
    if (
      error instanceof SyntaxError &&
      error.message.startsWith("Cannot read delimited text")
    ) throw error;
    throw new SyntaxError(
      `Cannot read delimited text: the delimiter '${pattern}' is not a valid regular expression`,
      { cause: error },
    );
  }
  const groups = new RegExp(`${re.source}|`).exec("")!.length - 1;
  if (pattern.startsWith("^")) {
    if (groups === 0) {
      throw new SyntaxError(
        `Cannot read delimited text: the anchored delimiter '${pattern}' has no capture groups`,
      );
    }
    return (line, _lines, fields) => {
      re.lastIndex = 0;
      const m = re.exec(line);
      if (!m) return false;
      for (let i = 1; i < m.length; i++) fields.add(m[i] ?? "");
      return true;
    };
  }
  return (line, _lines, fields) => {
    let pos = 0;
    while (pos < line.length) {
      re.lastIndex = pos;
      let m = re.exec(line);
      // A match that would not advance is looked for one place on.
      if (m && m.index === pos && m[0].length === 0) {
        re.lastIndex = pos + 1;
        m = re.exec(line);
      }
      if (!m) {
        fields.add(line.slice(pos));
        break;
      }
      fields.add(line.slice(pos, m.index));
      for (let i = 1; i < m.length; i++) fields.add(m[i] ?? "");
      pos = m.index + m[0].length;
      if (fields.full) break;
    }
    return true;
  };
}

/**
 * Names the fields from the header record's names (QGIS's `setFieldNames`).
 *
 * @example
 * ```ts
 * import { fieldNames } from "./text_file.ts";
 * fieldNames(["a", "A", "", "b"], 5); // ["a", "A_1", "field_3", "b", "field_5"]
 * ```
 */
export function fieldNames(header: string[], count: number): string[] {
  const out: string[] = [];
  // lower-case sets and the next suffix per base: a header of n names costs
  // O(n), not O(n²) lookups (200,000 columns took 7.7 minutes)
  const taken = new Set<string>();
  let inHeader: Set<string> | null = null;
  const nextSuffix = new Map<string, number>();
  for (const raw of header) {
    const number = out.length + 1;
    let name = raw.trim().slice(0, MAX_NAME_LENGTH);
    let ok = true;
    const m = DEFAULT_NAME.exec(name);
    if (name === "") name = `field_${number}`;
    else if (m) ok = Number(m[1]) === number;
    else ok = !taken.has(name.toLowerCase());
    if (!ok) {
      inHeader ??= new Set(header.map((h) => h.toLowerCase()));
      const base = name;
      // suffixes below the last one found for this base are taken for good
      for (let suffix = nextSuffix.get(base) ?? 1;; suffix++) {
        name = `${base}_${suffix}`;
        const lower = name.toLowerCase();
        if (!taken.has(lower) && !inHeader.has(lower)) {
          nextSuffix.set(base, suffix + 1);
          break;
        }
      }
    }
    out.push(name);
    taken.add(name.toLowerCase());
  }
  for (let i = out.length + 1; i <= count; i++) out.push(`field_${i}`);
  return out;
}

/**
 * The column a URI's field name refers to: `field_<n>` is column n, else
 * the name looked up without regard to case; -1 when there is none.
 *
 * @example
 * ```ts
 * import { fieldIndex } from "./text_file.ts";
 * fieldIndex(["Name", "X"], "x"); // 1
 * fieldIndex([], "field_3"); // 2
 * ```
 */
export function fieldIndex(names: string[], name: string): number {
  const m = DEFAULT_NAME.exec(name);
  if (m) return Number(m[1]) - 1;
  const lower = name.toLowerCase();
  return names.findIndex((n) => n.toLowerCase() === lower);
}

/**
 * Splits a file's text into named records.
 *
 * @throws {SyntaxError} for an empty `csv` delimiter or a `regexp` that is
 * not a valid pattern (or is anchored without groups).
 * @example
 * ```ts
 * import { DEFAULT_FORMAT, readRecords } from "./text_file.ts";
 * const r = readRecords('name,x\n"a, b",1\n', DEFAULT_FORMAT);
 * r.names; // ["name", "x"]
 * r.records; // [{ line: 2, fields: ["a, b", "1"] }]
 * ```
 */
export function readRecords(text: string, format: TextFormat): TextRecords {
  let parse: Parser;
  if (format.type === "csv") {
    if (decodeChars(format.delimiter) === "") {
      throw new SyntaxError(
        "Cannot read delimited text: the delimiter is empty",
      );
    }
    parse = quotedParser(format);
  } else if (format.type === "whitespace") {
    parse = regexpParser("\\s+");
    format = { ...format, skipEmptyFields: true };
  } else {
    if (format.delimiter === "") {
      throw new SyntaxError(
        "Cannot read delimited text: the regular expression is empty",
      );
    }
    parse = regexpParser(format.delimiter);
  }
  const lines = new Lines(text);
  for (let i = 0; i < format.skipLines; i++) {
    if (lines.next(false) === null) break;
  }
  const widest = { count: 0 };
  const next = (): TextRecord | "invalid" | null => {
    const first = lines.next(true);
    if (first === null) return null;
    const line = lines.line;
    const fields = new Fields(format, widest);
    if (!parse(first, lines, fields)) return "invalid";
    return { line, fields: fields.list };
  };
  let header: string[] = [];
  const invalid: number[] = [];
  if (format.useHeader) {
    const h = next();
    if (h !== null && h !== "invalid") header = h.fields;
  }
  const records: TextRecord[] = [];
  while (true) {
    const before = lines.line + 1;
    const r = next();
    if (r === null) break;
    if (r === "invalid") {
      invalid.push(before);
      continue;
    }
    // Records of only empty fields (spreadsheets add them) are no records.
    if (r.fields.every((f) => f === "")) continue;
    records.push(r);
  }
  return { names: fieldNames(header, widest.count), records, invalid };
}
