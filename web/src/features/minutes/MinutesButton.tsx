import { useNavigate } from 'react-router';
import { Button } from 'antd';
import { api, ApiError } from '../../api/client';
import { useShowError } from '../../api/hooks';

/** From a closed meeting to its minutes: opens them, or drafts them from the record (R5.1). */
export function MinutesButton({ meetingId, primary = true }: { meetingId: string; primary?: boolean }) {
  const navigate = useNavigate();
  const showError = useShowError();
  const open = async () => {
    try {
      const m = await api.post('/api/meetings/:id/minutes', { id: meetingId });
      navigate(`/minutes/${m.id}`);
    } catch (e) {
      const existing = e instanceof ApiError ? (e.details as { id?: string } | undefined)?.id : undefined;
      if (existing) navigate(`/minutes/${existing}`);
      else showError(e);
    }
  };
  return (
    <Button type={primary ? 'primary' : 'default'} onClick={() => void open()}>
      会议纪要
    </Button>
  );
}
