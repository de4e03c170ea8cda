import { useEffect, useState } from 'react';
import { Button, DatePicker, Form, Input, List, Radio, Select, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { TrackingDetailDto } from '../../../../core/contracts/tracking';
import { api } from '../../api/client';
import { useDivisions, useGet, useShowError } from '../../api/hooks';
import { FormModal } from '../../layout/FormModal';
import { dayjs, TZ } from '../../lib/time';
import { useWorkdays } from '../../api/useWorkdays';

type Day = ReturnType<typeof dayjs>;
const today = () => dayjs().tz(TZ).format('YYYY-MM-DD');
const dayOf = (d: Day | null | undefined) => (d ? d.format('YYYY-MM-DD') : '');

interface DialogProps<T> {
  open: boolean;
  onCancel: () => void;
  onSubmit: (v: T) => Promise<unknown>;
}

export interface AssignValues {
  responsibleUserId: string | null;
  responsibleDivisionId: string | null;
  coResponsibleIds: string[];
  deadline: string;
}

/** 补全: the head of the meeting's division names the responsible person or division, and the deadline. */
export function AssignDialog({ open, onCancel, onSubmit }: DialogProps<AssignValues>) {
  const [form] = Form.useForm<{
    kind: 'user' | 'division';
    userId?: string;
    divisionId?: string;
    coResponsibleIds?: string[];
    deadline?: Day;
  }>();
  const people = useGet(open ? '/api/people' : null).data ?? [];
  const divisions = useDivisions();
  const kind = Form.useWatch('kind', form);
  const personOptions = people.map((p) => ({
    value: p.userId,
    label: p.divisionName ? `${p.name}（${p.divisionName}）` : p.name,
  }));
  return (
    <FormModal
      open={open}
      title="补全责任人和完成时限"
      okText="确定"
      form={form}
      initialValues={{ kind: 'user', coResponsibleIds: [] }}
      onCancel={onCancel}
      onSubmit={(v) =>
        onSubmit({
          responsibleUserId: v.kind === 'user' ? (v.userId ?? null) : null,
          responsibleDivisionId: v.kind === 'division' ? (v.divisionId ?? null) : null,
          coResponsibleIds: v.coResponsibleIds ?? [],
          deadline: dayOf(v.deadline),
        })
      }
    >
      <Form.Item name="kind" label="责任方">
        <Radio.Group
          options={[
            { value: 'user', label: '责任人' },
            { value: 'division', label: '责任处室' },
          ]}
        />
      </Form.Item>
      {kind === 'division' ? (
        <Form.Item name="divisionId" label="责任处室" rules={[{ required: true, message: '请选择责任处室' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={divisions.map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
      ) : (
        <Form.Item name="userId" label="责任人" rules={[{ required: true, message: '请选择责任人' }]}>
          <Select showSearch optionFilterProp="label" options={personOptions} />
        </Form.Item>
      )}
      <Form.Item name="coResponsibleIds" label="协办人（可不选）">
        <Select mode="multiple" showSearch optionFilterProp="label" options={personOptions} maxCount={20} />
      </Form.Item>
      <Form.Item name="deadline" label="完成时限" rules={[{ required: true, message: '请选择完成时限' }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') < today()} />
      </Form.Item>
    </FormModal>
  );
}

/**
 * 报告进展 or 申请办结: the text and any files, each uploaded as it is chosen and
 * sent by id with the report (the completion report carries the evidence).
 */
export function ReportDialog({
  item,
  completion,
  open,
  onCancel,
  onSubmit,
}: DialogProps<{ text: string; attachmentIds: string[] }> & { item: TrackingDetailDto; completion: boolean }) {
  const [form] = Form.useForm<{ text: string }>();
  const showError = useShowError();
  const [files, setFiles] = useState<Array<{ id: string; filename: string }>>([]);
  const [uploading, setUploading] = useState(false);
  useEffect(() => {
    if (open) setFiles([]);
  }, [open]);
  const upload = async (file: File) => {
    setUploading(true);
    try {
      const a = await api.upload('POST /api/tracking/items/:id/attachments', { id: item.id }, file, file.name);
      setFiles((f) => [...f, { id: a.id, filename: a.filename }]);
    } catch (e) {
      showError(e);
    } finally {
      setUploading(false);
    }
  };
  return (
    <FormModal
      open={open}
      title={completion ? '申请办结' : '报告办理进展'}
      okText="提交"
      form={form}
      onCancel={onCancel}
      onSubmit={(v) => onSubmit({ text: v.text, attachmentIds: files.map((f) => f.id) })}
    >
      <Form.Item
        name="text"
        label={completion ? '办结情况' : '办理进展'}
        rules={[{ required: true, whitespace: true, message: completion ? '请写明办结情况' : '请写明办理进展' }]}
      >
        <Input.TextArea
          rows={4}
          maxLength={5000}
          showCount
          placeholder={completion ? '写明办理结果，附上证明材料' : '写明目前的办理情况'}
        />
      </Form.Item>
      <Form.Item label={completion ? '证明材料' : '附件（可不上传）'}>
        <Upload
          showUploadList={false}
          beforeUpload={(f) => {
            void upload(f);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={uploading}>
            上传文件
          </Button>
        </Upload>
        <List
          size="small"
          dataSource={files}
          locale={{ emptyText: ' ' }}
          renderItem={(f) => (
            <List.Item
              actions={[
                <Button
                  key="remove"
                  type="text"
                  aria-label={`移除 ${f.filename}`}
                  icon={<DeleteOutlined />}
                  onClick={() => setFiles((all) => all.filter((x) => x.id !== f.id))}
                />,
              ]}
            >
              <PaperClipOutlined /> {f.filename}
            </List.Item>
          )}
        />
      </Form.Item>
    </FormModal>
  );
}

/** 申请延期: before the deadline, a reason and a later day (the original deadline stays on record). */
export function ExtensionDialog({
  item,
  open,
  onCancel,
  onSubmit,
}: DialogProps<{ reason: string; newDeadline: string }> & { item: TrackingDetailDto }) {
  const [form] = Form.useForm<{ reason: string; newDeadline?: Day }>();
  // The new deadline is a working day of the unit's calendar (the server refuses a rest day).
  const isWorkday = useWorkdays(open);
  return (
    <FormModal
      open={open}
      title="申请延期"
      okText="提交申请"
      form={form}
      onCancel={onCancel}
      onSubmit={(v) => onSubmit({ reason: v.reason, newDeadline: dayOf(v.newDeadline) })}
    >
      <p>{`现完成时限：${item.deadline ?? '—'}${item.extensions > 0 ? `（原定 ${item.originalDeadline ?? '—'}）` : ''}`}</p>
      <Form.Item
        name="newDeadline"
        label="延期至"
        extra="节假日和休息日不能选择"
        rules={[{ required: true, message: '请选择新的完成时限' }]}
      >
        <DatePicker
          style={{ width: '100%' }}
          disabledDate={(d) => {
            const day = d.format('YYYY-MM-DD');
            return day <= (item.deadline ?? today()) || isWorkday(day) === false;
          }}
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label="延期理由"
        rules={[{ required: true, whitespace: true, message: '请写明延期理由' }]}
      >
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
    </FormModal>
  );
}

/** 终止: only by a later meeting's decision, named by its minutes number, with the reason. */
export function TerminateDialog({
  open,
  onCancel,
  onSubmit,
}: DialogProps<{ referenceNumber: string; reason: string }>) {
  const [form] = Form.useForm<{ referenceNumber: string; reason: string }>();
  return (
    <FormModal open={open} title="终止督办" okText="终止" form={form} onCancel={onCancel} onSubmit={(v) => onSubmit(v)}>
      <p>督办事项不能删除；不再办理的，须依据此后会议的决定终止，并引用该次会议纪要的编号。</p>
      <Form.Item
        name="referenceNumber"
        label="依据的会议纪要编号"
        rules={[{ required: true, whitespace: true, message: '请填写会议纪要编号' }]}
      >
        <Input maxLength={60} placeholder="如：〔2026〕5号" />
      </Form.Item>
      <Form.Item
        name="reason"
        label="终止理由"
        rules={[{ required: true, whitespace: true, message: '请写明终止理由' }]}
      >
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
    </FormModal>
  );
}
