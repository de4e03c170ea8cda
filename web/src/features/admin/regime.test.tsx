import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { Root } from '../../App';
import { DEFAULT_REGIME } from '../../../../core/settings';
import { meFixture, mockFetch } from '../../test/fixtures';

/** 制度参数: the regime's go-live month for the compliance matrix (R6.4), edited by the system admin. */
function renderRegime(regimeStartMonth: string | null) {
  const puts: unknown[] = [];
  const canned = mockFetch({
    'GET /api/me': {
      status: 200,
      body: meFixture({ memberships: [], roles: ['system_admin'] }, ['regime.read', 'regime.manage', 'org.read']),
    },
    'GET /api/settings/regime': {
      status: 200,
      body: {
        value: { ...DEFAULT_REGIME, regimeStartMonth },
        version: 3,
        updatedAt: null,
        unitCreatedMonth: '2026-03',
      },
    },
    'GET /api/admin/settings/mail': {
      status: 200,
      body: { enabled: false, server: null, from: 'x', pending: 0, failed: 0, sent: 0 },
    },
    'PUT /api/admin/settings/regime': {
      status: 200,
      body: { value: DEFAULT_REGIME, version: 4, updatedAt: null, unitCreatedMonth: '2026-03' },
    },
  });
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    if (init?.method === 'PUT') puts.push(JSON.parse(String(init.body)));
    return canned(input, init);
  });
  render(
    <MemoryRouter initialEntries={['/admin/regime']}>
      <Root />
    </MemoryRouter>,
  );
  return puts;
}

afterEach(() => vi.unstubAllGlobals());

describe('R6.4: 制度施行起始月份 on 制度参数', () => {
  it('R6.4: unset, the page says the regime runs from the month the unit was created; a month chosen is saved as YYYY-MM', async () => {
    const puts = renderRegime(null);
    expect((await screen.findByTestId('regime-start-default')).textContent).toBe(
      '不填写时，自本单位开始使用本系统的月份（2026-03）起施行。',
    );
    const box = screen.getByPlaceholderText('2026-03');
    fireEvent.mouseDown(box);
    fireEvent.change(box, { target: { value: '2026-05' } });
    fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', keyCode: 13 });
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(puts).toHaveLength(1));
    expect((puts[0] as { value: { regimeStartMonth: string | null }; version: number }).value.regimeStartMonth).toBe(
      '2026-05',
    );
    expect((puts[0] as { version: number }).version).toBe(3);
    // The score's weights are fields of the form, sent back as read.
    expect((puts[0] as { value: { complianceWeights: unknown } }).value.complianceWeights).toEqual(
      DEFAULT_REGIME.complianceWeights,
    );
    expect(screen.getByLabelText('每月召开处务会（R3.5）的权重')).toBeInstanceOf(HTMLElement);
    // The whole 制度参数 form renders and validates: slow on a shared machine.
  }, 60_000);

  it('R6.4: a month set is shown in the picker', async () => {
    renderRegime('2025-11');
    await screen.findByTestId('regime-start-default');
    expect((screen.getByPlaceholderText('2026-03') as HTMLInputElement).value).toBe('2025-11');
  });
});
