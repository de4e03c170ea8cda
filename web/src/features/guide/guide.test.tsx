import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { Root } from '../../App';
import { meFixture, mockFetch } from '../../test/fixtures';
import { guideEntry } from '../../layout/menu';
import { GUIDE_CHAPTERS, guideChapterFor } from './chapters';
import { guideLinks } from './GuidePage';
import { renderMarkdown } from './markdown';

/** The user guide cannot rot silently: its files, its pictures, its table of contents, and what it claims. */
const DIR = '../../../../docs/guide/';
const SOURCES = import.meta.glob<string>('../../../../docs/guide/*.md', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const PNGS = Object.keys(
  import.meta.glob<string>('../../../../docs/guide/img/*.png', { query: '?url', import: 'default', eager: true }),
).map((k) => k.slice(DIR.length));
const exists = (file: string) => `${DIR}${file}` in SOURCES || PNGS.includes(file);
const read = (file: string) => SOURCES[`${DIR}${file}`] ?? '';
const chapters = Object.keys(SOURCES)
  .map((k) => k.slice(DIR.length))
  .filter((f) => f !== 'README.md');
const images = (md: string) => [...md.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '');
const links = (md: string) =>
  [...md.matchAll(/(?<!!)\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '').filter((h) => !/^https?:/.test(h));

describe('docs/guide', () => {
  it('has one chapter per role of the app, each opening with its title and linked from the 目录', () => {
    expect(chapters.length).toBeGreaterThan(0);
    expect([...chapters].sort()).toEqual(GUIDE_CHAPTERS.map((c) => `${c.slug}.md`).sort());
    const toc = read('README.md');
    for (const c of GUIDE_CHAPTERS) {
      expect(read(`${c.slug}.md`).split('\n')[0], c.slug).toBe(`# ${c.title}`);
      expect(links(toc), `目录 links ${c.slug}.md`).toContain(`${c.slug}.md`);
    }
  });

  it('every image a chapter shows exists, every screenshot is shown somewhere, and each chapter has one', () => {
    const shown = new Set<string>();
    for (const file of ['README.md', ...chapters]) {
      const md = read(file);
      for (const src of images(md)) {
        expect(exists(src), `${file}: ${src}`).toBe(true);
        shown.add(src);
      }
      if (file !== 'README.md') expect(images(md).length, `${file} has screenshots`).toBeGreaterThan(0);
    }
    expect(PNGS.filter((f) => !shown.has(f))).toEqual([]);
  });

  it('every link between chapters points at a chapter that exists', () => {
    for (const file of ['README.md', ...chapters])
      for (const href of links(read(file))) expect(exists(href.split('#')[0] ?? ''), href).toBe(true);
  });

  it('R6.3: 责任追究 is described, as built, for the supervision office, the leaders and the person concerned', () => {
    for (const file of ['README.md', ...chapters]) expect(read(file), file).not.toMatch(/建设中/);
    expect(read('supervision.md')).toMatch(/^## 责任追究（R6\.3）$/m);
    expect(read('supervision.md')).toContain('登记问责线索');
    expect(read('supervision.md')).toContain('校验通过');
    expect(read('leaders.md')).toMatch(/^## 问责案件（R6\.3）$/m);
    expect(read('staff.md')).toMatch(/^## 问责通知（R6\.3）$/m);
    // R6.4: the office's monthly inspection of the regime, for the office and the leaders who read it.
    expect(read('supervision.md')).toMatch(/^## 监督检查：制度执行情况（R6\.4）$/m);
    expect(read('leaders.md')).toMatch(/^## 监督检查（R6\.4）$/m);
    expect(read('office.md')).toContain('监督检查');
    expect(read('staff.md')).toContain('提交说明或申辩');
    // Administrators never see a case, and the guide does not tell them otherwise.
    expect(read('admins.md').split('\n')[0]).toBe('# 系统管理员、安全保密管理员、安全审计员（三员）');
    expect(read('admins.md')).not.toMatch(/问责/);
  });

  it('R6.4: 专项检查 and 整改 are described, as built, for the office, the general office, the heads and the leaders', () => {
    expect(read('supervision.md')).toMatch(/^## 专项检查（R6\.4）$/m);
    for (const step of ['制定检查方案', '抽样种子', '发出整改通知', '核验通过', '形成通报', '问题台账（Excel）'])
      expect(read('supervision.md'), step).toContain(step);
    expect(read('head.md')).toMatch(/^## 整改（R6\.4）$/m);
    expect(read('head.md')).toContain('报送整改报告');
    expect(read('office.md')).toMatch(/^## 协助专项检查（R6\.4）$/m);
    expect(read('leaders.md')).toMatch(/^## 专项检查和整改（R6\.4）$/m);
  });

  it('R6.2: 督办 is described, as built, for the staff, the heads and the leaders', () => {
    for (const file of ['staff.md', 'head.md', 'leaders.md']) {
      const md = read(file);
      expect(md, file).toMatch(/^## .*督办.*（R6\.2）$/m);
      expect(md, file).not.toMatch(/督办[^\n]*建设中/);
    }
    expect(read('head.md')).toContain('导出 Excel');
    expect(read('staff.md')).toContain('申请延期');
  });

  it('every image resolves to a URL of the build, so the app shows the same pictures', () => {
    for (const file of chapters)
      for (const src of images(read(file))) expect(guideLinks.image(src), src).toMatch(/\.png$|^data:image\/png/);
    expect(guideLinks.image('img/nothing.png')).toBeUndefined();
    expect(guideLinks.link('staff.md')).toEqual({ to: '/guide/staff' });
    expect(guideLinks.link('README.md')).toEqual({ to: '/guide/index' });
    expect(guideLinks.link('https://example.org/x')).toEqual({ href: 'https://example.org/x' });
  });
});

describe('the chapter a user’s 操作手册 opens', () => {
  const member = (divisionKind: 'business' | 'general_office' | 'supervision_office' | 'leadership') => ({
    divisionId: 'd',
    divisionName: '处',
    divisionKind,
    position: 'staff' as const,
    isRecorder: false,
  });
  it('follows the role: 三员, leaders, 监察室, 办公室, head or deputy, recorder, staff', () => {
    expect(guideChapterFor({ roles: ['audit_admin'], memberships: [] })).toBe('admins');
    expect(guideChapterFor({ roles: ['security_admin'], memberships: [] })).toBe('admins');
    expect(guideChapterFor({ roles: ['principal_leader'], memberships: [member('leadership')] })).toBe('leaders');
    // The discipline secretary also supervises 监察室 as its supervising leader: still a leader.
    expect(
      guideChapterFor({ roles: ['discipline_secretary', 'supervising_leader'], memberships: [member('leadership')] }),
    ).toBe('leaders');
    expect(guideChapterFor({ roles: [], memberships: [{ ...member('supervision_office'), position: 'head' }] })).toBe(
      'supervision',
    );
    expect(guideChapterFor({ roles: [], memberships: [{ ...member('general_office'), isRecorder: true }] })).toBe(
      'office',
    );
    expect(guideChapterFor({ roles: [], memberships: [{ ...member('business'), position: 'deputy' }] })).toBe('head');
    expect(guideChapterFor({ roles: [], memberships: [{ ...member('business'), isRecorder: true }] })).toBe('recorder');
    expect(guideChapterFor({ roles: [], memberships: [member('business')] })).toBe('staff');
  });

  it('is the last entry of everyone’s menu', () => {
    expect(guideEntry(meFixture())).toEqual({ key: '/guide/head', label: 'menu.guide' });
    expect(guideEntry(meFixture({ roles: ['audit_admin'], memberships: [] })).key).toBe('/guide/admins');
  });
});

describe('the guide in the app', () => {
  it('/guide opens the head’s chapter, rendered with its screenshots and a link to the 目录', async () => {
    vi.stubGlobal('fetch', mockFetch({ 'GET /api/me': { status: 200, body: meFixture() } }));
    render(
      <MemoryRouter initialEntries={['/guide']}>
        <Root />
      </MemoryRouter>,
    );
    // The shell, the page and the chapter are three lazy chunks: on a busy machine that outlasts the default wait.
    const title = await screen.findByRole('heading', { level: 1, name: '处长（主持人）' }, { timeout: 40_000 });
    const page = title.closest('article');
    expect(page).toBeInstanceOf(HTMLElement);
    const pictures = [...(page?.querySelectorAll('img') ?? [])];
    expect(pictures.length).toBe(images(read('head.md')).length);
    for (const img of pictures) expect(img.getAttribute('src')).not.toMatch(/^img\//);
    expect(screen.getAllByRole('link', { name: '目录' })[0]?.getAttribute('href')).toBe('/guide/index');
    expect(screen.getByRole('menuitem', { name: '操作手册' })).toBeInstanceOf(HTMLElement);
  }, 60_000);

  it('an unknown chapter is a 404', async () => {
    vi.stubGlobal('fetch', mockFetch({ 'GET /api/me': { status: 200, body: meFixture() } }));
    render(
      <MemoryRouter initialEntries={['/guide/nobody']}>
        <Root />
      </MemoryRouter>,
    );
    expect(await screen.findByText('页面不存在', {}, { timeout: 40_000 })).toBeInstanceOf(HTMLElement);
  }, 60_000);
});

describe('the guide’s Markdown', () => {
  const md = (s: string) => {
    const { container } = render(<MemoryRouter>{renderMarkdown(s, guideLinks)}</MemoryRouter>);
    return container;
  };
  it('renders headings, lists, tables, notes, bold, code, links and pictures', () => {
    const c = md(
      [
        '# 标题',
        '',
        '第一行',
        '第二行**加粗**和`代码`，见[记录人](recorder.md)。',
        '',
        '1. 第一步',
        '2. 第二步',
        '   接续',
        '',
        '- 甲',
        '- 乙',
        '  - 乙一',
        '',
        '| 列一 | 列二 |',
        '| --- | --- |',
        '| 甲 | 乙 |',
        '',
        '> 注意',
        '',
        '![缺图](img/none.png)',
      ].join('\n'),
    );
    expect(c.querySelector('h1')?.textContent).toBe('标题');
    expect(c.querySelector('p')?.textContent).toBe('第一行第二行加粗和代码，见记录人。');
    expect(c.querySelector('strong')?.textContent).toBe('加粗');
    expect(c.querySelector('code')?.textContent).toBe('代码');
    expect(c.querySelector('p a')?.getAttribute('href')).toBe('/guide/recorder');
    expect([...c.querySelectorAll('ol li')].map((li) => li.textContent)).toEqual(['第一步', '第二步接续']);
    expect([...c.querySelectorAll('ul > li')].map((li) => li.firstChild?.textContent)).toEqual(['甲', '乙', '乙一']);
    expect(c.querySelector('ul li ul li')?.textContent).toBe('乙一');
    expect([...c.querySelectorAll('th')].map((x) => x.textContent)).toEqual(['列一', '列二']);
    expect([...c.querySelectorAll('td')].map((x) => x.textContent)).toEqual(['甲', '乙']);
    expect(c.querySelector('blockquote')?.textContent).toBe('注意');
    expect(c.querySelector('.guide-missing-image')?.textContent).toBe('［缺少截图：缺图］');
  });

  it('shows markup as text, never as HTML', () => {
    const c = md('<img src=x onerror="alert(1)"> <script>alert(1)</script>');
    expect(c.querySelector('img')).toBeNull();
    expect(c.querySelector('script')).toBeNull();
    expect(c.textContent).toContain('<script>');
  });
});
