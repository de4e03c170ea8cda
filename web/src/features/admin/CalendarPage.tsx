import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api/client';
import { useGet, useShowError } from '../../api/hooks';
import { formatTime } from '../../lib/time';
import { dayLabel } from '../distribution/labels';
import type {
  CalendarYearDto as YearRow,
  DayInfoDto as DayRow,
  OverrideDto as OverrideRow,
} from '../../../../core/contracts/calendar';

interface ImportError {
  index: number | null;
  message: string;
}

const SOURCE: Record<YearRow['source'], { label: string; color: string }> = {
  shipped: { label: '随系统发布', color: 'blue' },
  imported: { label: '已导入', color: 'green' },
  provisional: { label: '暂定（未公布）', color: 'orange' },
};

const SAMPLE = JSON.stringify(
  {
    year: 2027,
    papers: ['国务院办公厅关于2027年部分节假日安排的通知'],
    days: [
      { name: '元旦', date: '2027-01-01', isOffDay: true },
      { name: '春节', date: '2027-02-06', isOffDay: false },
    ],
  },
  null,
  2,
);

function importErrors(e: unknown): ImportError[] | null {
  if (e instanceof ApiError && e.code === 'CALENDAR_IMPORT_INVALID') {
    return (e.details as { errors?: ImportError[] } | undefined)?.errors ?? [];
  }
  return null;
}

/** The result of an import or override: how many meetings' deadlines moved. */
function recomputedText(n: number): string {
  return n > 0 ? `，${n} 个会议的纪要分送时限已重新计算` : '';
}

/**
 * 工作日历: the State Council's holiday schedules (shipped for 2020–2026), a
 * year's official schedule imported by the general office as JSON or through
 * the form, and single-day overrides. Every change is audited and moves the
 * deadlines that depend on it.
 */
