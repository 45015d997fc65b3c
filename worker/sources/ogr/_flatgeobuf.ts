/**
 * A minimal FlatGeobuf reader for the files GDAL's FlatGeobuf driver writes
 * without a spatial index: the header (columns, geometry type, CRS) and the
 * size-prefixed feature buffers, read straight from the bytes with a
 * DataView (no intermediate objects per coordinate).
 *
 * Format: https://flatgeobuf.org (header.fbs, feature.fbs).
 *
 * @module
 */

/** FlatGeobuf geometry type codes (same numbering as OGC WKB, 2D). */
export const FgbGeometryType = {
  Unknown: 0,
  Point: 1,
  LineString: 2,
  Polygon: 3,
  MultiPoint: 4,
  MultiLineString: 5,
  MultiPolygon: 6,
  GeometryCollection: 7,
  CircularString: 8,
  CompoundCurve: 9,
  CurvePolygon: 10,
  MultiCurve: 11,
  MultiSurface: 12,
  Curve: 13,
  Surface: 14,
  PolyhedralSurface: 15,
  TIN: 16,
  Triangle: 17,
} as const;

/** FlatGeobuf column type codes. */
export const FgbColumnType = {
  Byte: 0,
  UByte: 1,
  Bool: 2,
  Short: 3,
  UShort: 4,
  Int: 5,
  UInt: 6,
  Long: 7,
  ULong: 8,
  Float: 9,
  Double: 10,
  String: 11,
  Json: 12,
  DateTime: 13,
  Binary: 14,
} as const;

/** A column of the header. */
export interface FgbColumn {
  name: string;
  type: number;
}

/** The parts of the header we use. */
export interface FgbHeader {
  name: string;
  geometryType: number;
  hasZ: boolean;
  hasM: boolean;
  columns: FgbColumn[];
  featuresCount: number;
  crsOrg: string | null;
  crsCode: number;
}

/** A geometry as stored: flat xy, ring/part ends, nested parts. */
export interface FgbGeometry {
  type: number;
  /** Interleaved x, y (copied out of the buffer, so 8-byte aligned). */
  xy: Float64Array;
  z: Float64Array | null;
  m: Float64Array | null;
  /** End indices (in points) of rings / linestrings, or null for one. */
  ends: Uint32Array | null;
  /** Sub-geometries (MultiPolygon, GeometryCollection, curves). */
  parts: FgbGeometry[] | null;
}

const MAGIC = [0x66, 0x67, 0x62, 0x03];
const decoder = new TextDecoder();

/** FlatBuffers table access over one DataView. */
class Table {
  constructor(
    readonly view: DataView,
    readonly pos: number,
  ) {}

  /** Absolute position of field `index`, or 0 when absent. */
  field(index: number): number {
    const view = this.view;
    const vtable = this.pos - view.getInt32(this.pos, true);
    const vtableSize = view.getUint16(vtable, true);
    const at = 4 + index * 2;
    if (at >= vtableSize) return 0;
    const rel = view.getUint16(vtable + at, true);
    return rel === 0 ? 0 : this.pos + rel;
  }

  u8(index: number, fallback: number): number {
    const at = this.field(index);
    return at ? this.view.getUint8(at) : fallback;
  }

  u64(index: number): number {
    const at = this.field(index);
    return at ? Number(this.view.getBigUint64(at, true)) : 0;
  }

  i32(index: number, fallback: number): number {
    const at = this.field(index);
    return at ? this.view.getInt32(at, true) : fallback;
  }

  /** Follows the uoffset stored at field `index`. */
  indirect(index: number): number {
    const at = this.field(index);
    return at ? at + this.view.getUint32(at, true) : 0;
  }

  string(index: number): string | null {
    const at = this.indirect(index);
    if (!at) return null;
    const len = this.view.getUint32(at, true);
    const start = this.view.byteOffset + at + 4;
    return decoder.decode(new Uint8Array(this.view.buffer, start, len));
  }

