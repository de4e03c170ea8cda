import { isValidElement, type Key, type ReactNode } from 'react';
import { Card, Collapse, Grid, List, Table, type TableColumnType, type TableProps } from 'antd';

type ColumnType<T> = TableColumnType<T>;

type Column<T> = ColumnType<T> & { children?: Column<T>[] };

function leaves<T>(columns: readonly Column<T>[]): Column<T>[] {
  return columns.flatMap((c) => (c.children ? leaves(c.children) : [c]));
}

function valueAt(record: object, dataIndex: ColumnType<object>['dataIndex']): unknown {
  if (dataIndex === undefined || dataIndex === null) return undefined;
  const path = Array.isArray(dataIndex) ? dataIndex : [dataIndex];
  return path.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k as string | number] : undefined),
    record,
  );
}

function cell<T extends object>(c: Column<T>, record: T, index: number): ReactNode {
  const value = valueAt(record, c.dataIndex as ColumnType<object>['dataIndex']);
  const out: unknown = c.render ? c.render(value, record, index) : value;
  // A render may return { children, props } (cell spans): only the content matters here.
  if (out && typeof out === 'object' && !isValidElement(out) && 'children' in out)
    return (out as { children: ReactNode }).children;
  return out as ReactNode;
}

const empty = (v: ReactNode) => v === null || v === undefined || v === false || v === '';

/**
 * A Table that on a phone (antd's `xs`, under 576 px) becomes a list of small
 * cards, one per row, with each column as a label/value line — instead of a
 * table squeezed to one character per line or scrolled sideways. Same props as
 * antd's Table; `scroll` only applies on wider screens, and an `expandable` row's
 * expanded part folds under its card as 详细信息.
 */
export function ResponsiveTable<T extends object>(props: TableProps<T>) {
  const screens = Grid.useBreakpoint();
  if (!screens.xs) return <Table<T> {...props} />;
  const { dataSource = [], columns = [], rowKey = 'key', loading, locale, pagination, onRow, expandable } = props;
  const emptyText = typeof locale?.emptyText === 'function' ? locale.emptyText() : locale?.emptyText;
  const cols = leaves(columns as Column<T>[]);
  const keyOf = (r: T, i: number): Key =>
    typeof rowKey === 'function' ? rowKey(r, i) : ((r as Record<string, Key>)[rowKey as string] ?? i);
  return (
    <List<T>
      loading={loading}
      dataSource={[...dataSource]}
      rowKey={(r) => keyOf(r, dataSource.indexOf(r))}
      locale={emptyText === undefined ? undefined : { emptyText }}
      pagination={
        pagination === false
          ? false
          : {
              pageSize: 10,
              size: 'small',
              hideOnSinglePage: true,
              ...(pagination ? { current: pagination.current } : {}),
            }
      }
      split={false}
      renderItem={(record, index) => {
        const row = onRow?.(record, index);
        return (
          <List.Item style={{ padding: '4px 0' }}>
            <Card
              size="small"
              style={{ width: '100%', ...(row?.style ?? {}) }}
              styles={{ body: { padding: '8px 12px' } }}
              onClick={row?.onClick}
            >
              {cols.map((c, j) => {
                const v = cell(c, record, index);
                if (empty(v)) return null;
                const label = typeof c.title === 'function' ? null : c.title;
                return (
                  <div key={String(c.key ?? c.dataIndex ?? j)} style={{ display: 'flex', gap: 12, padding: '2px 0' }}>
                    <span style={{ flex: '0 0 4.5em', color: 'rgba(0, 0, 0, 0.45)' }}>{label}</span>
                    <span style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>{v}</span>
                  </div>
                );
              })}
              {/* A row's expanded part (the audit event's data and hash) folds under the card. */}
              {expandable?.expandedRowRender && (
                <Collapse
                  ghost
                  size="small"
                  items={[
                    {
                      key: 'more',
                      label: '详细信息',
                      children: expandable.expandedRowRender(record, index, 0, true),
                    },
                  ]}
                />
              )}
            </Card>
          </List.Item>
        );
      }}
    />
  );
}
