import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  DatePicker,
  Descriptions,
  Form,
  Input,
  List,
  Select,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { PaperClipOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { CaseDetailDto, EvidenceCheckDto } from '../../../../core/contracts/accountability';
import { CASE_KIND_LABELS, EVIDENCE_KIND_LABELS } from '../../../../core/accountability';
import { api, ApiError } from '../../api/client';
import { useGet, useShowError } from '../../api/hooks';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { FormModal } from '../../layout/FormModal';
import { PageCard } from '../../layout/PageCard';
import { ReasonDialog } from '../../layout/ReasonDialog';
import { StatusTag } from '../../layout/StatusTag';
import { dayjs, formatTime, TZ } from '../../lib/time';
import { CaseUploads, type UploadedFile } from './CaseUploads';
import { CASE_EVENT_LABELS, fileSize, shortHash } from './labels';

/** The steps the page offers, in the order of the workflow (the server says which ones now). */
const STEPS = ['preliminary', 'file', 'dismiss', 'investigate', 'evidence', 'propose', 'decide', 'archive'] as const;
type Step = (typeof STEPS)[number];

interface StepValues {
  note?: string;
  subjectIds?: string[];
  notice?: string;
  text?: string;
  measure?: string;
  reason?: string;
  decidedBy?: string;
  decidedOn?: Dayjs;
  meetingReference?: string;
}

function Hash({ value }: { value: string }) {
  return (
    <Typography.Text code copyable={{ text: value }} title={value}>
      {shortHash(value)}
    </Typography.Text>
  );
}

/** The evidence, its hashes, and the 校验 that recomputes them from what is stored. */
function EvidenceCard({ c }: { c: CaseDetailDto }) {
  const t = useT();
  const showError = useShowError();
  const [check, setCheck] = useState<EvidenceCheckDto>();
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    try {
      setCheck(await api.get('/api/cases/:id/evidence/verify', { id: c.id }));
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  const rowCheck = (seq: number) => check?.rows.find((r) => r.seq === seq);
  return (
    <Card
      title={t('case.evidence')}
      extra={
        c.abilities.verify && (
          <Button icon={<SafetyCertificateOutlined />} loading={busy} onClick={() => void verify()}>
            {t('case.verify')}
          </Button>
        )
      }
    >
      {check && (
        <Alert
          style={{ marginBottom: 16 }}
          showIcon
          type={check.result === 'match' ? 'success' : 'error'}
          message={t(check.result === 'match' ? 'case.verifyMatch' : 'case.verifyMismatch')}
          description={`校验时间 ${formatTime(check.checkedAt)}；固定哈希 ${shortHash(check.bundleHash)}，重新计算 ${
            check.recomputedBundleHash ? shortHash(check.recomputedBundleHash) : '—'
          }`}
          data-testid="verify-result"
        />
      )}
      <List
        dataSource={c.evidence}
        renderItem={(e) => {
          const p = (e.payload ?? {}) as { text?: string; by?: { name?: string } };
          const r = rowCheck(e.seq);
          return (
            <List.Item>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Space wrap>
                  <Typography.Text strong>
                    {e.seq}. {EVIDENCE_KIND_LABELS[e.kind]}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {e.actorName} · {formatTime(e.at)}
                  </Typography.Text>
                  {r && <Tag color={r.ok ? 'success' : 'error'}>{r.ok ? '一致' : '不一致'}</Tag>}
                </Space>
                <Space wrap>
                  SHA-256 <Hash value={e.sha256} />
                  {e.prevHash && (
                    <>
                      前一份 <Hash value={e.prevHash} />
                    </>
                  )}
                </Space>
                {e.kind === 'bundle' ? (
                  <Collapse
                    size="small"
                    items={[
                      {
                        key: 'content',
                        label: '查看固定的证据内容',
                        children: (
                          <pre
                            style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', maxHeight: 480, overflow: 'auto' }}
                          >
                            {JSON.stringify(e.payload, null, 2)}
                          </pre>
                        ),
                      },
                    ]}
                  />
                ) : (
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                    {p.text ?? ''}
                  </Typography.Paragraph>
                )}
                {e.attachments.map((a) => (
                  <div key={a.id}>
                    <PaperClipOutlined /> <a href={`/api/cases/${c.id}/attachments/${a.id}`}>{a.filename}</a>（
                    {fileSize(a.size)}，SHA-256 <Hash value={a.sha256} />）
                  </div>
                ))}
              </Space>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}

/**
 * One accountability case (R6.3) for the supervision office, the discipline
 * secretary and the principal leaders: its source, the persons concerned, the
 * notice, the measure and the decision, the evidence with its hashes and the
 * whole timeline; the steps the server allows now, and only those.
 */
export default function CasePage() {
  const { id = '' } = useParams();
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const { data: c, set, reload } = useGet('/api/cases/:id', { id });
  const people = useGet('/api/people').data ?? [];
  const [step, setStep] = useState<Step | null>(null);
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const [form] = Form.useForm<StepValues>();

  if (!c) return <Spin style={{ display: 'block', marginTop: 64 }} />;

  const run = async (fn: () => Promise<CaseDetailDto>, done: string) => {
    try {
      set(await fn());
      message.success(done);
      setStep(null);
      setFiles([]);
    } catch (e) {
      showError(e);
      if (e instanceof ApiError && e.code === 'CONFLICT') void reload();
    }
  };
  const label = (s: Step) => t(`case.step.${s}` as MessageKey);
  const v = { version: c.version };
  const submit = (s: Step, x: StepValues) => {
    const p = { id: c.id };
    const note = x.note?.trim() ?? '';
    switch (s) {
      case 'preliminary':
        return run(() => api.post('/api/cases/:id/preliminary', p, { ...v, note }), label(s));
      case 'file':
        return run(() => api.post('/api/cases/:id/file', p, { ...v, note, subjectIds: x.subjectIds ?? [] }), label(s));
      case 'investigate':
        return run(() => api.post('/api/cases/:id/investigate', p, { ...v, notice: x.notice ?? '' }), '已通知当事人');
      case 'evidence':
        return run(
          () =>
            api.post('/api/cases/:id/evidence', p, { ...v, text: x.text ?? '', attachmentIds: files.map((f) => f.id) }),
          '已追加证据',
        );
      case 'propose':
        return run(
          () => api.post('/api/cases/:id/propose', p, { ...v, measure: x.measure ?? '', reason: x.reason ?? '' }),
          label(s),
        );
      case 'decide':
        return run(
          () =>
            api.post('/api/cases/:id/decide', p, {
              ...v,
              measure: x.measure ?? '',
              decidedBy: x.decidedBy ?? '',
              decidedOn: x.decidedOn?.format('YYYY-MM-DD') ?? '',
              meetingReference: x.meetingReference?.trim() ?? '',
              text: x.text ?? '',
            }),
          label(s),
        );
      case 'archive':
        return run(() => api.post('/api/cases/:id/archive', p, { ...v, note }), label(s));
      case 'dismiss':
        return Promise.resolve();
    }
  };
  const offered = STEPS.filter((s) => c.abilities[s]);
  const initial: StepValues =
    step === 'file'
      ? { subjectIds: c.subjects.map((p) => p.id) }
      : step === 'decide'
        ? { measure: c.proposal?.measure, decidedOn: dayjs().tz(TZ) }
        : {};

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageCard
        title={
          <Space wrap>
            <span>{c.title}</span>
            <StatusTag kind="case" status={c.status} data-testid="case-status" />
          </Space>
        }
        extra={
          <span data-testid="case-steps">
            <Space wrap>
              {offered.map((s) => (
                <Button
                  key={s}
                  type={s === 'dismiss' ? 'default' : 'primary'}
                  danger={s === 'dismiss'}
                  onClick={() => setStep(s)}
                >
                  {label(s)}
                </Button>
              ))}
            </Space>
          </span>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label={t('case.kind')}>{CASE_KIND_LABELS[c.kind]}</Descriptions.Item>
          <Descriptions.Item label={t('case.division')}>{c.divisionName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('case.subjects')}>
            {c.subjects.length ? c.subjects.map((p) => p.name).join('、') : '尚未明确'}
          </Descriptions.Item>
          <Descriptions.Item label={t('case.openedBy')}>
            {c.openedBy} · {formatTime(c.openedAt)}
          </Descriptions.Item>
          {c.source.meetingId && (
            <Descriptions.Item label="会议">
              <Link to={`/meetings/${c.source.meetingId}`}>查看会议</Link>
            </Descriptions.Item>
          )}
          {c.source.month && <Descriptions.Item label="月份">{c.source.month}</Descriptions.Item>}
          <Descriptions.Item label={t('case.bundleHash')} span={2}>
            <Hash value={c.bundleHash} />
          </Descriptions.Item>
          {c.dismissReason && (
            <Descriptions.Item label={t('case.dismissReason')} span={2}>
              {c.dismissReason}
            </Descriptions.Item>
          )}
          {c.notice && (
            <Descriptions.Item label={t('case.notice')} span={2}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.notice.text}</Typography.Paragraph>
              <Typography.Text type="secondary">{formatTime(c.notice.at)}</Typography.Text>
            </Descriptions.Item>
          )}
          {c.proposal && (
            <Descriptions.Item label={t('case.proposal')} span={2}>
              <Tag>{c.proposal.measure}</Tag> {c.proposal.reason}
            </Descriptions.Item>
          )}
          {c.decision && (
            <Descriptions.Item label={t('case.decision')} span={2}>
              <Tag color="red">{c.decision.measure}</Tag> {c.decision.decidedBy}，{c.decision.decidedOn}（
              {c.decision.meetingReference}）：{c.decision.text}
            </Descriptions.Item>
          )}
        </Descriptions>
        {c.description && (
          <Typography.Paragraph style={{ marginTop: 16, whiteSpace: 'pre-wrap' }}>{c.description}</Typography.Paragraph>
        )}
      </PageCard>
      <EvidenceCard c={c} />
      <Card title={t('case.timeline')}>
        <Timeline
          items={c.timeline.map((e) => ({
            children: (
              <>
                <Typography.Text strong>{CASE_EVENT_LABELS[e.kind] ?? e.kind}</Typography.Text> · {e.actorName} ·{' '}
                {formatTime(e.at)}
                {e.text && (
                  <div>
                    <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                      {e.text}
                    </Typography.Text>
                  </div>
                )}
              </>
            ),
          }))}
        />
      </Card>
      <ReasonDialog
        open={step === 'dismiss'}
        title={label('dismiss')}
        okText={label('dismiss')}
        danger
        placeholder="请写明不予立案的理由"
        onCancel={() => setStep(null)}
        onSubmit={(reason) =>
          run(() => api.post('/api/cases/:id/dismiss', { id: c.id }, { ...v, reason }), label('dismiss'))
        }
      />
      <FormModal<StepValues>
        open={step !== null && step !== 'dismiss'}
        title={step ? label(step) : ''}
        okText={step ? label(step) : undefined}
        form={form}
        width={600}
        initialValues={initial}
        onCancel={() => {
          setStep(null);
          setFiles([]);
        }}
        onSubmit={(x) => (step ? submit(step, x) : undefined)}
      >
        {(step === 'preliminary' || step === 'file' || step === 'archive') && (
          <Form.Item name="note" label="说明（可不填）">
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
        {step === 'file' && (
          <Form.Item name="subjectIds" label={t('case.subjects')} extra="调查前须明确当事人。">
            <Select
              mode="multiple"
              showSearch
              optionFilterProp="label"
              maxCount={20}
              options={people.map((p) => ({
                value: p.userId,
                label: p.divisionName ? `${p.name}（${p.divisionName}）` : p.name,
              }))}
            />
          </Form.Item>
        )}
        {step === 'investigate' && (
          <Form.Item
            name="notice"
            label={t('case.notice')}
            extra="当事人将收到此通知，并据此提交书面说明或申辩。"
            rules={[{ required: true, whitespace: true, message: '请填写通知内容' }]}
          >
            <Input.TextArea rows={5} maxLength={4000} showCount />
          </Form.Item>
        )}
        {(step === 'evidence' || step === 'decide') && (
          <Form.Item
            name="text"
            label={step === 'decide' ? '决定内容' : '证据内容'}
            rules={[{ required: true, whitespace: true, message: '请填写内容' }]}
          >
            <Input.TextArea rows={4} maxLength={step === 'decide' ? 4000 : 10000} showCount />
          </Form.Item>
        )}
        {step === 'evidence' && <CaseUploads caseId={c.id} value={files} onChange={setFiles} />}
        {(step === 'propose' || step === 'decide') && (
          <Form.Item name="measure" label="处理措施" rules={[{ required: true, message: '请选择处理措施' }]}>
            <Select options={c.measures.map((m) => ({ value: m, label: m }))} />
          </Form.Item>
        )}
        {step === 'propose' && (
          <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, message: '请填写理由' }]}>
            <Input.TextArea rows={4} maxLength={4000} showCount />
          </Form.Item>
        )}
        {step === 'decide' && (
          <>
            <Form.Item
              name="decidedBy"
              label="决定机关或人员"
              rules={[{ required: true, whitespace: true, message: '请填写作出决定的机关或人员' }]}
            >
              <Input maxLength={100} placeholder="如：局党组会议" />
            </Form.Item>
            <Form.Item name="decidedOn" label="决定日期" rules={[{ required: true, message: '请选择决定日期' }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item
              name="meetingReference"
              label="作出决定的会议"
              rules={[{ required: true, whitespace: true, message: '请填写会议名称或文号' }]}
            >
              <Input maxLength={200} placeholder="如：局党组会议2026年第20次" />
            </Form.Item>
          </>
        )}
      </FormModal>
    </Space>
  );
}
