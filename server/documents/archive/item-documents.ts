import { shanghaiDateTime } from '../../../core/shanghai-time.js';
import { FlowPdf } from '../flow-pdf.js';
import type { PdfFonts } from '../fonts.js';
import type { PdfAConformance } from '../minutes-pdf.js';
import { el, leaf, writeXml } from './xml.js';

/**
 * What an archived item holds besides its minutes (R5.7): the meeting record with the attendance
 * (a PDF/A), and the facts of the meeting's afterlife — attendance and leave, the distribution
 * receipts of every version, the tracked items' outcomes — as XML, in the words the pages use.
 */
export interface MeetingFacts {
  id: string;
  title: string;
  kindLabel: string;
  startsAt: string;
  day: string;
  place: string;
  chair: string;
  recorder: string;
  closedAt: string | null;
  backfillReason: string | null;
  participants: Array<{ name: string; role: string; attendance: string; checkedInAt: string | null }>;
  leaves: Array<{ name: string; reason: string; status: string; decidedBy: string | null; decidedAt: string | null }>;
  record: Array<{
    topicTitle: string;
    category: string;
    status: string;
    discussion: string;
    opinions: Array<{ speaker: string; stance: string; text: string; reservation: boolean }>;
    decisions: string[];
  }>;
}

export interface ReceiptFacts {
  minutesNumber: string;
  purpose: string;
  recipient: string;
  sentAt: string;
  dueDate: string;
  readAt: string | null;
  readComment: string | null;
  receivedAt: string | null;
  receivedBy: string | null;
}

export interface TrackedFacts {
  decision: string;
  topicTitle: string;
  responsible: string;
  coResponsible: string;
  deadline: string | null;
  originalDeadline: string | null;
  extensions: number;
  status: string;
  closedAt: string | null;
  terminationReference: string | null;
  events: Array<{ at: string; actor: string; kind: string; text: string }>;
}

const when = (iso: string | null) => (iso ? shanghaiDateTime(iso) : '');

/** The meeting record as PDF/A: meeting, attendance, each topic's discussion, stances and decisions. */
export async function renderRecordPdf(
  m: MeetingFacts,
  divisionName: string,
  pdfA: PdfAConformance,
  fonts?: PdfFonts,
): Promise<Buffer> {
  const title = `${divisionName}处务会会议记录`;
  const doc = new FlowPdf({ title, at: new Date(m.closedAt ?? m.startsAt), pdfA, ...(fonts ? { fonts } : {}) });
  doc.title(title);
  doc.labelled('会议', `${m.title}（${m.kindLabel}）`);
  doc.labelled('时间', when(m.startsAt));
  doc.labelled('地点', m.place);
  doc.labelled('主持人', m.chair);
  doc.labelled('记录人', m.recorder);
  if (m.backfillReason) doc.labelled('补录原因', m.backfillReason);
  const byAttendance = (role: string, labels: string[]) =>
    m.participants.filter((p) => p.role === role && labels.includes(p.attendance)).map((p) => p.name);
  doc.labelled(
    '出席',
    [...byAttendance('参会', ['出席']), ...byAttendance('参会', ['迟到']).map((n) => `${n}（迟到）`)].join('、'),
  );
  doc.labelled(
    '请假',
    m.leaves
      .filter((l) => l.status === '已批准')
      .map((l) => `${l.name}（${l.reason}）`)
      .join('、') || '无',
  );
  doc.labelled('缺席', byAttendance('参会', ['缺席']).join('、') || '无');
  doc.labelled(
    '列席',
    m.participants
      .filter((p) => p.role === '列席')
      .map((p) => p.name)
      .join('、') || '无',
  );
  m.record.forEach((e, i) => {
    doc.heading(`议题${i + 1}：${e.topicTitle}`);
    doc.labelled('分类', e.category);
    doc.labelled('记录状态', e.status);
    if (e.discussion) doc.labelled('讨论情况', e.discussion);
    for (const o of e.opinions)
      doc.paragraph(`${o.speaker}（${o.stance}${o.reservation ? '，保留意见' : ''}）：${o.text || '—'}`, {
        indentChars: 2,
        hangChars: 2,
      });
    for (const d of e.decisions) doc.paragraph(`议定：${d}`, { indentChars: 2, hangChars: 2 });
  });
  return doc.end();
}

/** Attendance, leave, distribution receipts and tracked items' outcomes of one meeting, as XML. */
export function factsXml(m: MeetingFacts, receipts: ReceiptFacts[], tracked: TrackedFacts[]): string {
  return writeXml(
    el(
      '办理情况',
      { 会议: m.id },
      el(
        '出席情况',
        {},
        ...m.participants.map((p) =>
          el('人员', { 姓名: p.name, 身份: p.role, 出席: p.attendance, 签到时间: p.checkedInAt ?? undefined }),
        ),
      ),
      el(
        '请假',
        {},
        ...m.leaves.map((l) =>
          el(
            '请假申请',
            { 姓名: l.name, 状态: l.status, 审批人: l.decidedBy ?? undefined, 审批时间: l.decidedAt ?? undefined },
            l.reason,
          ),
        ),
      ),
      el(
        '分送签收',
        {},
        ...receipts.map((r) =>
          el('分送', {
            纪要编号: r.minutesNumber,
            方式: r.purpose,
            对象: r.recipient,
            分送时间: r.sentAt,
            时限: r.dueDate,
            阅知时间: r.readAt ?? undefined,
            阅知意见: r.readComment ?? undefined,
            签收时间: r.receivedAt ?? undefined,
            签收人: r.receivedBy ?? undefined,
          }),
        ),
      ),
      el(
        '督办事项',
        {},
        ...tracked.map((t) =>
          el(
            '事项',
            {
              议题: t.topicTitle,
              责任: t.responsible,
              协办: t.coResponsible || undefined,
              完成时限: t.deadline ?? undefined,
              原定时限: t.originalDeadline ?? undefined,
              延期次数: t.extensions,
              办理结果: t.status,
              办结时间: t.closedAt ?? undefined,
              终止依据: t.terminationReference ?? undefined,
            },
            leaf('议定事项', t.decision),
            el('办理过程', {}, ...t.events.map((e) => el('记录', { 时间: e.at, 人员: e.actor, 类型: e.kind }, e.text))),
          ),
        ),
      ),
    ),
  );
}
