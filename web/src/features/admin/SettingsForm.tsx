import { useEffect, type ReactNode } from 'react';
import { Alert, App, Button, Card, Form, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { api, ApiError } from '../../api/client';
import { useResource, useShowError } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { formatTime } from '../../lib/time';

interface Section<T> {
  value: T;
  version: number;
  updatedAt: string | null;
}

/** A settings section: load, edit when allowed, save with its version (409 reloads). */
export function SettingsForm<T extends object>(props: {
  title: string;
  getUrl: string;
  putUrl: string;
  editable: boolean;
  form: FormInstance<T>;
  children: ReactNode;
  toValue?: (fields: T) => T;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const { data, reload } = useResource<Section<T>>(props.getUrl);
  const { form } = props;

  useEffect(() => {
    if (data) form.setFieldsValue(data.value as Parameters<typeof form.setFieldsValue>[0]);
  }, [data, form]);

  const save = async () => {
    if (!data) return;
    const fields = await form.validateFields();
    try {
      const value = props.toValue ? props.toValue(fields) : fields;
      await api.put(props.putUrl, { value: { ...data.value, ...value }, version: data.version });
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
        {props.children}
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
