import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { App } from 'antd';
import { I18nProvider } from '../../i18n';
import type { SearchResultDto } from '../../../../core/contracts/search';
import { mockFetch } from '../../test/fixtures';
import { phoneOrDesktop } from '../../test/media';
import SearchPage from './SearchPage';
import { SearchBox } from './SearchBox';

const result: SearchResultDto = {
  items: [
    {
      kind: 'minutes',
      id: 'n1',
      title: '对外贸易处处务会会议纪要 〔2025〕1号 一、关于支持企业建设海外仓的请示',
      titleHighlights: [[32, 35]],
      snippet: '…刘洋同志对此持不同意见：“不同意：汉堡海外仓选址风险较大<script>”',
      highlights: [[20, 23]],
      link: '/minutes/n1#section-t1',
      divisionId: 'd1',
      divisionName: '对外贸易处',
      day: '2025-06-13',
      status: 'superseded',
      superseded: true,
    },
  ],
  nextCursor: null,
  facets: { minutes: 1, opinion: 2 },
  prefix: false,
};

function Where() {
  const l = useLocation();
  return <div data-testid="where">{`${l.pathname}${l.search}${l.hash}`}</div>;
}

const show = (url: string, phone = false) => {
  vi.stubGlobal('matchMedia', phoneOrDesktop(phone));
  const fetch = vi.fn(
    mockFetch({
      'GET /api/search': { status: 200, body: result },
      'GET /api/divisions': { status: 200, body: [] },
    }),
  );
  vi.stubGlobal('fetch', fetch);
  render(
    <I18nProvider>
      <MemoryRouter initialEntries={[url]}>
        <App>
          <SearchBox narrow={phone} />
          <Routes>
            <Route path="/search" element={<SearchPage />} />
            <Route path="*" element={<div />} />
          </Routes>
          <Where />
        </App>
      </MemoryRouter>
    </I18nProvider>,
  );
  return fetch;
};

describe('search page (R1.3)', () => {
  it('R1.3: shows the hits with the server’s ranges marked (text, never HTML), the tab counts and the link to the section', async () => {
    const fetch = show('/search?q=%E6%B5%B7%E5%A4%96%E4%BB%93&year=2025');
    await screen.findByText('已被更正');
    const called = String(fetch.mock.calls.find((c) => String(c[0]).startsWith('/api/search'))?.[0]);
    expect(called).toContain('q=%E6%B5%B7%E5%A4%96%E4%BB%93');
    expect(called).toContain('year=2025');
    const marks = [...document.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks).toEqual(['海外仓', '海外仓']);
    // The snippet's angle brackets stay text.
    expect(document.querySelector('script')).toBeNull();
    expect(screen.getByText(/<script>/)).toBeTruthy();
    expect(screen.getByText('全部 3')).toBeTruthy();
    expect(screen.getByText('发言 2')).toBeTruthy();
    const link = document.querySelector('a[href="/minutes/n1#section-t1"]');
    expect(link).not.toBeNull();
    expect(screen.getByText(/扫描件和图片中的文字无法检索/)).toBeTruthy();
    // The search box shows the words of the page.
    expect((screen.getByLabelText('全文检索') as HTMLInputElement).value).toBe('海外仓');
  });

  it('R1.3: the header box opens /search with the words; a kind tab goes into the URL', async () => {
    show('/search?q=a');
    await screen.findByText('已被更正');
    const box = screen.getByLabelText('全文检索');
    fireEvent.change(box, { target: { value: '海外倉' } });
    fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/search?q=%E6%B5%B7%E5%A4%96%E5%80%89'));
    fireEvent.click(screen.getByText('发言 2'));
    await waitFor(() => expect(screen.getByTestId('where').textContent).toContain('kind=opinion'));
  });

  it('R1.3: on a phone the header holds a search button; the results page carries the box', async () => {
    show('/minutes', true);
    expect(screen.queryByRole('textbox')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '全文检索' }));
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/search'));
    const box = await screen.findByLabelText('全文检索', { selector: 'input' });
    fireEvent.change(box, { target: { value: '海外仓' } });
    fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/search?q=%E6%B5%B7%E5%A4%96%E4%BB%93'));
    await screen.findByText('已被更正');
  });
});
