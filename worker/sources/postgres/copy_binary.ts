/**
 * PostgreSQL's binary COPY format (`COPY … TO STDOUT (FORMAT binary)`),
 * read without an object per row: the stream split into runs of whole
 * tuples ({@link CopyBinarySplitter}), each tuple's fields found where
 * they are ({@link CopyTupleReader}).
 *
 * The format (PostgreSQL's documentation, "COPY", "Binary Format"): an
 * 11-byte signature, a 32-bit flags field and a 32-bit header extension
 * length (and that many bytes); then per tuple a 16-bit field count and
 * per field a 32-bit length (−1: NULL) and its bytes, all big-endian; a
 * field count of −1 ends the data.
 *
 * @module
 */

const SIGNATURE = [
  0x50,
  0x47,
  0x43,
  0x4f,
  0x50,
  0x59,
  0x0a,
  0xff,
  0x0d,
  0x0a,
  0,
];

/** Whole tuples of binary COPY data, in order. */
export interface CopyRun {
  /** The tuples' bytes (no header, no trailer). */
  bytes: Uint8Array;
  /** How many tuples. */
  count: number;
}

/**
 * Splits binary COPY output, as it arrives in chunks of any size, into
 * runs of at least `size` whole tuples (the last run may hold fewer). Two
 * buffers take turns: a run's bytes stay as they are until the run after
 * the next is handed out.
 *
 * @example
 * ```ts
 * import { CopyBinarySplitter } from "./copy_binary.ts";
 * const split = new CopyBinarySplitter(1000);
 * const header = [80, 71, 67, 79, 80, 89, 10, 255, 13, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0];
 * // one tuple of one NULL field, then the trailer
 * split.push(new Uint8Array([...header, 0, 1, 255, 255, 255, 255, 255, 255]));
 * split.end(); // { bytes: Uint8Array(6), count: 1 }
 * ```
 */
