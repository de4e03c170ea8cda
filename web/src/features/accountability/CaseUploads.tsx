import { useState } from 'react';
import { Button, List, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import { useShowError } from '../../api/hooks';
import { fileSize } from './labels';

export interface UploadedFile {
  id: string;
  filename: string;
  size: number;
}

/**
 * Files for a statement or new evidence: each is uploaded to the case at once
 * (recognised by content, stored by SHA-256) and joins the evidence with the
 * text it is submitted with.
 */
export function CaseUploads({
  caseId,
  value,
  onChange,
}: {
  caseId: string;
  value: UploadedFile[];
  onChange: (files: UploadedFile[]) => void;
}) {
  const showError = useShowError();
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    setBusy(true);
    try {
      const f = await api.upload('POST /api/cases/:id/attachments', { id: caseId }, file, file.name);
      onChange([...value, { id: f.id, filename: f.filename, size: f.size }]);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Upload
        showUploadList={false}
        beforeUpload={(f) => {
          void upload(f);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy}>
          上传材料
        </Button>
      </Upload>
      {value.length > 0 && (
        <List
          size="small"
          dataSource={value}
          renderItem={(f) => (
            <List.Item>
              <PaperClipOutlined /> {f.filename}（{fileSize(f.size)}）
            </List.Item>
          )}
        />
      )}
    </>
  );
}
