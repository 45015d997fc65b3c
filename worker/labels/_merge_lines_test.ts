import assert from "node:assert/strict";
import { mergeConnectedLines } from "./_merge_lines.ts";
import { mergeTwoLines } from "./engine.ts";

// The plain walk the indexes replace (quadratic; the answer to match), as
// LabelEngine's merge ran it: PAL's FeaturePart::isConnected and GEOS's
// exact point-on-segment test.

function linesConnected(a: number[], b: number[]): boolean {
  if (a.length < 2 || b.length < 2) return false;
  const ae = a.length - 2, be = b.length - 2;
  const near = (i: number, j: number) =>
    Math.abs(a[i] - b[j]) < 1e-8 && Math.abs(a[i + 1] - b[j + 1]) < 1e-8;
  const startTouches = near(0, 0) || near(ae, 0);
  const endTouches = near(0, be) || near(ae, be);
  if (startTouches === endTouches) return false;
  const o = startTouches ? be : 0;
  if (!pointOnLine(a, b[o], b[o + 1])) return true;
  farEndRefusals++;
  return false;
}

/** How often the plain walk refused a piece for its far end on the line. */
let farEndRefusals = 0;

function pointOnLine(line: number[], x: number, y: number): boolean {
  for (let i = 0; i + 3 < line.length; i += 2) {
    const x0 = line[i], y0 = line[i + 1], x1 = line[i + 2], y1 = line[i + 3];
    if (
      x < Math.min(x0, x1) || x > Math.max(x0, x1) ||
      y < Math.min(y0, y1) || y > Math.max(y0, y1)
    ) continue;
    if ((x1 - x0) * (y - y0) - (y1 - y0) * (x - x0) === 0) return true;
  }
  return false;
}

function plainWalk(
  lines: number[][],
): { lines: (number[] | null)[]; rounds: { to: number; joined: number[] }[] } {
  const group = lines.map((line, k) => ({ k, line }));
  const parts = [...group];
  const left = new Set(group);
  const rounds: { to: number; joined: number[] }[] = [];
  while (parts.length > 1) {
    const to = parts.shift()!;
    const round = { to: to.k, joined: [] as number[] };
    rounds.push(round);
    const tries = [...parts];
    for (;;) {
      const i = tries.findIndex((p) => linesConnected(to.line, p.line));
      if (i < 0) break;
      const [other] = tries.splice(i, 1);
      const joined = mergeTwoLines(to.line, other.line);
      if (!joined) continue;
      to.line = joined;
      round.joined.push(other.k);
      parts.splice(parts.indexOf(other), 1);
      left.delete(other);
    }
  }
  return { lines: group.map((p) => left.has(p) ? p.line : null), rounds };
}

/** A seeded generator (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Pieces over a small grid (so that far ends land on the line: loops,
 * lollipops, T-junctions, collinear overlaps, pieces doubling back): random
 * walks between nodes, some reversed, some repeated (or with the same ends
 * and another way between them), some single points,
 * closed rings, points part way along a grid edge (off the edge by a
 * rounding, either way round), endpoints off by less (and more) than PAL's
 * 1e-8, -0, NaN and infinite coordinates.
 */
function network(seed: number, count: number): number[][] {
  const rnd = random(seed);
  const size = 2 + (seed % 5);
  // odd steps: coordinates whose products round
  const unit = seed % 3 === 0 ? 0.1 : seed % 3 === 1 ? 1 : 1 / 3;
  const node = () => [
    Math.floor(rnd() * size) * unit,
    Math.floor(rnd() * size) * unit,
  ];
  const out: number[][] = [];
  for (let i = 0; i < count; i++) {
    const kind = rnd();
    if (kind < 0.04) {
      out.push(node());
      continue;
    }
    if (kind < 0.1 && out.length > 0) {
      const copy = [...out[Math.floor(rnd() * out.length)]];
      const how = rnd();
      if (how < 0.4) {
        const r: number[] = [];
        for (let j = copy.length - 2; j >= 0; j -= 2) {
          r.push(copy[j], copy[j + 1]);
        }
        out.push(r);
      } else if (how < 0.7) {
        // the same ends, another way between them
        out.push([...copy.slice(0, 2), ...node(), ...copy.slice(2)]);
      } else out.push(copy);
      continue;
    }
    const line: number[] = [];
    const steps = 1 + Math.floor(rnd() * 3);
    for (let s = 0; s <= steps; s++) line.push(...node());
    if (kind < 0.14) line.push(line[0], line[1]); // a ring
    else if (kind < 0.3) {
      // a far end part way along a segment between two nodes
      const [px, py] = node(), [qx, qy] = node();
      const t = rnd();
      line.push(px + t * (qx - px), py + t * (qy - py));
    }
    const jitter = rnd();
    if (jitter < 0.06) line[0] += 5e-9;
    else if (jitter < 0.09) line[line.length - 1] -= 2e-8;
    else if (jitter < 0.11) line[0] = -0;
    else if (jitter < 0.12) line[1] = NaN;
    else if (jitter < 0.13) line[line.length - 2] = Infinity;
    out.push(line);
  }
  return out;
}

