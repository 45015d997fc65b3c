/**
 * Helpers for this folder's tests and bench: base64, and making test data
 * with GDAL itself (GeoJSON written here, converted with `ogr2ogr`).
 *
 * @module
 */

/** Standard base64 of bytes. */
export function encodeBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}
