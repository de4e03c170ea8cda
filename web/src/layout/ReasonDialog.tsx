import { useEffect, useState } from 'react';
import { Input, Modal } from 'antd';
import { useI18n } from '../i18n';

/**
 * The one dialog that asks why: 退回, 撤回, 取消, 驳回, 请假. OK stays disabled until a
 * reason is written (the server requires one too); the text is trimmed and at most 500
 * characters, the length the API accepts. It closes when `onSubmit` settles.
 */
export function ReasonDialog({
  open,
  title,
  okText,
  placeholder,
  danger = false,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  title: string;
  okText: string;
  placeholder: string;
  danger?: boolean;
  onCancel: () => void;
  onSubmit: (reason: string) => Promise<unknown>;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) setReason('');
  }, [open]);
  const submit = async () => {
    setBusy(true);
    try {
      await onSubmit(reason.trim());
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger, disabled: !reason.trim(), loading: busy }}
      onCancel={onCancel}
      onOk={() => void submit()}
      destroyOnHidden
    >
      <Input.TextArea
        rows={3}
        maxLength={500}
        showCount
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder={placeholder}
        aria-label={placeholder}
      />
    </Modal>
  );
}
