import { useEffect, type ReactNode } from 'react';
import { Alert, App, Button, Card, Form, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { api, ApiError } from '../../api/client';
import { useGet, useShowError } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { formatTime } from '../../lib/time';

/** Where each settings section is read and written. */
const SECTIONS = {
  security: { get: '/api/admin/settings/security', put: '/api/admin/settings/security' },
  regime: { get: '/api/settings/regime', put: '/api/admin/settings/regime' },
} as const;

/** A settings section: load, edit when allowed, save with its version (409 reloads). */
export function SettingsForm<T extends object>(props: {
  title: string;
  section: keyof typeof SECTIONS;
  editable: boolean;
  form: FormInstance<T>;
  /** The fields; a function gets the section as the server sent it (e.g. the regime's unitCreatedMonth). */
  children: ReactNode | ((data: Record<string, unknown>) => ReactNode);
  toValue?: (fields: T) => T;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const paths = SECTIONS[props.section];
  const { data, reload } = useGet(paths.get);
  const current = data?.value as T | undefined;
  const { form } = props;

  useEffect(() => {
    if (current) form.setFieldsValue(current as Parameters<typeof form.setFieldsValue>[0]);
  }, [current, form]);

  const save = async () => {
    if (!data || !current) return;
    const fields = await form.validateFields();
    try {
      const value = props.toValue ? props.toValue(fields) : fields;
      const body = { value: { ...current, ...value }, version: data.version };
      // T is the section's value type; the server validates the whole body again.
      await api.put(paths.put, body as never);
      message.success(t('common.saved'));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONFLICT') message.warning(t('common.conflict'));
      else return showError(e);
    }
    await reload();
  };

  return (
    <Card title={props.title} loading={!data}>
      {!props.editable && <Alert type="info" showIcon message={t('common.readOnly')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" disabled={!props.editable} style={{ maxWidth: 640 }}>
        {typeof props.children === 'function'
          ? data
            ? props.children(data as unknown as Record<string, unknown>)
            : null
          : props.children}
        {props.editable && (
          <Button type="primary" onClick={() => void save()}>
            {t('common.save')}
          </Button>
        )}
      </Form>
      {data?.updatedAt && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          最近修改：{formatTime(data.updatedAt)}（第 {data.version} 版）
        </Typography.Paragraph>
      )}
    </Card>
  );
}
