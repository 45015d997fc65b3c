// Differences between our config and the upstream exporter's, as a sorted
// list of "path: ours ≠ upstream" lines (style definitions are not compared:
// our QML is the project's own text, upstream's QGIS's re-serialization).
// deno-lint-ignore no-explicit-any
type Json = any;

const close = (a: number, b: number) =>
  Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Lists where `ours` and `upstream` differ. */
export function differences(ours: Json, upstream: Json, path = ""): string[] {
  if (typeof ours === "number" && typeof upstream === "number") {
    return close(ours, upstream) ? [] : [`${path}: ${ours} ≠ ${upstream}`];
  }
  if (
    ours === null || upstream === null || typeof ours !== "object" ||
    typeof upstream !== "object" ||
    Array.isArray(ours) !== Array.isArray(upstream)
  ) {
    return ours === upstream ||
        JSON.stringify(ours) === JSON.stringify(upstream)
      ? []
      : [`${path}: ${short(ours)} ≠ ${short(upstream)}`];
  }
  const out: string[] = [];
  if (Array.isArray(ours)) {
    // Datasets and tree members pair by id, the rest by position.
    const keyed = [...ours, ...upstream].every((x) =>
      x && typeof x === "object" && typeof x.id === "string"
    ) && !path.endsWith(".fields");
    if (keyed) {
      const mine = new Map(ours.map((x: Json) => [x.id, x]));
      const theirs = new Map(upstream.map((x: Json) => [x.id, x]));
      for (const [id, x] of mine) {
        if (!theirs.has(id)) {
          out.push(`${path}[${id}]: only ours`);
        } else out.push(...differences(x, theirs.get(id), `${path}[${id}]`));
      }
      for (const id of theirs.keys()) {
        if (!mine.has(id)) {
          out.push(`${path}[${id}]: only upstream`);
        }
      }
      const order = (xs: Json[]) =>
        xs.map((x) =>
          x.id
        ).filter((id: string) => mine.has(id) && theirs.has(id));
      if (JSON.stringify(order(ours)) !== JSON.stringify(order(upstream))) {
        out.push(
          `${path}: order ${order(ours).join(",")} ≠ ${
            order(upstream).join(",")
          }`,
        );
      }
      return out;
    }
    const n = Math.max(ours.length, upstream.length);
    for (let i = 0; i < n; i++) {
      const key = ours[i]?.name ?? upstream[i]?.name ?? i;
      if (i >= ours.length) {
        out.push(`${path}[${key}]: only upstream`);
      } else if (i >= upstream.length) {
        out.push(`${path}[${key}]: only ours`);
      } else out.push(...differences(ours[i], upstream[i], `${path}[${key}]`));
    }
    return out;
  }
  for (const key of new Set([...Object.keys(ours), ...Object.keys(upstream)])) {
    if (key === "definition") continue;
    const p = path === "" ? key : `${path}.${key}`;
    if (!(key in upstream)) out.push(`${p}: only ours (${short(ours[key])})`);
    else if (!(key in ours)) {
      out.push(`${p}: only upstream (${short(upstream[key])})`);
    } else out.push(...differences(ours[key], upstream[key], p));
  }
  return out;
}

function short(value: Json): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}
