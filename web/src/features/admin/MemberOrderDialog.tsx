import { useEffect, useState } from 'react';
import { App, Button, List, Modal, Space, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import type { DivisionDto, DivisionMembersDto } from '../../../../core/contracts/org';
import { POSITION_LABELS } from '../../../../core/org';
import { api, ApiError } from '../../api/client';
import { useGet, useShowError } from '../../api/hooks';
import { useI18n } from '../../i18n';

type Member = DivisionMembersDto['members'][number];

/**
 * 人员排序 (issue 15: names in rank order): a division's members as every list of names shows
 * them — the head and the deputies first by position, then the staff in the order set here.
 * Moving a staff member up or down and saving gives the staff sort numbers 10, 20, 30 … in the
 * shown order, in one request against the division's version.
 */
export function MemberOrderDialog({ division, onClose }: { division: DivisionDto; onClose: (saved: boolean) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const loaded = useGet('/api/admin/divisions/:id/members', { id: division.id });
  const [data, setData] = useState<DivisionMembersDto | null>(null);
  const [staff, setStaff] = useState<Member[]>([]);
  const [saving, setSaving] = useState(false);
  const show = (d: DivisionMembersDto) => {
    setData(d);
    setStaff(d.members.filter((m) => m.position === 'staff'));
  };
  useEffect(() => {
    if (loaded.data) show(loaded.data);
  }, [loaded.data]);
  const leaders = data?.members.filter((m) => m.position !== 'staff') ?? [];
  const move = (i: number, by: -1 | 1) =>
    setStaff((s) => {
      const next = [...s];
      const [m] = next.splice(i, 1);
      if (m) next.splice(i + by, 0, m);
      return next;
    });

  const save = async () => {
    if (!data) return;
    setSaving(true);
    try {
      await api.put(
        '/api/admin/divisions/:id/member-order',
        { id: division.id },
        { version: data.division.version, order: staff.map((m, i) => ({ userId: m.userId, sortOrder: (i + 1) * 10 })) },
      );
      message.success(t('common.saved'));
      onClose(true);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONFLICT') {
        message.warning(t('common.conflict'));
        const current = (e.details as { current?: DivisionMembersDto } | undefined)?.current;
        if (current) show(current);
      } else showError(e);
    } finally {
      setSaving(false);
    }
  };

  const row = (m: Member, i?: number) => (
    <List.Item
      key={m.userId}
      actions={
        i === undefined
          ? []
          : [
              <Button
                key="up"
                type="text"
                icon={<ArrowUpOutlined />}
                aria-label={t('admin.moveUp', { name: m.name })}
                disabled={i === 0}
                onClick={() => move(i, -1)}
              />,
              <Button
                key="down"
                type="text"
                icon={<ArrowDownOutlined />}
                aria-label={t('admin.moveDown', { name: m.name })}
                disabled={i === staff.length - 1}
                onClick={() => move(i, 1)}
              />,
            ]
      }
    >
      <Space>
        <span>{m.name}</span>
        <Tag>{POSITION_LABELS[m.position]}</Tag>
        {m.isRecorder && <Tag color="blue">{t('admin.recorder')}</Tag>}
      </Space>
    </List.Item>
  );

  return (
    <Modal
      open
      title={t('admin.memberOrderOf', { name: division.name })}
      okText={t('common.save')}
      confirmLoading={saving}
      okButtonProps={{ disabled: !data || staff.length === 0 }}
      onOk={() => void save()}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('admin.memberOrderHelp')}</Typography.Paragraph>
      <List size="small" loading={loaded.loading} dataSource={leaders} renderItem={(m) => row(m)} />
      <List
        size="small"
        dataSource={staff}
        locale={{ emptyText: t('admin.noStaff') }}
        renderItem={(m, i) => row(m, i)}
      />
    </Modal>
  );
}
