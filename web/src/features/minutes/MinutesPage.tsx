import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Input, Space, Spin, Tag, Typography } from 'antd';
import { FilePdfOutlined, FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import type { MinutesDto } from '../../../../core/contracts/minutes';
import { api, ApiError } from '../../api/client';
import { useGet, useShowError } from '../../api/hooks';
import { useHashScroll } from '../../lib/useHashScroll';
import { formatTime } from '../../lib/time';
import './minutes.css';
import { DistributionPanel } from '../distribution/DistributionPanel';
import { PageCard } from '../../layout/PageCard';
import { StatusTag } from '../../layout/StatusTag';
import { CommentButton } from '../../layout/CommentButton';
import { useI18n } from '../../i18n';

/** 会议纪要: reads like the document; the drafter polishes, the head signs and issues. */
export default function MinutesPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const { data: m, set: setM, reload: load } = useGet('/api/minutes/:id', { id });
  const { t } = useI18n();
  const [edit, setEdit] = useState<{ narratives: string[] } | null>(null);
  useEffect(() => setEdit(null), [id]);
  // R1.3: a search hit opens the minutes at its topic section.
  useHashScroll(!!m);

  const run = async (fn: () => Promise<MinutesDto>, done: string) => {
    try {
      const r = await fn();
      if (r.id !== id) navigate(`/minutes/${r.id}`);
      else setM(r);
      message.success(done);
    } catch (e) {
      showError(e);
      if (e instanceof ApiError && e.code === 'CONFLICT') void load();
    }
  };
  if (!m) return <Spin style={{ display: 'block', marginTop: 64 }} />;
  const c = m.content;
  const a = m.abilities;
  const saveEdit = () =>
    edit &&
    run(
      () =>
        api.put(
          '/api/minutes/:id',
          { id: m.id },
          {
            version: m.version,
            sections: c.sections.map((s, i) => ({ topicId: s.topicId, narrative: edit.narratives[i] ?? s.narrative })),
          },
        ),
      '已保存',
    ).then(() => setEdit(null));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageCard
        title={
          <Space wrap>
            {m.meetingTitle}
            <StatusTag kind="minutes" status={m.status} />
            {m.number && <Tag>{m.number}</Tag>}
            {m.integrity && (
              <Tag
                color={m.integrity.verified ? 'success' : 'error'}
                title={`校验时间：${formatTime(m.integrity.checkedAt)}`}
              >
                {m.integrity.verified ? '完整性校验通过' : '内容与封存哈希不一致'}
              </Tag>
            )}
          </Space>
        }
        extra={
          <Space wrap>
            {a.edit && !edit && (
              <Button onClick={() => setEdit({ narratives: c.sections.map((s) => s.narrative) })}>修改文字</Button>
            )}
            {edit && (
              <>
                <Button type="primary" onClick={() => void saveEdit()}>
                  保存
                </Button>
                <Button onClick={() => setEdit(null)}>取消</Button>
              </>
            )}
            {a.submit && !edit && (
              <Button
                type="primary"
                onClick={() =>
                  void run(
                    () => api.post('/api/minutes/:id/submit', { id: m.id }, { version: m.version }),
                    t('minutes.submitted'),
                  )
                }
              >
                {t('minutes.submit')}
              </Button>
            )}
            {a.returnToDraft && (
              <Button
                onClick={() =>
                  void run(
                    () => api.post('/api/minutes/:id/return', { id: m.id }, { version: m.version }),
                    '已退回修改',
                  )
                }
              >
                退回修改
              </Button>
            )}
            {a.issue && (
              <CommentButton
                type="primary"
                title="签发纪要"
                okText="确认签发"
                warning="签发后纪要将编号、封存，不能再修改。"
                onConfirm={(comment) =>
                  run(
                    () =>
                      api.post(
                        '/api/minutes/:id/issue',
                        { id: m.id },
                        { version: m.version, ...(comment ? { comment } : {}) },
                      ),
                    '纪要已签发',
                  )
                }
              >
                签发
              </CommentButton>
            )}
            {a.correct && (
              <Button
                onClick={() => void run(() => api.post('/api/minutes/:id/correct', { id: m.id }), '已创建更正版草稿')}
              >
                更正
              </Button>
            )}
            {m.number && (
              // R6.2: the decisions of issued minutes are followed as 督办事项.
              <Button onClick={() => navigate(`/tracking?sourceMinutesId=${encodeURIComponent(m.id)}`)}>
                督办事项
              </Button>
            )}
            <Button icon={<FileWordOutlined />} href={`/api/minutes/${m.id}/document.docx`}>
              下载 Word
            </Button>
            <Button icon={<FilePdfOutlined />} href={`/api/minutes/${m.id}/document.pdf`} target="_blank">
              PDF
            </Button>
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              打印
            </Button>
          </Space>
        }
      >
        {m.status === 'superseded' && m.supersededById && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={
              <>
                本纪要已被更正，<a onClick={() => navigate(`/minutes/${m.supersededById}`)}>查看更正版</a>。
              </>
            }
          />
        )}
        {m.integrity && !m.integrity.verified && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title="本纪要现存的内容与签发时封存的哈希不一致，可能在系统之外被改动。请勿以此文本为准，并告知监察室和系统管理员。"
          />
        )}
        {m.contentHash && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {`${m.issuedByName ?? ''} 于 ${formatTime(m.issuedAt)} 签发 · 内容哈希（${m.hashAlg?.toUpperCase()}）：`}
            <Typography.Text code copyable className="hash" style={{ wordBreak: 'break-all' }}>
              {m.contentHash}
            </Typography.Text>
          </Typography.Paragraph>
        )}
        {m.issueComment && (
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
            <Typography.Text strong>{t('comment.issuer')}：</Typography.Text>
            {m.issueComment}
          </Typography.Paragraph>
        )}
        {m.instructions.length > 0 && (
          <div data-testid="instructions" style={{ marginTop: 12 }}>
            <Typography.Text strong>{t('comment.instructions')}</Typography.Text>
            {m.instructions.map((i, k) => (
              <Typography.Paragraph key={k} style={{ marginBottom: 4 }}>
                {`${i.name}（${formatTime(i.at)}）：${i.comment}`}
              </Typography.Paragraph>
            ))}
          </div>
        )}
        {(a.edit || a.issue) && c.sections.some((s) => s.blocks.length > 0) && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 12 }}
            message="议定事项和不同意见、弃权、保留意见由会议记录生成（灰底），纪要中不能修改；如需更改，请由记录人更正会议记录并说明理由（第 5.4 条）。签发时系统逐条核对。"
          />
        )}
      </PageCard>
      {(m.status === 'issued' || m.status === 'superseded' || m.revision === 0) && (
        <DistributionPanel key={`${m.id}:${m.status}`} meetingId={m.meetingId} />
      )}
      <div className="minutes-sheet">
        <div className="mark">{c.title}</div>
        <div className="number">{m.number ?? '〔　　〕　号'}</div>
        <p>{c.opening}</p>
        {c.sections.map((s, i) => (
          <div key={s.topicId} id={`section-${s.topicId}`}>
            <h3>{s.heading}</h3>
            {s.marks && <p className="bound">{s.marks}</p>}
            {edit ? (
              <Input.TextArea
                autoSize
                aria-label={`${s.heading} 讨论情况`}
                value={edit.narratives[i]}
                onChange={(e) => setEdit({ narratives: edit.narratives.map((b, j) => (j === i ? e.target.value : b)) })}
              />
            ) : (
              s.narrative
                .split('\n')
                .filter((line) => line.trim())
                .map((line, j) => <p key={j}>{line}</p>)
            )}
            {s.blocks.map((b, j) => (
              <p key={`b${j}`} className="bound" data-kind={b.kind} title="由会议记录生成，纪要中不能修改">
                {b.text}
              </p>
            ))}
          </div>
        ))}
        {c.closing && <p>{c.closing}</p>}
        <br />
        <p>
          <span className="label">出席：</span>
          {c.present.join('、') || '—'}
        </p>
        {c.leave.length > 0 && (
          <p>
            <span className="label">请假：</span>
            {c.leave.join('、')}
          </p>
        )}
        {c.observers.length > 0 && (
          <p>
            <span className="label">列席：</span>
            {c.observers.join('、')}
          </p>
        )}
        <p>
          <span className="label">记录：</span>
          {c.recorder}
        </p>
        {c.distribution && <p className="distribution">{c.distribution}</p>}
      </div>
    </Space>
  );
}