export class CopyBinarySplitter {
  readonly #size: number;
  #buffers: [Uint8Array, Uint8Array] = [
    new Uint8Array(4096),
    new Uint8Array(4096),
  ];
  #turn = 0;
  #length = 0;
  /** Where the next tuple not yet counted starts. */
  #scan = 0;
  #count = 0;
  #header = true;
  #done = false;

  constructor(size: number) {
    this.#size = size;
  }

  /**
   * Adds a chunk; returns a run when at least `size` whole tuples are in.
   *
   * @throws {SyntaxError} on data that is not binary COPY output.
   */
  push(chunk: Uint8Array): CopyRun | null {
    if (this.#done) return null;
    this.#append(chunk);
    if (this.#header && !this.#readHeader()) return null;
    this.#scanTuples();
    return this.#count >= this.#size || (this.#done && this.#count > 0)
      ? this.#handOut()
      : null;
  }

  /**
   * The tuples left at the end of the data; null when none.
   *
   * @throws {SyntaxError} when the data ends within the header or a tuple.
   */
  end(): CopyRun | null {
    if (!this.#done) {
      throw new SyntaxError(
        "Cannot read COPY data: it ends before its trailer",
      );
    }
    return this.#count > 0 ? this.#handOut() : null;
  }

  #append(chunk: Uint8Array): void {
    let buf = this.#buffers[this.#turn];
    const need = this.#length + chunk.length;
    if (need > buf.length) {
      const grown = new Uint8Array(Math.max(need, buf.length * 2));
      grown.set(buf.subarray(0, this.#length));
      buf = this.#buffers[this.#turn] = grown;
    }
    buf.set(chunk, this.#length);
    this.#length = need;
  }

  #readHeader(): boolean {
    const buf = this.#buffers[this.#turn];
    if (this.#length < 19) return false;
    for (let i = 0; i < SIGNATURE.length; i++) {
      if (buf[i] !== SIGNATURE[i]) {
        throw new SyntaxError(
          "Cannot read COPY data: no binary COPY signature",
        );
      }
    }
    const skip = 19 + int32(buf, 15);
    if (skip < 19) {
      throw new SyntaxError("Cannot read COPY data: bad header extension");
    }
    if (this.#length < skip) return false;
    buf.copyWithin(0, skip, this.#length);
    this.#length -= skip;
    this.#header = false;
    return true;
  }

  #scanTuples(): void {
    const buf = this.#buffers[this.#turn], end = this.#length;
    let at = this.#scan;
    while (at + 2 <= end) {
      const fields = (buf[at] << 24 >> 16) | buf[at + 1];
      if (fields === -1) {
        if (at + 2 !== end) {
          throw new SyntaxError("Cannot read COPY data: bytes after its end");
        }
        // the trailer is not part of a run
        this.#length = at;
        this.#done = true;
        break;
      }
      if (fields < 0) {
        throw new SyntaxError("Cannot read COPY data: bad field count");
      }
      let p = at + 2, whole = true;
      for (let f = 0; f < fields; f++) {
        if (p + 4 > end) {
          whole = false;
          break;
        }
        const n = int32(buf, p);
        p += 4;
        if (n < -1) {
          throw new SyntaxError("Cannot read COPY data: bad field length");
        }
        if (n > 0) p += n;
        if (p > end) {
          whole = false;
          break;
        }
      }
      if (!whole) break;
      at = p;
      this.#count++;
    }
    this.#scan = at;
  }

  #handOut(): CopyRun {
    const buf = this.#buffers[this.#turn];
    const run = { bytes: buf.subarray(0, this.#scan), count: this.#count };
    // what follows the run's last tuple starts the next, in the other buffer
    const rest = this.#length - this.#scan;
    this.#turn ^= 1;
    let next = this.#buffers[this.#turn];
    if (rest > next.length) {
      next = this.#buffers[this.#turn] = new Uint8Array(
        Math.max(rest, next.length * 2),
      );
    }
    next.set(buf.subarray(this.#scan, this.#length));
    this.#length = rest;
    this.#scan = 0;
    this.#count = 0;
    return run;
  }
}

function int32(b: Uint8Array, at: number): number {
  return (b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];
}

/**
 * Walks the tuples of a {@link CopyRun}: after {@link next}, field `i`'s
 * bytes are `bytes[start(i) … start(i) + length(i))`, its length −1 when
 * NULL. Fields past {@link fields} read as NULL.
 *
 * @example
 * ```ts
 * import { CopyTupleReader } from "./copy_binary.ts";
 * // one tuple: an int8 7 and a NULL
 * const bytes = new Uint8Array([0, 2, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 7, 255, 255, 255, 255]);
 * const t = new CopyTupleReader(4);
 * t.use(bytes);
 * t.next(); // true
 * t.int8(0); // 7
 * t.length(1); // -1
 * ```
 */
export class CopyTupleReader {
  #bytes: Uint8Array = new Uint8Array(0);
  #view: DataView = new DataView(this.#bytes.buffer);
  #at = 0;
  readonly #starts: Int32Array;
  readonly #lengths: Int32Array;
  /** Fields of the tuple just read. */
  fields = 0;

  /** A reader of tuples of at most `maxFields` fields. */
  constructor(maxFields: number) {
    this.#starts = new Int32Array(maxFields);
    this.#lengths = new Int32Array(maxFields);
  }

  /** The most fields a tuple may have. */
  get maxFields(): number {
    return this.#starts.length;
  }

  /** Reads the tuples of these bytes from their start on. */
  use(bytes: Uint8Array): void {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    this.#at = 0;
  }

  /** The bytes read, for the fields' offsets. */
  get bytes(): Uint8Array {
    return this.#bytes;
  }

  /** A DataView on {@link bytes}. */
  get view(): DataView {
    return this.#view;
  }

  /** Moves to the next tuple; false at the end of the bytes. */
  next(): boolean {
    const b = this.#bytes;
    let at = this.#at;
    if (at + 2 > b.length) return false;
    const n = (b[at] << 8) | b[at + 1];
    if (n > this.#starts.length) {
      throw new RangeError(
        `Cannot read COPY data: ${n} fields, at most ${this.#starts.length} expected`,
      );
    }
    at += 2;
    for (let f = 0; f < n; f++) {
      const length = int32(b, at);
      at += 4;
      this.#starts[f] = at;
      this.#lengths[f] = length;
      if (length > 0) at += length;
    }
    this.fields = n;
    this.#at = at;
    return true;
  }

  /** Where field `i`'s bytes start. */
  start(i: number): number {
    return this.#starts[i];
  }

  /** Field `i`'s length in bytes, −1 when NULL (or absent). */
  length(i: number): number {
    return i < this.fields ? this.#lengths[i] : -1;
  }

  /** Field `i` as an `int8` (a number, rounded beyond 2^53 as `Number()` rounds its text). */
  int8(i: number): number {
    const at = this.#starts[i];
    return this.#view.getInt32(at) * 4294967296 +
      this.#view.getUint32(at + 4);
  }
}
