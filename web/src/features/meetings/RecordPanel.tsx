import { useHashScroll } from '../../lib/useHashScroll';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Collapse,
  DatePicker,
  Input,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { RecordEntryDto } from '../../../../core/contracts/record';
import {
  decisionInput,
  OUTCOMES,
  OUTCOME_LABELS,
  STANCES,
  STANCE_LABELS,
  type Decision,
  type Opinion,
} from '../../../../core/record';
import { api, ApiError } from '../../api/client';
import { useDivisions, useGet, useShowError } from '../../api/hooks';
import { dayjs } from '../../lib/time';
import { mergeEntries, type EntryDraft } from './record-merge';

type Speaker = { id: string; name: string };
/** The unit's org a decision's party is picked from (R6.2): its divisions in their order, and its people. */
interface Org {
  divisions: Array<{ id: string; name: string }>;
  people: Array<{ userId: string; name: string; divisionName: string | null }>;
}

/** 会议记录: the recorder's notes per topic (R5.2–R5.4, R6.1), autosaved with versions. */
export function RecordPanel({
  meetingId,
  speakers,
  present,
}: {
  meetingId: string;
  /** Who may speak (R6.1): participants marked present, and observers. */
  speakers: Speaker[];
  /** Participants present: each states a stance on every recorded topic, or 未发表意见. */
  present: Speaker[];
}) {
  const { data: rec } = useGet('/api/meetings/:id/record', { id: meetingId });
  const divisions = useDivisions();
  const people = useGet(rec && (rec.canEdit || rec.canAmend) ? '/api/people' : null).data;
  const org: Org = { divisions, people: people ?? [] };
  // R1.3: a search hit opens the record at its topic, opinion or decision.
  useHashScroll(!!rec);
  if (!rec) return null;
  return (
    <Card title={`会议记录${rec.locked ? '（已锁定）' : ''}`}>
      <Collapse
        defaultActiveKey={rec.entries.map((e) => e.topicId)}
        items={rec.entries.map((e, i) => ({
          key: e.topicId,
          label: (
            <Space wrap>
              {`${i + 1}. ${e.topicTitle}`}
              {e.status && <Tag>{{ recorded: '已记录', deferred: '暂缓', not_discussed: '未研究' }[e.status]}</Tag>}
              {e.updatedBy && (
                <Typography.Text type="secondary">{`第 ${e.version} 版 · ${e.updatedBy}`}</Typography.Text>
              )}
            </Space>
          ),
          id: `record-${e.topicId}`,
          children: rec.canEdit ? (
            <EntryEditor meetingId={meetingId} entry={e} speakers={speakers} present={present} org={org} />
          ) : rec.canAmend && e.status === 'recorded' ? (
            <AmendableView meetingId={meetingId} entry={e} speakers={speakers} present={present} org={org} />
          ) : (
            <EntryView entry={e} />
          ),
        }))}
      />
    </Card>
  );
}

function EntryView({ entry }: { entry: RecordEntryDto }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
        {entry.discussion || '（无讨论记录）'}
      </Typography.Paragraph>
      {entry.opinions.map((o, i) => (
        <div key={i} id={`opinion-${entry.topicId}-${i}`}>
          <Tag color={o.stance === 'against' ? 'red' : undefined}>{STANCE_LABELS[o.stance]}</Tag>
          {o.reservation && <Tag color="orange">保留意见</Tag>}
          <b>{o.speakerName}</b>
          {o.text && `：${o.text}`}
        </div>
      ))}
      {entry.decisions.map((d, i) => (
        <div key={i} id={`decision-${entry.topicId}-${i}`}>
          <Tag color="blue">议定事项</Tag>
          {d.text}（{OUTCOME_LABELS[d.outcome]}）
          {d.responsible && ` ${d.responsibleDivisionId ? '责任处室' : '责任人'}：${d.responsible}`}
          {d.coResponsible?.length ? ` 协办人：${d.coResponsible.map((p) => p.name).join('、')}` : ''}
          {d.deadline && ` 时限：${d.deadline}`}
        </div>
      ))}
    </Space>
  );
}

