import { Alert, Button, Checkbox, DatePicker, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { dayjs } from '../../lib/time';
import {
  archiveCodePatternProblem,
  formatArchiveCode,
  RETENTION_LABELS,
  RETENTION_PERIODS,
} from '../../../../core/archive';
import {
  MATTER_FLAGS,
  MATTER_FLAG_LABELS,
  RECIPIENT_ROLES,
  formatMinutesNumber,
  type RegimeSettings,
} from '../../../../core/settings';
import { UNIT_ROLE_LABELS } from '../../../../core/org';
import { CHECK_DEFINITIONS, COMPLIANCE_CHECKS } from '../../../../core/compliance';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n';
import { SettingsForm } from './SettingsForm';
import { useGet } from '../../api/hooks';

/** What the admin asks of whoever runs the server to turn e-mail on (issue 15: in Chinese, not just a variable name). */
const MAIL_OFF_HELP =
  '目前只发送站内通知。如需同时以邮件发送，请运维人员在服务器的部署配置中设置环境变量 SMTP_URL，' +
  '即本单位邮件服务器的地址和发信账号，格式为“smtp://用户名:密码@邮件服务器地址:587”（使用 465 加密端口时以 smtps:// 开头）；' +
  '发件人可用环境变量 MAIL_FROM 设置（如“纪要系统 <jiyao@本单位邮箱域名>”）。设置后重启服务即生效，本页面不能修改此项。';

/** E-mail is a deployment setting (SMTP_URL): the page says whether it is on. */
function MailStatusAlert() {
  const { data } = useGet('/api/admin/settings/mail');
  if (!data) return null;
  return data.enabled ? (
    <Alert
      type="success"
      showIcon
      data-testid="mail-status"
      message={`邮件通知已开启：经 ${data.server ?? ''} 以“${data.from}”发送`}
      description={`已发送 ${data.sent} 封，待发送 ${data.pending} 封，发送失败 ${data.failed} 封（失败的邮件按 1、2、4、8、16 分钟间隔重试，站内通知不受影响）。`}
    />
  ) : (
    <Alert type="info" showIcon data-testid="mail-status" message="邮件通知未开启" description={MAIL_OFF_HELP} />
  );
}

/** 制度参数: the regulation's numbers as the unit's data. */
export default function RegimePage() {
  const { can } = useSession();
  const { t } = useI18n();
  const [form] = Form.useForm<RegimeSettings>();
  const pattern = Form.useWatch('numberingPattern', form) ?? '';
  const codePattern = Form.useWatch('archiveCodePattern', form) ?? '';
  const fonds = Form.useWatch('archiveFondsCode', form) ?? '';
  const categories = Form.useWatch('topicCategories', form) ?? [];
  const periodOptions = RETENTION_PERIODS.map((p) => ({ value: p, label: RETENTION_LABELS[p] }));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {can('regime.manage') && <MailStatusAlert />}
      <SettingsForm<RegimeSettings>
        title={t('menu.regime')}
        section="regime"
        editable={can('regime.manage')}
        form={form}
      >
        {(data) => (
          <>
            <Form.Item name="meetingsPerMonth" label="每月至少召开处务会次数（第 3.5 条）" rules={[{ required: true }]}>
              <InputNumber min={0} max={31} />
            </Form.Item>
            <Form.Item
              name="distributionWorkingDays"
              label="纪要分送时限（会后工作日，第 5.8–5.10 条）"
              rules={[{ required: true }]}
            >
              <InputNumber min={1} max={30} />
            </Form.Item>
            <Form.Item name="reportRecipientRoles" label="报送对象（第 5.8 条）">
              <Checkbox.Group options={RECIPIENT_ROLES.map((r) => ({ value: r, label: UNIT_ROLE_LABELS[r] }))} />
            </Form.Item>
            <Form.Item name="circulateToDivision" label="本处室全体人员传阅（第 5.9 条）" valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="fileWithSupervisionOffice" label="报监察室备案（第 5.10 条）" valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="topicCategories" label="议题内容分类（第 4.2 条）" rules={[{ required: true }]}>
              <Select mode="tags" tokenSeparators={['\n']} maxCount={30} />
            </Form.Item>
            <Form.Item name="matterFlags" label="纪要须标注的事项（第 1.2 条）">
              <Checkbox.Group options={MATTER_FLAGS.map((f) => ({ value: f, label: MATTER_FLAG_LABELS[f] }))} />
            </Form.Item>
            <Form.Item
              name="numberingPattern"
              label="纪要编号格式（第 5.6 条，{year} 年份，{n} 序号）"
              rules={[{ required: true, min: 3, max: 40 }]}
              extra={
                <Typography.Text type="secondary">
                  {'{year}'} 替换为印发年份，{'{n}'} 替换为本处室当年的顺序号（从 1 起，不跳号）；其余文字原样保留，
                  可在前面加机关代字，如“外贸纪〔{'{year}'}〕{'{n}'}号”，或写作“第{'{n}'}期”。示例：
                  {formatMinutesNumber(pattern, new Date().getFullYear(), 3)}
                </Typography.Text>
              }
            >
              <Input maxLength={40} />
            </Form.Item>
            <Typography.Title level={5}>归档（第 5.7 条、第 1.3 条）</Typography.Title>
            <Form.Item
              name="archiveFondsCode"
              label="全宗号（档案馆给本单位的编号）"
              rules={[{ required: true, pattern: /^[A-Za-z0-9]{1,12}$/, message: '全宗号须为 1–12 位字母或数字' }]}
            >
              <Input maxLength={12} style={{ maxWidth: 200 }} />
            </Form.Item>
            <Form.Item
              name="archiveCodePattern"
              label="档号规则"
              rules={[
                { required: true },
                {
                  validator: (_, v: string) => {
                    const problem = archiveCodePatternProblem(v ?? '');
                    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                  },
                },
              ]}
              extra={
                <Typography.Text type="secondary">
                  可用字段：{'{全宗号}{年度}{保管期限}{处室代码}{件号}'}，须含 {'{年度}'} 和 {'{件号}'}
                  ，字段以外只能用字母、数字和 - . _ ·。示例：
                  {archiveCodePatternProblem(codePattern)
                    ? '—'
                    : formatArchiveCode(codePattern, {
                        fonds,
                        year: new Date().getFullYear() - 1,
                        period: 'permanent',
                        divisionCode: '03',
                        seq: 1,
                      })}
                </Typography.Text>
              }
            >
              <Input maxLength={80} />
            </Form.Item>
            <Form.Item
              name="archiveRetentionDefault"
              label="保管期限（未单独设置的议题分类）"
              rules={[{ required: true }]}
            >
              <Select options={periodOptions} style={{ maxWidth: 200 }} />
            </Form.Item>
            <Form.Item label="各议题分类的保管期限（一份纪要按其议题中最长的期限保管）">
              <Form.List name="archiveRetentionByCategory">
                {(fields, { add, remove }) => (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    {fields.map((f) => (
                      <Space key={f.key} wrap align="start">
                        <Form.Item
                          name={[f.name, 'category']}
                          rules={[{ required: true, message: '请选择分类' }]}
                          noStyle
                        >
                          <Select
                            style={{ minWidth: 240 }}
                            options={categories.map((c: string) => ({ value: c, label: c }))}
                            aria-label="议题分类"
                          />
                        </Form.Item>
                        <Form.Item name={[f.name, 'period']} rules={[{ required: true }]} noStyle>
                          <Select style={{ width: 110 }} options={periodOptions} aria-label="保管期限" />
                        </Form.Item>
                        <Button onClick={() => remove(f.name)}>删除</Button>
                      </Space>
                    ))}
                    <Button onClick={() => add({ period: '30y' })} disabled={fields.length >= 30}>
                      添加分类
                    </Button>
                  </Space>
                )}
              </Form.List>
            </Form.Item>
            <Form.Item name="archiveHashAlgorithm" label="归档信息包的摘要算法" rules={[{ required: true }]}>
              <Select
                style={{ maxWidth: 200 }}
                options={[
                  { value: 'sha256', label: 'SHA-256' },
                  { value: 'sm3', label: 'SM3（国密）' },
                ]}
              />
            </Form.Item>
            <Form.Item name="writtenStatementMinChars" label="可替代书面材料的文字说明最少字数（第 2.4 条）">
              <InputNumber min={0} max={10000} />
            </Form.Item>
            <Form.Item name="trackingDueSoonWorkingDays" label="督办事项临期黄灯（距完成时限工作日，第 6.2 条）">
              <InputNumber min={0} max={30} />
            </Form.Item>
            <Form.Item name="trackingStalledWorkingDays" label="督办事项停滞（未报告进展的工作日，0 为不提示）">
              <InputNumber min={0} max={60} />
            </Form.Item>
            <Form.Item name="trackingEscalationWorkingDays" label="逾期后报监察室（逾期工作日，第 6.3 条）">
              <InputNumber min={1} max={60} />
            </Form.Item>
            <Form.Item name="trackingVerificationPercent" label="监察室抽查核验办结事项的比例（%，第 6.4 条）">
              <InputNumber min={0} max={100} />
            </Form.Item>
            <Form.Item
              name="registerFundsTolerancePercent"
              label="资金登记簿与处务会议题金额核对的允许偏差（±%，第 4.1 条）"
            >
              <InputNumber min={0} max={100} />
            </Form.Item>
            <Typography.Title level={5}>督办考评得分（第 6.2 条）</Typography.Title>
            <Form.Item name="trackingScoreOnTimeWeight" label="按期办结率的分值（得分 = 按期办结率 × 分值 + …）">
              <InputNumber min={0} max={100} />
            </Form.Item>
            <Form.Item name="trackingScoreCompletionWeight" label="办结率（含逾期办结）的分值">
              <InputNumber min={0} max={100} />
            </Form.Item>
            <Form.Item name="trackingScoreOverduePenalty" label="每逾期一个工作日扣分">
              <InputNumber min={0} max={10} step={0.1} precision={2} />
            </Form.Item>
            <Form.Item name="trackingScoreExtensionPenalty" label="每批准延期一次扣分">
              <InputNumber min={0} max={20} step={0.5} precision={2} />
            </Form.Item>
            <Typography.Title level={5}>监督检查（第 6.4 条）</Typography.Title>
            <Form.Item
              name="regimeStartMonth"
              label="制度施行起始月份（此前的月份在监督检查中为“不适用”）"
              getValueProps={(v: string | null) => ({ value: v ? dayjs(`${v}-01`) : null })}
              normalize={(d: ReturnType<typeof dayjs> | null) => (d ? d.format('YYYY-MM') : null)}
              extra={
                <Typography.Text type="secondary" data-testid="regime-start-default">
                  不填写时，自本单位开始使用本系统的月份（{String(data.unitCreatedMonth ?? '')}）起施行。
                </Typography.Text>
              }
            >
              <DatePicker picker="month" allowClear placeholder={String(data.unitCreatedMonth ?? '')} />
            </Form.Item>
            <Typography.Paragraph type="secondary">
              各处室得分 = 100 × Σ（检查项权重 × 达标月数）÷ Σ（检查项权重 × 适用月数）。各检查项的权重为 0–10 的整数，0
              为不计分。
            </Typography.Paragraph>
            {COMPLIANCE_CHECKS.map((c) => (
              <Form.Item
                key={c}
                name={['complianceWeights', c]}
                label={`${CHECK_DEFINITIONS[c].name}（${CHECK_DEFINITIONS[c].clause}）的权重`}
                rules={[{ required: true, type: 'integer', min: 0, max: 10, message: '权重应为 0 到 10 的整数' }]}
              >
                <InputNumber min={0} max={10} precision={0} />
              </Form.Item>
            ))}
            <Form.Item
              name="accountabilityMeasures"
              label="效能问责处理措施（处理意见和决定从中选择，第 6.3 条）"
              rules={[{ required: true, type: 'array', min: 1, message: '至少保留一项处理措施' }]}
            >
              <Select mode="tags" tokenSeparators={['\n']} maxCount={20} />
            </Form.Item>
          </>
        )}
      </SettingsForm>
    </Space>
  );
}
