import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { api, ApiError } from '../../api/client';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function ChangePasswordPage() {
  const { me, reload } = useSession();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: Values) => {
    setError(null);
    setProblems([]);
    try {
      await api.post('/api/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success(t('password.done'));
      await reload();
      navigate('/');
    } catch (e) {
      if (e instanceof ApiError) {
        setError(e.message);
        if (Array.isArray(e.details)) setProblems(e.details.map(String));
      } else setError(String(e));
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 420 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('password.title')}
        </Typography.Title>
        {me?.user.mustChangePassword && (
          <Alert type="info" showIcon message={t('password.forced')} style={{ marginBottom: 16 }} />
        )}
        {error && (
          <Alert
            type="error"
            showIcon
            message={error}
            description={problems.length > 1 ? problems.map((p) => <div key={p}>{p}</div>) : undefined}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form<Values> layout="vertical" onFinish={submit} name="password">
          <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" maxLength={128} />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.new')}
            extra={t('password.rule')}
            rules={[{ required: true, min: 8 }]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('password.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block>
            {t('password.submit')}
          </Button>
          {me && !me.user.mustChangePassword && (
            <Button type="link" block onClick={() => navigate(-1)}>
              {t('common.cancel')}
            </Button>
          )}
        </Form>
      </Card>
    </div>
  );
}
