import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Empty, Segmented, type TableProps } from 'antd';
import type { DistributionEntryDto } from '../../../../core/contracts/distribution';
import { useCursorList } from '../../api/useCursorList';
import { LoadMore } from '../../layout/LoadMore';
import { useEntryAction } from './DistributionPanel';

type State = 'open' | 'done' | 'all';

/**
 * What 待阅纪要 and the 报备 inbox share: the open/done/all switch, the list
 * from the server a page at a time (with its "load more"), the 已阅/签收 action,
 * and the column linking to the minutes.
 */
export function useInbox(
  box: 'reading' | 'filing',
  words: { open: string; done: string; empty: string; none: string },
) {
  const [state, setState] = useState<State>('open');
  const list = useCursorList<DistributionEntryDto>('/api/distributions', { box, state });
  const navigate = useNavigate();
  const act = useEntryAction(list.reload);
  const switcher = (
    <Segmented<State>
      value={state}
      onChange={setState}
      options={[
        { label: words.open, value: 'open' },
        { label: words.done, value: 'done' },
        { label: '全部', value: 'all' },
      ]}
    />
  );
  const table: TableProps<DistributionEntryDto> = {
    rowKey: 'id',
    loading: list.loading,
    dataSource: list.items,
    pagination: false,
    scroll: { x: true },
    locale: { emptyText: <Empty description={state === 'open' ? words.empty : words.none} /> },
  };
  const minutesColumn = {
    title: '纪要',
    render: (_: unknown, e: DistributionEntryDto) => (
      <a onClick={() => navigate(`/minutes/${e.minutesId}`)}>
        {e.minutesNumber} {e.meetingTitle}
      </a>
    ),
  };
  const more = <LoadMore list={list} />;
  return { switcher, table, more, act, navigate, minutesColumn };
}
