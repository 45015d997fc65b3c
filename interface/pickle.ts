/**
 * A small Python pickle writer and reader, just enough for `JobResult`:
 * an unchanged Python client (`pickle.loads`) receives a
 * `qgis_server_light.interface.job.common.output.JobResult`, and we read
 * what the Python worker publishes. Protocol 3 (Python 3's bytes opcodes).
 *
 * @module
 */

/** A Python object to pickle: class by module and name, with its `__dict__`. */
export interface PythonObject {
  /** Marker. */
  readonly __python__: true;
  /** Module of the class, e.g. `qgis_server_light.interface.job.common.output`. */
  module: string;
  /** Class name, e.g. `JobResult`. */
  name: string;
  /** Instance attributes. */
  state: Record<string, PickleValue>;
}

/** Text to pickle as Python `bytes` holding its UTF-8 (see {@link utf8Bytes}). */
export interface Utf8Bytes {
  /** Marker. */
  readonly __utf8__: true;
  /** The text. */
  text: string;
}

/** Values the writer can pickle. */
export type PickleValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | Utf8Bytes
  | PickleValue[]
  | PythonObject
  | { [key: string]: PickleValue };

/**
 * Text pickled as Python `bytes` of its UTF-8, encoded straight into the
 * pickle: the same bytes as pickling `new TextEncoder().encode(text)`,
 * without that array (a QueryCollection's JSON is tens of kilobytes).
 *
 * @example
 * ```ts
 * import { pickle, unpickle, utf8Bytes } from "./pickle.ts";
 * unpickle(pickle(utf8Bytes("é"))); // Uint8Array [0xc3, 0xa9]
 * ```
 */
export function utf8Bytes(text: string): Utf8Bytes {
  return { __utf8__: true, text };
}

/**
 * Builds a {@link PythonObject}.
 *
 * @example
 * ```ts
 * import { pythonObject } from "./pickle.ts";
 * pythonObject("m", "C", { a: 1 }).name; // "C"
 * ```
 */
export function pythonObject(
  module: string,
  name: string,
  state: Record<string, PickleValue>,
): PythonObject {
  return { __python__: true, module, name, state };
}

function isUtf8Bytes(v: unknown): v is Utf8Bytes {
  return typeof v === "object" && v !== null &&
    (v as Utf8Bytes).__utf8__ === true;
}

function isPythonObject(v: unknown): v is PythonObject {
  return typeof v === "object" && v !== null &&
    (v as PythonObject).__python__ === true;
}

