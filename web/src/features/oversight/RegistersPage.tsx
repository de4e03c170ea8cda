import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, App, Button, List, Select, Space, Tag, Typography, Upload } from 'antd';
import type {
  ImportRegisterDto,
  RegisterDto,
  RegisterLineDto,
  RegisterLinesPageDto,
} from '../../../../core/contracts/registers';
import {
  LINE_STATE_LABELS,
  LINE_STATES,
  REGISTER_KIND_LABELS,
  REGISTER_KINDS,
  type LineState,
  type RegisterKind,
  type RegisterLineError,
} from '../../../../core/registers';
import { api, ApiError } from '../../api/client';
import { useDivisions, useShowError } from '../../api/hooks';
import { useCursorList } from '../../api/useCursorList';
import { LoadMore } from '../../layout/LoadMore';
import { PageCard } from '../../layout/PageCard';
import { ReasonDialog } from '../../layout/ReasonDialog';
import { ResponsiveTable } from '../../layout/ResponsiveTable';
import { formatTime } from '../../lib/time';

const STATE_COLORS: Record<LineState, string> = {
  proposed: 'processing',
  confirmed: 'success',
  finding: 'error',
  dismissed: 'error',
};

type RegistersPage = { items: RegisterDto[]; nextCursor: string | null; canManage: boolean };

/** The import's refusal, line by line: 第 N 行「列」：原因. */
function ImportErrors({ error, onClose }: { error: ApiError; onClose: () => void }) {
  const details = (error.details ?? {}) as { errors?: RegisterLineError[]; total?: number };
  const errors = details.errors ?? [];
  return (
    <Alert
      type="error"
      closable={{ onClose }}
      style={{ marginBottom: 16 }}
      title={errors.length > 0 ? `登记簿有 ${details.total ?? errors.length} 处错误，未导入任何内容` : error.message}
      description={
        errors.length > 0 && (
          <List
            size="small"
            dataSource={errors}
            renderItem={(e) => (
              <List.Item>
                第 {e.line} 行{e.column ? `「${e.column}」` : ''}：{e.reason}
              </List.Item>
            )}
          />
        )
      }
    />
  );
}

/**
 * 登记簿核对 (R4.1 / R6.4): the bureau's registers of larger matters held against the topics
 * division meetings decided. The supervision office and the general office upload a register
 * (CSV or XLSX) of one kind, read its lines with their state and candidate topic, and confirm or
 * dismiss (with a reason) each proposed match; what they may do is what the server's abilities say.
 */
