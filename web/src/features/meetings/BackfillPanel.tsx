import { Alert, App, Button, Descriptions, Space, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { MeetingDto } from '../../../../core/contracts/meetings';
import { api } from '../../api/client';
import { useShowError } from '../../api/hooks';
import { formatTime } from '../../lib/time';

/** 补录 (第 3.5 条): why the meeting was entered afterwards, and the paper minutes it rests on. */
export function BackfillPanel({ meeting, onChange }: { meeting: MeetingDto; onChange: (m: MeetingDto) => void }) {
  const { message } = App.useApp();
  const showError = useShowError();
  const b = meeting.backfill;
  if (!b) return null;
  const upload = async (file: File) => {
    try {
      onChange(await api.upload('PUT /api/meetings/:id/paper-minutes', { id: meeting.id }, file, file.name));
      message.success(`已上传纸质会议记录：${file.name}`);
    } catch (e) {
      showError(e);
    }
  };
  return (
    <Alert
      type="warning"
      showIcon
      message="补录的会议：会议已在线下召开，会后补录到系统"
      description={
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label="补录原因">{b.reason}</Descriptions.Item>
            <Descriptions.Item label="补录人">{`${b.byName}（${formatTime(b.at)}）`}</Descriptions.Item>
            <Descriptions.Item label="纸质会议记录">
              {b.paperMinutes ? (
                <a href={`/api/meetings/${meeting.id}/paper-minutes`}>
                  <PaperClipOutlined /> {b.paperMinutes.filename}
                </a>
              ) : (
                '尚未上传：上传后才能开始录入会议记录'
              )}
            </Descriptions.Item>
          </Descriptions>
          {meeting.abilities.uploadPaperMinutes && (
            <Upload
              showUploadList={false}
              accept=".pdf,.png,.jpg,.jpeg,.docx,.doc,.ofd,.wps"
              beforeUpload={(f) => {
                void upload(f);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />}>{b.paperMinutes ? '更换纸质会议记录' : '上传纸质会议记录'}</Button>
            </Upload>
          )}
        </Space>
      }
    />
  );
}