Deno.test("mergeConnectedLines answers as the plain walk, value for value, round for round", () => {
  let joins = 0;
  farEndRefusals = 0;
  for (let seed = 1; seed <= 4000; seed++) {
    const lines = network(seed, 2 + (seed % 60));
    const expected = plainWalk(lines.map((l) => [...l]));
    const actual = mergeConnectedLines(lines);
    assert.deepStrictEqual(actual, expected, `seed ${seed}`);
    for (const r of expected.rounds) joins += r.joined.length;
  }
  // the networks exercise both joins and the far-end rule
  assert.ok(
    joins > 5000 && farEndRefusals > 5000,
    `${joins} joins, ${farEndRefusals} far-end refusals`,
  );
});

Deno.test("mergeConnectedLines follows the far-end rule on loops, lollipops and T-junctions", () => {
  // a loop closing back on the street: the last piece is not joined
  const loop = [[0, 0, 1, 0], [1, 0, 1, 1], [1, 1, 0, 0]];
  assert.deepStrictEqual(mergeConnectedLines(loop), plainWalk(loop));
  assert.equal(mergeConnectedLines(loop).rounds[0].joined.length, 1);
  // a lollipop: the stick, then the loop's first piece; the piece ending
  // on the stick's middle is not
  const lollipop = [[0, 0, 4, 0], [4, 0, 5, 1], [5, 1, 2, 0]];
  assert.deepStrictEqual(mergeConnectedLines(lollipop), plainWalk(lollipop));
  assert.deepStrictEqual(mergeConnectedLines(lollipop).rounds[0].joined, [1]);
  // T-junction: a piece from the street's end back onto its middle
  const t = [[0, 0, 2, 0, 4, 0], [4, 0, 2, 0]];
  assert.deepStrictEqual(mergeConnectedLines(t), plainWalk(t));
});

Deno.test("mergeConnectedLines takes in a piece refused while its far end lay on a segment the line then lost", () => {
  // the piece 1 from the street's end to its middle is refused; piece 2
  // ends 5e-9 off the street's start and takes its place, so the first
  // segment now starts there and the middle is no longer on it
  const lines = [[0, 0, 4, 0], [4, 0, 3, 1, 2, 0], [-1, -1, 5e-9, 1e-9]];
  const expected = plainWalk(lines.map((l) => [...l]));
  assert.deepStrictEqual(expected.rounds, [{ to: 0, joined: [2, 1] }]);
  assert.deepStrictEqual(mergeConnectedLines(lines), expected);
});

Deno.test("mergeConnectedLines returns unjoined pieces as they came", () => {
  const a = [0, 0, 1, 0], b = [5, 5, 6, 6];
  const out = mergeConnectedLines([a, b]).lines;
  assert.equal(out[0], a);
  assert.equal(out[1], b);
});

/** `n` segments of one street along y = 0, shuffled, every other one reversed. */
function shuffledStreet(n: number, seed: number): number[][] {
  const rnd = random(seed);
  const lines: number[][] = [];
  for (let i = 0; i < n; i++) {
    lines.push(i % 2 ? [i + 1, 0, i, 0] : [i, 0, i + 1, 0]);
  }
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [lines[i], lines[j]] = [lines[j], lines[i]];
  }
  return lines;
}

Deno.test("mergeConnectedLines joins a street of 50,000 shuffled segments into one line", () => {
  // the plain walk took minutes here
  const n = 50_000;
  const { lines: out, rounds } = mergeConnectedLines(shuffledStreet(n, 7));
  const left = out.filter((l) => l !== null);
  assert.equal(left.length, 1);
  assert.equal(rounds.length, 1);
  const line = left[0]!;
  assert.equal(line.length, 2 * (n + 1));
  for (let i = 0; i <= n; i++) assert.equal(line[2 * i], i);
});

Deno.test("mergeConnectedLines matches the plain walk on a zigzag street with spurs", () => {
  // bigger than the random networks: a street whose far ends keep landing
  // near (and on) it
  const rnd = random(11);
  const lines: number[][] = [];
  for (let i = 0; i < 400; i++) {
    lines.push([i, i % 2, i + 1, (i + 1) % 2]);
    if (rnd() < 0.3) lines.push([i + 1, (i + 1) % 2, i + 0.5, 0.5]);
    if (rnd() < 0.2) lines.push([i, i % 2, i + 2, i % 2]);
  }
  for (let i = lines.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [lines[i], lines[j]] = [lines[j], lines[i]];
  }
  assert.deepStrictEqual(
    mergeConnectedLines(lines),
    plainWalk(lines.map((l) => [...l])),
  );
});

Deno.test("mergeConnectedLines matches the plain walk on overlapping pieces from one point and copies of one segment", () => {
  // each round refuses every other piece (far end on the line, or both
  // ends touching): pieces set aside, brought back each round
  const comb: number[][] = [];
  for (let i = 300; i >= 1; i--) comb.push([0, 0, i, 0]);
  for (let i = 0; i < 100; i++) comb.push(i % 2 ? [1, 1, 0, 0] : [0, 0, 1, 1]);
  for (let i = 0; i < 50; i++) comb.push([0, 0, 0.5, 2, 1, 1]);
  assert.deepStrictEqual(
    mergeConnectedLines(comb),
    plainWalk(comb.map((l) => [...l])),
  );
});

Deno.test("mergeConnectedLines joins 50,000 spokes meeting at one point in pairs", () => {
  const n = 50_000;
  const lines: number[][] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    lines.push([0, 0, Math.cos(a), Math.sin(a)]);
  }
  const out = mergeConnectedLines(lines).lines.filter((l) => l !== null);
  assert.equal(out.length, n / 2);
});
