import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderMinutesDocx } from './minutes-docx.js';
import { normalizeContent, type MinutesContent } from '../../core/minutes.js';

// Old-shaped content (one free body per section) reads as narrative: the compat path.
const content: MinutesContent = normalizeContent({
  title: '对外贸易处处务会会议纪要',
  opening: '2026年11月3日，李伟同志在第一会议室主持召开处务会，研究参展补助等事项。现将会议议定事项纪要如下：',
  sections: [
    {
      topicId: 't1',
      heading: '一、参展补助资金分配',
      body: '【涉及资金事项】\n会议议定：原则同意参展补助资金分配方案（通过）。\n张敏同志对此持不同意见，认为补助标准过高。',
    },
  ],
  present: ['李伟', '王芳', '刘洋'],
  leave: ['张敏'],
  observers: ['陈立新'],
  recorder: '王芳',
  distribution: '分送：局主要领导，陈立新（分管领导），局纪委书记，监察室（备案）；本处室全体人员传阅',
});

describe('minutes as Word (R5.5, GB/T 9704)', () => {
  it('R5.5: A4, margins 37/28/26/35 mm, the four government fonts and sizes, dissent and decisions in the text', async () => {
    const files = unzipSync(
      new Uint8Array(await renderMinutesDocx({ content, number: '〔2026〕3号', divisionName: '对外贸易处' })),
    );
    const xml = strFromU8(files['word/document.xml'] ?? new Uint8Array());
    expect(xml).toContain('w:w="11906"');
    expect(xml).toContain('w:h="16838"');
    expect(xml).toMatch(/w:top="2098"/);
    expect(xml).toMatch(/w:left="1587"/);
    expect(xml).toMatch(/w:right="1474"/);
    expect(xml).toMatch(/w:bottom="1984"/);
    expect(xml).toMatch(/w:linePitch="580"/); // 225 mm / 22 lines = 28.99 pt
    expect(xml).toContain('方正小标宋简体');
    expect(xml).toContain('仿宋_GB2312');
    expect(xml).toContain('黑体');
    expect(xml).toContain('w:val="44"'); // 2号 title, in half-points
    expect(xml).toContain('w:val="32"'); // 3号 body
    expect(xml).toContain('〔2026〕3号');
    expect(xml).toContain('张敏同志对此持不同意见，认为补助标准过高。');
    expect(xml).toContain('原则同意参展补助资金分配方案');
    expect(xml).toContain('出席：');
    const settings = strFromU8(files['word/settings.xml'] ?? new Uint8Array());
    expect(settings).toContain('w:evenAndOddHeaders');
    const footers = Object.keys(files).filter((f) => /word\/footer\d+\.xml/.test(f));
    expect(footers).toHaveLength(2);
    const footerXml = footers.map((f) => strFromU8(files[f] ?? new Uint8Array())).join('');
    expect(footerXml).toContain('PAGE');
    expect(footerXml).toContain('w:val="right"');
    expect(footerXml).toContain('w:val="left"');
  });

  it('版记: the 分送 and 印发 lines between rules; 印发 is the division, a tab to the right, the issue date', async () => {
    const xmlOf = async (issuedAt: string | null, number: string) =>
      strFromU8(
        unzipSync(new Uint8Array(await renderMinutesDocx({ content, number, divisionName: '对外贸易处', issuedAt })))[
          'word/document.xml'
        ] ?? new Uint8Array(),
      );
    const xml = await xmlOf('2026-11-29T16:30:00.000Z', '外贸纪〔2026〕3号'); // 2026-11-30 00:30 in Beijing
    expect(xml).toContain('外贸纪〔2026〕3号');
    const imprint = xml.slice(xml.indexOf('分送：'));
    expect(imprint).toMatch(/对外贸易处<\/w:t>.*<w:tab\/>.*2026年11月30日印发<\/w:t>/s);
    expect(imprint.indexOf('对外贸易处<')).toBeGreaterThan(0);
    expect(xml).toMatch(/<w:tabs><w:tab w:val="right"/);
    expect(xml.match(/<w:between /g)).toHaveLength(2); // one group: 分送 and 印发 paragraphs
    const draft = await xmlOf(null, '〔　　〕　号');
    expect(draft).toContain('　　　　年　　月　　日印发');
  });
});
