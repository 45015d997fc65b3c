/**
 * A bench's sampler of another process's memory, run as a Web Worker (its
 * loop would stall the bench's own event loop): every millisecond or so it
 * reads the process's resident set (`/proc/<pid>/statm`) and, at each new
 * highest, its memory map (`/proc/<pid>/smaps`) summed by kind of mapping,
 * so that what stands above the resident set at the peak can be named.
 * Loaded only as a worker. Post the pid to start, `"stop"` to get `{ peakMb, atPeak, atEnd }` back.
 *
 * Kinds: `v8_heap` (anonymous read-write memory below 0x7e00_0000_0000:
 * V8's pointer-compression cage, its heap pages), `js_code` (executable
 * memory there), `wasm_code` (executable memory above), `wasm_memory` (an
 * anonymous mapping of 64 MiB or more: the engines' linear memories),
 * `malloc_arena` (64 MiB-aligned: malloc's per-thread heaps), `mmap` (other
 * anonymous memory: array buffers, V8's wire bytes, allocations over
 * `MALLOC_MMAP_THRESHOLD_`), `malloc_main` (`[heap]`), `binary` (Deno's
 * executable), `files`.
 *
 * @module
 */

/** Resident MiB by kind of mapping. */
type Kinds = Record<string, number>;

// Sums `Rss:` of an smaps text by kind of mapping (see the module doc).
function smapsKinds(text: string): Kinds {
  const kinds: Kinds = {};
  let kind = "";
  for (const line of text.split("\n")) {
    const h = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (h) {
      const start = parseInt(h[1], 16);
      const mib = (parseInt(h[2], 16) - start) / 1048576;
      const low = start < 0x7e0000000000;
      kind = h[4].startsWith("[heap]")
        ? "malloc_main"
        : h[4].endsWith("/deno")
        ? "binary"
        : h[4] !== ""
        ? "files"
        : h[3].includes("x")
        ? (low ? "js_code" : "wasm_code")
        : mib >= 64
        ? "wasm_memory"
        : low
        ? "v8_heap"
        : start % (64 * 1048576) === 0
        ? "malloc_arena"
        : "mmap";
      continue;
    }
    const rss = /^Rss:\s+(\d+)/.exec(line);
    if (rss) kinds[kind] = (kinds[kind] ?? 0) + Number(rss[1]) / 1024;
  }
  return kinds;
}

// deno-lint-ignore no-explicit-any
const scope = self as any;
{
  let pid = 0;
  let peak = 0;
  let atPeak: Kinds = {};
  let running = false;
  const rss = () =>
    Number(Deno.readTextFileSync(`/proc/${pid}/statm`).split(" ")[1]) * 4096 /
    1048576;
  const loop = () => {
    if (!running) return;
    try {
      const until = Date.now() + 20;
      while (Date.now() < until) {
        const mb = rss();
        if (mb > peak + 0.25) {
          peak = mb;
          atPeak = smapsKinds(Deno.readTextFileSync(`/proc/${pid}/smaps`));
        }
      }
    } catch {
      running = false; // the process is gone
      return;
    }
    setTimeout(loop, 0);
  };
  scope.onmessage = (e: MessageEvent) => {
    if (e.data === "stop") {
      running = false;
      let atEnd: Kinds = {};
      try {
        atEnd = smapsKinds(Deno.readTextFileSync(`/proc/${pid}/smaps`));
      } catch { /* gone */ }
      scope.postMessage({ peakMb: peak, atPeak, atEnd });
      return;
    }
    pid = Number(e.data);
    running = true;
    loop();
  };
}