  table(index: number): Table | null {
    const at = this.indirect(index);
    return at ? new Table(this.view, at) : null;
  }

  /** [absolute start of elements, length] of a vector field. */
  vector(index: number): [number, number] {
    const at = this.indirect(index);
    if (!at) return [0, 0];
    return [at + 4, this.view.getUint32(at, true)];
  }

  tables(index: number): Table[] {
    const [start, len] = this.vector(index);
    const out: Table[] = [];
    for (let i = 0; i < len; i++) {
      const at = start + i * 4;
      out.push(new Table(this.view, at + this.view.getUint32(at, true)));
    }
    return out;
  }

  doubles(index: number): Float64Array | null {
    const [start, len] = this.vector(index);
    if (!start) return null;
    // A byte copy: the vector need not be 8-byte aligned in the file.
    const byteStart = this.view.byteOffset + start;
    const out = new Float64Array(len);
    new Uint8Array(out.buffer).set(
      new Uint8Array(this.view.buffer, byteStart, len * 8),
    );
    return out;
  }

  uints(index: number): Uint32Array | null {
    const [start, len] = this.vector(index);
    if (!start) return null;
    const out = new Uint32Array(len);
    for (let i = 0; i < len; i++) {
      out[i] = this.view.getUint32(start + i * 4, true);
    }
    return out;
  }
}

const EMPTY: Table[] = [];

// Parts of multi-geometries may leave their (implied) type unset.
const CHILD_TYPE: Record<number, number> = {
  [FgbGeometryType.MultiPoint]: FgbGeometryType.Point,
  [FgbGeometryType.MultiLineString]: FgbGeometryType.LineString,
  [FgbGeometryType.MultiPolygon]: FgbGeometryType.Polygon,
};

function readGeometry(t: Table, fallbackType: number): FgbGeometry {
  const type = t.u8(6, 0) || fallbackType;
  const parts = t.field(7) ? t.tables(7) : EMPTY;
  return {
    type,
    xy: t.doubles(1) ?? new Float64Array(0),
    z: t.field(2) ? t.doubles(2) : null,
    m: t.field(3) ? t.doubles(3) : null,
    ends: t.field(0) ? t.uints(0) : null,
    parts: parts.length
      ? parts.map((p) => readGeometry(p, CHILD_TYPE[type] ?? 0))
      : null,
  };
}

/** The decoded contents of a FlatGeobuf file. */
export interface FgbFile {
  header: FgbHeader;
  /** Calls `visit` for every feature in file order. */
  forEach(
    visit: (
      geometry: FgbGeometry | null,
      properties: DataView | null,
      columns: FgbColumn[],
    ) => void,
  ): void;
}

/**
 * Opens FlatGeobuf bytes: parses the header, and iterates the features.
 *
 * @example
 * ```ts ignore
 * const file = readFlatGeobuf(bytes);
 * file.forEach((geometry, properties) => {});
 * ```
 */
