import { Form, InputNumber, Radio } from 'antd';
import type { SecuritySettings } from '../../../../core/settings';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n';
import { SettingsForm } from './SettingsForm';

/** 安全设置 (等保): only the security admin edits; the system admin may view. */
export default function SecurityPage() {
  const { can } = useSession();
  const { t } = useI18n();
  const [form] = Form.useForm<SecuritySettings>();
  const num = (name: keyof SecuritySettings, label: string, min: number, max: number) => (
    <Form.Item name={name} label={label} rules={[{ required: true, type: 'number', min, max }]}>
      <InputNumber min={min} max={max} style={{ width: 160 }} />
    </Form.Item>
  );
  return (
    <SettingsForm<SecuritySettings>
      title={t('menu.security')}
      section="security"
      editable={can('security.manage')}
      form={form}
    >
      {num('passwordMinLength', '密码最小长度', 8, 64)}
      {num('passwordMinClasses', '密码至少包含字符类别数（大写、小写、数字、特殊字符）', 3, 4)}
      {num('maxFailedLogins', '连续登录失败锁定次数', 3, 20)}
      {num('lockoutMinutes', '锁定时长（分钟）', 1, 1440)}
      {num('sessionIdleMinutes', '会话空闲超时（分钟）', 5, 1440)}
      {num('sessionAbsoluteHours', '会话最长有效期（小时）', 1, 72)}
      <Form.Item name="auditHashAlgorithm" label="审计日志哈希算法">
        <Radio.Group
          options={[
            { value: 'sha256', label: 'SHA-256' },
            { value: 'sm3', label: 'SM3（国密）' },
          ]}
        />
      </Form.Item>
    </SettingsForm>
  );
}