/** After close: the record is locked; the recorder may amend it, giving a reason (audited). */
function AmendableView({
  meetingId,
  entry,
  speakers,
  present,
  org,
}: {
  meetingId: string;
  entry: RecordEntryDto;
  speakers: Speaker[];
  present: Speaker[];
  org: Org;
}) {
  const [amending, setAmending] = useState(false);
  if (amending)
    return <EntryEditor meetingId={meetingId} entry={entry} speakers={speakers} present={present} org={org} amend />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <EntryView entry={entry} />
      <Button onClick={() => setAmending(true)}>更正记录</Button>
    </Space>
  );
}

function EntryEditor({
  meetingId,
  entry,
  speakers,
  present,
  org,
  amend = false,
}: {
  meetingId: string;
  entry: RecordEntryDto;
  speakers: Speaker[];
  present: Speaker[];
  org: Org;
  amend?: boolean;
}) {
  const [reason, setReason] = useState('');
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const [draft, setDraft] = useState<EntryDraft>({
    status: entry.status ?? 'recorded',
    discussion: entry.discussion,
    opinions: entry.opinions,
    decisions: entry.decisions,
  });
  const [version, setVersionState] = useState(entry.version);
  // The version the next save edits: read when the save runs, not when it was scheduled, so an
  // autosave queued during another save never conflicts with the recorder's own previous save.
  const versionRef = useRef(entry.version);
  const setVersion = (v: number) => {
    versionRef.current = v;
    setVersionState(v);
  };
  const inFlight = useRef<Promise<void>>(Promise.resolve());
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const timer = useRef<number>(0);

  const save = useCallback(
    async (d: EntryDraft, _v: number, auto = false) => {
      // One save at a time: the next waits for the last and edits the version it left.
      const previous = inFlight.current;
      let done = () => {};
      inFlight.current = new Promise<void>((r) => (done = r));
      await previous;
      const v = versionRef.current;
      // Autosave waits until every line names its speaker and has words.
      const incomplete =
        d.opinions.some((o) => !o.speakerId || (o.stance !== 'no_opinion' && !o.text.trim())) ||
        d.decisions.some((x) => !x.text.trim());
      if (auto && (incomplete || amend)) {
        done();
        return;
      }
      setSaving(true);
      try {
        const saved = await api.put(
          '/api/meetings/:id/record/:topicId',
          { id: meetingId, topicId: entry.topicId },
          {
            version: v,
            status: d.status ?? 'recorded',
            discussion: d.discussion,
            opinions: d.opinions.map(({ speakerId, stance, text, reservation }) => ({
              speakerId,
              stance,
              text,
              ...(reservation ? { reservation: true } : {}),
            })),
            decisions: d.decisions.map(decisionInput),
            ...(amend ? { amendmentReason: reason } : {}),
          },
        );
        setVersion(saved.version);
        setDirty(false);
      } catch (e) {
        if (e instanceof ApiError && e.code === 'CONFLICT') {
          const server = (e.details as { current?: RecordEntryDto } | undefined)?.current;
          if (server) {
            const merged = mergeEntries(server, d);
            modal.confirm({
              title: '记录已被他人修改',
              content: '服务器上的记录比您编辑的版本新。合并后将同时保留双方的讨论、意见和议定事项，请核对后保存。',
              okText: '合并',
              cancelText: '放弃我的修改',
              onOk: () => {
                setDraft(merged);
                setVersion(server.version);
                void save(merged, server.version);
              },
              onCancel: () => {
                setDraft({
                  status: server.status ?? 'recorded',
                  discussion: server.discussion,
                  opinions: server.opinions,
                  decisions: server.decisions,
                });
                setVersion(server.version);
                setDirty(false);
              },
            });
          }
        } else showError(e);
      } finally {
        setSaving(false);
        done();
      }
    },
    [meetingId, entry.topicId, modal, showError, amend, reason],
  );

  const change = (patch: Partial<EntryDraft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    setDirty(true);
    window.clearTimeout(timer.current);
    // Autosave a moment after the recorder stops typing.
    timer.current = window.setTimeout(() => void save(next, version, true), 2000);
  };
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const setOpinion = (i: number, p: Partial<Opinion>) =>
    change({ opinions: draft.opinions.map((o, j) => (j === i ? { ...o, ...p } : o)) });
  // R6.1: who present has not yet stated a stance on this topic.
  const silent = present.filter((p) => !draft.opinions.some((o) => o.speakerId === p.id));
  // R6.2: the responsible person is picked from the people of the meeting.
  const people = [...speakers, ...present].filter((p, i, all) => all.findIndex((x) => x.id === p.id) === i);
  const setDecision = (i: number, p: Partial<Decision>) =>
    change({ decisions: draft.decisions.map((d, j) => (j === i ? { ...d, ...p } : d)) });
  // The party is a person (of the meeting) or a division of the unit: one picker, `u:` or `d:` before the id.
  const partyValue = (d: Decision) =>
    d.responsibleUserId
      ? `u:${d.responsibleUserId}`
      : d.responsibleDivisionId
        ? `d:${d.responsibleDivisionId}`
        : undefined;
  const partyOptions = (d: Decision) => {
    const persons = people.map((p) => ({ value: `u:${p.id}`, label: p.name }));
    // A party saved earlier but not among today's choices still shows its name.
    if (d.responsibleUserId && !people.some((p) => p.id === d.responsibleUserId))
      persons.push({ value: `u:${d.responsibleUserId}`, label: d.responsible });
    const units = org.divisions.map((x) => ({ value: `d:${x.id}`, label: x.name }));
    if (d.responsibleDivisionId && !org.divisions.some((x) => x.id === d.responsibleDivisionId))
      units.push({ value: `d:${d.responsibleDivisionId}`, label: d.responsible });
    return [
      { label: '责任人', title: '责任人', options: persons },
      { label: '责任处室', title: '责任处室', options: units },
    ];
  };
  const partyOf = (d: Decision, v: string | undefined): Partial<Decision> => {
    const id = v?.slice(2) ?? null;
    if (v?.startsWith('u:'))
      return {
        responsibleUserId: id,
        responsibleDivisionId: null,
        responsible: people.find((p) => p.id === id)?.name ?? '',
        // One cannot help with what one is responsible for.
        coResponsible: (d.coResponsible ?? []).filter((p) => p.id !== id),
      };
    if (v?.startsWith('d:'))
      return {
        responsibleUserId: null,
        responsibleDivisionId: id,
        responsible: org.divisions.find((x) => x.id === id)?.name ?? '',
      };
    return { responsibleUserId: null, responsibleDivisionId: null, responsible: '' };
  };
  const coOptions = (d: Decision) => {
    const all = org.people
      .filter((p) => p.userId !== d.responsibleUserId)
      .map((p) => ({ value: p.userId, label: p.divisionName ? `${p.name}（${p.divisionName}）` : p.name }));
    for (const p of d.coResponsible ?? [])
      if (!all.some((o) => o.value === p.id)) all.push({ value: p.id, label: p.name });
    return all;
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Radio.Group
        value={draft.status}
        onChange={(e) => change({ status: e.target.value as EntryDraft['status'] })}
        options={[
          { value: 'recorded', label: '已研究（记录）' },
          { value: 'deferred', label: '暂缓' },
          { value: 'not_discussed', label: '未研究' },
        ]}
      />
      <Input.TextArea
        rows={3}
        placeholder="讨论情况（摘要）"
        value={draft.discussion}
        onChange={(e) => change({ discussion: e.target.value })}
        maxLength={20000}
      />
      <Typography.Text strong>发言与意见（不同意见须如实、完整记录，第 5.4 条）</Typography.Text>
      {draft.opinions.map((o, i) => (
        <Space key={i} wrap align="start" style={{ width: '100%' }}>
          <Select
            style={{ width: 110 }}
            placeholder="发言人"
            value={o.speakerId || undefined}
            options={speakers.map((s) => ({ value: s.id, label: s.name }))}
            onChange={(v: string) =>
              setOpinion(i, { speakerId: v, speakerName: speakers.find((s) => s.id === v)?.name ?? '' })
            }
          />
          <Select
            style={{ width: 90 }}
            value={o.stance}
            options={STANCES.map((s) => ({ value: s, label: STANCE_LABELS[s] }))}
            onChange={(v) => setOpinion(i, { stance: v })}
          />
          {o.stance !== 'no_opinion' && (
            <Input.TextArea
              autoSize
              style={{ width: 420, maxWidth: '70vw' }}
              placeholder={o.stance === 'abstain' ? '弃权理由（原话）' : '发言内容（原话）'}
              value={o.text}
              maxLength={5000}
              onChange={(e) => setOpinion(i, { text: e.target.value })}
            />
          )}
          {(o.stance === 'for' || o.stance === 'opinion') && (
            <Checkbox checked={!!o.reservation} onChange={(e) => setOpinion(i, { reservation: e.target.checked })}>
              保留意见
            </Checkbox>
          )}
          <Button
            type="text"
            aria-label="删除意见"
            icon={<DeleteOutlined />}
            onClick={() => change({ opinions: draft.opinions.filter((_, j) => j !== i) })}
          />
        </Space>
      ))}
      <Space wrap>
        <Button
          icon={<PlusOutlined />}
          onClick={() =>
            change({ opinions: [...draft.opinions, { speakerId: '', speakerName: '', stance: 'opinion', text: '' }] })
          }
        >
          添加发言
        </Button>
        {draft.status === 'recorded' && silent.length > 0 && (
          <Button
            onClick={() =>
              change({
                opinions: [
                  ...draft.opinions,
                  ...silent.map((p) => ({
                    speakerId: p.id,
                    speakerName: p.name,
                    stance: 'no_opinion' as const,
                    text: '',
                  })),
                ],
              })
            }
          >
            其余出席人员记为“未发表意见”
          </Button>
        )}
      </Space>
      {draft.status === 'recorded' && silent.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message={`尚未表态：${silent.map((p) => p.name).join('、')}。结束会议前，每位出席人员须有表态或记为“未发表意见”（第 6.1 条）。`}
        />
      )}
      <Typography.Text type="secondary">
        反对、弃权和标为保留意见的发言将原文写入纪要，纪要中不能修改（第 5.4 条）。
      </Typography.Text>
      <Typography.Text strong>议定事项</Typography.Text>
      {draft.decisions.map((d, i) => (
        <Space key={i} wrap align="start">
          <Input.TextArea
            autoSize
            style={{ width: 360, maxWidth: '70vw' }}
            placeholder="议定事项"
            value={d.text}
            maxLength={5000}
            onChange={(e) => setDecision(i, { text: e.target.value })}
          />
          <Select
            style={{ width: 150 }}
            value={d.outcome}
            options={OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }))}
            onChange={(v) => setDecision(i, { outcome: v })}
          />
          <Select
            style={{ width: 160 }}
            placeholder="责任人/处室"
            aria-label="责任人或责任处室"
            allowClear
            showSearch
            optionFilterProp="label"
            value={partyValue(d)}
            options={partyOptions(d)}
            onChange={(v?: string) => setDecision(i, partyOf(d, v))}
          />
          <Select
            style={{ width: 200 }}
            mode="multiple"
            placeholder="协办人"
            aria-label="协办人"
            allowClear
            showSearch
            optionFilterProp="label"
            maxCount={20}
            value={(d.coResponsible ?? []).map((p) => p.id)}
            options={coOptions(d)}
            onChange={(ids: string[]) =>
              setDecision(i, {
                coResponsible: ids.map((id) => ({
                  id,
                  name:
                    org.people.find((p) => p.userId === id)?.name ??
                    d.coResponsible?.find((p) => p.id === id)?.name ??
                    '',
                })),
              })
            }
          />
          <Input
            style={{ width: 140 }}
            placeholder="备注"
            value={d.note ?? ''}
            maxLength={200}
            onChange={(e) => setDecision(i, { note: e.target.value })}
          />
          <DatePicker
            placeholder="完成时限"
            value={d.deadline ? dayjs(d.deadline) : null}
            onChange={(v) => setDecision(i, { deadline: v ? v.format('YYYY-MM-DD') : null })}
          />
          <Button
            type="text"
            aria-label="删除议定事项"
            icon={<DeleteOutlined />}
            onClick={() => change({ decisions: draft.decisions.filter((_, j) => j !== i) })}
          />
        </Space>
      ))}
      {amend && (
        <Input
          placeholder="更正理由（必填，记入审计日志）"
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
        />
      )}
      <Space>
        <Button
          icon={<PlusOutlined />}
          onClick={() =>
            change({
              decisions: [
                ...draft.decisions,
                { text: '', outcome: 'adopted', responsible: '', responsibleUserId: null, deadline: null },
              ],
            })
          }
        >
          添加议定事项
        </Button>
        <Button
          type="primary"
          loading={saving}
          disabled={!dirty || (amend && !reason.trim())}
          onClick={() => {
            window.clearTimeout(timer.current);
            void save(draft, version).then(() => message.success('记录已保存'));
          }}
        >
          保存
        </Button>
        <Typography.Text type="secondary">
          {dirty ? '有未保存的修改（停止输入 2 秒后自动保存）' : `已保存（第 ${version} 版）`}
        </Typography.Text>
      </Space>
    </Space>
  );
}
