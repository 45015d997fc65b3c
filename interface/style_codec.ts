/**
 * The style codec: QML text ↔ the `definition` of a `Style`, exactly as the
 * Python exporter writes it (zlib, then urlsafe base64 with padding).
 * Built on fflate so it runs in browsers as well as in Deno.
 *
 * @module
 */
import { Unzlib, zlibSync } from "fflate";

/**
 * Default largest QML a style definition may inflate to: 4 MiB (QGIS's own
 * styles are kilobytes; a zlib bomb of 3 MB inflates to 3 GiB).
 */
export const MAX_STYLE_BYTES: number = 4 * 1024 * 1024;

// compressed bytes inflated at a time: zlib inflates at most ~1,032 times,
// so one step never produces more than ~4 MiB past the limit
const INFLATE_STEP = 4096;

/** Options of {@link decodeStyle}. */
export interface DecodeStyleOptions {
  /** Largest QML, in bytes; default {@link MAX_STYLE_BYTES}. */
  maxBytes?: number;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_");
}

function fromBase64Url(text: string): Uint8Array {
  const clean = text.trim().replaceAll("-", "+").replaceAll("_", "/");
  const padded = clean + "=".repeat((4 - (clean.length % 4)) % 4);
  const binary = atob(padded);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * Encodes QML for a `Style.definition`.
 *
 * @example
 * ```ts
 * import { decodeStyle, encodeStyle } from "./style_codec.ts";
 * decodeStyle(encodeStyle("<qgis/>")); // "<qgis/>"
 * ```
 */
export function encodeStyle(qml: string): string {
  return toBase64Url(zlibSync(new TextEncoder().encode(qml), { level: 6 }));
}

/**
 * Decodes a `Style.definition` into its QML text, inflating step by step
 * and stopping as soon as the text would be larger than `maxBytes`.
 *
 * @throws {SyntaxError} when the definition is not urlsafe base64 of zlib data.
 * @throws {RangeError} when it inflates to more than `maxBytes`.
 * @example
 * ```ts
 * import { decodeStyle, encodeStyle } from "./style_codec.ts";
 * decodeStyle(encodeStyle("<qgis/>")); // "<qgis/>"
 * decodeStyle(encodeStyle("<qgis/>"), { maxBytes: 7 }); // "<qgis/>"
 * ```
 */
export function decodeStyle(
  definition: string,
  options: DecodeStyleOptions = {},
): string {
  const maxBytes = options.maxBytes ?? MAX_STYLE_BYTES;
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    const bytes = fromBase64Url(definition);
    const inflater = new Unzlib((chunk) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    for (
      let at = 0;
      at < bytes.length && size <= maxBytes;
      at += INFLATE_STEP
    ) {
      const end = Math.min(at + INFLATE_STEP, bytes.length);
      inflater.push(bytes.subarray(at, end), end === bytes.length);
    }
    if (bytes.length === 0) inflater.push(bytes, true);
  } catch (cause) {
    throw new SyntaxError(
      `Cannot decode style: not urlsafe base64 of zlib data (${
        (cause as Error).message
      })`,
      { cause },
    );
  }
  if (size > maxBytes) {
    throw new RangeError(
      `Cannot decode style: it inflates to more than ${maxBytes} bytes (the limit)`,
    );
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return new TextDecoder().decode(out);
}
