import { describe, expect, it } from 'vitest';
import { child, el, leaf, parseXml, textOf, writeXml } from './xml.js';

describe('R5.7: the manifest’s XML', () => {
  it('R5.7: writes and reads back Chinese names, attributes and escaped text', () => {
    const text = writeXml(
      el('归档信息包', { 版本: 1, 空: null }, leaf('题名', '关于“A & B”的<纪要>'), el('文件', { 路径: 'a\'b"c' })),
    );
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<归档信息包 版本="1">')).toBe(true);
    const root = parseXml(text);
    expect(textOf(child(root, '题名'))).toBe('关于“A & B”的<纪要>');
    expect(child(root, '文件')?.attrs['路径']).toBe('a\'b"c');
    expect(parseXml('<a x="&#x4E2D;&#25991;"><![CDATA[<b>]]><!-- c --></a>')).toEqual({
      name: 'a',
      attrs: { x: '中文' },
      children: ['<b>'],
    });
  });

  it('R5.7: refuses what is not well-formed, and any DOCTYPE (no entity expansion)', () => {
    for (const bad of [
      '<a><b></a>',
      '<a>',
      '<a x=1/>',
      '<a>&foo;</a>',
      '<a>x & y</a>',
      '<a/><b/>',
      '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>',
      '<a x="1" x="2"/>',
    ])
      expect(() => parseXml(bad), bad).toThrow(/XML 格式错误/);
  });
});