export default function CalendarPage() {
  const { message } = App.useApp();
  const showError = useShowError();
  const years = useGet('/api/calendar/years');
  const regime = useGet('/api/settings/regime').data?.value;
  const overrides = useGet('/api/calendar/overrides');
  const [year, setYear] = useState<number>(new Date().getFullYear() + 1);
  const days = useGet('/api/calendar/days', { year });
  const [json, setJson] = useState('');
  const [errors, setErrors] = useState<ImportError[] | null>(null);
  const [form] = Form.useForm<{ year: number; papers?: string; days: { date: string; name: string; off: string }[] }>();
  const [ovForm] = Form.useForm<{ date: string; off: string; name?: string; note?: string }>();

  const reloadAll = () => Promise.all([years.reload(), overrides.reload(), days.reload()]);

  const submit = async (doc: unknown) => {
    setErrors(null);
    try {
      const r = await api.post('/api/calendar/schedules', doc);
      message.success(`已导入 ${r.year} 年节假日安排（${r.days} 天）${recomputedText(r.recomputed)}`);
      setYear(r.year);
      await reloadAll();
      return true;
    } catch (e) {
      const list = importErrors(e);
      if (list) setErrors(list);
      else showError(e);
      return false;
    }
  };

  const importJson = async () => {
    let doc: unknown;
    try {
      doc = JSON.parse(json);
    } catch (e) {
      setErrors([{ index: null, message: `不是有效的 JSON：${e instanceof Error ? e.message : String(e)}` }]);
      return;
    }
    if (await submit(doc)) setJson('');
  };

  const readFile = (file: File) => {
    void file.text().then(setJson);
    return false;
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="工作日历">
        <Typography.Paragraph type="secondary">
          纪要须在会后 {regime?.distributionWorkingDays ?? '—'} 个工作日内分送（第 5.8–5.10
          条，本单位制度参数）。工作日按国务院公布的节假日和调休安排计算；尚未公布安排的年份按法定节假日暂定，相关时限标注“暂定”，导入正式安排后自动重算。
        </Typography.Paragraph>
        <Table<YearRow>
          rowKey="year"
          size="small"
          loading={years.loading}
          dataSource={years.data ?? []}
          pagination={false}
          scroll={{ x: true }}
          columns={[
            { title: '年份', dataIndex: 'year' },
            {
              title: '来源',
              dataIndex: 'source',
              render: (s: YearRow['source']) => <Tag color={SOURCE[s].color}>{SOURCE[s].label}</Tag>,
            },
            { title: '天数', dataIndex: 'days' },
            {
              title: '导入',
              render: (_, y) => (y.importedAt ? `${y.importedByName ?? ''} ${formatTime(y.importedAt)}` : '—'),
            },
            { title: '依据', render: (_, y) => y.papers.join('；') || '—' },
            {
              title: '操作',
              render: (_, y) => (
                <Space>
                  <Button size="small" onClick={() => setYear(y.year)}>
                    查看
                  </Button>
                  {y.source === 'imported' && (
                    <Popconfirm
                      title={`撤销导入的 ${y.year} 年安排？该年将恢复为随系统发布的安排或暂定。`}
                      onConfirm={async () => {
                        try {
                          const r = await api.del('/api/calendar/schedules/:year', { year: y.year });
                          message.success(`已撤销${recomputedText(r.recomputed)}`);
                          await reloadAll();
                        } catch (e) {
                          showError(e);
                        }
                      }}
                    >
                      <Button size="small" danger>
                        撤销导入
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Card
        title={
          <Space>
            {`${year} 年节假日与调休`}
            {days.data?.provisional && <Tag color="orange">暂定</Tag>}
          </Space>
        }
        extra={<InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />}
      >
        <Table<DayRow>
          rowKey="date"
          size="small"
          loading={days.loading}
          dataSource={days.data?.days ?? []}
          pagination={{ pageSize: 15, hideOnSinglePage: true }}
          columns={[
            { title: '日期', dataIndex: 'date', render: (d: string) => dayLabel(d) },
            { title: '名称', dataIndex: 'name', render: (n: string | null) => n ?? '—' },
            {
              title: '',
              dataIndex: 'workday',
              render: (w: boolean) => (w ? <Tag color="blue">上班</Tag> : <Tag color="red">休息</Tag>),
            },
            {
              title: '依据',
              dataIndex: 'source',
              render: (s: string) =>
                ({ override: '单日调整', schedule: '国务院安排', 'statutory-provisional': '法定节假日（暂定）' })[s] ??
                s,
            },
          ]}
        />
      </Card>

      <Card title="导入年度安排">
        {errors && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="import-errors"
            message="安排有误，未导入任何内容："
            description={
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {errors.map((e, i) => (
                  <li key={i}>{e.message}</li>
                ))}
              </ul>
            }
          />
        )}
        <Tabs
          items={[
            {
              key: 'json',
              label: 'JSON 导入',
              children: (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Typography.Text type="secondary">
                    格式与 holiday-cn 相同：{'{year, papers?, days: [{name, date, isOffDay}]}'}；isOffDay 为 true
                    表示放假，false 表示调休上班。
                  </Typography.Text>
                  <Input.TextArea
                    aria-label="节假日安排 JSON"
                    rows={10}
                    value={json}
                    placeholder={SAMPLE}
                    onChange={(e) => setJson(e.target.value)}
                    style={{ fontFamily: 'monospace' }}
                  />
                  <Space>
                    <label>
                      <input
                        type="file"
                        accept=".json,application/json"
                        style={{ display: 'none' }}
                        onChange={(e) => {
                          const f = e.target.files?.[0];
                          if (f) readFile(f);
                          e.target.value = '';
                        }}
                      />
                      <Button
                        icon={<UploadOutlined />}
                        onClick={(e) => (e.currentTarget.previousSibling as HTMLInputElement).click()}
                      >
                        选择文件
                      </Button>
                    </label>
                    <Button type="primary" disabled={!json.trim()} onClick={() => void importJson()}>
                      导入
                    </Button>
                  </Space>
                </Space>
              ),
            },
            {
              key: 'form',
              label: '逐日填写',
              children: (
                <Form
                  form={form}
                  layout="vertical"
                  initialValues={{ year: new Date().getFullYear() + 1, days: [{ date: '', name: '', off: 'off' }] }}
                  onFinish={async (v) => {
                    const ok = await submit({
                      year: v.year,
                      papers: v.papers ? [v.papers] : [],
                      days: v.days.map((d) => ({
                        date: d.date.trim(),
                        name: d.name.trim(),
                        isOffDay: d.off === 'off',
                      })),
                    });
                    if (ok) form.resetFields();
                  }}
                >
                  <Space wrap>
                    <Form.Item name="year" label="年份" rules={[{ required: true }]}>
                      <InputNumber min={2000} max={2100} />
                    </Form.Item>
                    <Form.Item name="papers" label="依据（通知名称）">
                      <Input style={{ width: 360 }} maxLength={200} />
                    </Form.Item>
                  </Space>
                  <Form.List name="days">
                    {(fields, { add, remove }) => (
                      <>
                        {fields.map((f) => (
                          <Space key={f.key} wrap align="baseline">
                            <Form.Item name={[f.name, 'date']} rules={[{ required: true, message: '请填写日期' }]}>
                              <Input placeholder="YYYY-MM-DD" style={{ width: 140 }} />
                            </Form.Item>
                            <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写名称' }]}>
                              <Input placeholder="节日名称，如 春节" style={{ width: 160 }} maxLength={20} />
                            </Form.Item>
                            <Form.Item name={[f.name, 'off']}>
                              <Select
                                style={{ width: 120 }}
                                options={[
                                  { value: 'off', label: '放假' },
                                  { value: 'work', label: '调休上班' },
                                ]}
                              />
                            </Form.Item>
                            <Button icon={<DeleteOutlined />} aria-label="删除此行" onClick={() => remove(f.name)} />
                          </Space>
                        ))}
                        <Form.Item>
                          <Space>
                            <Button icon={<PlusOutlined />} onClick={() => add({ date: '', name: '', off: 'off' })}>
                              添加一天
                            </Button>
                            <Button type="primary" htmlType="submit">
                              导入
                            </Button>
                          </Space>
                        </Form.Item>
                      </>
                    )}
                  </Form.List>
                </Form>
              ),
            },
          ]}
        />
      </Card>

      <Card title="单日调整">
        <Form
          form={ovForm}
          layout="inline"
          initialValues={{ off: 'off' }}
          onFinish={async (v) => {
            try {
              const r = await api.put(
                '/api/calendar/overrides/:date',
                { date: v.date.trim() },
                {
                  isOffDay: v.off === 'off',
                  name: v.name?.trim() || null,
                  note: v.note?.trim() || null,
                },
              );
              message.success(`已调整 ${v.date}${recomputedText(r.recomputed)}`);
              ovForm.resetFields();
              await reloadAll();
            } catch (e) {
              showError(e);
            }
          }}
        >
          <Form.Item
            name="date"
            rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: '日期格式须为 YYYY-MM-DD' }]}
          >
            <Input placeholder="YYYY-MM-DD" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="off">
            <Select
              style={{ width: 120 }}
              options={[
                { value: 'off', label: '设为休息日' },
                { value: 'work', label: '设为工作日' },
              ]}
            />
          </Form.Item>
          <Form.Item name="name">
            <Input placeholder="名称（可选）" maxLength={20} />
          </Form.Item>
          <Form.Item name="note">
            <Input placeholder="说明（可选）" maxLength={200} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            保存
          </Button>
        </Form>
        <Table<OverrideRow>
          rowKey="date"
          size="small"
          style={{ marginTop: 12 }}
          loading={overrides.loading}
          dataSource={overrides.data ?? []}
          pagination={false}
          columns={[
            { title: '日期', dataIndex: 'date', render: (d: string) => dayLabel(d) },
            {
              title: '调整为',
              dataIndex: 'isOffDay',
              render: (o: boolean) => (o ? <Tag color="red">休息</Tag> : <Tag color="blue">上班</Tag>),
            },
            { title: '名称', dataIndex: 'name', render: (n: string | null) => n ?? '—' },
            { title: '说明', dataIndex: 'note', render: (n: string | null) => n ?? '—' },
            { title: '调整人', render: (_, o) => `${o.createdByName ?? ''} ${formatTime(o.createdAt)}` },
            {
              title: '',
              render: (_, o) => (
                <Popconfirm
                  title="撤销此调整？"
                  onConfirm={async () => {
                    try {
                      const r = await api.del('/api/calendar/overrides/:date', { date: o.date });
                      message.success(`已撤销${recomputedText(r.recomputed)}`);
                      await reloadAll();
                    } catch (e) {
                      showError(e);
                    }
                  }}
                >
                  <Button size="small" danger>
                    撤销
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
