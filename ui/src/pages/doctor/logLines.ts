// The log lines a finding came from, as the user sees them: numbered like the explainer numbers
// them (1-based, a line ends at \n, \r\n or a lone \r), colour codes stripped, long lines cut.
// Where lines start is found once per log and shared by every finding, so a 20 MB log with 100
// findings costs one pass, not one per finding.

// CSI sequences (colours, cursor moves) that docker and CI logs carry.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
const MAX_CHARS = 240;
const LF = 10;
const CR = 13;

export type LogLine = { n: number; text: string };

/** Where lines start in one log, found as far as asked so far. */
type LineIndex = { text: string; starts: number[]; scanned: number };
let index: LineIndex | null = null;

/** The start offsets of lines 1..=`last` of `text` (fewer when it has fewer lines). */
function lineStarts(text: string, last: number): number[] {
  if (index?.text !== text) index = { text, starts: [0], scanned: 0 };
  const idx = index;
  let i = idx.scanned;
  // One start past `last`, so line `last` knows where it ends.
  while (idx.starts.length <= last && i < text.length) {
    const c = text.charCodeAt(i);
    i++;
    if (c === CR && text.charCodeAt(i) === LF) i++;
    if (c === LF || c === CR) idx.starts.push(i);
  }
  idx.scanned = i;
  return idx.starts;
}

/** Lines `numbers` of `text` (those that exist), in the order asked. */
export function pickLines(text: string, numbers: readonly number[]): LogLine[] {
  const wanted = numbers.filter((n) => Number.isInteger(n) && n >= 1);
  if (wanted.length === 0) return [];
  const starts = lineStarts(text, Math.max(...wanted));
  return wanted.flatMap((n) => {
    const start = starts[n - 1];
    if (start === undefined) return [];
    let stop = starts[n] ?? text.length;
    if (starts[n] !== undefined) {
      if (text.charCodeAt(stop - 1) === LF) stop--;
      if (text.charCodeAt(stop - 1) === CR) stop--;
    }
    return [{ n, text: clean(text.slice(start, stop)) }];
  });
}

function clean(line: string): string {
  const plain = line.replace(ANSI, "");
  return plain.length > MAX_CHARS ? `${plain.slice(0, MAX_CHARS)}…` : plain;
}
