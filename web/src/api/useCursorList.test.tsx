import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { I18nProvider } from '../i18n';
import { LoadMore } from '../layout/LoadMore';
import { useCursorList } from './useCursorList';

/** A server of 5 rows at 2 a page, after an opaque cursor; it records what was asked. */
function pagedFetch(asked: string[]): typeof fetch {
  const rows = ['a', 'b', 'c', 'd', 'e'];
  const f = async (input: RequestInfo | URL) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://x');
    asked.push(`${url.pathname}${url.search}`);
    const from = Number(url.searchParams.get('cursor') ?? 0);
    const tag = url.searchParams.get('q') ?? '';
    const items = rows.slice(from, from + 2).map((id) => ({ id: `${tag}${id}` }));
    const nextCursor = from + 2 < rows.length ? String(from + 2) : null;
    return new Response(JSON.stringify({ items, nextCursor }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  return f as typeof fetch;
}

function List({ q }: { q?: string }) {
  const list = useCursorList<{ id: string }>('/api/things', { q });
  return (
    <div>
      <span data-testid="rows">{list.items.map((r) => r.id).join(',')}</span>
      <LoadMore list={list} />
    </div>
  );
}

const wrap = (q?: string) => (
  <I18nProvider>
    <App>
      <List q={q} />
    </App>
  </I18nProvider>
);

// antd's first render is slow on a loaded machine: wait for it longer than the default second.
const SLOW = { timeout: 15_000 };

describe('useCursorList', () => {
  it('loads the first page, then each next page after its cursor until the last, and hides 加载更多 then', async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', pagedFetch(asked));
    render(wrap());
    await waitFor(() => expect(screen.getByTestId('rows').textContent).toBe('a,b'), SLOW);
    fireEvent.click(screen.getByRole('button', { name: /加载更多/ }));
    await waitFor(() => expect(screen.getByTestId('rows').textContent).toBe('a,b,c,d'), SLOW);
    // A loading button ignores clicks: wait until the page before has finished loading.
    await waitFor(
      () => expect(screen.getByRole('button', { name: /加载更多/ }).className).not.toMatch(/ant-btn-loading/),
      SLOW,
    );
    fireEvent.click(screen.getByRole('button', { name: /加载更多/ }));
    await waitFor(() => expect(screen.getByTestId('rows').textContent).toBe('a,b,c,d,e'), SLOW);
    expect(screen.queryByRole('button', { name: /加载更多/ })).toBeNull();
    expect(asked).toEqual(['/api/things', '/api/things?cursor=2', '/api/things?cursor=4']);
    vi.unstubAllGlobals();
  });

  it('starts over at the first page when the filters change', async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', pagedFetch(asked));
    const view = render(wrap('x'));
    await waitFor(() => expect(screen.getByTestId('rows').textContent).toBe('xa,xb'), SLOW);
    fireEvent.click(screen.getByRole('button', { name: /加载更多/ }));
    await waitFor(() => expect(screen.getByTestId('rows').textContent).toBe('xa,xb,xc,xd'), SLOW);
    view.rerender(wrap('y'));
    await waitFor(() => expect(screen.getByTestId('rows').textContent).toBe('ya,yb'), SLOW);
    expect(asked.at(-1)).toBe('/api/things?q=y');
    vi.unstubAllGlobals();
  });
});
