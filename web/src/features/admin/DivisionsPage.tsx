import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Select, Space, Switch, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { DivisionDto } from '../../../../core/contracts/org';
import { DIVISION_KINDS, DIVISION_KIND_LABELS, type DivisionKind } from '../../../../core/org';
import { api, ApiError } from '../../api/client';
import { useGet, useShowError } from '../../api/hooks';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n';
import { FormModal } from '../../layout/FormModal';
import { MemberOrderDialog } from './MemberOrderDialog';
import { ResponsiveTable } from '../../layout/ResponsiveTable';

interface Values {
  name: string;
  kind: DivisionKind;
  sortOrder?: number;
  active: boolean;
}

/** 处室管理: the unit's divisions, their head, designated recorder and size. */
export default function DivisionsPage() {
  const { can } = useSession();
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const { data, loading, reload } = useGet('/api/admin/divisions');
  const [editing, setEditing] = useState<DivisionDto | 'new' | null>(null);
  const [ordering, setOrdering] = useState<DivisionDto | null>(null);
  const [form] = Form.useForm<Values>();
  const manage = can('org.manage');

  const open = (d: DivisionDto | 'new') => {
    setEditing(d);
    form.setFieldsValue(
      d === 'new'
        ? { name: '', kind: 'business', active: true }
        : { name: d.name, kind: d.kind, sortOrder: d.sortOrder, active: d.active },
    );
  };

  const save = async (v: Values) => {
    try {
      if (editing === 'new')
        await api.post('/api/admin/divisions', { name: v.name, kind: v.kind, sortOrder: v.sortOrder });
      else if (editing)
        await api.patch('/api/admin/divisions/:id', { id: editing.id }, { ...v, version: editing.version });
      message.success(t('common.saved'));
      setEditing(null);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONFLICT') message.warning(t('common.conflict'));
      else showError(e);
      if (!(e instanceof ApiError && e.code === 'CONFLICT')) return;
      setEditing(null);
    }
    await reload();
  };

  return (
    <Card
      title={t('menu.divisions')}
      extra={
        manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
            {t('common.create')}
          </Button>
        )
      }
    >
      <ResponsiveTable<DivisionDto>
        rowKey="id"
        loading={loading}
        dataSource={data ?? []}
        pagination={false}
        scroll={{ x: 720 }}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '类型', dataIndex: 'kind', render: (k: DivisionKind) => DIVISION_KIND_LABELS[k] },
          { title: '主要负责人', dataIndex: 'headName', render: (v: string | null) => v ?? '—' },
          { title: '记录人', dataIndex: 'recorderName', render: (v: string | null) => v ?? '—' },
          { title: '人数', dataIndex: 'memberCount', align: 'right' },
          {
            title: t('common.status'),
            dataIndex: 'active',
            render: (a: boolean) =>
              a ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>,
          },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, d: DivisionDto) => (
                    <Space size={0}>
                      <Button type="link" onClick={() => open(d)}>
                        {t('common.edit')}
                      </Button>
                      <Button type="link" disabled={d.memberCount === 0} onClick={() => setOrdering(d)}>
                        {t('admin.memberOrder')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {ordering && (
        <MemberOrderDialog
          division={ordering}
          onClose={(saved) => {
            setOrdering(null);
            if (saved) void reload();
          }}
        />
      )}
      <FormModal
        open={editing !== null}
        title={editing === 'new' ? '新建处室' : '编辑处室'}
        form={form}
        onCancel={() => setEditing(null)}
        onSubmit={save}
      >
        <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, max: 40 }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
          <Select options={DIVISION_KINDS.map((k) => ({ value: k, label: DIVISION_KIND_LABELS[k] }))} />
        </Form.Item>
        <Space>
          <Form.Item name="sortOrder" label="排序">
            <InputNumber min={0} max={10000} />
          </Form.Item>
          {editing !== 'new' && (
            <Form.Item name="active" label={t('common.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </Space>
      </FormModal>
    </Card>
  );
}
