import assert from "node:assert/strict";
import { clip, ECHO_LIMIT, maskSecrets, redact, REDACTED } from "./redact.ts";

Deno.test("redact hides sources and passwords, shortens long fields", () => {
  const layer = {
    name: "roads",
    source: '{"host":"db","password":"hunter2"}',
    style: { name: "default", definition: "x".repeat(100) },
    nested: [{ password: "p" }],
  };
  const out = redact(layer) as typeof layer;
  assert.equal(out.source, REDACTED);
  assert.equal(out.nested[0].password, REDACTED);
  assert.ok(out.style.definition.length < 20);
  assert.ok(!JSON.stringify(out).includes("hunter2"));
  assert.equal(
    maskSecrets("dbname=x password='a b' host=y"),
    `dbname=x password=${REDACTED} host=y`,
  );
  assert.equal(maskSecrets("redis://u:pw@h:1"), `redis://u:${REDACTED}@h:1`);
});

// The regular expressions maskSecrets used before it scanned by hand: the
// specification of what it masks, run here on short texts only (they
// backtrack quadratically on long ones).
function maskSecretsByRegex(text: string): string {
  return text
    .replace(
      /(password["']?\s*[=:]\s*)('(?:[^'\\]|\\[\s\S])*'|"(?:[^"\\]|\\[\s\S])*"|['"][\s\S]*|(?:[^\s\\]|\\[\s\S]?)+)/gi,
      `$1${REDACTED}`,
    )
    .replace(/(\w+:\/\/[^:/@\s]*:)[^@\s]+@(?:\S*@)?/g, `$1${REDACTED}@`);
}

Deno.test("maskSecrets masks exactly what the regular expressions did", () => {
  const pieces = [
    "a",
    "b",
    ":",
    "/",
    "@",
    " ",
    "'",
    '"',
    "=",
    "\n",
    "_",
    "1",
    "x:",
    "password",
    "PassWord",
    "://",
    "https://",
    "u:p@",
    "\\",
    '"password": ',
    "password:",
  ];
  // a fixed-seed generator: the same 200,000 texts every run
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 8;
  for (let i = 0; i < 200_000; i++) {
    let text = "";
    for (let n = next() % 14; n > 0; n--) {
      text += pieces[next() % pieces.length];
    }
    assert.equal(
      maskSecrets(text),
      maskSecretsByRegex(text),
      JSON.stringify(text),
    );
  }
});

Deno.test("maskSecrets masks passwords with escaped quotes, unclosed quotes, JSON keys and unencoded @ whole", () => {
  for (
    const [text, masked] of [
      // QGIS and libpq escape a quote in a quoted value with a backslash
      [
        "dbname='d' password='a\\'s3cr et' sslmode=disable",
        `dbname='d' password=${REDACTED} sslmode=disable`,
      ],
      ['password="a\\"s3cr et"', `password=${REDACTED}`],
      // libpq reads `\ ` in a bare value as a space
      ["password=s3cr\\ et user=u", `password=${REDACTED} user=u`],
      // a quote never closed: the rest of the text
      ["PG:dbname=x password='s3cr et", `PG:dbname=x password=${REDACTED}`],
      // a source's JSON, a Python dict's repr
      [
        '{"host": "h", "password": "s3cr\\"et", "port": 5432}',
        `{"host": "h", "password": ${REDACTED}, "port": 5432}`,
      ],
      ["{'password': 's3cr et'}", `{'password': ${REDACTED}}`],
      // a password not percent-encoded: up to the word's last @
      [
        "postgresql://u:s3@cr@et@h/db x@y",
        `postgresql://u:${REDACTED}@h/db x@y`,
      ],
      ["redis://:s3@cret@h:6379", `redis://:${REDACTED}@h:6379`],
    ] as const
  ) {
    assert.equal(maskSecrets(text), masked, text);
    assert.ok(!maskSecrets(text).includes("et"), text);
  }
});

Deno.test("maskSecrets is linear: 200 kB of hostile text answer at once", () => {
  // Each took seconds at 80 kB with the regular expressions (quadratic):
  // 200 kB takes 20 s or more so; linear, it takes a millisecond.
  const size = 200_000;
  const texts = [
    "x".repeat(size), // a long word: `\w+://` tried at every position
    "a://b:c".repeat(size / 7), // `scheme://user:` with no `@` ever
    "password='a ".repeat(size / 12),
    'password="'.repeat(size / 10), // quotes never closed
    "password='\\'".repeat(size / 12), // escaped quotes
    "a://b:c@ ".repeat(size / 9),
    "a://b:c ".repeat(size / 8), // words with a scheme and no @
    "a://b:c@d@".repeat(size / 10),
    "a://" + "b".repeat(size), // a scheme then a long user
  ];
  for (const text of texts) {
    const started = performance.now();
    maskSecrets(text);
    const ms = performance.now() - started;
    assert.ok(ms < 2000, `${text.slice(0, 12)}…: ${ms.toFixed(0)} ms`);
  }
  const long = `redis://u:hunter2@h ${"x".repeat(size)} password=s3cr3t`;
  const masked = maskSecrets(long);
  assert.ok(!masked.includes("hunter2") && !masked.includes("s3cr3t"));
});

Deno.test("clip cuts long text and says how much it left out", () => {
  assert.equal(clip("short"), "short");
  assert.equal(clip("x".repeat(ECHO_LIMIT)), "x".repeat(ECHO_LIMIT));
  const cut = clip("y".repeat(10_000_000));
  assert.equal(
    cut,
    `${"y".repeat(ECHO_LIMIT)}… (${10_000_000 - ECHO_LIMIT} more characters)`,
  );
  // a surrogate pair is never cut in two
  assert.equal(clip("a😀b", 2), "a… (3 more characters)");
});

Deno.test("redact cuts long strings and arrays: a log line stays small", () => {
  const out = redact({
    name: "n".repeat(10_000_000),
    layers: Array.from({ length: 100_000 }, (_, i) => `layer ${i}`),
    error: `Cannot open redis://u:hunter2@h: ${"e".repeat(1_000_000)}`,
  }) as { name: string; layers: string[]; error: string };
  assert.ok(out.name.length < 400, `${out.name.length}`);
  assert.equal(out.layers.length, 51);
  assert.equal(out.layers[50], "… (99950 more items)");
  assert.ok(out.error.length < 400 && !out.error.includes("hunter2"));
  assert.ok(JSON.stringify(out).length < 2000);
});
