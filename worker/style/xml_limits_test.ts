import assert from "node:assert/strict";
import { checkXmlLimits } from "./xml_limits.ts";

const LIMITS = { maxLength: 1_000_000, maxDepth: 64, maxElements: 1000 };

function messageOf(text: string, limits = LIMITS): string | null {
  try {
    checkXmlLimits(text, limits, "style");
    return null;
  } catch (e) {
    assert.ok(e instanceof RangeError, String(e));
    return e.message;
  }
}

Deno.test("checkXmlLimits: depth, elements and length are refused with the limit named", () => {
  const nested = (n: number, leaf = "<x/>") =>
    "<a>".repeat(n) + leaf + "</a>".repeat(n);
  assert.equal(messageOf(nested(63)), null);
  assert.equal(
    messageOf(nested(64)),
    "Cannot parse style: its elements nest deeper than 64 levels",
  );
  assert.equal(messageOf(nested(64, "")), null);
  assert.equal(
    messageOf(nested(10_000, "")),
    "Cannot parse style: its elements nest deeper than 64 levels",
  );
  assert.equal(messageOf("<a>" + "<b/>".repeat(999) + "</a>"), null);
  assert.equal(
    messageOf("<a>" + "<b/>".repeat(1000) + "</a>"),
    "Cannot parse style: it has more than 1000 elements",
  );
  assert.equal(
    messageOf("<a/>", { ...LIMITS, maxLength: 3 }),
    "Cannot parse style: 4 characters exceed the limit of 3",
  );
});

Deno.test("checkXmlLimits: malformed XML is left to the DOM parser, still measured", () => {
  assert.equal(messageOf("<a><b></a>"), null);
  assert.equal(messageOf("not xml at all <<<"), null);
  // an error early on does not hide the depth that follows
  assert.match(
    messageOf("<a &bogus;>" + "<a>".repeat(100)) ?? "",
    /nest deeper than 64/,
  );
  // comments, CDATA and attributes with '<'-free '>' are not elements
  const text = "<a><!--" + "<b>".repeat(100) + "--><![CDATA[" +
    "<c>".repeat(100) + '"]]><d k="x>y"/></a>';
  assert.equal(messageOf(text), null);
});
