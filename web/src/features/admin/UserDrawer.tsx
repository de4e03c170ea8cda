import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Tabs,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { DivisionDto, UserDto } from '../../../../core/contracts/org';
import {
  POSITIONS,
  POSITION_LABELS,
  UNIT_ROLES,
  UNIT_ROLE_LABELS,
  type Position,
  type UnitRole,
} from '../../../../core/org';
import { api, ApiError } from '../../api/client';
import { useShowError } from '../../api/hooks';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n';
import { formatTime } from '../../lib/time';

/** Shows a one-time password once, with a copy button. */
export function OneTimePassword({
  title,
  password,
  onClose,
}: {
  title: string;
  password: string;
  onClose: () => void;
}) {
  return (
    <Modal open title={title} onOk={onClose} onCancel={onClose} cancelButtonProps={{ style: { display: 'none' } }}>
      <Alert
        type="warning"
        showIcon
        message="一次性初始密码只显示这一次，请当面或通过安全渠道交给本人；首次登录后必须修改。"
      />
      <Typography.Paragraph
        copyable={{ text: password }}
        style={{ fontSize: 20, fontFamily: 'monospace', marginTop: 16 }}
      >
        {password}
      </Typography.Paragraph>
    </Modal>
  );
}

interface MembershipRow {
  divisionId: string;
  position: Position;
  isRecorder: boolean;
  /** Orders staff after the head and deputies wherever names are listed. */
  sortOrder: number;
}

/**
 * R5.2: stopping the account of a division's designated recorder leaves the division without
 * one until another is designated — the supervision office's matrix shows the gap. Said
 * before the administrator saves.
 */
function RecorderStopWarning({ user, stopping }: { user: UserDto; stopping: boolean }) {
  const divisions = user.memberships.filter((m) => m.isRecorder).map((m) => m.divisionName);
  if (!stopping || !user.active || divisions.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={`该人员是${divisions.join('、')}的指定记录人。停用后，在指定新的记录人之前，该处室没有记录人（第 5.2 条），监督检查将显示为未达标。`}
    />
  );
}

