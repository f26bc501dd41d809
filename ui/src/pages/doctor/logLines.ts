// The log lines a finding came from, as the user sees them: numbered like the explainer numbers
// them (1-based, a line ends at \n, \r\n or a lone \r), colour codes stripped, long lines cut.

const LINE_END = /\r\n|\r|\n/g;
// CSI sequences (colours, cursor moves) that docker and CI logs carry.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
const MAX_CHARS = 240;

export type LogLine = { n: number; text: string };

/** Lines `numbers` of `text` (those that exist), in the order asked. */
export function pickLines(text: string, numbers: readonly number[]): LogLine[] {
  const wanted = new Set(numbers.filter((n) => Number.isInteger(n) && n >= 1));
  if (wanted.size === 0) return [];
  const last = Math.max(...wanted);
  const found = new Map<number, string>();
  let start = 0;
  let n = 1;
  LINE_END.lastIndex = 0;
  while (n <= last) {
    const end = LINE_END.exec(text);
    const stop = end ? end.index : text.length;
    if (wanted.has(n)) found.set(n, clean(text.slice(start, stop)));
    if (!end) break;
    start = end.index + end[0].length;
    n++;
  }
  return numbers.flatMap((k) => {
    const line = found.get(k);
    return line === undefined ? [] : [{ n: k, text: line }];
  });
}

function clean(line: string): string {
  const plain = line.replace(ANSI, "");
  return plain.length > MAX_CHARS ? `${plain.slice(0, MAX_CHARS)}…` : plain;
}
