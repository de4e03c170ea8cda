import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { MemoryRouter } from 'react-router';
import type { WorkbenchDto } from '../../../core/contracts/workbench';
import type { TopicDto } from '../../../core/contracts/topics';
import type { MinutesDto } from '../../../core/contracts/minutes';
import { api, pathWith } from './client';
import { useGet } from './hooks';
import { mockFetch } from '../test/fixtures';
import { useWorkbench, WorkbenchProvider } from '../features/workbench/useWorkbench';

const calls = (f: ReturnType<typeof vi.fn>) =>
  f.mock.calls.map(([url, init]) => `${(init as RequestInit | undefined)?.method ?? 'GET'} ${String(url)}`);

describe('the typed client', () => {
  it('takes its types from core/contracts/endpoints.ts', () => {
    // Checked by tsc (npm run check): the answer's type follows from the path alone.
    expectTypeOf(api.get<'/api/workbench'>).returns.resolves.toEqualTypeOf<WorkbenchDto>();
    expectTypeOf(api.get<'/api/topics/:id'>).returns.resolves.toEqualTypeOf<TopicDto>();
    expectTypeOf(api.post<'/api/minutes/:id/issue'>).returns.resolves.toEqualTypeOf<MinutesDto>();
    expectTypeOf(api.post<'/api/notices/read-all'>).returns.resolves.toEqualTypeOf<undefined>();
    // A wrong body, missing params or an unknown path do not compile (never called here).
    const wrong = () => [
      // @ts-expect-error the body needs the version
      api.post('/api/topics/:id/submit', { id: 't1' }, {}),
      // @ts-expect-error the path's :id is required
      api.get('/api/topics/:id'),
      // @ts-expect-error no such endpoint
      api.get('/api/nowhere'),
    ];
    expect(typeof wrong).toBe('function');
  });

  it('fills in the params (URL-encoded), adds the query, sends the body', async () => {
    const f = vi.fn(
      mockFetch({
        'GET /api/topics/a%2Fb': { status: 200, body: { id: 'a/b' } },
        'GET /api/notices': { status: 200, body: { items: [], unread: 0 } },
        'POST /api/topics/t1/submit': { status: 200, body: { id: 't1' } },
      }),
    );
    vi.stubGlobal('fetch', f);
    expect((await api.get('/api/topics/:id', { id: 'a/b' })).id).toBe('a/b');
    await api.get('/api/notices', { limit: 10, unread: undefined });
    await api.post('/api/topics/:id/submit', { id: 't1' }, { version: 3 });
    expect(calls(f)).toEqual(['GET /api/topics/a%2Fb', 'GET /api/notices?limit=10', 'POST /api/topics/t1/submit']);
    expect((f.mock.calls[2]?.[1] as RequestInit).body).toBe('{"version":3}');
    expect(() => pathWith('/api/meetings/:id/record/:topicId', { id: 'm1' })).toThrow(/topicId/);
  });

  it('uploads with the method of its key and the file name in X-Filename', async () => {
    const f = vi.fn(mockFetch({ 'PUT /api/meetings/m1/paper-minutes': { status: 200, body: { id: 'm1' } } }));
    vi.stubGlobal('fetch', f);
    await api.upload('PUT /api/meetings/:id/paper-minutes', { id: 'm1' }, new Blob(['x']), '会议记录.pdf');
    const init = f.mock.calls[0]?.[1] as RequestInit & { headers: Record<string, string> };
    expect(init.method).toBe('PUT');
    expect(init.headers['X-Filename']).toBe(encodeURIComponent('会议记录.pdf'));
  });
});

describe('useGet: the one entity loader', () => {
  function Topic({ id }: { id: string }) {
    const { data } = useGet('/api/topics/:id', { id });
    return <p>{data ? data.title : '…'}</p>;
  }

  it('loads the entity of its params and loads again when they change; a failure shows its message', async () => {
    const f = vi.fn(
      mockFetch({
        'GET /api/topics/t1': { status: 200, body: { id: 't1', title: '议题一' } },
        'GET /api/topics/t2': { status: 200, body: { id: 't2', title: '议题二' } },
        'GET /api/topics/t3': { status: 404, body: { error: { code: 'NOT_FOUND', message: '议题不存在或无权查看' } } },
      }),
    );
    vi.stubGlobal('fetch', f);
    const { rerender } = render(
      <App>
        <Topic id="t1" />
      </App>,
    );
    expect(await screen.findByText('议题一')).toBeInstanceOf(HTMLElement);
    rerender(
      <App>
        <Topic id="t2" />
      </App>,
    );
    expect(await screen.findByText('议题二')).toBeInstanceOf(HTMLElement);
    rerender(
      <App>
        <Topic id="t3" />
      </App>,
    );
    expect(await screen.findByText('议题不存在或无权查看')).toBeInstanceOf(HTMLElement);
    expect(calls(f)).toEqual(['GET /api/topics/t1', 'GET /api/topics/t2', 'GET /api/topics/t3']);
  });
});

describe('WorkbenchProvider: one workbench poller', () => {
  function Count({ label }: { label: string }) {
    const wb = useWorkbench();
    return <p>{wb ? `${label}:${wb.minutesToRead}` : `${label}:…`}</p>;
  }

  it('three readers, one request; again every minute', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const wb: Partial<WorkbenchDto> = {
        topicsToApprove: [],
        leaveToDecide: [],
        meetingsToAttend: [],
        monthlyReminders: [],
        minutesDue: [],
        minutesToRead: 2,
        filingsToSign: 0,
        rectifications: { toReport: 0, overdue: 0, toVerify: 0 },
        unreadNotices: 0,
      };
      const f = vi.fn(mockFetch({ 'GET /api/workbench': { status: 200, body: wb } }));
      vi.stubGlobal('fetch', f);
      render(
        <MemoryRouter>
          <WorkbenchProvider>
            <Count label="menu" />
            <Count label="todo" />
            <Count label="reminder" />
          </WorkbenchProvider>
        </MemoryRouter>,
      );
      expect(await screen.findByText('menu:2')).toBeInstanceOf(HTMLElement);
      expect(screen.getByText('todo:2')).toBeInstanceOf(HTMLElement);
      expect(screen.getByText('reminder:2')).toBeInstanceOf(HTMLElement);
      expect(calls(f)).toEqual(['GET /api/workbench']);
      await act(async () => {
        await vi.advanceTimersByTimeAsync(60_000);
      });
      await waitFor(() => expect(calls(f)).toEqual(['GET /api/workbench', 'GET /api/workbench']));
    } finally {
      vi.useRealTimers();
    }
  });
});