/** One person: details, divisions and positions, unit roles, password and lock. */
export function UserDrawer({
  userId,
  divisions,
  onClose,
}: {
  userId: string;
  divisions: DivisionDto[];
  onClose: () => void;
}) {
  const { can } = useSession();
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [user, setUser] = useState<UserDto | null>(null);
  const [oneTime, setOneTime] = useState<string | null>(null);
  const [details] = Form.useForm<{ displayName: string; email: string; phone: string; active: boolean }>();
  const [memberships] = Form.useForm<{ rows: MembershipRow[] }>();
  const activeNow = Form.useWatch('active', details);
  const [roles, setRoles] = useState<UnitRole[]>([]);
  const [supervised, setSupervised] = useState<string[]>([]);
  const manage = can('org.manage');

  const show = (u: UserDto) => {
    setUser(u);
    details.setFieldsValue({
      displayName: u.displayName,
      email: u.email ?? '',
      phone: u.phone ?? '',
      active: u.active,
    });
    memberships.setFieldsValue({
      rows: u.memberships.map(({ divisionId, position, isRecorder, sortOrder }) => ({
        divisionId,
        position,
        isRecorder,
        sortOrder,
      })),
    });
    setRoles(u.roles.map((r) => r.role));
    setSupervised(u.roles.find((r) => r.role === 'supervising_leader')?.divisionIds ?? []);
  };
  useEffect(() => {
    api.get('/api/admin/users/:id', { id: userId }).then(show, showError);
  }, [userId]);

  const run = async (fn: () => Promise<UserDto | void>) => {
    try {
      const u = await fn();
      if (u) show(u);
      message.success(t('common.saved'));
    } catch (e) {
      showError(e);
      if (e instanceof ApiError && e.code === 'CONFLICT') show(await api.get('/api/admin/users/:id', { id: userId }));
    }
  };

  if (!user) return <Drawer open onClose={onClose} loading />;
  return (
    <Drawer
      open
      onClose={onClose}
      title={`${user.displayName}（${user.username}）`}
      width={Math.min(640, window.innerWidth)}
    >
      <Tabs
        items={[
          {
            key: 'details',
            label: '基本信息',
            children: (
              <>
                <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
                  <Descriptions.Item label="最近登录">{formatTime(user.lastLoginAt)}</Descriptions.Item>
                  <Descriptions.Item label="账号状态">
                    {user.locked ? `已锁定至 ${formatTime(user.lockedUntil)}` : user.active ? '正常' : '已停用'}
                    {user.mustChangePassword ? '（待修改初始密码）' : ''}
                  </Descriptions.Item>
                </Descriptions>
                <Form form={details} layout="vertical" disabled={!manage}>
                  <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, max: 32 }]}>
                    <Input maxLength={32} />
                  </Form.Item>
                  <Form.Item name="email" label="邮箱" rules={[{ type: 'email' }]}>
                    <Input maxLength={120} />
                  </Form.Item>
                  <Form.Item name="phone" label="电话">
                    <Input maxLength={20} />
                  </Form.Item>
                  <Form.Item name="active" label="启用" valuePropName="checked">
                    <Switch />
                  </Form.Item>
                  <RecorderStopWarning user={user} stopping={activeNow === false} />
                  {manage && (
                    <Button
                      type="primary"
                      onClick={() =>
                        void details.validateFields().then((v) =>
                          run(() =>
                            api.patch(
                              '/api/admin/users/:id',
                              { id: user.id },
                              {
                                displayName: v.displayName,
                                email: v.email || null,
                                phone: v.phone || null,
                                active: v.active,
                                version: user.version,
                              },
                            ),
                          ),
                        )
                      }
                    >
                      {t('common.save')}
                    </Button>
                  )}
                </Form>
                <Space wrap style={{ marginTop: 24 }}>
                  {manage && (
                    <Popconfirm
                      title="重置密码后该人员的登录会话全部失效，确定？"
                      onConfirm={() =>
                        void api
                          .post('/api/admin/users/:id/reset-password', { id: user.id })
                          .then((r) => setOneTime(r.initialPassword), showError)
                      }
                    >
                      <Button danger>重置密码</Button>
                    </Popconfirm>
                  )}
                  {can('user.lock') && !user.locked && (
                    <Popconfirm
                      title="锁定后该账号立即下线，解除锁定前不能登录。确定锁定？"
                      onConfirm={() => void run(() => api.post('/api/admin/users/:id/lock', { id: user.id }))}
                    >
                      <Button danger>锁定账号</Button>
                    </Popconfirm>
                  )}
                  {can('user.unlock') && user.locked && (
                    <Button onClick={() => void run(() => api.post('/api/admin/users/:id/unlock', { id: user.id }))}>
                      解除锁定
                    </Button>
                  )}
                </Space>
              </>
            ),
          },
          {
            key: 'memberships',
            label: '处室与职务',
            children: (
              <Form form={memberships} disabled={!manage}>
                <Form.List name="rows">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((f) => (
                        <Space key={f.key} wrap align="baseline">
                          <Form.Item name={[f.name, 'divisionId']} rules={[{ required: true, message: '请选择处室' }]}>
                            <Select
                              style={{ width: 200 }}
                              placeholder="处室"
                              options={divisions.map((d) => ({ value: d.id, label: d.name }))}
                            />
                          </Form.Item>
                          <Form.Item name={[f.name, 'position']} rules={[{ required: true }]}>
                            <Select
                              style={{ width: 150 }}
                              options={POSITIONS.map((p) => ({ value: p, label: POSITION_LABELS[p] }))}
                            />
                          </Form.Item>
                          <Form.Item name={[f.name, 'sortOrder']} label={t('admin.sortOrder')}>
                            <InputNumber min={0} max={9999} precision={0} style={{ width: 90 }} />
                          </Form.Item>
                          <Form.Item name={[f.name, 'isRecorder']} valuePropName="checked">
                            <Checkbox>指定记录人</Checkbox>
                          </Form.Item>
                          {manage && (
                            <Button
                              type="text"
                              icon={<DeleteOutlined />}
                              aria-label="删除"
                              onClick={() => remove(f.name)}
                            />
                          )}
                        </Space>
                      ))}
                      {manage && (
                        <Button
                          icon={<PlusOutlined />}
                          onClick={() => add({ position: 'staff', isRecorder: false, sortOrder: 0 })}
                          style={{ marginBottom: 16 }}
                        >
                          添加处室
                        </Button>
                      )}
                    </>
                  )}
                </Form.List>
                <Typography.Paragraph type="secondary">
                  每个处室只有一名主要负责人；指定记录人会取代该处室原记录人。
                </Typography.Paragraph>
                <Typography.Paragraph type="secondary">{t('admin.sortOrderHelp')}</Typography.Paragraph>
                {manage && (
                  <Button
                    type="primary"
                    onClick={() =>
                      void memberships
                        .validateFields()
                        .then((v) =>
                          run(() =>
                            api.put(
                              '/api/admin/users/:id/memberships',
                              { id: user.id },
                              { memberships: (v.rows ?? []).map((r) => ({ ...r, sortOrder: r.sortOrder ?? 0 })) },
                            ),
                          ),
                        )
                    }
                  >
                    {t('common.save')}
                  </Button>
                )}
              </Form>
            ),
          },
          {
            key: 'roles',
            label: '单位角色',
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Checkbox.Group
                  disabled={!manage}
                  value={roles}
                  onChange={(v) => setRoles(v as UnitRole[])}
                  options={UNIT_ROLES.map((r) => ({ value: r, label: UNIT_ROLE_LABELS[r] }))}
                />
                {roles.includes('supervising_leader') && (
                  <Select
                    mode="multiple"
                    disabled={!manage}
                    placeholder="分管的处室"
                    value={supervised}
                    onChange={setSupervised}
                    style={{ width: '100%' }}
                    options={divisions.map((d) => ({ value: d.id, label: d.name }))}
                  />
                )}
                <Typography.Text type="secondary">
                  系统管理员、安全管理员、审计管理员须由不同人员担任（三员分立）。
                </Typography.Text>
                {manage && (
                  <Button
                    type="primary"
                    onClick={() =>
                      void run(() =>
                        api.put(
                          '/api/admin/users/:id/roles',
                          { id: user.id },
                          {
                            roles: roles.map((role) =>
                              role === 'supervising_leader' ? { role, divisionIds: supervised } : { role },
                            ),
                          },
                        ),
                      )
                    }
                  >
                    {t('common.save')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {oneTime && (
        <OneTimePassword title={`${user.displayName} 的新密码`} password={oneTime} onClose={() => setOneTime(null)} />
      )}
    </Drawer>
  );
}
