import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { App, Button, Descriptions, Form, Input, InputNumber, Space, Tag, Timeline, Typography, Upload } from 'antd';
import type { FindingDetailDto, FindingDto } from '../../../../core/contracts/inspections';
import { INSPECTION_LIMITS, type FindingState } from '../../../../core/inspections';
import { api } from '../../api/client';
import { useGet, useShowError } from '../../api/hooks';
import { FormModal } from '../../layout/FormModal';
import { PageCard } from '../../layout/PageCard';
import { formatTime } from '../../lib/time';

export const FINDING_STATE_COLORS: Record<FindingState, string> = {
  open: 'default',
  notified: 'processing',
  reported: 'warning',
  closed: 'success',
};

export function FindingStateTag({ f }: { f: Pick<FindingDto, 'state' | 'stateLabel' | 'overdue'> }) {
  return <Tag color={f.overdue ? 'error' : FINDING_STATE_COLORS[f.state]}>{f.stateLabel}</Tag>;
}

type Dialog = 'notify' | 'report' | 'close' | 'return' | 'case' | null;

/**
 * 整改 (R6.4): one finding of an inspection and its rectification — the 整改通知 with its
 * deadline in working days (supervision office), the 整改报告 with evidence (the division's
 * head or deputy), the verification (closed or returned), and an accountability case from it.
 */
