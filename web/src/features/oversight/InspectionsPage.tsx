import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App, Button, Checkbox, DatePicker, Form, Input, InputNumber, Select, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { InspectionSummaryDto, InspectionsPageDto } from '../../../../core/contracts/inspections';
import { CHECK_DEFINITIONS, COMPLIANCE_CHECKS, type ComplianceCheck } from '../../../../core/compliance';
import { INSPECTION_LIMITS, type InspectionState } from '../../../../core/inspections';
import { api } from '../../api/client';
import { useDivisions, useShowError } from '../../api/hooks';
import { useCursorList } from '../../api/useCursorList';
import { FormModal } from '../../layout/FormModal';
import { LoadMore } from '../../layout/LoadMore';
import { PageCard } from '../../layout/PageCard';
import { ResponsiveTable } from '../../layout/ResponsiveTable';
import { formatTime } from '../../lib/time';
import { lastFullMonth } from './OversightPage';
import { dayjs } from '../../lib/time';

export const INSPECTION_STATE_COLORS: Record<InspectionState, string> = {
  planning: 'default',
  working: 'processing',
  concluded: 'success',
};

interface PlanValues {
  title: string;
  period: [Dayjs, Dayjs];
  divisionIds: string[];
  checks: ComplianceCheck[];
  sampleSize: number;
  seed?: string;
}

/**
 * 专项检查 (R6.4): the supervision office's inspections, newest first; the office and the
 * general office plan one — scope, checks, sample size and (to reproduce a draw) a seed.
 */
export default function InspectionsPage() {
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const divisions = useDivisions().filter((d) => d.kind !== 'leadership');
  const list = useCursorList<InspectionSummaryDto, InspectionsPageDto>('/api/inspections');
  const [planning, setPlanning] = useState(false);
  const [form] = Form.useForm<PlanValues>();
  const last = dayjs(`${lastFullMonth()}-01`);

  const submit = async (v: PlanValues) => {
    try {
      const d = await api.post('/api/inspections', {
        title: v.title.trim(),
        from: v.period[0].format('YYYY-MM'),
        to: v.period[1].format('YYYY-MM'),
        divisionIds: v.divisionIds,
        checks: v.checks,
        sampleSize: v.sampleSize,
        ...(v.seed?.trim() ? { seed: v.seed.trim() } : {}),
      });
      message.success(`已制定检查方案，抽取样本 ${d.samples.length} 份（种子 ${d.seed}）`);
      setPlanning(false);
      navigate(`/oversight/inspections/${d.id}`);
    } catch (e) {
      showError(e);
    }
  };

  return (
    <PageCard
      title="专项检查（第 6.4 条）"
      extra={
        list.first?.canPlan && (
          <Button type="primary" onClick={() => setPlanning(true)}>
            制定检查方案
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        监察室负责组织实施本制度的监督检查，办公室协助。检查按方案抽取纪要样本，逐项对照检查清单，发现的问题发出整改通知，整改完成后由监察室核验；检查结束形成通报。
      </Typography.Paragraph>
      <ResponsiveTable<InspectionSummaryDto>
        rowKey="id"
        size="small"
        loading={list.loading}
        pagination={false}
        dataSource={list.items}
        locale={{ emptyText: '尚无专项检查' }}
        columns={[
          {
            title: '检查名称',
            dataIndex: 'title',
            render: (v: string, r) => <Link to={`/oversight/inspections/${r.id}`}>{v}</Link>,
          },
          { title: '检查期间', key: 'period', render: (_: unknown, r) => `${r.from} 至 ${r.to}` },
          { title: '被检查处室', key: 'divisions', render: (_: unknown, r) => r.divisionNames.join('、') },
          {
            title: '状态',
            dataIndex: 'stateLabel',
            render: (v: string, r) => <Tag color={INSPECTION_STATE_COLORS[r.state]}>{v}</Tag>,
          },
          {
            title: '发现问题',
            key: 'findings',
            render: (_: unknown, r) =>
              r.findings.total === 0 ? '—' : `${r.findings.total} 个（未整改完成 ${r.findings.open} 个）`,
          },
          { title: '通报文号', dataIndex: 'reportNumber', render: (v: string | null) => v ?? '—' },
          { title: '制定时间', dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
        ]}
      />
      <LoadMore list={list} />
      <FormModal<PlanValues>
        open={planning}
        title="制定检查方案"
        okText="制定并抽取样本"
        form={form}
        width={640}
        onCancel={() => setPlanning(false)}
        onSubmit={submit}
        initialValues={{
          period: [last.subtract(2, 'month'), last],
          checks: [...COMPLIANCE_CHECKS],
          sampleSize: 3,
          divisionIds: [],
        }}
      >
        <Form.Item
          name="title"
          label="检查名称"
          rules={[{ required: true, whitespace: true, max: 100, message: '请填写检查名称' }]}
        >
          <Input placeholder="如：2026年第三季度处务会制度执行情况专项检查" />
        </Form.Item>
        <Form.Item name="period" label="检查期间（月份）" rules={[{ required: true, message: '请选择检查期间' }]}>
          <DatePicker.RangePicker picker="month" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="divisionIds" label="被检查处室" rules={[{ required: true, message: '请选择至少一个处室' }]}>
          <Select
            mode="multiple"
            aria-label="被检查处室"
            options={divisions.map((d) => ({ value: d.id, label: d.name }))}
            placeholder="选择处室"
          />
        </Form.Item>
        <Form.Item name="checks" label="检查项目" rules={[{ required: true, message: '请选择至少一个检查项目' }]}>
          <Checkbox.Group
            options={COMPLIANCE_CHECKS.map((c) => ({
              value: c,
              label: `${CHECK_DEFINITIONS[c].name}（${CHECK_DEFINITIONS[c].clause}）`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="sampleSize"
          label="每个处室抽取纪要份数"
          rules={[{ required: true, message: '请填写抽样份数' }]}
        >
          <InputNumber min={1} max={INSPECTION_LIMITS.maxSamplePerDivision} />
        </Form.Item>
        <Form.Item
          name="seed"
          label="抽样种子（可选）"
          extra="留空则随机生成并记录；填写此前检查记录的种子，可复现同样的抽样。"
          rules={[{ pattern: /^[0-9A-Za-z-]{1,64}$/, message: '只能包含字母、数字和连字符' }]}
        >
          <Input placeholder="如：3f9a0c21b7de" />
        </Form.Item>
      </FormModal>
    </PageCard>
  );
}
