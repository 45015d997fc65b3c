// libstdc++'s std::sort (introsort: median-of-three quicksort, heap sort
// past the depth limit, insertion sort below 16 elements). PAL sorts label
// candidates with it; it is not stable, and which of two equally cheap
// candidates comes first decides which one a label takes.

const THRESHOLD = 16;

/** Sorts `a` in place exactly as libstdc++'s `std::sort(a, a + n, less)`. */
export function stdSort<T>(a: T[], less: (x: T, y: T) => boolean): T[] {
  const n = a.length;
  if (n < 2) return a;
  introsortLoop(a, 0, n, 2 * Math.floor(Math.log2(n)), less);
  finalInsertionSort(a, 0, n, less);
  return a;
}

function swap<T>(a: T[], i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

function introsortLoop<T>(
  a: T[],
  first: number,
  last: number,
  depth: number,
  less: (x: T, y: T) => boolean,
): void {
  while (last - first > THRESHOLD) {
    if (depth === 0) {
      partialSort(a, first, last, less);
      return;
    }
    depth--;
    const cut = partitionPivot(a, first, last, less);
    introsortLoop(a, cut, last, depth, less);
    last = cut;
  }
}

function partitionPivot<T>(
  a: T[],
  first: number,
  last: number,
  less: (x: T, y: T) => boolean,
): number {
  const mid = first + ((last - first) >> 1);
  moveMedianToFirst(a, first, first + 1, mid, last - 1, less);
  // unguarded partition around a[first]
  let lo = first + 1, hi = last;
  for (;;) {
    while (less(a[lo], a[first])) lo++;
    hi--;
    while (less(a[first], a[hi])) hi--;
    if (!(lo < hi)) return lo;
    swap(a, lo, hi);
    lo++;
  }
}

function moveMedianToFirst<T>(
  a: T[],
  result: number,
  x: number,
  y: number,
  z: number,
  less: (p: T, q: T) => boolean,
): void {
  if (less(a[x], a[y])) {
    if (less(a[y], a[z])) swap(a, result, y);
    else if (less(a[x], a[z])) swap(a, result, z);
    else swap(a, result, x);
  } else if (less(a[x], a[z])) swap(a, result, x);
  else if (less(a[y], a[z])) swap(a, result, z);
  else swap(a, result, y);
}

function linearInsert<T>(
  a: T[],
  last: number,
  less: (x: T, y: T) => boolean,
): void {
  const val = a[last];
  let next = last - 1;
  while (less(val, a[next])) {
    a[last] = a[next];
    last = next;
    next--;
  }
  a[last] = val;
}

function insertionSort<T>(
  a: T[],
  first: number,
  last: number,
  less: (x: T, y: T) => boolean,
): void {
  if (first === last) return;
  for (let i = first + 1; i < last; i++) {
    if (less(a[i], a[first])) {
      const val = a[i];
      for (let k = i; k > first; k--) a[k] = a[k - 1];
      a[first] = val;
    } else linearInsert(a, i, less);
  }
}

function finalInsertionSort<T>(
  a: T[],
  first: number,
  last: number,
  less: (x: T, y: T) => boolean,
): void {
  if (last - first > THRESHOLD) {
    insertionSort(a, first, first + THRESHOLD, less);
    for (let i = first + THRESHOLD; i < last; i++) linearInsert(a, i, less);
  } else insertionSort(a, first, last, less);
}

// heap sort of [first, last) as std::__partial_sort(first, last, last)
function adjustHeap<T>(
  a: T[],
  first: number,
  hole: number,
  len: number,
  value: T,
  less: (x: T, y: T) => boolean,
): void {
  const top = hole;
  let child = hole;
  while (child < ((len - 1) >> 1)) {
    child = 2 * (child + 1);
    if (less(a[first + child], a[first + child - 1])) child--;
    a[first + hole] = a[first + child];
    hole = child;
  }
  if ((len & 1) === 0 && child === ((len - 2) >> 1)) {
    child = 2 * (child + 1);
    a[first + hole] = a[first + child - 1];
    hole = child - 1;
  }
  let parent = (hole - 1) >> 1;
  while (hole > top && less(a[first + parent], value)) {
    a[first + hole] = a[first + parent];
    hole = parent;
    parent = (hole - 1) >> 1;
  }
  a[first + hole] = value;
}

function partialSort<T>(
  a: T[],
  first: number,
  last: number,
  less: (x: T, y: T) => boolean,
): void {
  const len = last - first;
  if (len >= 2) {
    for (let parent = (len - 2) >> 1;; parent--) {
      adjustHeap(a, first, parent, len, a[first + parent], less);
      if (parent === 0) break;
    }
  }
  for (let end = last; end - first > 1;) {
    end--;
    const value = a[end];
    a[end] = a[first];
    adjustHeap(a, first, 0, end - first, value, less);
  }
}
