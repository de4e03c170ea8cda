import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Input, List, Space, Spin, Tag, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api/client';
import { useGet, useShowError } from '../../api/hooks';
import { useT } from '../../i18n';
import { PageCard } from '../../layout/PageCard';
import { StatusTag } from '../../layout/StatusTag';
import { formatTime } from '../../lib/time';
import { CaseUploads, type UploadedFile } from './CaseUploads';
import { fileSize } from './labels';

/**
 * 我的问责通知, one case (R6.3): what the person concerned reads — the notice,
 * their own written statements (说明/申辩) and the decision — and, while the
 * case is under investigation, the form to submit a statement with files.
 */
export default function MyCasePage() {
  const { id = '' } = useParams();
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const { data: n, set, reload } = useGet('/api/cases/mine/:id', { id });
  const [text, setText] = useState('');
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const [busy, setBusy] = useState(false);
  if (!n) return <Spin style={{ display: 'block', marginTop: 64 }} />;

  const submit = async () => {
    setBusy(true);
    try {
      set(
        await api.post(
          '/api/cases/:id/statements',
          { id: n.id },
          { version: n.version, text: text.trim(), attachmentIds: files.map((f) => f.id) },
        ),
      );
      setText('');
      setFiles([]);
      message.success('已提交说明或申辩');
    } catch (e) {
      showError(e);
      if (e instanceof ApiError && e.code === 'CONFLICT') void reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageCard
        title={
          <Space wrap>
            <span>{t('case.notice')}</span>
            <StatusTag kind="case" status={n.status} />
          </Space>
        }
      >
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{n.notice.text}</Typography.Paragraph>
        <Typography.Text type="secondary">{formatTime(n.notice.at)}</Typography.Text>
      </PageCard>
      {n.decision && (
        <Card title={t('case.decision')}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="处理措施">
              <Tag color="red">{n.decision.measure}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="决定机关或人员">{n.decision.decidedBy}</Descriptions.Item>
            <Descriptions.Item label="决定日期">{n.decision.decidedOn}</Descriptions.Item>
            <Descriptions.Item label="会议">{n.decision.meetingReference}</Descriptions.Item>
            <Descriptions.Item label="决定内容">
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                {n.decision.text}
              </Typography.Paragraph>
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      <Card title={t('case.statements')}>
        <List
          locale={{ emptyText: '尚未提交' }}
          dataSource={n.statements}
          renderItem={(s) => (
            <List.Item>
              <Space direction="vertical">
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{s.text}</Typography.Paragraph>
                {s.attachments.map((a) => (
                  <div key={a.id}>
                    <PaperClipOutlined /> <a href={`/api/cases/${n.id}/attachments/${a.id}`}>{a.filename}</a>（
                    {fileSize(a.size)}）
                  </div>
                ))}
                <Typography.Text type="secondary">{formatTime(s.at)}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
        {n.abilities.statement ? (
          <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
            <Input.TextArea
              rows={5}
              maxLength={10000}
              showCount
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder="请如实写明有关情况，可附证明材料"
              aria-label={t('case.submitStatement')}
            />
            <CaseUploads caseId={n.id} value={files} onChange={setFiles} />
            <Button type="primary" disabled={!text.trim()} loading={busy} onClick={() => void submit()}>
              {t('case.submitStatement')}
            </Button>
          </Space>
        ) : (
          <Alert style={{ marginTop: 16 }} type="info" showIcon message="调查阶段已结束，不能再提交说明或申辩。" />
        )}
      </Card>
    </Space>
  );
}
