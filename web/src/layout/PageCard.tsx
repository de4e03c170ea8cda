import { Card, Grid, type CardProps } from 'antd';

/**
 * A Card whose header holds a page title and its actions. On a phone (antd's
 * `xs`, under 576 px) the title gets its own line and may wrap, and the actions
 * wrap below it; elsewhere it is a plain Card with `extra` on the right.
 */
export function PageCard({ title, extra, ...rest }: CardProps) {
  const screens = Grid.useBreakpoint();
  if (!screens.xs || !extra) return <Card title={title} extra={extra} {...rest} />;
  return (
    <Card
      {...rest}
      title={
        <div data-testid="page-card-stacked" style={{ whiteSpace: 'normal', padding: '12px 0' }}>
          <div style={{ overflowWrap: 'anywhere' }}>{title}</div>
          <div style={{ marginTop: 8, fontWeight: 'normal' }}>{extra}</div>
        </div>
      }
    />
  );
}
