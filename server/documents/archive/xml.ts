/**
 * The little XML an archive package needs: a writer that escapes, and a strict parser of
 * elements, attributes, text, comments, CDATA and character references. No DTD (a DOCTYPE is
 * refused, so no entity expansion or external fetch), no namespaces processing (prefixes stay in
 * the names). Used for the manifest and the per-item facts, and to test an XML file's
 * well-formedness in the usability check.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Characters XML 1.0 cannot carry at all (a control character in a user's text): dropped. */
function xmlSafe(s: string): string {
  // eslint-disable-next-line no-control-regex -- exactly the characters XML 1.0 forbids
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

/** An element to write: attributes in the given order, children in order; null/undefined children skipped. */
export function el(
  name: string,
  attrs: Record<string, string | number | null | undefined> = {},
  ...children: Array<XmlNode | null | undefined | false>
): XmlElement {
  const a: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) a[k] = String(v);
  return {
    name,
    attrs: a,
    children: children.filter((c): c is XmlNode => c !== null && c !== undefined && c !== false),
  };
}

/** A leaf element holding text. */
export const leaf = (name: string, text: string | number, attrs: Record<string, string | number> = {}) =>
  el(name, attrs, String(text));

/** Serialises with two-space indentation (text-only elements on one line), with the XML declaration. */
export function writeXml(root: XmlElement): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  const write = (e: XmlElement, depth: number) => {
    const pad = '  '.repeat(depth);
    const attrs = Object.entries(e.attrs)
      .map(([k, v]) => ` ${k}="${escapeXml(xmlSafe(v))}"`)
      .join('');
    if (e.children.length === 0) {
      out.push(`${pad}<${e.name}${attrs}/>\n`);
      return;
    }
    if (e.children.every((c) => typeof c === 'string')) {
      out.push(`${pad}<${e.name}${attrs}>${escapeXml(xmlSafe(e.children.join('')))}</${e.name}>\n`);
      return;
    }
    out.push(`${pad}<${e.name}${attrs}>\n`);
    for (const c of e.children) {
      if (typeof c === 'string') out.push(`${pad}  ${escapeXml(xmlSafe(c))}\n`);
      else write(c, depth + 1);
    }
    out.push(`${pad}</${e.name}>\n`);
  };
  write(root, 0);
  return out.join('');
}

export class XmlError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const NAME = /[A-Za-z_:\u00c0-\uffff][-A-Za-z0-9_:.\u00b7\u00c0-\uffff]*/y;

/** Parses a whole document; throws `XmlError` (with the character offset) when it is not well-formed. */
export function parseXml(text: string): XmlElement {
  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  const fail = (what: string): never => {
    throw new XmlError(`XML 格式错误（第 ${i} 个字符）：${what}`, i);
  };
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  };
  const name = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(text);
    if (!m) fail('缺少名称');
    i += (m as RegExpExecArray)[0].length;
    return (m as RegExpExecArray)[0];
  };
  const decode = (s: string): string =>
    s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);|&/g, (all, ref: string | undefined) => {
      if (!ref) return fail('未转义的 &');
      if (ref === 'lt') return '<';
      if (ref === 'gt') return '>';
      if (ref === 'amp') return '&';
      if (ref === 'quot') return '"';
      if (ref === 'apos') return "'";
      const code = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code > 0x10ffff || code === 0) return fail(`无效的字符引用 ${all}`);
      return String.fromCodePoint(code);
    });
  const misc = () => {
    for (;;) {
      skipSpace();
      if (text.startsWith('<?', i)) {
        const end = text.indexOf('?>', i);
        if (end < 0) fail('处理指令未结束');
        i = end + 2;
      } else if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i);
        if (end < 0) fail('注释未结束');
        i = end + 3;
      } else if (text.startsWith('<!DOCTYPE', i)) {
        fail('不接受 DOCTYPE');
      } else return;
    }
  };
  const element = (): XmlElement => {
    if (text[i] !== '<') fail('应为元素开始');
    i++;
    const tag = name();
    const attrs: Record<string, string> = {};
    for (;;) {
      const before = i;
      skipSpace();
      if (text.startsWith('/>', i)) {
        i += 2;
        return { name: tag, attrs, children: [] };
      }
      if (text[i] === '>') {
        i++;
        break;
      }
      if (i === before) fail('属性之间缺少空白');
      const key = name();
      skipSpace();
      if (text[i] !== '=') fail(`属性 ${key} 缺少 =`);
      i++;
      skipSpace();
      const q = text[i];
      if (q !== '"' && q !== "'") fail(`属性 ${key} 的值缺少引号`);
      const end = text.indexOf(q as string, i + 1);
      if (end < 0) fail(`属性 ${key} 的值未结束`);
      const raw = text.slice(i + 1, end);
      if (raw.includes('<')) fail(`属性 ${key} 的值含有 <`);
      if (key in attrs) fail(`重复的属性 ${key}`);
      attrs[key] = decode(raw);
      i = end + 1;
    }
    const children: XmlNode[] = [];
    let buf = '';
    const flush = () => {
      if (buf) children.push(buf);
      buf = '';
    };
    for (;;) {
      if (i >= text.length) fail(`元素 ${tag} 未结束`);
      if (text.startsWith('</', i)) {
        i += 2;
        const closing = name();
        if (closing !== tag) fail(`结束标记 ${closing} 与开始标记 ${tag} 不匹配`);
        skipSpace();
        if (text[i] !== '>') fail('结束标记缺少 >');
        i++;
        flush();
        return { name: tag, attrs, children };
      }
      if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i);
        if (end < 0) fail('注释未结束');
        i = end + 3;
      } else if (text.startsWith('<![CDATA[', i)) {
        const end = text.indexOf(']]>', i);
        if (end < 0) fail('CDATA 未结束');
        buf += text.slice(i + 9, end);
        i = end + 3;
      } else if (text.startsWith('<?', i)) {
        const end = text.indexOf('?>', i);
        if (end < 0) fail('处理指令未结束');
        i = end + 2;
      } else if (text[i] === '<') {
        flush();
        children.push(element());
      } else {
        const next = text.indexOf('<', i);
        const raw = text.slice(i, next < 0 ? text.length : next);
        buf += decode(raw);
        i += raw.length;
      }
    }
  };
  misc();
  const root = element();
  misc();
  if (i < text.length) fail('根元素之后还有内容');
  return root;
}

/** The child elements named `name`. */
export const childrenNamed = (e: XmlElement, name: string): XmlElement[] =>
  e.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === name);

/** The first child element named `name`, or null. */
export const child = (e: XmlElement, name: string): XmlElement | null => childrenNamed(e, name)[0] ?? null;

/** The text of an element (its text children joined, trimmed). */
export const textOf = (e: XmlElement | null): string =>
  e
    ? e.children
        .filter((c): c is string => typeof c === 'string')
        .join('')
        .trim()
    : '';