export function readFlatGeobuf(bytes: Uint8Array): FgbFile {
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[i] !== MAGIC[i]) {
      throw new SyntaxError("Cannot read FlatGeobuf: bad magic bytes");
    }
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerSize = view.getUint32(8, true);
  const headerStart = 12;
  const root = headerStart + view.getUint32(headerStart, true);
  const h = new Table(view, root);
  const columns = h.tables(7).map((c) => ({
    name: c.string(0) ?? "",
    type: c.u8(1, 0),
  }));
  const crs = h.table(10);
  const header: FgbHeader = {
    name: h.string(0) ?? "",
    geometryType: h.u8(2, 0),
    hasZ: h.u8(3, 0) !== 0,
    hasM: h.u8(4, 0) !== 0,
    columns,
    featuresCount: h.u64(8),
    crsOrg: crs ? crs.string(0) : null,
    crsCode: crs ? crs.i32(1, 0) : 0,
  };
  const indexNodeSize = h.field(9) ? view.getUint16(h.field(9), true) : 16;
  let offset = headerStart + headerSize;
  if (indexNodeSize > 0 && header.featuresCount > 0) {
    offset += packedRTreeSize(header.featuresCount, indexNodeSize);
  }
  const featuresStart = offset;
  return {
    header,
    forEach(visit): void {
      let at = featuresStart;
      while (at + 4 <= view.byteLength) {
        const size = view.getUint32(at, true);
        const start = at + 4;
        const f = new Table(view, start + view.getUint32(start, true));
        const g = f.table(0);
        const geometry = g ? readGeometry(g, header.geometryType) : null;
        const [propStart, propLen] = f.vector(1);
        const properties = propStart
          ? new DataView(bytes.buffer, bytes.byteOffset + propStart, propLen)
          : null;
        // Per-feature columns are allowed by the format; GDAL never writes them.
        const own = f.field(2) ? f.tables(2) : EMPTY;
        visit(
          geometry,
          properties,
          own.length
            ? own.map((c) => ({ name: c.string(0) ?? "", type: c.u8(1, 0) }))
            : columns,
        );
        at = start + size;
      }
    },
  };
}

function packedRTreeSize(count: number, nodeSize: number): number {
  let n = count;
  let nodes = n;
  do {
    n = Math.ceil(n / nodeSize);
    nodes += n;
  } while (n !== 1);
  return nodes * 40;
}

/** A decoded property value (dates are left as ISO strings here). */
export type FgbValue = string | number | boolean | Uint8Array | null;

/**
 * Decodes a feature's property buffer into `out` (by column name); columns
 * not present stay absent (the caller fills nulls).
 *
 * @example
 * ```ts ignore
 * readProperties(view, header.columns, record);
 * ```
 */
export function readProperties(
  view: DataView,
  columns: FgbColumn[],
  visit: (column: number, value: FgbValue) => void,
): void {
  let at = 0;
  const end = view.byteLength;
  while (at + 2 <= end) {
    const i = view.getUint16(at, true);
    at += 2;
    const type = columns[i]?.type;
    let value: FgbValue;
    switch (type) {
      case FgbColumnType.Byte:
        value = view.getInt8(at);
        at += 1;
        break;
      case FgbColumnType.UByte:
        value = view.getUint8(at);
        at += 1;
        break;
      case FgbColumnType.Bool:
        value = view.getUint8(at) !== 0;
        at += 1;
        break;
      case FgbColumnType.Short:
        value = view.getInt16(at, true);
        at += 2;
        break;
      case FgbColumnType.UShort:
        value = view.getUint16(at, true);
        at += 2;
        break;
      case FgbColumnType.Int:
        value = view.getInt32(at, true);
        at += 4;
        break;
      case FgbColumnType.UInt:
        value = view.getUint32(at, true);
        at += 4;
        break;
      case FgbColumnType.Long:
        value = Number(view.getBigInt64(at, true));
        at += 8;
        break;
      case FgbColumnType.ULong:
        value = Number(view.getBigUint64(at, true));
        at += 8;
        break;
      case FgbColumnType.Float:
        value = view.getFloat32(at, true);
        at += 4;
        break;
      case FgbColumnType.Double:
        value = view.getFloat64(at, true);
        at += 8;
        break;
      case FgbColumnType.String:
      case FgbColumnType.Json:
      case FgbColumnType.DateTime:
      case FgbColumnType.Binary: {
        const len = view.getUint32(at, true);
        at += 4;
        const bytes = new Uint8Array(
          view.buffer,
          view.byteOffset + at,
          len,
        );
        value = type === FgbColumnType.Binary
          ? bytes.slice()
          : decoder.decode(bytes);
        at += len;
        break;
      }
      default:
        throw new SyntaxError(
          `Cannot read FlatGeobuf: unknown column ${i} in properties`,
        );
    }
    visit(i, value);
  }
}
