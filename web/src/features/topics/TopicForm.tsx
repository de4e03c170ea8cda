import { useEffect } from 'react';
import { Alert, Checkbox, Form, Input, Select, Switch } from 'antd';
import type { TopicDto } from '../../../../core/contracts/topics';
import { impliedBy, MATTER_FLAG_LABELS, type MatterFlag } from '../../../../core/settings';
import { plainTextLength } from '../../../../core/topics';
import { useGet } from '../../api/hooks';
import { useMe } from '../../auth/session';
import { defaultDivisionId } from '../../auth/leadership';
import { FormModal } from '../../layout/FormModal';

export interface TopicFormValues {
  divisionId: string;
  title: string;
  category: string;
  matterFlags: MatterFlag[];
  fundsAmountYuan?: string | null;
  important: boolean;
  description: string;
}

/** Propose or revise a topic: category from the unit's ten (R4.2), matter flags (R1.2). */
export function TopicForm({
  topic,
  open,
  onCancel,
  onSubmit,
}: {
  topic?: TopicDto;
  open: boolean;
  onCancel: () => void;
  onSubmit: (v: TopicFormValues) => Promise<void>;
}) {
  const me = useMe();
  const regime = useGet('/api/settings/regime').data?.value;
  const [form] = Form.useForm<TopicFormValues>();
  const flags = Form.useWatch('matterFlags', form) ?? [];
  const important = Form.useWatch('important', form) ?? false;
  const description = Form.useWatch('description', form) ?? '';
  const category = Form.useWatch('category', form);
  // R2.4 / R4.1: the category's implied flags and importance, from the unit's settings (the server enforces them).
  const implied: { matterFlags: MatterFlag[]; important: boolean } =
    regime && category ? impliedBy(regime, category) : { matterFlags: [], important: false };
  useEffect(() => {
    if (!open || implied.matterFlags.length === 0) return;
    const current = (form.getFieldValue('matterFlags') as MatterFlag[] | undefined) ?? [];
    const missing = implied.matterFlags.filter((f) => !current.includes(f));
    if (missing.length > 0) form.setFieldValue('matterFlags', [...current, ...missing]);
  }, [open, category, implied.matterFlags, form]);
  const minChars = regime?.writtenStatementMinChars ?? 200;

  useEffect(() => {
    if (!open) return;
    form.setFieldsValue(
      topic
        ? {
            divisionId: topic.divisionId,
            title: topic.title,
            category: topic.category,
            matterFlags: topic.matterFlags,
            fundsAmountYuan: topic.fundsAmountYuan,
            important: topic.important,
            description: topic.description,
          }
        : { divisionId: defaultDivisionId(me), matterFlags: [], important: false, description: '' },
    );
  }, [open, topic, form, me]);

  // Any flag makes the matter important (R1.2): the switch shows it at once.
  const importantMatter = important || flags.length > 0 || implied.important;
  return (
    <FormModal
      open={open}
      title={topic ? '修改议题' : '提出议题'}
      form={form}
      onCancel={onCancel}
      onSubmit={onSubmit}
      width={720}
    >
      {!topic && (
        <Form.Item name="divisionId" label="处室" rules={[{ required: true }]}>
          <Select options={me.memberships.map((m) => ({ value: m.divisionId, label: m.divisionName }))} />
        </Form.Item>
      )}
      <Form.Item name="title" label="议题名称" rules={[{ required: true, whitespace: true, max: 100 }]}>
        <Input maxLength={100} showCount />
      </Form.Item>
      <Form.Item name="category" label="内容分类（第 4.2 条）" rules={[{ required: true }]}>
        <Select options={(regime?.topicCategories ?? []).map((c, i) => ({ value: c, label: `（${i + 1}）${c}` }))} />
      </Form.Item>
      <Form.Item name="matterFlags" label="涉及事项（第 1.2 条，勾选即为重要事项，须经处务会研究决定）">
        <Checkbox.Group
          options={(regime?.matterFlags ?? []).map((f) => ({
            value: f,
            label: MATTER_FLAG_LABELS[f],
            disabled: implied.matterFlags.includes(f),
          }))}
        />
      </Form.Item>
      {flags.includes('funds') && (
        <Form.Item
          name="fundsAmountYuan"
          label="涉及金额（元）"
          rules={[{ required: true, pattern: /^\d{1,13}(\.\d{1,2})?$/, message: '请输入金额，最多两位小数' }]}
        >
          <Input placeholder="例如 1200000.00" />
        </Form.Item>
      )}
      <Form.Item
        name="important"
        label="重要事项"
        valuePropName="checked"
        extra={
          flags.length > 0 || implied.important ? '已勾选涉及事项或所选分类属于重要事项，按重要事项办理' : undefined
        }
      >
        <Switch checked={importantMatter} disabled={flags.length > 0 || implied.important} />
      </Form.Item>
      <Form.Item name="description" label="议题说明">
        <Input.TextArea rows={8} maxLength={20000} showCount placeholder="说明议题背景、拟研究的问题和建议意见" />
      </Form.Item>
      {importantMatter && (
        <Alert
          type={plainTextLength(description) >= minChars ? 'success' : 'warning'}
          showIcon
          message={`重要事项须附书面材料（第 2.4 条）：上传附件，或在议题说明中写明不少于 ${minChars} 字的书面说明（当前 ${plainTextLength(description)} 字）。`}
        />
      )}
    </FormModal>
  );
}
