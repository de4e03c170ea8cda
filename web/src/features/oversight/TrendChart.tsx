import type { TrendPointDto } from '../../../../core/contracts/oversight';
import { useT } from '../../i18n';

/** A share (0…1) in words: "66.7%". */
export function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/**
 * The chart in words, its text alternative: each month's share, 无适用检查项 where
 * nothing was applicable, 截至目前 for the running month.
 */
export function trendWords(t: ReturnType<typeof useT>, label: string, points: readonly TrendPointDto[]): string {
  const parts = points.map(
    (p) =>
      `${p.month} ${p.share === null ? t('oversight.trend.none') : `${percent(p.share)}（${p.passed}/${p.applicable}）`}${
        p.soFar ? t('oversight.trend.soFar') : ''
      }`,
  );
  return `${label}：${parts.join('，')}`;
}

/**
 * R6.4 趋势: the pass share per month as a small inline SVG line (no chart library):
 * 0–100 % bottom to top, one point a month, the line broken where a month had
 * nothing applicable, the running month a hollow point. `compact` is the sparkline of
 * a table row; otherwise grid lines at 0, 50 and 100 % and the months below. The
 * chart is an image whose text alternative says every point in words.
 */
export function TrendChart({
  points,
  label,
  compact = false,
}: {
  points: readonly TrendPointDto[];
  label: string;
  compact?: boolean;
}) {
  const t = useT();
  const width = compact ? 96 : Math.max(240, points.length * 48);
  const height = compact ? 24 : 120;
  const pad = compact ? { l: 3, r: 3, t: 3, b: 3 } : { l: 36, r: 12, t: 8, b: 22 };
  const w = width - pad.l - pad.r;
  const h = height - pad.t - pad.b;
  const x = (i: number) => pad.l + (points.length <= 1 ? w / 2 : (i * w) / (points.length - 1));
  const y = (share: number) => pad.t + (1 - share) * h;
  // Runs of consecutive months that have a share, each drawn as one line.
  const runs: Array<Array<{ i: number; share: number }>> = [];
  let run: Array<{ i: number; share: number }> = [];
  points.forEach((p, i) => {
    if (p.share === null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push({ i, share: p.share });
  });
  if (run.length) runs.push(run);
  const words = trendWords(t, label, points);
  const stroke = '#1677ff';
  return (
    <svg
      role="img"
      aria-label={words}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      style={{ display: 'block', overflow: 'visible' }}
    >
      <title>{words}</title>
      {!compact &&
        [0, 0.5, 1].map((g) => (
          <g key={g}>
            <line x1={pad.l} x2={width - pad.r} y1={y(g)} y2={y(g)} stroke="#f0f0f0" />
            <text x={pad.l - 6} y={y(g) + 4} fontSize={10} textAnchor="end" fill="#8c8c8c">
              {`${g * 100}%`}
            </text>
          </g>
        ))}
      {compact && <line x1={pad.l} x2={width - pad.r} y1={y(0)} y2={y(0)} stroke="#f0f0f0" />}
      {runs.map((r) => (
        <polyline
          key={r[0]?.i}
          points={r.map((p) => `${x(p.i)},${y(p.share)}`).join(' ')}
          fill="none"
          stroke={stroke}
          strokeWidth={compact ? 1.5 : 2}
        />
      ))}
      {points.map((p, i) =>
        p.share === null ? null : (
          <circle
            key={p.month}
            data-month={p.month}
            cx={x(i)}
            cy={y(p.share)}
            r={compact ? 2 : 3}
            fill={p.soFar ? '#fff' : stroke}
            stroke={stroke}
          />
        ),
      )}
      {!compact &&
        points.map((p, i) => (
          <text key={p.month} x={x(i)} y={height - 6} fontSize={10} textAnchor="middle" fill="#8c8c8c">
            {points.length > 6 ? p.month.slice(5) : p.month}
          </text>
        ))}
    </svg>
  );
}
