// Shared by the exporter's tests.
import { DOMParser, type Element } from "@xmldom/xmldom";

export const TESTDATA: string = new URL("../testdata/", import.meta.url)
  .pathname;

/** Keeps the QML itself in the config, so tests can read the styles. */
export const keepQml = (qml: string): string => qml;

/** Parses a style's QML; throws on malformed XML. */
export function parseQml(qml: string): Element {
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") throw new SyntaxError(message);
    },
  }).parseFromString(qml, "text/xml");
  return doc.documentElement!;
}
