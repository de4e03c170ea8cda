import { AppError } from './errors.js';
import type { MatterFlag } from './settings.js';
import type { Actor } from './policy.js';

/**
 * A topic's life (§2): a staff proposal is a draft until submitted; the head (or a
 * deputy the head authorised) approves it or returns it with a reason (R2.2); a
 * topic the head sets is approved at once (R2.1). Approved topics wait in the
 * division's pool until a meeting's agenda takes them; deferred ones come back.
 */
export const TOPIC_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'approved',
  'scheduled',
  'decided',
  'withdrawn',
] as const;
export type TopicStatus = (typeof TOPIC_STATUSES)[number];

export const TOPIC_STATUS_LABELS: Record<TopicStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  returned: '已退回',
  approved: '待上会',
  scheduled: '已列入议程',
  decided: '已研究',
  withdrawn: '已撤回',
};

export type TopicAction = 'edit' | 'submit' | 'approve' | 'return' | 'withdraw' | 'schedule' | 'unschedule' | 'decide';

const TRANSITIONS: Record<TopicAction, { from: readonly TopicStatus[]; to: TopicStatus | null }> = {
  edit: { from: ['draft', 'returned'], to: null },
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  return: { from: ['submitted'], to: 'returned' },
  // A draft never submitted is not withdrawn: it stays the proposer's draft (issue 15).
  withdraw: { from: ['submitted', 'returned', 'approved'], to: 'withdrawn' },
  schedule: { from: ['approved'], to: 'scheduled' },
  unschedule: { from: ['scheduled'], to: 'approved' },
  decide: { from: ['scheduled'], to: 'decided' },
};

/** The status after `action`, or INVALID_TRANSITION. */
export function topicTransition(status: TopicStatus, action: TopicAction): TopicStatus {
  const t = TRANSITIONS[action];
  if (!t.from.includes(status)) {
    throw new AppError('INVALID_TRANSITION', `议题当前状态为“${TOPIC_STATUS_LABELS[status]}”，不能执行此操作`);
  }
  return t.to ?? status;
}

export function canTransition(status: TopicStatus, action: TopicAction): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/**
 * R4.1 / R1.2: a topic touching projects, funds, major penalties, licensing or
 * delegated power is an important matter that a meeting must decide.
 */
export function isImportantMatter(t: { important: boolean; matterFlags: readonly MatterFlag[] }): boolean {
  return t.important || t.matterFlags.length > 0;
}

/** Characters of text a reader sees: Markdown markup and white space do not count. */
export function plainTextLength(markdown: string): number {
  const text = markdown
    .replace(/```[\s\S]*?```/g, (m) => m.replace(/```/g, ''))
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[#>*_`~|-]/g, '')
    .replace(/\s+/g, '');
  return [...text].length;
}

/**
 * R2.4: an important matter proposed by staff comes with written material: at
 * least one attachment, or a written statement of at least `minChars` characters.
 */
export function hasWrittenMaterial(attachmentCount: number, description: string, minChars: number): boolean {
  return attachmentCount > 0 || plainTextLength(description) >= minChars;
}

/** Division leaders: the head and the deputies (处室负责人). */
export function positionIn(actor: Actor, divisionId: string): 'head' | 'deputy' | 'staff' | null {
  return actor.memberships.find((m) => m.divisionId === divisionId)?.position ?? null;
}

export const DELEGATED_POWERS = ['approve_topics', 'convene'] as const;
export type DelegatedPower = (typeof DELEGATED_POWERS)[number];
export const DELEGATED_POWER_LABELS: Record<DelegatedPower, string> = {
  approve_topics: '审核议题',
  convene: '召集主持处务会',
};

/** Yuan with up to two decimals → fen, or null for a malformed amount. */
export function yuanToFen(yuan: string): number | null {
  if (!/^\d{1,13}(\.\d{1,2})?$/.test(yuan)) return null;
  const [int, dec = ''] = yuan.split('.');
  return Number(int) * 100 + Number(dec.padEnd(2, '0'));
}

export function fenToYuan(fen: number): string {
  const s = String(Math.abs(Math.trunc(fen))).padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

export interface Delegation {
  userId: string;
  power: DelegatedPower;
}

/**
 * R2.2 / R3.2: the head holds a power; a deputy holds it when the head delegated it.
 */
export function holdsPower(
  actor: Actor,
  divisionId: string,
  delegations: readonly Delegation[],
  power: DelegatedPower,
): boolean {
  const position = positionIn(actor, divisionId);
  if (position === 'head') return true;
  return position === 'deputy' && delegations.some((d) => d.userId === actor.userId && d.power === power);
}
