import { useEffect, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { Result, Spin } from 'antd';
import { api, ApiError } from '../../api/client';
import { formatTime } from '../../lib/time';

/** The phone page a QR code opens: checks the user in, once. */
export default function CheckinPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const [state, setState] = useState<{ ok: boolean; title: string; sub?: string } | null>(null);
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    api
      .post<{ attendance: string; checkedInAt: string; already: boolean }>(`/api/meetings/${id}/check-in`, {
        token: params.get('t') ?? '',
      })
      .then((r) =>
        setState({
          ok: true,
          title: r.already ? '您已签到' : r.attendance === 'late' ? '签到成功（迟到）' : '签到成功',
          sub: `签到时间：${formatTime(r.checkedInAt)}`,
        }),
      )
      .catch((e: unknown) =>
        setState({ ok: false, title: '签到失败', sub: e instanceof ApiError ? e.message : String(e) }),
      );
  }, [id, params]);
  return (
    <div style={{ maxWidth: 420, margin: '0 auto', padding: 16 }}>
      {state ? (
        <Result status={state.ok ? 'success' : 'error'} title={state.title} subTitle={state.sub} />
      ) : (
        <Spin style={{ display: 'block', marginTop: 96 }} />
      )}
    </div>
  );
}
