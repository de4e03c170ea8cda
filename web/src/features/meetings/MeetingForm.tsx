import { useEffect } from 'react';
import { Alert, DatePicker, Form, Input, Radio, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import type { EligibleObserverDto, MeetingDto } from '../../../../core/contracts/meetings';
import type { TopicSummaryDto } from '../../../../core/contracts/topics';
import { MEETING_KIND_LABELS, MEETING_KINDS, type MeetingKind } from '../../../../core/meetings';
import { POSITION_LABELS } from '../../../../core/org';
import { useGet } from '../../api/hooks';
import { useCursorList } from '../../api/useCursorList';
import { LoadMore } from '../../layout/LoadMore';
import { dayjs, TZ } from '../../lib/time';
import { FormModal } from '../../layout/FormModal';

export interface MeetingFormValues {
  kind: MeetingKind;
  title?: string;
  startsAt: Dayjs;
  place: string;
  chairId?: string;
  recorderId?: string;
  agenda: string[];
  observerIds: string[];
  /** 补录: a meeting already held on paper (第 3.5 条), entered with a reason. */
  backfill?: boolean;
  backfillReason?: string;
}

const OBSERVER_KIND_LABELS: Record<EligibleObserverDto['kind'], string> = {
  supervising_leader: '分管领导',
  supervision_office: '监察室',
  other_division: '其他处室',
  unit_setting: '局领导',
};

type ObserverKind = EligibleObserverDto['kind'];
type Eligible = Pick<EligibleObserverDto, 'userId' | 'name' | 'divisionName' | 'kind'>;

/**
 * R3.4: everyone eligible, this division's 分管领导 and the 监察室 first and
 * marked, then the rest by division; searchable by name and division.
 */
export function observerOptions(eligible: readonly Eligible[]) {
  const rank = (k: ObserverKind) =>
    ['supervising_leader', 'supervision_office', 'unit_setting', 'other_division'].indexOf(k);
  return [...eligible]
    .sort((a, b) => rank(a.kind) - rank(b.kind))
    .map((p) => ({
      value: p.userId,
      label:
        p.kind === 'supervising_leader'
          ? `【分管领导】${p.name}`
          : p.kind === 'supervision_office'
            ? `【监察室】${p.name}`
            : `${p.name}（${p.divisionName ?? OBSERVER_KIND_LABELS[p.kind]}）`,
    }));
}

/**
 * A meeting is called for now or later (the server refuses a past time,
 * MEETING_IN_PAST); only a 补录 lies in the past. Days and, today, the hours
 * and minutes already gone are disabled.
 */
export function timeLimits(backfill: boolean, now: Dayjs) {
  const today = now.startOf('day');
  const range = (n: number, below: number) => Array.from({ length: n }, (_, i) => i).filter((i) => i < below);
  return {
    disabledDate: (d: Dayjs) => (backfill ? d.isAfter(today.endOf('day')) : d.isBefore(today)),
    disabledTime: (d: Dayjs | null) => {
      if (backfill || !d || !d.tz(TZ).isSame(now, 'day')) return {};
      return {
        disabledHours: () => range(24, now.hour()),
        disabledMinutes: (h: number) => (h === now.hour() ? range(60, now.minute()) : []),
      };
    },
  };
}

/** Convene or change a meeting: time, place, chair and recorder, agenda from the pool, observers. */
export function MeetingForm({
  divisionId,
  meeting,
  open,
  onCancel,
  onSubmit,
}: {
  divisionId: string;
  meeting?: MeetingDto;
  open: boolean;
  onCancel: () => void;
  onSubmit: (v: MeetingFormValues) => Promise<void>;
}) {
  const [form] = Form.useForm<MeetingFormValues>();
  // The division's pool (approved topics), a page at a time: the picker offers "load more" below.
  const pool = useCursorList<TopicSummaryDto>(open ? '/api/topics' : null, {
    divisionId,
    pool: 'true',
    limit: 100,
  });
  const members = useGet(open ? '/api/divisions/:id/members' : null, { id: divisionId }).data ?? [];
  // R3.4: the server says who may observe, and why; the picker lists exactly those.
  const eligible = useGet(open ? '/api/divisions/:id/eligible-observers' : null, { id: divisionId }).data ?? [];
  const backfill = Form.useWatch('backfill', form) === true || !!meeting?.backfill;
  const { disabledDate, disabledTime } = timeLimits(backfill, dayjs().tz(TZ));
  // The defaults the server applies (R3.2 the head chairs, R5.2 the designated recorder), shown before saving.
  const head = members.find((m) => m.position === 'head');
  const recorder = members.find((m) => m.isRecorder);
  useEffect(() => {
    if (!open || meeting) return;
    if (head && !form.getFieldValue('chairId')) form.setFieldValue('chairId', head.userId);
    if (recorder && !form.getFieldValue('recorderId')) form.setFieldValue('recorderId', recorder.userId);
  }, [open, meeting, head, recorder, form]);

  useEffect(() => {
    if (!open) return;
    form.setFieldsValue(
      meeting
        ? {
            kind: meeting.kind,
            title: meeting.title,
            startsAt: dayjs(meeting.startsAt).tz(TZ),
            place: meeting.place,
            chairId: meeting.chairId,
            recorderId: meeting.recorderId,
            agenda: meeting.agenda.map((a) => a.topicId),
            observerIds: meeting.participants.filter((p) => p.role === 'observer').map((p) => p.userId),
          }
        : { kind: 'regular', agenda: [], observerIds: [], backfill: false },
    );
  }, [open, meeting, form]);

  const agendaOptions = [
    ...(meeting?.agenda.map((a) => ({ value: a.topicId, label: a.title })) ?? []),
    ...pool.items
      .filter((t) => !meeting?.agenda.some((a) => a.topicId === t.id))
      .map((t) => ({ value: t.id, label: t.title })),
  ];
  return (
    <FormModal
      open={open}
      title={meeting ? '修改会议' : '召集处务会'}
      form={form}
      onCancel={onCancel}
      onSubmit={onSubmit}
      width={720}
    >
      {!meeting && (
        <Form.Item name="kind" label="会议类型">
          <Radio.Group options={MEETING_KINDS.map((k) => ({ value: k, label: MEETING_KIND_LABELS[k] }))} />
        </Form.Item>
      )}
      {!meeting && (
        <Form.Item name="backfill" label="补录（会议已在线下召开，会后登记）" valuePropName="checked">
          <Switch checkedChildren="补录" unCheckedChildren="否" />
        </Form.Item>
      )}
      {!meeting && backfill && (
        <>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message="补录的会议将标注“补录”，原因和补录人留痕可查"
            description="保存后请在会议页面上传纸质会议记录（扫描件、照片或 Word 文件），上传后才能开始录入会议记录。会议时间请填写实际召开的时间。"
          />
          <Form.Item
            name="backfillReason"
            label="补录原因"
            rules={[{ required: true, whitespace: true, message: '请填写补录原因' }, { max: 500 }]}
          >
            <Input.TextArea rows={2} maxLength={500} showCount placeholder="例如：因系统维护，会议在线下召开" />
          </Form.Item>
        </>
      )}
      <Form.Item name="title" label="会议名称（可不填，自动生成）" rules={[{ max: 100 }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="startsAt" label="时间" rules={[{ required: true, message: '请选择日期和时间' }]}>
        <DatePicker
          showTime={{ format: 'HH:mm', minuteStep: 5 }}
          format="YYYY-MM-DD HH:mm"
          placeholder="请选择日期和时间"
          disabledDate={disabledDate}
          disabledTime={disabledTime}
        />
      </Form.Item>
      <Form.Item name="place" label="地点" rules={[{ required: true, whitespace: true, max: 100 }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="chairId" label="主持人（默认处室主要负责人，第 3.2 条）">
        <Select
          allowClear
          options={members
            .filter((m) => m.position !== 'staff')
            .map((m) => ({ value: m.userId, label: `${m.name}（${POSITION_LABELS[m.position]}）` }))}
        />
      </Form.Item>
      <Form.Item name="recorderId" label="记录人（默认处室指定记录人，第 5.2 条）">
        <Select
          allowClear
          options={members.map((m) => ({
            value: m.userId,
            label: `${m.name}${m.isRecorder ? '（指定记录人）' : ''}`,
          }))}
        />
      </Form.Item>
      <Form.Item
        name="agenda"
        label="议程（按选择顺序；只能选择议题库中已通过审核的议题）"
        rules={[{ required: true, type: 'array', min: 1, message: '议程中至少要有一个议题' }]}
      >
        <Select
          mode="multiple"
          options={agendaOptions}
          popupRender={(menu) => (
            <>
              {menu}
              <LoadMore list={pool} />
            </>
          )}
        />
      </Form.Item>
      <Form.Item name="observerIds" label="列席人员（分管领导、监察室或其他处室人员，第 3.4 条）">
        <Select
          mode="multiple"
          optionFilterProp="label"
          placeholder={`可搜索姓名或处室（共 ${eligible.length} 人可列席）`}
          listHeight={320}
          options={observerOptions(eligible)}
        />
      </Form.Item>
    </FormModal>
  );
}

export function toMeetingBody(v: MeetingFormValues) {
  return {
    ...(v.title ? { title: v.title } : {}),
    startsAt: dayjs.tz(v.startsAt.format('YYYY-MM-DD HH:mm'), TZ).format(),
    place: v.place,
    ...(v.chairId ? { chairId: v.chairId } : {}),
    ...(v.recorderId ? { recorderId: v.recorderId } : {}),
    agenda: v.agenda,
    observerIds: v.observerIds,
    ...(v.backfill && v.backfillReason ? { backfill: { reason: v.backfillReason.trim() } } : {}),
  };
}
