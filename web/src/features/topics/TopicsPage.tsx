import { useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Button, Select, Space, Tabs, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { TopicSummaryDto as Summary } from '../../../../core/contracts/topics';
import { MATTER_FLAG_LABELS } from '../../../../core/settings';
import { type TopicStatus } from '../../../../core/topics';
import { api } from '../../api/client';
import { useDivisions, useShowError } from '../../api/hooks';
import { useCursorList } from '../../api/useCursorList';
import { LoadMore } from '../../layout/LoadMore';
import { useMe } from '../../auth/session';
import { defaultDivisionId } from '../../auth/leadership';
import { formatTime } from '../../lib/time';
import { TopicForm, type TopicFormValues } from './TopicForm';
import { PageCard } from '../../layout/PageCard';
import { ResponsiveTable } from '../../layout/ResponsiveTable';
import { StatusTag } from '../../layout/StatusTag';

/** 议题: the division's topics, its pool, and proposing a new one. */
export default function TopicsPage() {
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const divisions = useDivisions();
  const [divisionId, setDivisionId] = useState<string | undefined>(defaultDivisionId(me));
  const [tab, setTab] = useState('all');
  const [creating, setCreating] = useState(false);
  const filter = tab === 'pool' ? { pool: 'true' } : tab === 'all' ? {} : { status: tab };
  const list = useCursorList<Summary>('/api/topics', { divisionId, ...filter });

  const create = async (v: TopicFormValues) => {
    try {
      const t = await api.post('/api/topics', {
        ...v,
        fundsAmountYuan: v.matterFlags.includes('funds') ? v.fundsAmountYuan : null,
      });
      message.success(
        t.status === 'approved'
          ? '议题已提出，并直接进入议题库（第 2.1 条）'
          : '议题已保存为草稿，请补充材料后提交审核',
      );
      setCreating(false);
      navigate(`/topics/${t.id}`);
    } catch (e) {
      showError(e);
    }
  };

  return (
    <PageCard
      title="议题"
      extra={
        <Space wrap>
          <Select
            style={{ width: 200 }}
            value={divisionId}
            allowClear
            placeholder="全部可见处室"
            onChange={setDivisionId}
            options={divisions.map((d) => ({ value: d.id, label: d.name }))}
          />
          {me.memberships.length > 0 && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              提出议题
            </Button>
          )}
        </Space>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'all', label: '全部' },
          { key: 'pool', label: '议题库（待上会）' },
          { key: 'submitted', label: '待审核' },
          { key: 'draft', label: '我的草稿' },
          { key: 'returned', label: '已退回' },
        ]}
      />
      <ResponsiveTable<Summary>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 860 }}
        onRow={(t) => ({ onClick: () => navigate(`/topics/${t.id}`), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: '议题',
            dataIndex: 'title',
            render: (title: string, t) => (
              <Space direction="vertical" size={0}>
                <span>{title}</span>
                <Space size={4} wrap>
                  {t.importantMatter && <Tag color="red">重要事项</Tag>}
                  {t.matterFlags.map((f) => (
                    <Tag key={f}>{MATTER_FLAG_LABELS[f]}</Tag>
                  ))}
                </Space>
              </Space>
            ),
          },
          { title: '处室', dataIndex: 'divisionName', width: 150 },
          { title: '提出人', dataIndex: 'proposerName', width: 90 },
          {
            title: '状态',
            dataIndex: 'status',
            width: 110,
            render: (s: TopicStatus) => <StatusTag kind="topic" status={s} />,
          },
          { title: '材料', dataIndex: 'attachmentCount', width: 70, align: 'right' },
          { title: '更新', dataIndex: 'updatedAt', width: 150, render: formatTime },
        ]}
      />
      <LoadMore list={list} />
      <TopicForm open={creating} onCancel={() => setCreating(false)} onSubmit={create} />
    </PageCard>
  );
}
