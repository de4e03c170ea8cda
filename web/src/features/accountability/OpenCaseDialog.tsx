import { DatePicker, Form, Input, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { CaseDetailDto, OpenCaseBody } from '../../../../core/contracts/accountability';
import type { DistributionOverviewPageDto } from '../../../../core/contracts/distribution';
import type { TrackingItemDto } from '../../../../core/contracts/tracking';
import { CASE_KINDS, CASE_KIND_LABELS, type CaseKind } from '../../../../core/accountability';
import { api } from '../../api/client';
import { useDivisions, useGet, useResource, useShowError } from '../../api/hooks';
import { FormModal } from '../../layout/FormModal';
import { useT } from '../../i18n';

interface Values {
  kind: CaseKind;
  itemId?: string;
  divisionId?: string;
  month?: Dayjs;
  meetingId?: string;
  findingId?: string;
  title?: string;
  description?: string;
  subjectIds?: string[];
}

/** The body the server takes for the chosen source; the persons concerned default from it when none are picked. */
export function openCaseBodyOf(v: Values): OpenCaseBody {
  const common = {
    description: v.description?.trim() ?? '',
    ...(v.subjectIds && v.subjectIds.length > 0 ? { subjectIds: v.subjectIds } : {}),
  };
  const title = v.title?.trim() ? { title: v.title.trim() } : {};
  switch (v.kind) {
    case 'item':
      return { kind: 'item', itemId: v.itemId ?? '', ...title, ...common };
    case 'monthly_meeting':
      return {
        kind: 'monthly_meeting',
        divisionId: v.divisionId ?? '',
        month: v.month?.format('YYYY-MM') ?? '',
        ...title,
        ...common,
      };
    case 'minutes_late':
      return { kind: 'minutes_late', meetingId: v.meetingId ?? '', ...title, ...common };
    case 'finding':
      return { kind: 'finding', findingId: v.findingId ?? '', ...title, ...common };
    case 'other':
    case 'lead':
      return {
        kind: v.kind,
        title: v.title?.trim() ?? '',
        ...(v.divisionId ? { divisionId: v.divisionId } : {}),
        ...common,
      };
  }
}

/**
 * 登记问责线索 (R6.3): from an overdue or refused tracked item, a missed month
 * (R3.5), minutes distributed late (R5.8), another breach, or a free lead.
 * The server assembles and freezes the evidence; the page only names the source.
 */
export function OpenCaseDialog({
  open,
  itemId,
  onCancel,
  onOpened,
}: {
  open: boolean;
  /** Opened from an item's page (/cases/new?itemId=…). */
  itemId?: string | undefined;
  onCancel: () => void;
  onOpened: (c: CaseDetailDto) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const showError = useShowError();
  const kind = Form.useWatch('kind', form) ?? (itemId ? 'item' : 'lead');
  const divisions = useDivisions();
  const people = useGet(open ? '/api/people' : null).data ?? [];
  const overdue = useResource<{ items: TrackingItemDto[] }>(
    open && kind === 'item' ? '/api/tracking/items?scope=all&light=red&limit=100' : null,
  ).data?.items;
  const preset = useGet(open && itemId ? '/api/tracking/items/:id' : null, { id: itemId ?? '' }).data;
  const items = [...(preset && !overdue?.some((i) => i.id === preset.id) ? [preset] : []), ...(overdue ?? [])];
  const lateMinutes = useResource<DistributionOverviewPageDto>(
    open && kind === 'minutes_late' ? '/api/distribution-deadlines?status=late&limit=100' : null,
  ).data?.items;
  const overdueMinutes = useResource<DistributionOverviewPageDto>(
    open && kind === 'minutes_late' ? '/api/distribution-deadlines?status=overdue&limit=100' : null,
  ).data?.items;
  const meetings = [...(overdueMinutes ?? []), ...(lateMinutes ?? [])];
  const free = kind === 'other' || kind === 'lead';

  const submit = async (v: Values) => {
    try {
      onOpened(await api.post('/api/cases', openCaseBodyOf(v)));
    } catch (e) {
      showError(e);
    }
  };

  return (
    <FormModal<Values>
      open={open}
      title={t('case.open')}
      okText={t('case.open')}
      form={form}
      width={640}
      initialValues={{ kind: itemId ? 'item' : 'lead', ...(itemId ? { itemId } : {}) }}
      onCancel={onCancel}
      onSubmit={submit}
    >
      <Form.Item name="kind" label={t('case.kind')} rules={[{ required: true }]}>
        <Select
          options={CASE_KINDS.filter((k) => k !== 'finding').map((k) => ({ value: k, label: CASE_KIND_LABELS[k] }))}
        />
      </Form.Item>
      {kind === 'item' && (
        <Form.Item
          name="itemId"
          label="督办事项"
          rules={[{ required: true, message: '请选择逾期或被退回的督办事项' }]}
          extra="列出已逾期的督办事项；办结申请被退回或延期未获同意的事项可从督办事项页面登记。"
        >
          <Select
            showSearch
            optionFilterProp="label"
            options={items.map((i) => ({
              value: i.id,
              label: `${i.sourceNumber} ${i.topicTitle}：${i.decisionText}（${i.responsibleName}，${
                i.deadline ?? '未定时限'
              }${i.overdueWorkingDays ? `，逾期 ${i.overdueWorkingDays} 个工作日` : ''}）`,
            }))}
          />
        </Form.Item>
      )}
      {kind === 'monthly_meeting' && (
        <>
          <Form.Item name="divisionId" label={t('case.division')} rules={[{ required: true, message: '请选择处室' }]}>
            <Select options={divisions.map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
          <Form.Item name="month" label="月份" rules={[{ required: true, message: '请选择已结束的月份' }]}>
            <DatePicker picker="month" />
          </Form.Item>
        </>
      )}
      {kind === 'minutes_late' && (
        <Form.Item name="meetingId" label="会议" rules={[{ required: true, message: '请选择纪要逾期分送的会议' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={meetings.map((m) => ({
              value: m.meetingId,
              label: `${m.divisionName} ${m.meetingDay} ${m.meetingTitle}（分送时限 ${m.dueDate}${
                m.issuedAt ? '，逾期印发' : '，尚未印发'
              }）`,
            }))}
          />
        </Form.Item>
      )}
      {free && (
        <Form.Item name="divisionId" label={`${t('case.division')}（可不选）`}>
          <Select allowClear options={divisions.map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
      )}
      <Form.Item
        name="title"
        label={t('case.title')}
        rules={free ? [{ required: true, whitespace: true, message: '请填写案由' }] : []}
      >
        <Input maxLength={200} placeholder={free ? '' : '不填则依据来源自动生成'} />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('case.description')}
        rules={free ? [{ required: true, whitespace: true, message: '请描述违反制度的情形或线索内容' }] : []}
      >
        <Input.TextArea rows={4} maxLength={4000} showCount />
      </Form.Item>
      <Form.Item
        name="subjectIds"
        label={t('case.subjects')}
        extra="不选则依据来源确定：督办事项的责任人（责任处室的主要负责人），或处室主要负责人。"
      >
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
      <Typography.Text type="secondary">
        登记后，系统依据已存储的数据汇集证据（决定事项、纪要、督办全过程、提醒及阅读情况、延期申请及审批等）并以 SHA-256
        固定，此后只能追加，不能替换。
      </Typography.Text>
    </FormModal>
  );
}
