import { useState } from 'react';
import { Button, Card, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { CreatedUserDto, UserDto } from '../../../../core/contracts/org';
import { POSITION_LABELS, UNIT_ROLE_LABELS } from '../../../../core/org';
import { api } from '../../api/client';
import { useDivisions, useShowError } from '../../api/hooks';
import { useCursorList } from '../../api/useCursorList';
import { LoadMore } from '../../layout/LoadMore';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n';
import { formatTime } from '../../lib/time';
import { UserDrawer, OneTimePassword } from './UserDrawer';
import { FormModal } from '../../layout/FormModal';
import { ResponsiveTable } from '../../layout/ResponsiveTable';

/** 人员管理: search, create with a one-time password, open a person to edit. */
interface NewUser {
  username: string;
  displayName: string;
  email?: string;
  phone?: string;
}

export default function UsersPage() {
  const { can } = useSession();
  const { t } = useI18n();
  const showError = useShowError();
  const [filter, setFilter] = useState<{ q?: string; divisionId?: string }>({});
  const list = useCursorList<UserDto>('/api/admin/users', filter);
  const reload = list.reload;
  const divisions = useDivisions('admin');
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedUserDto | null>(null);
  const [form] = Form.useForm<NewUser>();

  const create = async (v: NewUser) => {
    try {
      const r = await api.post('/api/admin/users', {
        username: v.username,
        displayName: v.displayName,
        email: v.email || null,
        phone: v.phone || null,
      });
      setCreating(false);
      form.resetFields();
      setCreated(r);
      await reload();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Card
      title={t('menu.users')}
      extra={
        can('org.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('common.create')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="姓名、用户名或邮箱"
          allowClear
          maxLength={40}
          onSearch={(q) => setFilter((f) => ({ ...f, q: q || undefined }))}
          style={{ width: 240 }}
        />
        <Select
          allowClear
          placeholder="全部处室"
          style={{ width: 220 }}
          options={divisions.map((d) => ({ value: d.id, label: d.name }))}
          onChange={(divisionId?: string) => setFilter((f) => ({ ...f, divisionId }))}
        />
      </Space>
      <ResponsiveTable<UserDto>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        scroll={{ x: 900 }}
        onRow={(u) => ({ onClick: () => setOpenId(u.id), style: { cursor: 'pointer' } })}
        pagination={false}
        columns={[
          { title: '姓名', dataIndex: 'displayName' },
          { title: '用户名', dataIndex: 'username' },
          {
            title: '处室与职务',
            key: 'm',
            render: (_, u) =>
              u.memberships.map((m) => (
                <Tag key={m.divisionId}>
                  {m.divisionName} · {POSITION_LABELS[m.position]}
                  {m.isRecorder ? ' · 记录人' : ''}
                </Tag>
              )),
          },
          {
            title: '角色',
            key: 'r',
            render: (_, u) =>
              u.roles.map((r) => (
                <Tag color="gold" key={r.role}>
                  {UNIT_ROLE_LABELS[r.role]}
                </Tag>
              )),
          },
          {
            title: t('common.status'),
            key: 's',
            render: (_, u) => (
              <Space size={4} wrap>
                {u.active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>}
                {u.locked && <Tag color="red">已锁定</Tag>}
                {u.mustChangePassword && <Tag color="orange">待改密</Tag>}
              </Space>
            ),
          },
          { title: '最近登录', dataIndex: 'lastLoginAt', render: (v: string | null) => formatTime(v) },
        ]}
      />
      <LoadMore list={list} />
      <FormModal open={creating} title="新建人员" form={form} onCancel={() => setCreating(false)} onSubmit={create}>
        <Form.Item
          name="username"
          label="用户名"
          rules={[
            { required: true, pattern: /^[A-Za-z0-9_.-]{2,32}$/, message: '2–32 位字母、数字、下划线、点或连字符' },
          ]}
        >
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, max: 32 }]}>
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item name="email" label="邮箱" rules={[{ type: 'email' }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="phone" label="电话">
          <Input maxLength={20} />
        </Form.Item>
      </FormModal>
      {created && (
        <OneTimePassword
          title={`已创建：${created.user.displayName}（${created.user.username}）`}
          password={created.initialPassword}
          onClose={() => setCreated(null)}
        />
      )}
      {openId && (
        <UserDrawer
          userId={openId}
          divisions={divisions}
          onClose={() => {
            setOpenId(null);
            void reload();
          }}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        点击一行查看和编辑人员、处室职务与角色。
      </Typography.Paragraph>
    </Card>
  );
}
