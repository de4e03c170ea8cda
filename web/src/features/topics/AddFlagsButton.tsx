import { useState } from 'react';
import { Button, Checkbox, Form, Input, Switch } from 'antd';
import { FormModal } from '../../layout/FormModal';
import type { TopicDto } from '../../../../core/contracts/topics';
import { MATTER_FLAG_LABELS, MATTER_FLAGS, type MatterFlag } from '../../../../core/settings';

/** R1.2 / R4.1: the approver adds matter flags a proposer left out; none is ever removed here. */
export function AddFlagsButton({
  topic,
  onSubmit,
}: {
  topic: TopicDto;
  onSubmit: (body: { add: MatterFlag[]; important?: true; fundsAmountYuan?: string }) => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ add: MatterFlag[]; important: boolean; fundsAmountYuan?: string }>();
  const add = Form.useWatch('add', form) ?? [];
  const missing = MATTER_FLAGS.filter((f) => !topic.matterFlags.includes(f));
  return (
    <>
      <Button onClick={() => setOpen(true)}>补充标注</Button>
      <FormModal
        open={open}
        title="补充事项标注（只增不减）"
        form={form}
        initialValues={{ add: [], important: topic.important }}
        onCancel={() => setOpen(false)}
        onSubmit={async (v) => {
          await onSubmit({
            add: v.add ?? [],
            ...(v.important ? { important: true as const } : {}),
            ...(v.fundsAmountYuan ? { fundsAmountYuan: v.fundsAmountYuan } : {}),
          });
          setOpen(false);
        }}
      >
        <Form.Item name="add" label="补充涉及事项">
          <Checkbox.Group options={missing.map((f) => ({ value: f, label: MATTER_FLAG_LABELS[f] }))} />
        </Form.Item>
        {add.includes('funds') && (
          <Form.Item
            name="fundsAmountYuan"
            label="涉及金额（元）"
            rules={[{ required: true, pattern: /^\d{1,13}(\.\d{1,2})?$/, message: '请输入金额，最多两位小数' }]}
          >
            <Input placeholder="例如 50000.00" />
          </Form.Item>
        )}
        <Form.Item name="important" label="重要事项" valuePropName="checked">
          <Switch disabled={topic.important} />
        </Form.Item>
      </FormModal>
    </>
  );
}