export default function FindingPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const { data: loaded, loading, reload } = useGet('/api/rectifications/:id', { id });
  const [override, setOverride] = useState<FindingDetailDto | null>(null);
  const f = override && loaded && override.version >= loaded.version ? override : loaded;
  const [dialog, setDialog] = useState<Dialog>(null);
  const [uploading, setUploading] = useState(false);
  const [form] = Form.useForm<{ text?: string; workingDays?: number; note?: string; reason?: string }>();

  if (!f) return <PageCard title="整改" loading={loading} />;

  const run = async (fn: () => Promise<FindingDetailDto>, done: string) => {
    setDialog(null);
    try {
      setOverride(await fn());
      message.success(done);
      form.resetFields();
      await reload();
    } catch (e) {
      showError(e);
    }
  };
  const upload = async (file: File) => {
    setUploading(true);
    try {
      await api.upload('POST /api/rectifications/:id/files', { id: f.id }, file, file.name);
      await reload();
    } catch (e) {
      showError(e);
    } finally {
      setUploading(false);
    }
  };

  return (
    <PageCard
      title={`整改：${f.divisionName}（${f.clause}）`}
      extra={
        <Space wrap>
          {f.abilities.notify && (
            <Button type="primary" onClick={() => setDialog('notify')}>
              发出整改通知
            </Button>
          )}
          {f.abilities.report && (
            <Button type="primary" onClick={() => setDialog('report')}>
              报送整改报告
            </Button>
          )}
          {f.abilities.close && (
            <Button type="primary" onClick={() => setDialog('close')}>
              核验通过
            </Button>
          )}
          {f.abilities.return && (
            <Button danger onClick={() => setDialog('return')}>
              退回重新整改
            </Button>
          )}
          {f.abilities.openCase && (
            <Button danger onClick={() => setDialog('case')}>
              登记问责
            </Button>
          )}
        </Space>
      }
    >
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="专项检查">
          <Link to={`/oversight/inspections/${f.inspectionId}`}>{f.inspectionTitle}</Link>
        </Descriptions.Item>
        <Descriptions.Item label="整改状态">
          <FindingStateTag f={f} />
        </Descriptions.Item>
        <Descriptions.Item label="问题" span={2}>
          {f.description}
        </Descriptions.Item>
        <Descriptions.Item label="依据">
          {f.evidence.length === 0
            ? '—'
            : f.evidence.map((e) => (
                <Link key={e.href} to={e.href} style={{ marginInlineEnd: 8 }}>
                  {e.label}
                </Link>
              ))}
        </Descriptions.Item>
        <Descriptions.Item label="整改期限">{f.deadline ?? '—'}</Descriptions.Item>
        {f.noticeText && (
          <Descriptions.Item label="整改要求" span={2}>
            {f.noticeText}
          </Descriptions.Item>
        )}
        {f.reportText && (
          <Descriptions.Item label="整改报告" span={2}>
            {f.reportText}
          </Descriptions.Item>
        )}
        {f.caseId && (
          <Descriptions.Item label="问责案件">
            <Link to={`/cases/${f.caseId}`}>查看案件</Link>
          </Descriptions.Item>
        )}
      </Descriptions>

      <Typography.Title level={5}>办理过程</Typography.Title>
      <Timeline
        items={f.events.map((e) => ({
          color: e.kind === 'overdue' || e.kind === 'escalated' || e.kind === 'return' ? 'red' : 'blue',
          content: (
            <Space orientation="vertical" size={0}>
              <Typography.Text>{e.text}</Typography.Text>
              <Typography.Text type="secondary">
                {e.actorName ?? '系统'} · {formatTime(e.at)}
              </Typography.Text>
              {e.files.map((file) => (
                <a key={file.id} href={`/api/rectifications/${f.id}/files/${file.id}`}>
                  {file.filename}
                </a>
              ))}
            </Space>
          ),
        }))}
      />

      <FormModal
        open={dialog === 'notify'}
        title="发出整改通知"
        okText="发出"
        form={form}
        initialValues={{ workingDays: 10 }}
        onCancel={() => setDialog(null)}
        onSubmit={(v) =>
          run(
            () =>
              api.post(
                '/api/rectifications/:id/notify',
                { id: f.id },
                { version: f.version, workingDays: v.workingDays ?? 10, text: (v.text ?? '').trim() },
              ),
            '整改通知已发出',
          )
        }
      >
        <Form.Item
          name="text"
          label="整改要求"
          rules={[{ required: true, whitespace: true, max: 2000, message: '请填写整改要求' }]}
        >
          <Input.TextArea aria-label="整改要求" rows={4} />
        </Form.Item>
        <Form.Item
          name="workingDays"
          label="整改期限（工作日）"
          rules={[{ required: true, message: '请填写整改期限' }]}
        >
          <InputNumber aria-label="整改期限（工作日）" min={1} max={INSPECTION_LIMITS.maxDeadlineWorkingDays} />
        </Form.Item>
      </FormModal>

      <FormModal
        open={dialog === 'report'}
        title="报送整改报告"
        okText="报送"
        form={form}
        onCancel={() => setDialog(null)}
        onSubmit={(v) =>
          run(
            () =>
              api.post(
                '/api/rectifications/:id/report',
                { id: f.id },
                { version: f.version, text: (v.text ?? '').trim(), fileIds: f.pendingFiles.map((x) => x.id) },
              ),
            '整改报告已报送',
          )
        }
      >
        <Form.Item
          name="text"
          label="整改情况"
          rules={[{ required: true, whitespace: true, max: 4000, message: '请填写整改情况' }]}
        >
          <Input.TextArea aria-label="整改情况" rows={5} />
        </Form.Item>
        <Form.Item label="佐证材料">
          <Space orientation="vertical">
            {f.pendingFiles.map((x) => (
              <Typography.Text key={x.id}>{x.filename}</Typography.Text>
            ))}
            <Upload
              showUploadList={false}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <Button loading={uploading}>上传佐证材料</Button>
            </Upload>
          </Space>
        </Form.Item>
      </FormModal>

      <FormModal
        open={dialog === 'close'}
        title="核验通过，整改完成"
        okText="核验通过"
        form={form}
        onCancel={() => setDialog(null)}
        onSubmit={(v) =>
          run(
            () =>
              api.post(
                '/api/rectifications/:id/close',
                { id: f.id },
                { version: f.version, ...(v.note?.trim() ? { note: v.note.trim() } : {}) },
              ),
            '已核验通过',
          )
        }
      >
        <Form.Item name="note" label="核验意见（可选）" rules={[{ max: 500 }]}>
          <Input.TextArea aria-label="核验意见" rows={3} />
        </Form.Item>
      </FormModal>

      <FormModal
        open={dialog === 'return'}
        title="退回整改报告"
        okText="退回"
        form={form}
        initialValues={{ workingDays: 5 }}
        onCancel={() => setDialog(null)}
        onSubmit={(v) =>
          run(
            () =>
              api.post(
                '/api/rectifications/:id/return',
                { id: f.id },
                { version: f.version, reason: (v.reason ?? '').trim(), workingDays: v.workingDays ?? 5 },
              ),
            '已退回',
          )
        }
      >
        <Form.Item
          name="reason"
          label="退回理由"
          rules={[{ required: true, whitespace: true, max: 500, message: '请填写退回理由' }]}
        >
          <Input.TextArea aria-label="退回理由" rows={3} />
        </Form.Item>
        <Form.Item name="workingDays" label="重新整改期限（工作日）" rules={[{ required: true }]}>
          <InputNumber min={1} max={INSPECTION_LIMITS.maxDeadlineWorkingDays} />
        </Form.Item>
      </FormModal>

      <FormModal
        open={dialog === 'case'}
        title="据此问题登记问责"
        okText="登记"
        form={form}
        onCancel={() => setDialog(null)}
        onSubmit={async (v) => {
          setDialog(null);
          try {
            const c = await api.post('/api/cases', {
              kind: 'finding',
              findingId: f.id,
              description: (v.text ?? '').trim(),
            });
            message.success('问责案件已登记，证据已固定');
            navigate(`/cases/${c.id}`);
          } catch (e) {
            showError(e);
          }
        }}
      >
        <Typography.Paragraph type="secondary">
          系统将依据本问题及其整改全过程汇集并固定证据；当事人默认为该处室主要负责人。
        </Typography.Paragraph>
        <Form.Item name="text" label="情况说明" rules={[{ max: 4000 }]}>
          <Input.TextArea aria-label="情况说明" rows={4} />
        </Form.Item>
      </FormModal>
    </PageCard>
  );
}
