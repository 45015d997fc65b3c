import { assert, assertEquals, assertThrows } from "../_assert.ts";
import {
  CopyBinarySplitter,
  type CopyRun,
  CopyTupleReader,
} from "./copy_binary.ts";
import { createTestDatabase } from "./_test_util.ts";

/** PostgreSQL's own binary COPY output of a query, whole. */
async function copyOutput(query: string): Promise<Uint8Array> {
  const db = await createTestDatabase();
  try {
    const stream = await db.sql.unsafe(
      `COPY (${query}) TO STDOUT (FORMAT binary)`,
    ).readable();
    const chunks: Uint8Array[] = [];
    for await (const chunk of stream) chunks.push(new Uint8Array(chunk));
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  } finally {
    await db.drop();
  }
}

/** The tuples of runs as (id, bytes of field 1 as hex or null). */
function tuplesOf(runs: CopyRun[]): [number | null, string | null][] {
  const out: [number | null, string | null][] = [];
  const t = new CopyTupleReader(2);
  for (const run of runs) {
    t.use(run.bytes);
    let n = 0;
    while (t.next()) {
      n++;
      const b = t.length(1) < 0
        ? null
        : t.bytes.subarray(t.start(1), t.start(1) + t.length(1)).toHex();
      out.push([t.length(0) < 0 ? null : t.int8(0), b]);
    }
    assertEquals(n, run.count);
  }
  return out;
}

function split(bytes: Uint8Array, cuts: number[], size: number): CopyRun[] {
  const s = new CopyBinarySplitter(size);
  const runs: CopyRun[] = [];
  let from = 0;
  for (const to of [...cuts, bytes.length]) {
    const run = s.push(bytes.slice(from, to));
    // a run's bytes are copied here: they stay valid for one more run only
    if (run) runs.push({ bytes: run.bytes.slice(), count: run.count });
    from = to;
  }
  const last = s.end();
  if (last) runs.push({ bytes: last.bytes.slice(), count: last.count });
  return runs;
}

Deno.test("copy binary: PostgreSQL's output split at any byte gives the same tuples, in runs of the size asked", async () => {
  const bytes = await copyOutput(
    `SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE (i * 1000003)::int8 - 5000000 END,
      CASE WHEN i % 5 = 0 THEN NULL ELSE decode(repeat(lpad(to_hex(i % 256), 2, '0'), i % 299), 'hex') END
      FROM generate_series(1, 2000) AS i`,
  );
  const whole = tuplesOf(split(bytes, [], 1_000_000));
  assertEquals(whole.length, 2000);
  assertEquals(whole[0], [1000003 - 5000000, "01"]);
  assertEquals(whole[6], [null, "07".repeat(7)]);
  assertEquals(whole[4][1], null);
  assertEquals(whole[298][1], "");
  // cut into pieces of every size from 1 byte up, and at random places
  let seed = 7;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  for (const piece of [1, 2, 3, 5, 19, 20, 64, 4096]) {
    const cuts: number[] = [];
    for (let at = piece; at < bytes.length; at += piece) cuts.push(at);
    const runs = split(bytes, cuts, 300);
    assertEquals(tuplesOf(runs), whole);
    // each run but the last has at least 300 tuples
    runs.slice(0, -1).forEach((r) => assert(r.count >= 300, `${r.count}`));
  }
  const cuts = Array.from(
    { length: 500 },
    () => Math.floor(random() * bytes.length),
  )
    .sort((a, b) => a - b);
  assertEquals(tuplesOf(split(bytes, cuts, 100)), whole);
  // all in one chunk: one run
  assertEquals(split(bytes, [], 1000).map((r) => r.count), [2000]);
});

Deno.test("copy binary: no rows; a header extension; int8 beyond 2^53 as Number() reads its text", async () => {
  const empty = await copyOutput("SELECT 1::int8 WHERE false");
  assertEquals(split(empty, [5], 10), []);
  // the header's extension area is skipped (none is defined yet)
  const withExtension = new Uint8Array([
    ...empty.subarray(0, 15),
    0,
    0,
    0,
    3,
    9,
    9,
    9,
    ...empty.subarray(19),
  ]);
  assertEquals(split(withExtension, [16], 10), []);
  const big = await copyOutput(
    "SELECT v FROM unnest(ARRAY[9007199254740993, -9223372036854775808, 9223372036854775807, -1, 0]::int8[]) AS v",
  );
  assertEquals(
    tuplesOf(split(big, [], 10)).map(([id]) => id),
    [
      Number("9007199254740993"),
      Number("-9223372036854775808"),
      Number("9223372036854775807"),
      -1,
      0,
    ],
  );
});

Deno.test("copy binary: what is not binary COPY output, or ends early, fails clearly", async () => {
  const bytes = await copyOutput(
    "SELECT i::int8 FROM generate_series(1, 3) AS i",
  );
  const text = new TextEncoder().encode("1\t2\n3\t4\n5\t6\n7\t8\n9\t10\n");
  assertEquals(
    assertThrows(() => new CopyBinarySplitter(10).push(text), SyntaxError)
      .message,
    "Cannot read COPY data: no binary COPY signature",
  );
  const cut = new CopyBinarySplitter(10);
  cut.push(bytes.subarray(0, bytes.length - 5));
  assertEquals(
    assertThrows(() => cut.end(), SyntaxError).message,
    "Cannot read COPY data: it ends before its trailer",
  );
  const extra = new Uint8Array([...bytes, 0]);
  assertEquals(
    assertThrows(() => new CopyBinarySplitter(10).push(extra), SyntaxError)
      .message,
    "Cannot read COPY data: bytes after its end",
  );
  const t = new CopyTupleReader(1);
  t.use(new Uint8Array([0, 2, 255, 255, 255, 255, 255, 255, 255, 255]));
  assertEquals(
    assertThrows(() => t.next(), RangeError).message,
    "Cannot read COPY data: 2 fields, at most 1 expected",
  );
});
