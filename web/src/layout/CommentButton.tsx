import { useState, type ReactNode } from 'react';
import { Alert, Button, Input, Modal, type ButtonProps } from 'antd';
import { useI18n } from '../i18n';

/** The server's limit on an approver's or reader's comment (core/contracts/common.ts `optionalComment`). */
const MAX = 500;

/**
 * An action that may carry an optional comment (approving a topic, issuing
 * minutes, 已阅): the button opens a dialog with the comment box and, when
 * given, a warning; confirming runs `onConfirm` with the comment ('' for none).
 */
export function CommentButton({
  children,
  title,
  warning,
  okText,
  onConfirm,
  ...button
}: Omit<ButtonProps, 'onClick'> & {
  title: string;
  warning?: ReactNode;
  okText: string;
  onConfirm: (comment: string) => Promise<unknown>;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm(comment.trim());
      setOpen(false);
      setComment('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button {...button} onClick={() => setOpen(true)}>
        {children}
      </Button>
      <Modal
        open={open}
        title={title}
        okText={okText}
        confirmLoading={busy}
        onOk={() => void confirm()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {warning && <Alert type="warning" showIcon message={warning} style={{ marginBottom: 12 }} />}
        <Input.TextArea
          aria-label={t('comment.label')}
          placeholder={t('comment.placeholder')}
          value={comment}
          maxLength={MAX}
          showCount
          autoSize={{ minRows: 3, maxRows: 8 }}
          onChange={(e) => setComment(e.target.value)}
        />
      </Modal>
    </>
  );
}
