/**
 * Keeping track of where text came from, so that every warning names a line of the ORIGINAL
 * Jekyll file although the text has been rewritten several times (Liquid, kramdown, links)
 * before the warning is found. Each step reports lines of its own input; `alignLines` works out
 * which input line each output line came from, and the maps are chained.
 */

/** A warning about one line of the text a step was given (1-based). */
export interface SourceWarning {
  line: number;
  message: string;
}

/** A line of a step's output → the line of its input it came from. */
export type LineMap = (line: number) => number;

/**
 * Which line of `before` each line of `after` comes from. Equal non-blank lines are paired by a
 * shortest edit script (Myers); blank lines are not, as they would pair with any other blank
 * line. Between two pairs, blank lines at either end pair up, and the lines in the middle map
 * line for line when their number did not change; otherwise (a rendered include, a figure made
 * of an image and its caption) all map to the first non-blank line they were made from.
 */
export function alignLines(before: string, after: string): LineMap {
  if (before === after) return (line) => line;
  const a = before.split('\n');
  const b = after.split('\n');
  const filled = (lines: readonly string[]) => lines.flatMap((line, index) => (line.trim() === '' ? [] : [index]));
  const aText = filled(a);
  const bText = filled(b);
  const pairs = commonLines(
    aText.map((index) => a[index]!),
    bText.map((index) => b[index]!),
  ).map(([i, j]) => [aText[i]!, bText[j]!] as [number, number]);
  pairs.push([a.length, b.length]);

  // origin[j] = line of `before` (0-based) that line j of `after` came from.
  const origin = new Int32Array(b.length);
  let lastA = -1;
  let lastB = -1;
  for (const [nextA, nextB] of pairs) {
    let startA = lastA + 1;
    let startB = lastB + 1;
    let endA = nextA - 1;
    let endB = nextB - 1;
    const blankA = (index: number) => a[index]!.trim() === '';
    const blankB = (index: number) => b[index]!.trim() === '';
    while (startA <= endA && startB <= endB && blankA(startA) && blankB(startB)) origin[startB++] = startA++;
    while (startA <= endA && startB <= endB && blankA(endA) && blankB(endB)) origin[endB--] = endA--;
    if (endA - startA === endB - startB) {
      for (let j = startB; j <= endB; j += 1) origin[j] = startA + (j - startB);
    } else {
      let first = startA;
      while (first < endA && blankA(first)) first += 1;
      for (let j = startB; j <= endB; j += 1) origin[j] = Math.max(Math.min(first, a.length - 1), 0);
    }
    if (nextB < b.length) origin[nextB] = nextA;
    lastA = nextA;
    lastB = nextB;
  }
  return (line) => {
    const index = Math.min(Math.max(line - 1, 0), b.length - 1);
    return Math.max(origin[index]!, 0) + 1;
  };
}

/** `first`, then `second`: a line of the last output → a line of the first input. */
export function chainLineMaps(first: LineMap, second: LineMap): LineMap {
  return (line) => first(second(line));
}

/** The 1-based line of an offset in a text. */
export function lineAtOffset(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line += 1;
  return line;
}

/** Paired indexes [in a, in b] of equal lines, in order (a longest common subsequence). */
function commonLines(a: readonly string[], b: readonly string[]): [number, number][] {
  // Equal prefix and suffix first: most steps change a few lines of a long post.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const middle = myers(a.slice(start, endA), b.slice(start, endB)).map(([i, j]) => [i + start, j + start] as [number, number]);
  const pairs: [number, number][] = [];
  for (let index = 0; index < start; index += 1) pairs.push([index, index]);
  pairs.push(...middle);
  for (let offset = 0; offset < a.length - endA; offset += 1) pairs.push([endA + offset, endB + offset]);
  return pairs;
}

/** Myers' O((N+M)D) diff; gives up (no pairs) past a budget, which only costs line precision. */
function myers(a: readonly string[], b: readonly string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [];
  const max = Math.min(n + m, 3000);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v[offset - d - 1 … offset + d + 1] as it was before step d.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d += 1) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, d);
    }
  }
  return [];
}

function backtrack(trace: Int32Array[], a: readonly string[], b: readonly string[], depth: number): [number, number][] {
  const pairs: [number, number][] = [];
  let x = a.length;
  let y = b.length;
  for (let d = depth; d >= 0; d -= 1) {
    const window = trace[d]!;
    const at = (k: number) => window[k + d + 1]!;
    const k = x - y;
    const previousK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const previousX = d === 0 ? 0 : at(previousK);
    const previousY = d === 0 ? 0 : previousX - previousK;
    while (x > previousX && y > previousY) {
      x -= 1;
      y -= 1;
      pairs.push([x, y]);
    }
    x = previousX;
    y = previousY;
  }
  return pairs.reverse();
}
