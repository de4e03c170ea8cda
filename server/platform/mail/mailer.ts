import type { Transporter } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Stable per notice, so a resend after a crash is recognisably the same message. */
  messageId: string;
}

export interface MailStatus {
  enabled: boolean;
  /** host:port of the SMTP server, without credentials. */
  server: string | null;
  from: string;
}

/** E-mail delivery: nodemailer over SMTP when SMTP_URL is set, otherwise off (and it says so). */
export interface Mailer {
  status(): MailStatus;
  send(m: MailMessage): Promise<void>;
  close(): void;
}

export function createMailer(smtpUrl: string | null, from: string): Mailer {
  if (!smtpUrl) {
    return {
      status: () => ({ enabled: false, server: null, from }),
      send: () => Promise.reject(new Error('e-mail is off (SMTP_URL is not set)')),
      close: () => undefined,
    };
  }
  const u = new URL(smtpUrl);
  const server = `${u.hostname}:${u.port || (u.protocol === 'smtps:' ? '465' : '587')}`;
  let transport: Transporter | null = null;
  const get = async () => {
    if (!transport) {
      // Loaded on first use: an idle server without mail keeps nodemailer out of memory.
      const nodemailer = await import('nodemailer');
      transport = nodemailer.createTransport(smtpUrl, { from });
    }
    return transport;
  };
  return {
    status: () => ({ enabled: true, server, from }),
    async send(m) {
      const t = await get();
      await t.sendMail({ from, to: m.to, subject: m.subject, text: m.text, messageId: m.messageId });
    },
    close() {
      transport?.close();
    },
  };
}