export default function RegistersPage() {
  const { message } = App.useApp();
  const showError = useShowError();
  const divisions = useDivisions();
  const [params, setParams] = useSearchParams();
  const [kind, setKind] = useState<RegisterKind>('funds');
  const [uploading, setUploading] = useState(false);
  const [importError, setImportError] = useState<ApiError | null>(null);
  const [divisionId, setDivisionId] = useState<string | undefined>();
  const [state, setState] = useState<LineState | undefined>();
  const [dismissing, setDismissing] = useState<RegisterLineDto | null>(null);
  const [reopening, setReopening] = useState<RegisterLineDto | null>(null);
  const [skipped, setSkipped] = useState<ImportRegisterDto | null>(null);

  const registers = useCursorList<RegisterDto, RegistersPage>('/api/registers');
  const registerId = params.get('register') ?? registers.items[0]?.id ?? null;
  const lines = useCursorList<RegisterLineDto, RegisterLinesPageDto>(
    registerId ? `/api/registers/${encodeURIComponent(registerId)}/lines` : null,
    { divisionId, state },
  );
  const canManage = registers.first?.canManage ?? false;
  const current = lines.first?.register;
  const select = (id: string) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      next.set('register', id);
      return next;
    });

  const upload = async (file: File) => {
    setUploading(true);
    setImportError(null);
    try {
      const r = await api.upload('POST /api/registers/import/:kind', { kind }, file, file.name);
      message.success(
        `已导入 ${r.lineCount} 条：待复核 ${r.counts.proposed} 条，未经处务会研究 ${r.counts.finding} 条` +
          (r.skippedLines > 0 ? `；另有 ${r.skippedLines} 条此前已导入，未重复导入` : ''),
      );
      setSkipped(r.skippedLines > 0 ? r : null);
      await registers.reload();
      select(r.id);
    } catch (e) {
      setSkipped(null);
      if (
        e instanceof ApiError &&
        (e.code === 'REGISTER_IMPORT_INVALID' ||
          e.code === 'REGISTER_ALREADY_IMPORTED' ||
          e.code === 'REGISTER_NOTHING_NEW' ||
          e.status === 413)
      )
        setImportError(e);
      else showError(e);
    } finally {
      setUploading(false);
    }
  };

  const review = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
    } catch (e) {
      showError(e);
    }
    await Promise.all([lines.reload(), registers.reload()]);
  };

  return (
    <PageCard
      title="登记簿核对（重大事项是否经处务会研究，第 4.1 条）"
      extra={
        canManage && (
          <Space wrap>
            <Select<RegisterKind>
              aria-label="登记簿类别"
              style={{ width: 140 }}
              value={kind}
              onChange={setKind}
              options={REGISTER_KINDS.map((k) => ({ value: k, label: `${REGISTER_KIND_LABELS[k]}登记簿` }))}
            />
            <Upload
              accept=".csv,.xlsx"
              showUploadList={false}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <Button type="primary" loading={uploading}>
                导入登记簿
              </Button>
            </Upload>
          </Space>
        )
      }
    >
      {canManage && (
        <Typography.Paragraph type="secondary">
          上传 CSV（UTF-8 或 GBK）或 XLSX
          文件，首行为列名：处室、日期（YYYY-MM-DD）、金额（元）（资金登记簿必填）、事项，列的顺序不限；文件不超过 5
          MB、20000 行。有任何一行出错时不导入任何内容，并逐行列出错误。
        </Typography.Paragraph>
      )}
      {importError && <ImportErrors error={importError} onClose={() => setImportError(null)} />}
      {skipped && (
        <Alert
          type="info"
          closable={{ onClose: () => setSkipped(null) }}
          style={{ marginBottom: 16 }}
          title={`${skipped.filename} 中有 ${skipped.skippedLines} 条事项此前已导入（处室、日期、金额、事项均相同），未重复导入`}
          description={
            <List
              size="small"
              dataSource={skipped.skipped}
              renderItem={(k) => (
                <List.Item>
                  第 {k.line} 行：同 {k.earlier}
                </List.Item>
              )}
            />
          }
        />
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label="登记簿"
          style={{ minWidth: 320 }}
          placeholder="尚未导入登记簿"
          value={registerId ?? undefined}
          onChange={select}
          options={registers.items.map((r) => ({
            value: r.id,
            label: `${r.kindLabel}登记簿 · ${r.filename} · ${formatTime(r.importedAt)}`,
          }))}
        />
        <Select
          aria-label="处室"
          style={{ width: 180 }}
          allowClear
          placeholder="全部处室"
          value={divisionId}
          onChange={setDivisionId}
          options={divisions.filter((d) => d.kind !== 'leadership').map((d) => ({ value: d.id, label: d.name }))}
        />
        <Select<LineState>
          aria-label="状态"
          style={{ width: 200 }}
          allowClear
          placeholder="全部状态"
          value={state}
          onChange={setState}
          options={LINE_STATES.map((s) => ({ value: s, label: LINE_STATE_LABELS[s] }))}
        />
        {registers.hasMore && <Button onClick={() => void registers.loadMore()}>更多登记簿</Button>}
      </Space>
      {current && (
        <Typography.Paragraph>
          {current.kindLabel}登记簿，共 {current.lineCount} 条：已确认 {current.counts.confirmed} 条，待复核{' '}
          {current.counts.proposed} 条，未经处务会研究 {current.counts.finding + current.counts.dismissed} 条
          {current.skippedLines > 0 && `；另有 ${current.skippedLines} 条此前已导入，未重复导入`}（导入人{' '}
          {current.importedByName}）
        </Typography.Paragraph>
      )}
      <ResponsiveTable<RegisterLineDto>
        rowKey="id"
        size="small"
        loading={lines.loading}
        pagination={false}
        dataSource={lines.items}
        locale={{ emptyText: registerId ? '没有符合条件的事项' : '尚未导入登记簿' }}
        columns={[
          { title: '行', dataIndex: 'lineNo', width: 60 },
          { title: '处室', dataIndex: 'divisionName' },
          { title: '日期', dataIndex: 'day' },
          { title: '金额（元）', dataIndex: 'amountYuan', render: (v: string | null) => v ?? '—' },
          { title: '事项', dataIndex: 'subject' },
          {
            title: '状态',
            dataIndex: 'state',
            render: (_: unknown, l: RegisterLineDto) => (
              <Space orientation="vertical" size={0}>
                <Tag color={STATE_COLORS[l.state]}>{l.stateLabel}</Tag>
                {l.reviewReason && <Typography.Text type="secondary">理由：{l.reviewReason}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: '处务会议题',
            key: 'match',
            render: (_: unknown, l: RegisterLineDto) =>
              l.match ? (
                <Space orientation="vertical" size={0}>
                  <Link to={`/topics/${l.match.topicId}`}>{l.match.title}</Link>
                  <Typography.Text type="secondary">
                    {l.match.meetingDay} 处务会研究 · 匹配度 {l.match.score}%
                  </Typography.Text>
                </Space>
              ) : (
                '—'
              ),
          },
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, l: RegisterLineDto) => (
              <Space wrap>
                {l.abilities.confirm && (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() =>
                      void review(
                        () => api.post('/api/registers/lines/:id/confirm', { id: l.id }, { version: l.version }),
                        '已确认',
                      )
                    }
                  >
                    确认
                  </Button>
                )}
                {l.abilities.dismiss && (
                  <Button size="small" danger onClick={() => setDismissing(l)}>
                    驳回
                  </Button>
                )}
                {l.abilities.reopen && (
                  <Button size="small" onClick={() => setReopening(l)}>
                    重新复核
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <LoadMore list={lines} />
      <ReasonDialog
        open={dismissing !== null}
        title="驳回匹配（该事项将记为未经处务会研究）"
        okText="驳回"
        placeholder="请填写驳回理由（必填）"
        danger
        onCancel={() => setDismissing(null)}
        onSubmit={async (reason) => {
          const l = dismissing;
          setDismissing(null);
          if (l)
            await review(
              () => api.post('/api/registers/lines/:id/dismiss', { id: l.id }, { version: l.version, reason }),
              '已驳回',
            );
        }}
      />
      <ReasonDialog
        open={reopening !== null}
        title="重新复核（按现有的处务会议题重新匹配，有候选议题的回到待复核）"
        okText="重新复核"
        placeholder="请填写重新复核的理由（必填），如：匹配有误、驳回有误、已补录研究该事项的处务会"
        onCancel={() => setReopening(null)}
        onSubmit={async (reason) => {
          const l = reopening;
          setReopening(null);
          if (l)
            await review(
              () => api.post('/api/registers/lines/:id/reopen', { id: l.id }, { version: l.version, reason }),
              '已重新匹配，请复核',
            );
        }}
      />
    </PageCard>
  );
}
