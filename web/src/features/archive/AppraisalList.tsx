import { useState } from 'react';
import { App, Button, Form, Input, Radio, Select, Tag, Typography } from 'antd';
import type { AppraisalPageDto, ArchiveItemDto } from '../../../../core/contracts/archive';
import {
  canExtendTo,
  RETENTION_LABELS,
  RETENTION_PERIODS,
  type DisposalDecision,
  type RetentionPeriod,
} from '../../../../core/archive';
import { api } from '../../api/client';
import { useShowError } from '../../api/hooks';
import { useCursorList } from '../../api/useCursorList';
import { useT } from '../../i18n';
import { FormModal } from '../../layout/FormModal';
import { LoadMore } from '../../layout/LoadMore';
import { ResponsiveTable } from '../../layout/ResponsiveTable';

interface Decision {
  decision: DisposalDecision;
  retention?: RetentionPeriod;
  reason: string;
  appraisers: string;
  reference: string;
}

/** The recorded decision on one due item: destroy (never offered for a permanent one) or keep longer. */
function AppraiseDialog({
  item,
  onClose,
  onDone,
}: {
  item: ArchiveItemDto | null;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Decision>();
  const decision = Form.useWatch('decision', form);
  const longer = item ? RETENTION_PERIODS.filter((p) => canExtendTo(item.retention, p)) : [];
  const submit = async (v: Decision) => {
    if (!item) return;
    try {
      await api.post(
        '/api/archives/items/:id/appraise',
        { id: item.id },
        {
          version: item.version,
          decision: v.decision,
          ...(v.decision === 'extend' ? { retention: v.retention } : {}),
          reason: v.reason,
          appraisers: v.appraisers,
          reference: v.reference,
        },
      );
      message.success(t('appraisal.done'));
      onClose();
    } catch (e) {
      showError(e);
    }
    await onDone();
  };
  const required = [{ required: true, whitespace: true, message: t('appraisal.required') }];
  return (
    <FormModal<Decision>
      open={item !== null}
      title={item ? t('appraisal.dialogTitle', { code: item.code }) : ''}
      form={form}
      okText={t('appraisal.submit')}
      onCancel={onClose}
      onSubmit={submit}
      initialValues={{ decision: item?.abilities.destroy ? 'destroy' : 'extend', retention: longer[0] }}
    >
      <Form.Item name="decision" label={t('appraisal.decision')} rules={[{ required: true }]}>
        <Radio.Group
          options={[
            { value: 'destroy', label: t('appraisal.destroy'), disabled: !item?.abilities.destroy },
            { value: 'extend', label: t('appraisal.extend'), disabled: longer.length === 0 },
          ]}
        />
      </Form.Item>
      {decision === 'extend' && (
        <Form.Item name="retention" label={t('appraisal.extendTo')} rules={[{ required: true }]}>
          <Select options={longer.map((p) => ({ value: p, label: RETENTION_LABELS[p] }))} />
        </Form.Item>
      )}
      <Form.Item name="reason" label={t('appraisal.reason')} rules={required}>
        <Input.TextArea maxLength={500} rows={3} />
      </Form.Item>
      <Form.Item name="appraisers" label={t('appraisal.appraisers')} rules={required}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="reference" label={t('appraisal.reference')} rules={required}>
        <Input maxLength={100} />
      </Form.Item>
    </FormModal>
  );
}

/** 到期鉴定 (R1.3 / R5.7): the items whose retention has run out, oldest due first, each appraised by a recorded decision. */
export function AppraisalList() {
  const t = useT();
  const list = useCursorList<ArchiveItemDto, AppraisalPageDto>('/api/archives/appraisal');
  const [item, setItem] = useState<ArchiveItemDto | null>(null);
  return (
    <>
      <Typography.Paragraph type="secondary">{t('appraisal.intro')}</Typography.Paragraph>
      <ResponsiveTable<ArchiveItemDto>
        rowKey="id"
        size="small"
        loading={list.loading}
        pagination={false}
        locale={{ emptyText: t('appraisal.empty') }}
        dataSource={list.items}
        columns={[
          { title: t('archive.code'), dataIndex: 'code', render: (v: string) => <code>{v}</code> },
          { title: t('archive.division'), dataIndex: 'divisionName' },
          { title: t('archive.number'), dataIndex: 'number' },
          { title: t('archive.titleCol'), dataIndex: 'title' },
          {
            title: t('archive.retention'),
            dataIndex: 'retentionLabel',
            render: (v: string) => <Tag>{v}</Tag>,
          },
          { title: t('archive.dueDay'), dataIndex: 'dueDay' },
          {
            title: t('archive.actions'),
            key: 'actions',
            render: (_: unknown, r) =>
              r.abilities.appraise && <Button onClick={() => setItem(r)}>{t('appraisal.decide')}</Button>,
          },
        ]}
      />
      <LoadMore list={list} />
      <AppraiseDialog item={item} onClose={() => setItem(null)} onDone={list.reload} />
    </>
  );
}