// One growing array, strings encoded straight into it: a part per opcode
// run and per string (an ArrayBuffer each) cost more than the values for
// the small results most jobs send.
class Writer {
  #buf = new Uint8Array(512);
  #at = 0;
  #room(n: number): void {
    const need = this.#at + n;
    if (need <= this.#buf.length) return;
    // a large value (a PNG) gets its size and some slack, not a doubling
    const next = new Uint8Array(Math.max(this.#buf.length * 2, need + 1024));
    next.set(this.#buf.subarray(0, this.#at));
    this.#buf = next;
  }
  byte(b: number): void {
    this.#room(1);
    this.#buf[this.#at++] = b;
  }
  bytes(b: Uint8Array): void {
    this.#room(b.length);
    this.#buf.set(b, this.#at);
    this.#at += b.length;
  }
  u32(n: number): void {
    this.#room(4);
    const buf = this.#buf;
    buf[this.#at++] = n & 0xff;
    buf[this.#at++] = (n >>> 8) & 0xff;
    buf[this.#at++] = (n >>> 16) & 0xff;
    buf[this.#at++] = (n >>> 24) & 0xff;
  }
  /** BINUNICODE: the opcode, the UTF-8 length, the UTF-8 bytes. */
  unicode(v: string): void {
    // at most 3 bytes per UTF-16 unit
    this.#room(5 + v.length * 3);
    const head = this.#at;
    const { written } = enc.encodeInto(
      v,
      this.#buf.subarray(head + 5),
    );
    this.#buf[head] = 0x58;
    this.#at = head + 1;
    this.u32(written);
    this.#at += written;
  }
  /** BINBYTES of a text's UTF-8: the opcode, the length, the bytes. */
  utf8(v: string): void {
    // room for the text as Latin-1 and some slack (most text here is
    // ASCII); the rest, if any, at up to 3 bytes per UTF-16 unit
    this.#room(5 + v.length + (v.length >> 3) + 16);
    const head = this.#at;
    let { read, written } = enc.encodeInto(
      v,
      this.#buf.subarray(head + 5),
    );
    while (read < v.length) {
      const rest = v.substring(read);
      this.#at = head + 5 + written;
      this.#room(rest.length * 3);
      const more = enc.encodeInto(rest, this.#buf.subarray(this.#at));
      read += more.read;
      written += more.written;
    }
    this.#buf[head] = 0x42;
    this.#at = head + 1;
    this.u32(written);
    this.#at += written;
  }
  result(): Uint8Array {
    const at = this.#at;
    // a view while little is left over, else a copy of the bytes only
    return this.#buf.length - at <= 4096
      ? this.#buf.subarray(0, at)
      : this.#buf.slice(0, at);
  }
}

const enc = new TextEncoder();

function writeValue(w: Writer, v: PickleValue): void {
  if (v === null || v === undefined) return w.byte(0x4e); // N
  if (v === true) return w.byte(0x88);
  if (v === false) return w.byte(0x89);
  if (typeof v === "number") {
    if (Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff) {
      w.byte(0x4a); // BININT
      w.u32(v >>> 0);
      return;
    }
    if (Number.isInteger(v) && Number.isSafeInteger(v)) {
      return writeValue(w, BigInt(v));
    }
    w.byte(0x47); // BINFLOAT, big-endian
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v, false);
    w.bytes(b);
    return;
  }
  if (typeof v === "bigint") {
    // LONG1: little-endian two's complement
    const bytes: number[] = [];
    let x = v;
    while (true) {
      const byte = Number(x & 0xffn);
      bytes.push(byte);
      x >>= 8n;
      if ((x === 0n && !(byte & 0x80)) || (x === -1n && (byte & 0x80))) break;
    }
    w.byte(0x8a);
    w.byte(bytes.length);
    for (const b of bytes) w.byte(b);
    return;
  }
  if (typeof v === "string") return w.unicode(v); // BINUNICODE
  if (v instanceof Uint8Array) {
    w.byte(0x42); // BINBYTES
    w.u32(v.length);
    w.bytes(v);
    return;
  }
  if (isUtf8Bytes(v)) return w.utf8(v.text); // BINBYTES
  if (Array.isArray(v)) {
    w.byte(0x5d); // EMPTY_LIST
    if (v.length) {
      w.byte(0x28); // MARK
      for (const item of v) writeValue(w, item);
      w.byte(0x65); // APPENDS
    }
    return;
  }
  if (isPythonObject(v)) {
    w.byte(0x63); // GLOBAL
    w.bytes(enc.encode(`${v.module}\n${v.name}\n`));
    w.byte(0x29); // EMPTY_TUPLE
    w.byte(0x81); // NEWOBJ: cls.__new__(cls), no __init__
    writeDict(w, v.state);
    w.byte(0x62); // BUILD: __dict__.update(state)
    return;
  }
  writeDict(w, v as Record<string, PickleValue>);
}

function writeDict(w: Writer, d: Record<string, PickleValue>): void {
  w.byte(0x7d); // EMPTY_DICT
  const keys = Object.keys(d);
  if (!keys.length) return;
  w.byte(0x28);
  for (const k of keys) {
    writeValue(w, k);
    writeValue(w, d[k]);
  }
  w.byte(0x75); // SETITEMS
}

/**
 * Pickles a value (protocol 3).
 *
 * @example
 * ```ts
 * import { pickle, unpickle } from "./pickle.ts";
 * unpickle(pickle({ a: [1, "x", null] })); // { a: [1, "x", null] }
 * ```
 */
export function pickle(value: PickleValue): Uint8Array {
  const w = new Writer();
  w.byte(0x80);
  w.byte(3);
  writeValue(w, value);
  w.byte(0x2e); // STOP
  return w.result();
}

const MARK = Symbol("mark");

/**
 * Unpickles what {@link pickle} and Python's `pickle.dumps` of plain data and
 * dataclass instances produce. Class instances come back as
 * {@link PythonObject}. Refuses opcodes it does not know (it never calls code).
 *
 * @throws {SyntaxError} on data it cannot read.
 * @example
 * ```ts
 * import { pickle, unpickle } from "./pickle.ts";
 * unpickle(pickle("hi")); // "hi"
 * ```
 */
export function unpickle(data: Uint8Array): unknown {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const dec = new TextDecoder();
  const stack: unknown[] = [];
  const memo = new Map<number, unknown>();
  let i = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`Cannot unpickle: ${what} at byte ${i}`);
  };
  const popMark = (): unknown[] => {
    const at = stack.lastIndexOf(MARK);
    if (at < 0) fail("no mark");
    const items = stack.splice(at);
    items.shift();
    return items;
  };
  const line = (): string => {
    const end = data.indexOf(0x0a, i);
    if (end < 0) fail("unterminated line");
    const s = dec.decode(data.subarray(i, end));
    i = end + 1;
    return s;
  };
  const take = (n: number): Uint8Array => {
    if (i + n > data.length) fail("truncated data");
    const b = data.subarray(i, i + n);
    i += n;
    return b;
  };
  while (i < data.length) {
    const op = data[i++];
    switch (op) {
      case 0x80: // PROTO
        i++;
        break;
      case 0x95: // FRAME
        i += 8;
        break;
      case 0x2e: // STOP
        return stack.pop();
      case 0x4e:
        stack.push(null);
        break;
      case 0x88:
        stack.push(true);
        break;
      case 0x89:
        stack.push(false);
        break;
      case 0x4a:
        stack.push(view.getInt32(i, true));
        i += 4;
        break;
      case 0x4b:
        stack.push(data[i++]);
        break;
      case 0x4d:
        stack.push(view.getUint16(i, true));
        i += 2;
        break;
      case 0x8a: { // LONG1
        const n = data[i++];
        const b = take(n);
        let x = 0n;
        for (let k = n - 1; k >= 0; k--) x = (x << 8n) | BigInt(b[k]);
        if (n && b[n - 1] & 0x80) x -= 1n << BigInt(8 * n);
        stack.push(Number.isSafeInteger(Number(x)) ? Number(x) : x);
        break;
      }
      case 0x47:
        stack.push(view.getFloat64(i, false));
        i += 8;
        break;
      case 0x58: { // BINUNICODE
        const n = view.getUint32(i, true);
        i += 4;
        stack.push(dec.decode(take(n)));
        break;
      }
      case 0x8c: { // SHORT_BINUNICODE
        const n = data[i++];
        stack.push(dec.decode(take(n)));
        break;
      }
      case 0x8d: { // BINUNICODE8
        const n = Number(view.getBigUint64(i, true));
        i += 8;
        stack.push(dec.decode(take(n)));
        break;
      }
      case 0x42: { // BINBYTES
        const n = view.getUint32(i, true);
        i += 4;
        stack.push(take(n).slice());
        break;
      }
      case 0x43: { // SHORT_BINBYTES
        const n = data[i++];
        stack.push(take(n).slice());
        break;
      }
      case 0x8e: { // BINBYTES8
        const n = Number(view.getBigUint64(i, true));
        i += 8;
        stack.push(take(n).slice());
        break;
      }
      case 0x5d:
        stack.push([]);
        break;
      case 0x7d:
        stack.push({});
        break;
      case 0x29:
        stack.push([]);
        break;
      case 0x28:
        stack.push(MARK);
        break;
      case 0x61: { // APPEND
        const v = stack.pop();
        (stack[stack.length - 1] as unknown[]).push(v);
        break;
      }
      case 0x65: { // APPENDS
        const items = popMark();
        (stack[stack.length - 1] as unknown[]).push(...items);
        break;
      }
      case 0x73: { // SETITEM
        const v = stack.pop();
        const k = stack.pop();
        (stack[stack.length - 1] as Record<string, unknown>)[String(k)] = v;
        break;
      }
      case 0x75: { // SETITEMS
        const items = popMark();
        const d = stack[stack.length - 1] as Record<string, unknown>;
        for (let k = 0; k < items.length; k += 2) {
          d[String(items[k])] = items[k + 1];
        }
        break;
      }
      case 0x74: // TUPLE
        stack.push(popMark());
        break;
      case 0x85:
        stack.push([stack.pop()]);
        break;
      case 0x86: {
        const b = stack.pop();
        stack.push([stack.pop(), b]);
        break;
      }
      case 0x87: {
        const c = stack.pop();
        const b = stack.pop();
        stack.push([stack.pop(), b, c]);
        break;
      }
      case 0x63: { // GLOBAL
        const module = line();
        const name = line();
        stack.push({ module, name });
        break;
      }
      case 0x93: { // STACK_GLOBAL
        const name = String(stack.pop());
        const module = String(stack.pop());
        stack.push({ module, name });
        break;
      }
      case 0x81: { // NEWOBJ
        stack.pop(); // args
        const cls = stack.pop() as { module: string; name: string };
        stack.push(pythonObject(cls.module, cls.name, {}));
        break;
      }
      case 0x62: { // BUILD
        const state = stack.pop() as Record<string, PickleValue>;
        const obj = stack[stack.length - 1] as PythonObject;
        Object.assign(obj.state, state);
        break;
      }
      case 0x94: // MEMOIZE
        memo.set(memo.size, stack[stack.length - 1]);
        break;
      case 0x71: // BINPUT
        memo.set(data[i++], stack[stack.length - 1]);
        break;
      case 0x72: // LONG_BINPUT
        memo.set(view.getUint32(i, true), stack[stack.length - 1]);
        i += 4;
        break;
      case 0x68: // BINGET
        stack.push(memo.get(data[i++]));
        break;
      case 0x6a: // LONG_BINGET
        stack.push(memo.get(view.getUint32(i, true)));
        i += 4;
        break;
      default:
        fail(`unsupported opcode 0x${op.toString(16)}`);
    }
  }
  return fail("missing STOP");
}
