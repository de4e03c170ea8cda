import type { ReactNode } from 'react';
import { Link } from 'react-router';

/**
 * The Markdown the user guide is written in, rendered to React: headings
 * (# to ####), paragraphs, `-` and `1.` lists, `>` notes, pipe tables, images,
 * links, **bold** and `code`. Nothing is rendered as raw HTML: the text is
 * React text, so a chapter cannot inject markup.
 */
export interface MarkdownLinks {
  /** The URL of an image written as `img/…` in the chapter, or undefined when there is none. */
  image(src: string): string | undefined;
  /** A link written in the chapter: an app path (another chapter) or an outside address. */
  link(href: string): { to: string } | { href: string };
}

const INLINE = /(\*\*([^*]+)\*\*|`([^`]+)`|!\[([^\]]*)\]\(([^)\s]+)\)|\[([^\]]+)\]\(([^)\s]+)\))/g;

function inline(text: string, links: MarkdownLinks, key: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let i = 0;
  for (const m of text.matchAll(INLINE)) {
    const at = m.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    const k = `${key}.${i++}`;
    if (m[2] !== undefined) out.push(<strong key={k}>{inline(m[2], links, k)}</strong>);
    else if (m[3] !== undefined) out.push(<code key={k}>{m[3]}</code>);
    else if (m[5] !== undefined) {
      const src = links.image(m[5]);
      out.push(
        src ? (
          <img key={k} src={src} alt={m[4] ?? ''} loading="lazy" />
        ) : (
          <span key={k} className="guide-missing-image">{`［缺少截图：${m[4] ?? m[5]}］`}</span>
        ),
      );
    } else if (m[7] !== undefined) {
      const target = links.link(m[7]);
      const label = inline(m[6] ?? '', links, k);
      out.push(
        'to' in target ? (
          <Link key={k} to={target.to}>
            {label}
          </Link>
        ) : (
          <a key={k} href={target.href} target="_blank" rel="noreferrer">
            {label}
          </a>
        ),
      );
    }
    last = at + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

const cells = (line: string): string[] =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());

const HEADING = /^(#{1,4})\s+(.*)$/;
const BULLET = /^[-*]\s+(.*)$/;
const NUMBERED = /^\d+\.\s+(.*)$/;
const TABLE_RULE = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** Renders a chapter; `links` resolves its images and links. */
export function renderMarkdown(source: string, links: MarkdownLinks): ReactNode[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const out: ReactNode[] = [];
  let i = 0;
  const key = () => `b${out.length}`;
  const isStart = (l: string) =>
    l.trim() === '' || HEADING.test(l) || BULLET.test(l) || NUMBERED.test(l) || l.startsWith('>') || l.startsWith('|');

  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      i++;
      continue;
    }
    const h = HEADING.exec(line);
    if (h) {
      const level = (h[1] ?? '#').length;
      const k = key();
      const content = inline(h[2] ?? '', links, k);
      out.push(
        level === 1 ? (
          <h1 key={k}>{content}</h1>
        ) : level === 2 ? (
          <h2 key={k}>{content}</h2>
        ) : level === 3 ? (
          <h3 key={k}>{content}</h3>
        ) : (
          <h4 key={k}>{content}</h4>
        ),
      );
      i++;
      continue;
    }
    if (line.startsWith('>')) {
      const quoted: string[] = [];
      while (i < lines.length && (lines[i] ?? '').startsWith('>')) quoted.push((lines[i++] ?? '').replace(/^>\s?/, ''));
      const k = key();
      out.push(<blockquote key={k}>{renderMarkdown(quoted.join('\n'), links)}</blockquote>);
      continue;
    }
    if (line.startsWith('|') && TABLE_RULE.test(lines[i + 1] ?? '')) {
      const head = cells(line);
      i += 2;
      const rows: string[][] = [];
      while (i < lines.length && (lines[i] ?? '').startsWith('|')) rows.push(cells(lines[i++] ?? ''));
      const k = key();
      out.push(
        <table key={k}>
          <thead>
            <tr>
              {head.map((c, j) => (
                <th key={j}>{inline(c, links, `${k}.h${j}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, ri) => (
              <tr key={ri}>
                {r.map((c, j) => (
                  <td key={j}>{inline(c, links, `${k}.${ri}.${j}`)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>,
      );
      continue;
    }
    const listKind = BULLET.test(line) ? BULLET : NUMBERED.test(line) ? NUMBERED : null;
    if (listKind) {
      const items: string[] = [];
      while (i < lines.length) {
        const l = lines[i] ?? '';
        const item = listKind.exec(l);
        if (item) items.push(item[1] ?? '');
        else if (/^\s{2,}\S/.test(l) && items.length > 0) items[items.length - 1] += `\n${l.trim()}`;
        else break;
        i++;
      }
      const k = key();
      // An item whose indented lines hold a list of their own renders them as a nested list.
      const lis = items.map((it, j) => (
        <li key={j}>
          {it.split('\n').some((l, n) => n > 0 && (BULLET.test(l) || NUMBERED.test(l)))
            ? renderMarkdown(it, links)
            : paragraphLines(it, links, `${k}.${j}`)}
        </li>
      ));
      out.push(listKind === BULLET ? <ul key={k}>{lis}</ul> : <ol key={k}>{lis}</ol>);
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && (para.length === 0 || !isStart(lines[i] ?? ''))) para.push(lines[i++] ?? '');
    const k = key();
    out.push(<p key={k}>{paragraphLines(para.join('\n'), links, k)}</p>);
  }
  return out;
}

/** A paragraph's lines: Chinese text joins without a space; an image on a line of its own stays on its own line. */
function paragraphLines(text: string, links: MarkdownLinks, key: string): ReactNode[] {
  const parts = text.split('\n').map((l) => l.trim());
  return parts.flatMap((l, j) => [
    ...(j > 0 && (l.startsWith('![') || (parts[j - 1] ?? '').startsWith('![')) ? [<br key={`${key}.br${j}`} />] : []),
    ...inline(l, links, `${key}.l${j}`),
  ]);
}
