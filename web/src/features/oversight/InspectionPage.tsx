import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  List,
  Modal,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { EvidenceLink, FindingDto, InspectionDetailDto, SampleDto } from '../../../../core/contracts/inspections';
import { CHECKLIST_RESULT_LABELS, CHECKLIST_RESULTS, type ChecklistResult } from '../../../../core/inspections';
import { api } from '../../api/client';
import { useGet, useShowError } from '../../api/hooks';
import { FormModal } from '../../layout/FormModal';
import { PageCard } from '../../layout/PageCard';
import { ResponsiveTable } from '../../layout/ResponsiveTable';
import { formatTime } from '../../lib/time';
import { INSPECTION_STATE_COLORS } from './InspectionsPage';
import { FINDING_STATE_COLORS } from './FindingPage';
import { EvidenceLinksEditor, EvidenceList, MAX_EVIDENCE_LINKS } from './EvidenceLinks';

type Item = InspectionDetailDto['items'][number];

/** One checklist item of one sampled minutes: pass / fail / not applicable, a comment, saved on its own. */
function ResultRow({
  inspection,
  sample,
  item,
  onSaved,
}: {
  inspection: InspectionDetailDto;
  sample: SampleDto;
  item: Item;
  onSaved: (d: InspectionDetailDto) => void;
}) {
  const showError = useShowError();
  const recorded = sample.results.find((r) => r.itemId === item.id);
  // The sampled minutes is always the result's first evidence; the inspector adds others.
  const sampleLink = { label: sample.number, href: `/minutes/${sample.minutesId}` };
  const recordedLinks = (recorded?.evidence ?? []).filter((l) => l.href !== sampleLink.href);
  const [result, setResult] = useState<ChecklistResult | undefined>(recorded?.result);
  const [comment, setComment] = useState(recorded?.comment ?? '');
  const [links, setLinks] = useState<EvidenceLink[]>(recordedLinks);
  const [saving, setSaving] = useState(false);
  const editable = inspection.abilities.record;
  const dirty =
    result !== recorded?.result ||
    (comment || '') !== (recorded?.comment ?? '') ||
    JSON.stringify(links) !== JSON.stringify(recordedLinks);
  const save = async () => {
    if (!result) return;
    setSaving(true);
    try {
      onSaved(
        await api.put(
          '/api/inspections/:id/results',
          { id: inspection.id },
          {
            sampleId: sample.id,
            itemId: item.id,
            result,
            ...(comment.trim() ? { comment: comment.trim() } : {}),
            evidence: [sampleLink, ...links],
            version: recorded?.version ?? 0,
          },
        ),
      );
    } catch (e) {
      showError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <List.Item>
      <Space orientation="vertical" style={{ width: '100%' }} size={4}>
        <Typography.Text>
          <Tag>{item.clause}</Tag>
          {item.text}
        </Typography.Text>
        {editable ? (
          <Space wrap>
            <Radio.Group
              aria-label={`${sample.number} ${item.text}`}
              value={result}
              onChange={(e) => setResult(e.target.value as ChecklistResult)}
              options={CHECKLIST_RESULTS.map((r) => ({ value: r, label: CHECKLIST_RESULT_LABELS[r] }))}
            />
            <Input
              aria-label="情况说明"
              placeholder={result === 'fail' ? '请写明不符合的情况（必填）' : '情况说明（可选）'}
              value={comment}
              maxLength={500}
              onChange={(e) => setComment(e.target.value)}
              style={{ minWidth: 240 }}
            />
            <Button
              size="small"
              type={dirty ? 'primary' : 'default'}
              disabled={!result || !dirty}
              loading={saving}
              onClick={() => void save()}
            >
              保存
            </Button>
          </Space>
        ) : null}
        {editable && <EvidenceLinksEditor fixed={[sampleLink]} value={links} onChange={setLinks} />}
        {recorded && (
          <Typography.Text type="secondary">
            <Tag color={recorded.result === 'fail' ? 'error' : recorded.result === 'pass' ? 'success' : 'default'}>
              {recorded.resultLabel}
            </Tag>
            {recorded.comment ? `${recorded.comment} · ` : ''}
            {recorded.recordedByName} {formatTime(recorded.recordedAt)}
          </Typography.Text>
        )}
        {recorded && !editable && <EvidenceList links={recorded.evidence} />}
      </Space>
    </List.Item>
  );
}

interface FindingValues {
  divisionId: string;
  sampleId?: string;
  clause: string;
  description: string;
  evidence?: EvidenceLink[];
}

/** A finding's evidence: the sampled minutes it concerns (if any), then the links added, each once. */
function findingEvidence(d: InspectionDetailDto, v: FindingValues): EvidenceLink[] {
  const sm = v.sampleId ? d.samples.find((x) => x.id === v.sampleId) : undefined;
  const all = [...(sm ? [{ label: sm.number, href: `/minutes/${sm.minutesId}` }] : []), ...(v.evidence ?? [])];
  return all.filter((l, i) => all.findIndex((x) => x.href === l.href) === i).slice(0, MAX_EVIDENCE_LINKS);
}

/**
 * One inspection (R6.4): its plan (scope, checks, the sample with its seed), the checklist
 * worked through per sampled minutes, the findings and their rectification, and the 通报.
 * Every button is one the server's abilities allow.
 */
export default function InspectionPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const showError = useShowError();
  const { data: loaded, loading, reload } = useGet('/api/inspections/:id', { id });
  const [override, setOverride] = useState<InspectionDetailDto | null>(null);
  const d = override && loaded && override.version >= loaded.version ? override : loaded;
  const [redrawing, setRedrawing] = useState(false);
  const [seed, setSeed] = useState('');
  const [addingFinding, setAddingFinding] = useState(false);
  const [concluding, setConcluding] = useState(false);
  const [findingForm] = Form.useForm<FindingValues>();
  const [concludeForm] = Form.useForm<{ summary: string }>();
  const [editingList, setEditingList] = useState(false);
  const [listForm] = Form.useForm<{ items: Array<{ clause: string; text: string }> }>();

  if (!d) return <PageCard title="专项检查" loading={loading} />;

  const run = async (fn: () => Promise<InspectionDetailDto>, done: string) => {
    try {
      setOverride(await fn());
      message.success(done);
      await reload();
    } catch (e) {
      showError(e);
    }
  };
  const base = `/api/inspections/${encodeURIComponent(d.id)}/report`;

  return (
    <PageCard
      title={d.title}
      extra={
        <Space wrap>
          {d.abilities.start && (
            <Button
              type="primary"
              onClick={() =>
                void run(
                  () => api.post('/api/inspections/:id/start', { id: d.id }, { version: d.version }),
                  '检查已开始',
                )
              }
            >
              开始检查
            </Button>
          )}
          {d.abilities.conclude && (
            <Button type="primary" onClick={() => setConcluding(true)}>
              形成通报
            </Button>
          )}
          {d.abilities.report && (
            <>
              <Button href={`${base}/docx`}>下载通报（Word）</Button>
              <Button href={`${base}/pdf`}>下载通报（PDF）</Button>
            </>
          )}
          <Button href={`${base}/xlsx`}>问题台账（Excel）</Button>
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label="状态">
          <Tag color={INSPECTION_STATE_COLORS[d.state]}>{d.stateLabel}</Tag>
          {d.reportNumber && <Typography.Text strong>{d.reportNumber}</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label="检查期间">
          {d.from} 至 {d.to}
        </Descriptions.Item>
        <Descriptions.Item label="被检查处室">{d.divisionNames.join('、')}</Descriptions.Item>
        <Descriptions.Item label="检查项目">
          {d.checks.map((c) => `${c.name}（${c.clause}）`).join('；')}
        </Descriptions.Item>
        <Descriptions.Item label="抽样">
          每个处室 {d.sampleSize} 份，种子{' '}
          <Typography.Text code copyable>
            {d.seed}
          </Typography.Text>
          {d.state === 'planning' &&
            d.divisions.some((dv) => dv.candidates >= 0) &&
            `（可抽取：${d.divisions.map((dv) => `${dv.name} ${dv.candidates} 份`).join('，')}）`}
        </Descriptions.Item>
        <Descriptions.Item label="检查进度">
          已填写 {d.progress.recorded} / {d.progress.total} 项
        </Descriptions.Item>
        <Descriptions.Item label="制定">
          {d.createdByName} {formatTime(d.createdAt)}
        </Descriptions.Item>
        {d.summary && <Descriptions.Item label="检查结论">{d.summary}</Descriptions.Item>}
      </Descriptions>

      {d.abilities.plan && (
        <Alert
          type="info"
          style={{ marginBottom: 16 }}
          title="方案制定中：可重新抽取样本；开始检查后，范围、检查清单和样本不再变动。"
          action={
            <Space wrap>
              <Button size="small" onClick={() => setRedrawing(true)}>
                重新抽样
              </Button>
              <Button
                size="small"
                onClick={() => {
                  listForm.setFieldsValue({ items: d.items.map((i) => ({ clause: i.clause, text: i.text })) });
                  setEditingList(true);
                }}
              >
                修改检查清单
              </Button>
            </Space>
          }
        />
      )}

      <Typography.Title level={5}>检查清单</Typography.Title>
      <List
        size="small"
        bordered
        style={{ marginBottom: 16 }}
        dataSource={d.items}
        renderItem={(it) => (
          <List.Item>
            {it.seq}. <Tag>{it.clause}</Tag>
            {it.text}
          </List.Item>
        )}
      />

      <Typography.Title level={5}>抽查样本（{d.samples.length} 份）</Typography.Title>
      {d.samples.length === 0 && <Alert type="warning" title="检查期间内所选处室没有已签发的纪要" />}
      {d.samples.map((sm) => (
        <Card
          key={sm.id}
          size="small"
          style={{ marginBottom: 12 }}
          title={
            <Space wrap>
              {sm.divisionName}
              <Link to={`/minutes/${sm.minutesId}`}>{sm.number}</Link>
              <Typography.Text type="secondary">{sm.day} 会议</Typography.Text>
            </Space>
          }
        >
          {d.state === 'planning' ? (
            <Typography.Text type="secondary">开始检查后逐项填写检查结果。</Typography.Text>
          ) : (
            <List
              size="small"
              dataSource={d.items}
              renderItem={(it) => (
                <ResultRow
                  key={`${sm.id}:${it.id}:${sm.results.find((r) => r.itemId === it.id)?.version ?? 0}`}
                  inspection={d}
                  sample={sm}
                  item={it}
                  onSaved={(n) => setOverride(n)}
                />
              )}
            />
          )}
        </Card>
      ))}

      <Space style={{ margin: '16px 0 8px' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          发现的问题（{d.findingsList.length} 个）
        </Typography.Title>
        {d.abilities.addFinding && (
          <Button size="small" onClick={() => setAddingFinding(true)}>
            登记问题
          </Button>
        )}
      </Space>
      <ResponsiveTable<FindingDto>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={d.findingsList}
        locale={{ emptyText: '尚未登记问题' }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 60 },
          { title: '处室', dataIndex: 'divisionName' },
          { title: '条款', dataIndex: 'clause' },
          {
            title: '问题',
            dataIndex: 'description',
            render: (v: string, f) => (
              <Space orientation="vertical" size={0}>
                <Link to={`/rectifications/${f.id}`}>{v}</Link>
                <EvidenceList links={f.evidence} />
              </Space>
            ),
          },
          {
            title: '整改',
            dataIndex: 'stateLabel',
            render: (v: string, f) => <Tag color={f.overdue ? 'error' : FINDING_STATE_COLORS[f.state]}>{v}</Tag>,
          },
          { title: '整改期限', dataIndex: 'deadline', render: (v: string | null) => v ?? '—' },
        ]}
      />

      <Modal
        open={redrawing}
        title="重新抽取样本"
        okText="抽取"
        onCancel={() => setRedrawing(false)}
        onOk={() => {
          setRedrawing(false);
          void run(
            () =>
              api.post(
                '/api/inspections/:id/sample',
                { id: d.id },
                { version: d.version, ...(seed.trim() ? { seed: seed.trim() } : {}) },
              ),
            '已重新抽取样本',
          );
        }}
      >
        <Typography.Paragraph>留空则用新的随机种子；填写种子可复现该种子的抽样结果。</Typography.Paragraph>
        <Input
          aria-label="抽样种子"
          value={seed}
          onChange={(e) => setSeed(e.target.value)}
          placeholder="抽样种子（可选）"
        />
      </Modal>

      <FormModal<FindingValues>
        open={addingFinding}
        title="登记发现的问题"
        okText="登记"
        form={findingForm}
        onCancel={() => setAddingFinding(false)}
        onSubmit={async (v) => {
          setAddingFinding(false);
          await run(
            () =>
              api.post(
                '/api/inspections/:id/findings',
                { id: d.id },
                {
                  divisionId: v.divisionId,
                  ...(v.sampleId ? { sampleId: v.sampleId } : {}),
                  clause: v.clause.trim(),
                  description: v.description.trim(),
                  evidence: findingEvidence(d, v),
                },
              ),
            '问题已登记',
          );
          findingForm.resetFields();
        }}
      >
        <Form.Item name="divisionId" label="处室" rules={[{ required: true, message: '请选择处室' }]}>
          <Select aria-label="问题所属处室" options={d.divisions.map((dv) => ({ value: dv.id, label: dv.name }))} />
        </Form.Item>
        <Form.Item name="sampleId" label="所涉样本纪要（可选）">
          <Select
            aria-label="所涉样本纪要"
            allowClear
            options={d.samples.map((sm) => ({ value: sm.id, label: `${sm.divisionName} ${sm.number}` }))}
          />
        </Form.Item>
        <Form.Item
          name="clause"
          label="违反条款"
          rules={[{ required: true, pattern: /^R\d\.\d{1,2}(–R\d\.\d{1,2})?$/, message: '如 R5.4 或 R5.8–R5.10' }]}
        >
          <Input aria-label="违反条款" placeholder="如 R5.4" />
        </Form.Item>
        <Form.Item
          name="description"
          label="问题描述"
          rules={[{ required: true, whitespace: true, max: 2000, message: '请描述发现的问题' }]}
        >
          <Input.TextArea aria-label="问题描述" rows={4} />
        </Form.Item>
        <Form.Item name="evidence" label="证据链接（可选；所涉样本纪要自动列入）">
          <EvidenceLinksEditor />
        </Form.Item>
      </FormModal>

      <FormModal<{ items: Array<{ clause: string; text: string }> }>
        open={editingList}
        title="修改检查清单"
        okText="保存"
        width={720}
        form={listForm}
        onCancel={() => setEditingList(false)}
        onSubmit={async (v) => {
          setEditingList(false);
          await run(
            () =>
              api.put(
                '/api/inspections/:id/checklist',
                { id: d.id },
                { version: d.version, items: v.items.map((i) => ({ clause: i.clause.trim(), text: i.text.trim() })) },
              ),
            '检查清单已保存',
          );
        }}
      >
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((field, i) => (
                <Space key={field.key} align="start" wrap>
                  <Form.Item
                    name={[field.name, 'clause']}
                    rules={[{ required: true, pattern: /^R\d\.\d{1,2}(–R\d\.\d{1,2})?$/, message: '如 R5.4' }]}
                    style={{ marginBottom: 0, width: 120 }}
                  >
                    <Input aria-label={`第 ${i + 1} 项条款`} placeholder="条款" />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'text']}
                    rules={[{ required: true, whitespace: true, max: 200, message: '请填写检查内容' }]}
                    style={{ marginBottom: 0, minWidth: 280 }}
                  >
                    <Input aria-label={`第 ${i + 1} 项内容`} placeholder="检查内容" />
                  </Form.Item>
                  <Button onClick={() => remove(field.name)} disabled={fields.length <= 1}>
                    删除
                  </Button>
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ clause: '', text: '' })} block>
                增加检查项目
              </Button>
            </Space>
          )}
        </Form.List>
      </FormModal>

      <FormModal<{ summary: string }>
        open={concluding}
        title="形成检查通报"
        okText="定稿并编号"
        form={concludeForm}
        onCancel={() => setConcluding(false)}
        onSubmit={async (v) => {
          setConcluding(false);
          await run(
            () =>
              api.post(
                '/api/inspections/:id/conclude',
                { id: d.id },
                { version: d.version, summary: v.summary.trim() },
              ),
            '通报已形成',
          );
        }}
      >
        <Typography.Paragraph type="secondary">
          通报按监察室年度顺序编号（监察通〔年份〕N号），定稿后不再修改；发现的问题继续整改。
        </Typography.Paragraph>
        <Form.Item
          name="summary"
          label="检查结论和下一步工作要求"
          rules={[{ required: true, whitespace: true, max: 4000, message: '请填写检查结论' }]}
        >
          <Input.TextArea aria-label="检查结论" rows={6} />
        </Form.Item>
      </FormModal>
    </PageCard>
  );
}
