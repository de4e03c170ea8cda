import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { Button } from 'antd';
import { ResponsiveTable } from './ResponsiveTable';
import { PageCard } from './PageCard';
import { phoneOrDesktop } from '../test/media';

interface Row {
  id: string;
  title: string;
  division: { name: string };
  done: boolean;
}
const rows: Row[] = [
  { id: 'a', title: '对外贸易处处务会纪要', division: { name: '对外贸易处' }, done: false },
  { id: 'b', title: '办公室处务会纪要', division: { name: '办公室' }, done: true },
];

/** Screens as antd's Grid sees them: `phone` makes `(max-width: 575px)` match and every min-width not. */
function screenWidth(phone: boolean) {
  const original = window.matchMedia;
  window.matchMedia = phoneOrDesktop(phone);
  return () => {
    window.matchMedia = original;
  };
}

function Inbox({ onOpen, onRead }: { onOpen: (r: Row) => void; onRead: (r: Row) => void }) {
  return (
    <ResponsiveTable<Row>
      rowKey="id"
      pagination={false}
      dataSource={rows}
      onRow={(r) => ({ onClick: () => onOpen(r) })}
      locale={{ emptyText: '没有待阅的纪要' }}
      columns={[
        { title: '纪要', dataIndex: 'title' },
        { title: '处室', dataIndex: ['division', 'name'] },
        {
          title: '操作',
          render: (_, r) =>
            !r.done && (
              <Button
                size="small"
                onClick={(e) => {
                  e.stopPropagation();
                  onRead(r);
                }}
              >
                确认已阅
              </Button>
            ),
        },
      ]}
    />
  );
}

describe('ResponsiveTable', () => {
  let restore = () => undefined as void;
  afterEach(() => restore());

  describe('on a phone', () => {
    beforeEach(() => {
      restore = screenWidth(true);
    });

    it('shows each row as a card of label/value lines, with the row actions', () => {
      const onOpen = vi.fn();
      const onRead = vi.fn();
      const { container } = render(<Inbox onOpen={onOpen} onRead={onRead} />);
      expect(container.querySelector('table')).toBeNull();
      expect(container.querySelectorAll('.ant-list-item .ant-card')).toHaveLength(2);
      expect(screen.getAllByText('纪要')).toHaveLength(2);
      expect(screen.getByText('对外贸易处处务会纪要')).toBeInstanceOf(HTMLElement);
      expect(screen.getByText('办公室')).toBeInstanceOf(HTMLElement); // a nested dataIndex
      // An empty cell is left out: only the open entry has an 操作 line.
      expect(screen.getAllByText('操作')).toHaveLength(1);
      fireEvent.click(screen.getByRole('button', { name: '确认已阅' }));
      expect(onRead).toHaveBeenCalledWith(rows[0]);
      expect(onOpen).not.toHaveBeenCalled();
      fireEvent.click(screen.getByText('办公室处务会纪要'));
      expect(onOpen).toHaveBeenCalledWith(rows[1]);
    });

    it('folds an expandable row’s expanded part under its card as 详细信息', () => {
      render(
        <ResponsiveTable<Row>
          rowKey="id"
          dataSource={rows}
          columns={[{ title: '纪要', dataIndex: 'title' }]}
          expandable={{ expandedRowRender: (r) => <pre>{`哈希 ${r.id}`}</pre> }}
        />,
      );
      expect(screen.getAllByText('详细信息')).toHaveLength(2);
      fireEvent.click(screen.getAllByText('详细信息')[1] as HTMLElement);
      expect(screen.getByText('哈希 b')).toBeInstanceOf(HTMLElement);
    });

    it('shows the table’s empty text', () => {
      render(
        <ResponsiveTable<Row> rowKey="id" dataSource={[]} columns={[]} locale={{ emptyText: '没有待阅的纪要' }} />,
      );
      expect(screen.getByText('没有待阅的纪要')).toBeInstanceOf(HTMLElement);
    });
  });

  it('stays a table on wider screens', () => {
    restore = screenWidth(false);
    const { container } = render(<Inbox onOpen={vi.fn()} onRead={vi.fn()} />);
    expect(container.querySelector('table')).not.toBeNull();
    expect(screen.getAllByRole('row')).toHaveLength(3);
  });
});

describe('PageCard', () => {
  let restore = () => undefined as void;
  afterEach(() => restore());

  const card = () => (
    <PageCard title="研究2027年度对外贸易促进工作要点" extra={<Button>签发</Button>}>
      正文
    </PageCard>
  );

  it('on a phone puts the title on its own line and the actions under it', () => {
    restore = screenWidth(true);
    const { container } = render(card());
    expect(container.querySelector('.ant-card-extra')).toBeNull();
    const stacked = screen.getByTestId('page-card-stacked');
    expect(stacked.textContent).toMatch(/^研究2027年度对外贸易促进工作要点签\s*发$/);
    expect(stacked.style.whiteSpace).toBe('normal');
  });

  it('elsewhere keeps the actions on the right (Card extra)', () => {
    restore = screenWidth(false);
    const { container } = render(card());
    expect(container.querySelector('.ant-card-extra')?.textContent).toMatch(/签\s*发/);
    expect(screen.queryByTestId('page-card-stacked')).toBeNull();
  });
});
