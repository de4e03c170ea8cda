import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { MemoryRouter } from 'react-router';
import { I18nProvider } from '../../i18n';
import type { RecordDto } from '../../../../core/contracts/record';
import { mockFetch } from '../../test/fixtures';
import { RecordPanel } from './RecordPanel';

const record = (decisions: RecordDto['entries'][number]['decisions']): RecordDto => ({
  meetingId: 'm1',
  locked: false,
  canEdit: true,
  canAmend: false,
  entries: [
    {
      topicId: 't1',
      topicTitle: '参展补助资金分配',
      matterFlags: [],
      status: 'recorded',
      discussion: '讨论',
      opinions: [],
      decisions,
      version: 1,
      updatedAt: null,
      updatedBy: null,
    },
  ],
});

const divisions = [
  { id: 'd1', name: '对外贸易处', kind: 'business', sortOrder: 1 },
  { id: 'd2', name: '外资处', kind: 'business', sortOrder: 2 },
].map((d) => ({ ...d, active: true, version: 1, memberCount: 3, headName: null, recorderName: null }));
const people = [
  { userId: 'u1', name: '李伟', divisionName: '对外贸易处' },
  { userId: 'u2', name: '刘洋', divisionName: '对外贸易处' },
  { userId: 'u5', name: '朱刚', divisionName: '外资处' },
];

function show(rec: RecordDto) {
  const puts: unknown[] = [];
  const canned = mockFetch({
    'GET /api/meetings/m1/record': { status: 200, body: rec },
    'GET /api/divisions': { status: 200, body: divisions },
    'GET /api/people': { status: 200, body: people },
  });
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    if (init?.method === 'PUT') {
      const body = JSON.parse(String(init.body)) as { version: number };
      puts.push(body);
      return new Response(JSON.stringify({ ...rec.entries[0], version: body.version + 1 }), { status: 200 });
    }
    return canned(input, init);
  });
  render(
    <I18nProvider>
      <MemoryRouter>
        <App>
          <RecordPanel
            meetingId="m1"
            speakers={[
              { id: 'u1', name: '李伟' },
              { id: 'u2', name: '刘洋' },
            ]}
            present={[]}
          />
        </App>
      </MemoryRouter>
    </I18nProvider>,
  );
  return puts;
}

const lastDecision = (puts: unknown[]) => (puts.at(-1) as { decisions: unknown[] } | undefined)?.decisions[0];

/** Opens an antd Select and picks the option with this title. */
async function pick(select: HTMLElement, title: string) {
  const before = document.querySelectorAll('.ant-select-dropdown').length;
  fireEvent.mouseDown(select);
  // Each select renders its own dropdown, the newest last.
  const dropdown = await waitFor(() => {
    const all = document.querySelectorAll<HTMLElement>('.ant-select-dropdown');
    if (all.length <= before) throw new Error('no new dropdown');
    return all[all.length - 1]!;
  });
  fireEvent.click(await within(dropdown).findByTitle(title));
}

describe('R6.2: a decision’s responsible party is a person or a division of the unit', () => {
  it('the picker offers the meeting’s people and the unit’s divisions; a division is sent as responsibleDivisionId', async () => {
    const puts = show(
      record([
        { text: '制定参展补助细则', outcome: 'adopted', responsible: '', responsibleUserId: null, deadline: null },
      ]),
    );
    const party = await screen.findByRole('combobox', { name: '责任人或责任处室' });
    await pick(party, '外资处');
    const co = screen.getByRole('combobox', { name: '协办人' });
    await pick(co, '朱刚（外资处）');
    fireEvent.click(screen.getByRole('button', { name: /^保\s*存$/ }));
    // The save sends the draft as it stands (an autosave may have gone before it).
    await waitFor(() => expect(puts.length).toBeGreaterThan(0));
    await waitFor(() =>
      expect(lastDecision(puts)).toEqual({
        text: '制定参展补助细则',
        outcome: 'adopted',
        responsibleUserId: null,
        responsibleDivisionId: 'd2',
        coResponsibleIds: ['u5'],
        deadline: null,
      }),
    );
  });

  it('a person picked after a division replaces it, and is no longer among the co-responsible', async () => {
    const puts = show(
      record([
        {
          text: '对接重点外贸企业',
          outcome: 'adopted',
          responsible: '对外贸易处',
          responsibleUserId: null,
          responsibleDivisionId: 'd1',
          coResponsible: [{ id: 'u2', name: '刘洋' }],
          deadline: '2026-12-15',
        },
      ]),
    );
    const party = await screen.findByRole('combobox', { name: '责任人或责任处室' });
    await pick(party, '刘洋');
    fireEvent.click(screen.getByRole('button', { name: /^保\s*存$/ }));
    await waitFor(() =>
      expect(lastDecision(puts)).toMatchObject({
        responsibleUserId: 'u2',
        responsibleDivisionId: null,
        coResponsibleIds: [],
        deadline: '2026-12-15',
      }),
    );
  });
});
