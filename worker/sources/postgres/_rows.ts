/**
 * Rows of a map's query → features, for the `postgres` provider: rows as
 * `npm:postgres` parses them (a cursor), or binary COPY tuples read where
 * they are (id, WKB), a point, a line or a polygon of one ring without a
 * parsed geometry and, when reused, into the features of an earlier batch.
 *
 * @module
 */
import type {
  AttributeValue,
  Feature,
  Geometry,
  GeometryKind,
} from "../../geometry/types.ts";
import { parseWkb } from "../../geometry/wkb.ts";
import { JobError } from "../../runners/types.ts";
import type { SourceLayer, VectorField } from "../source.ts";
import { type CopyRun, CopyTupleReader } from "./copy_binary.ts";
import type { CopyValueReader } from "./copy_values.ts";

/** A field read from binary COPY: its name and its type's reader. */
export interface CopyField {
  name: string;
  read: CopyValueReader;
}

/** A value as `npm:postgres` gives it → an attribute value. */
export function attribute(v: unknown): AttributeValue {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case "string":
    case "number":
    case "boolean":
      return v;
    case "bigint":
      return Number(v);
  }
  if (v instanceof Date || v instanceof Uint8Array) return v;
  return JSON.stringify(v);
}

const KIND_OF_TYPE: (GeometryKind | undefined)[] = [
  undefined,
  "point",
  "line",
  "polygon",
];

/** A reused feature and its one ring. */
interface Slot {
  feature: Feature;
  geometry: Geometry;
  ring: Float64Array;
}

/**
 * Turns the rows of one map's query into features, batch by batch: ids
 * from the key (the row's number when it has none), rows without a
 * geometry, with an empty one or of another kind than the layer's (the
 * first feature's for a layer of mixed type) left out.
 */
export class RowDecoder {
  readonly #layer: SourceLayer;
  readonly #reuse: boolean;
  #tuples: CopyTupleReader | null = null;
  readonly #slots: Slot[] = [];
  #used = 0;
  #batch: Feature[] = [];
  /** Rows read so far (the id of a row without a key). */
  #row = 0;
  /** The layer's kind once known (the first feature's for a mixed layer). */
  kind: GeometryKind | null = null;

  /**
   * With `reuse`, each batch's features, geometries and coordinate arrays
   * are those of the batch before (its caller is done with it).
   */
  constructor(layer: SourceLayer, reuse: boolean) {
    this.#layer = layer;
    this.#reuse = reuse;
  }

  #parse(wkb: Uint8Array): Geometry {
    try {
      return parseWkb(wkb);
    } catch (error) {
      throw new JobError(
        `Cannot read layer '${this.#layer.name}': ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  /**
   * Rows as `npm:postgres` gives them: the id, the `wanted` fields, the
   * WKB.
   */
  rows(
    batch: unknown[][],
    wanted: VectorField[],
    kind: GeometryKind | null,
  ): Feature[] {
    const features: Feature[] = [];
    const n = wanted.length;
    for (let b = 0; b < batch.length; b++, this.#row++) {
      const row = batch[b];
      const wkb = row[n + 1] as Uint8Array | null;
      if (wkb === null) continue;
      const geometry = this.#parse(wkb);
      if (geometry.parts.length === 0) continue;
      // a layer of mixed type is drawn as the kind of its first feature
      kind ??= geometry.kind;
      if (geometry.kind !== kind) continue;
      const attributes: Record<string, AttributeValue> = {};
      for (let i = 0; i < n; i++) {
        attributes[wanted[i].name] = attribute(row[i + 1]);
      }
      const id = row[0] === null ? this.#row : Number(row[0]);
      features.push({ id, attributes, geometry });
    }
    this.kind = kind;
    return features;
  }

  #slot(kind: GeometryKind, length: number): Slot {
    let s = this.#reuse ? this.#slots[this.#used] : undefined;
    if (s === undefined || s.geometry.kind !== kind) {
      const ring = new Float64Array(length);
      const geometry: Geometry = { kind, parts: [[ring]] };
      s = { feature: { id: 0, attributes: {}, geometry }, geometry, ring };
      if (this.#reuse) this.#slots[this.#used] = s;
    } else if (s.ring.length !== length) {
      s.ring = s.geometry.parts[0][0] = new Float64Array(length);
    }
    if (this.#reuse) this.#used++;
    return s;
  }

  /**
   * Binary COPY tuples of (id as int8 or NULL, the `fields` read by their
   * readers, WKB or NULL): the WKB is 2-D little-endian
   * (`ST_AsBinary(ST_Force2D(…), 'NDR')`); anything else is parsed as
   * {@link rows} parses it.
   */
  copyRun(
    run: CopyRun,
    kind: GeometryKind | null,
    fields: CopyField[] = [],
  ): Feature[] {
    const nf = fields.length, g = nf + 1;
    if (this.#tuples === null || this.#tuples.maxFields !== nf + 2) {
      this.#tuples = new CopyTupleReader(nf + 2);
    }
    const t = this.#tuples;
    t.use(run.bytes);
    const bytes = t.bytes, view = t.view;
    const attributesOf = (into: Record<string, AttributeValue>) => {
      for (let i = 0; i < nf; i++) {
        const length = t.length(i + 1);
        into[fields[i].name] = length < 0
          ? null
          : fields[i].read(view, bytes, t.start(i + 1), length);
      }
      return into;
    };
    let batch: Feature[];
    if (this.#reuse) {
      batch = this.#batch;
      batch.length = 0;
      this.#used = 0;
    } else batch = [];
    for (; t.next(); this.#row++) {
      const length = t.length(g);
      if (length < 0) continue;
      const at = t.start(g);
      const id = t.length(0) === 8 ? t.int8(0) : this.#row;
      // NDR Point, LineString, Polygon of one ring, 2-D, exactly sized
      const type = length >= 9 && bytes[at] === 1
        ? view.getUint32(at + 1, true)
        : 0;
      let n = -1, xy = 0;
      if (type === 1 && length === 21) {
        n = 1;
        xy = at + 5;
      } else if (type === 2) {
        n = view.getUint32(at + 5, true);
        xy = at + 9;
      } else if (
        type === 3 && length >= 13 && view.getUint32(at + 5, true) === 1
      ) {
        n = view.getUint32(at + 9, true);
        xy = at + 13;
      }
      if (n < 0 || xy + 16 * n !== at + length) {
        const geometry = this.#parse(bytes.subarray(at, at + length));
        if (geometry.parts.length === 0) continue;
        kind ??= geometry.kind;
        if (geometry.kind !== kind) continue;
        batch.push({ id, attributes: attributesOf({}), geometry });
        continue;
      }
      const own = KIND_OF_TYPE[type]!;
      // as parseWkb: a point of NaN has no part (left out), a line always one
      if (type === 1 && Number.isNaN(view.getFloat64(xy, true))) continue;
      kind ??= own;
      if (own !== kind) continue;
      const s = this.#slot(own, 2 * n);
      const ring = s.ring;
      for (let i = 0; i < 2 * n; i++, xy += 8) {
        ring[i] = view.getFloat64(xy, true);
      }
      s.feature.id = id;
      // a reused feature's attributes are overwritten, the same keys
      if (nf > 0) {
        s.feature.attributes = attributesOf(
          this.#reuse ? s.feature.attributes : {},
        );
      }
      batch.push(s.feature);
    }
    this.kind = kind;
    return batch;
  }
}
