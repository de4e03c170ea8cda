import { Fragment } from 'react';

/**
 * Text with the server's highlight ranges ([start, end) offsets) marked. The server sends plain
 * text and offsets, never HTML: React escapes the text, and only <mark> is ours.
 */
export function Highlighted({ text, ranges }: { text: string; ranges: ReadonlyArray<readonly [number, number]> }) {
  const parts: Array<{ s: string; hit: boolean }> = [];
  let at = 0;
  for (const [a, b] of [...ranges].sort((x, y) => x[0] - y[0])) {
    const start = Math.max(a, at);
    const end = Math.min(b, text.length);
    if (end <= start) continue;
    if (start > at) parts.push({ s: text.slice(at, start), hit: false });
    parts.push({ s: text.slice(start, end), hit: true });
    at = end;
  }
  if (at < text.length) parts.push({ s: text.slice(at), hit: false });
  return <>{parts.map((p, i) => (p.hit ? <mark key={i}>{p.s}</mark> : <Fragment key={i}>{p.s}</Fragment>))}</>;
}
