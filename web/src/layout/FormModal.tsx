import type { ReactNode } from 'react';
import { Form, Modal, type FormInstance } from 'antd';
import { useT } from '../i18n';

/**
 * The one form-in-a-dialog shell: a vertical form, save and cancel, fields validated before
 * `onSubmit` gets the values; a refused validation keeps the dialog open with its messages.
 * The fields are destroyed on close, so the next opening starts afresh.
 */
export function FormModal<T extends object>({
  open,
  title,
  form,
  onCancel,
  onSubmit,
  okText,
  width,
  initialValues,
  children,
}: {
  open: boolean;
  title: ReactNode;
  form: FormInstance<T>;
  onCancel: () => void;
  onSubmit: (values: T) => Promise<unknown> | void;
  okText?: string;
  width?: number;
  initialValues?: Partial<T>;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <Modal
      open={open}
      title={title}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      width={width}
      destroyOnHidden
      onCancel={onCancel}
      onOk={() =>
        void form.validateFields().then(
          (v) => onSubmit(v),
          () => undefined, // antd shows each field's message
        )
      }
    >
      <Form form={form} layout="vertical" initialValues={initialValues}>
        {children}
      </Form>
    </Modal>
  );
}
