import { useEffect, useState } from 'react';
import { Card, Typography } from 'antd';
import QRCode from 'qrcode';
import { api } from '../../api/client';

/** The meeting screen's QR code: a token that changes every 30 seconds (R3.7 attendance). */
export function CheckinPanel({ meetingId }: { meetingId: string }) {
  const [qr, setQr] = useState<{ src: string; url: string; left: number } | null>(null);
  useEffect(() => {
    let stop = false;
    let timer = 0;
    const tick = async () => {
      try {
        const t = await api.get('/api/meetings/:id/checkin-token', { id: meetingId });
        const src = await QRCode.toDataURL(t.url, { width: 260, margin: 1 });
        if (!stop) setQr({ src, url: t.url, left: t.validForSeconds });
        timer = window.setTimeout(() => void tick(), Math.max(1, t.validForSeconds) * 1000);
      } catch {
        timer = window.setTimeout(() => void tick(), 5000);
      }
    };
    void tick();
    return () => {
      stop = true;
      window.clearTimeout(timer);
    };
  }, [meetingId]);
  return (
    <Card title="扫码签到" size="small" style={{ textAlign: 'center' }}>
      {qr && <img src={qr.src} alt="签到二维码" width={220} height={220} data-checkin-url={qr.url} />}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        参会人员用手机扫码签到；二维码每 30 秒更换一次。
      </Typography.Paragraph>
    </Card>
  );
}
