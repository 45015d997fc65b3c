/**
 * The style codec: QML text ↔ the `definition` of a `Style`, exactly as the
 * Python exporter writes it (zlib, then urlsafe base64 with padding).
 * Built on fflate so it runs in browsers as well as in Deno.
 *
 * @module
 */
import { unzlibSync, zlibSync } from "fflate";

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
 * Decodes a `Style.definition` into its QML text.
 *
 * @throws {SyntaxError} when the definition is not urlsafe base64 of zlib data.
 * @example
 * ```ts
 * import { decodeStyle, encodeStyle } from "./style_codec.ts";
 * decodeStyle(encodeStyle("<qgis/>")); // "<qgis/>"
 * ```
 */
export function decodeStyle(definition: string): string {
  let bytes: Uint8Array;
  try {
    bytes = unzlibSync(fromBase64Url(definition));
  } catch (cause) {
    throw new SyntaxError(
      `Cannot decode style: not urlsafe base64 of zlib data (${
        (cause as Error).message
      })`,
      { cause },
    );
  }
  return new TextDecoder().decode(bytes);
}
