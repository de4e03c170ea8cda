import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { TrendChart } from './TrendChart';

describe('R6.4 趋势: TrendChart', () => {
  it('R6.4: a running month is a hollow point marked 截至目前; one point is drawn in the middle', () => {
    render(
      <TrendChart
        label="对外贸易处达标率趋势"
        points={[
          { month: '2026-10', soFar: false, passed: 1, applicable: 4, share: 0.25 },
          { month: '2026-11', soFar: true, passed: 2, applicable: 2, share: 1 },
        ]}
      />,
    );
    const img = screen.getByRole('img');
    expect(img.getAttribute('aria-label')).toBe(
      '对外贸易处达标率趋势：2026-10 25%（1/4），2026-11 100%（2/2）（截至目前）',
    );
    const [oct, nov] = [...img.querySelectorAll('circle')];
    expect(oct?.getAttribute('fill')).not.toBe('#fff');
    expect(nov?.getAttribute('fill')).toBe('#fff');
    // The axis: 0 %, 50 %, 100 % and the months.
    expect([...img.querySelectorAll('text')].map((x) => x.textContent)).toEqual([
      '0%',
      '50%',
      '100%',
      '2026-10',
      '2026-11',
    ]);
  });

  it('R6.4: nothing applicable anywhere draws no line and says so', () => {
    render(
      <TrendChart
        compact
        label="规划财务处达标率趋势"
        points={[{ month: '2026-10', soFar: false, passed: 0, applicable: 0, share: null }]}
      />,
    );
    const img = screen.getByRole('img');
    expect(img.querySelectorAll('polyline')).toHaveLength(0);
    expect(img.getAttribute('aria-label')).toBe('规划财务处达标率趋势：2026-10 无适用检查项');
  });
});
