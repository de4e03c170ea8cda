import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Button, Result, Spin } from 'antd';
import type { MeetingDto } from '../../../../core/contracts/meetings';
import { api, ApiError } from '../../api/client';
import { useSession } from '../../auth/session';
import { formatTime } from '../../lib/time';

interface Outcome {
  ok: boolean;
  title: string;
  sub?: string;
  meeting?: Pick<MeetingDto, 'id' | 'title' | 'place' | 'startsAt'>;
}

/**
 * The phone page a QR code opens. With a session it checks the user in, once.
 * Without one (the usual case in a meeting room) the fresh code is exchanged for
 * a ticket first, then the user logs in and lands back here, checked in as of
 * the moment of the scan.
 */
export default function CheckinPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { me } = useSession();
  const navigate = useNavigate();
  const [state, setState] = useState<Outcome | null>(null);
  const sent = useRef(false);
  const token = params.get('t');
  const ticket = params.get('ticket');

  useEffect(() => {
    if (me === undefined || sent.current) return;
    sent.current = true;
    if (me === null) {
      const toLogin = (next: string) => navigate(`/login?next=${encodeURIComponent(next)}`, { replace: true });
      if (!token) return void toLogin(`/checkin/${id}${ticket ? `?ticket=${encodeURIComponent(ticket)}` : ''}`);
      api
        .post('/api/meetings/:id/checkin-ticket', { id }, { token })
        .then((r) => toLogin(`/checkin/${id}?ticket=${encodeURIComponent(r.ticket)}`))
        .catch((e: unknown) =>
          setState({ ok: false, title: '签到失败', sub: e instanceof ApiError ? e.message : String(e) }),
        );
      return;
    }
    const proof = ticket ? { ticket } : { token: token ?? '' };
    api
      .post('/api/meetings/:id/check-in', { id }, proof)
      .then(async (r) => {
        const meeting = await api.get('/api/meetings/:id', { id }).catch(() => undefined);
        setState({
          ok: true,
          title: r.already ? '您已签到' : r.attendance === 'late' ? '签到成功（迟到）' : '签到成功',
          sub: `签到时间：${formatTime(r.checkedInAt)}`,
          ...(meeting ? { meeting } : {}),
        });
      })
      .catch((e: unknown) =>
        setState({ ok: false, title: '签到失败', sub: e instanceof ApiError ? e.message : String(e) }),
      );
  }, [me, id, token, ticket, navigate]);

  return (
    <div style={{ maxWidth: 420, margin: '0 auto', padding: 16 }}>
      {state ? (
        <Result
          status={state.ok ? 'success' : 'error'}
          title={state.title}
          subTitle={
            <>
              {state.meeting && (
                <div>
                  {state.meeting.title}（{formatTime(state.meeting.startsAt)}，{state.meeting.place}）
                </div>
              )}
              {state.sub}
            </>
          }
          extra={
            state.meeting ? (
              <Link to={`/meetings/${state.meeting.id}`}>
                <Button type="primary">查看会议议程和材料</Button>
              </Link>
            ) : undefined
          }
        />
      ) : (
        <Spin style={{ display: 'block', marginTop: 96 }} />
      )}
    </div>
  );
}
