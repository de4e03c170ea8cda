/**
 * The data generator every bench shares (`npm run seed:scale`, issue 11): N units (bureaus) of
 * D divisions each, Y years of their meetings — topics on the agenda, the record with opinions and
 * decisions, issued and sealed minutes with their numbers, distributions and distribution entries
 * with read and filing receipts, notices, leave requests — written straight through Kysely in
 * multi-row INSERTs, one transaction per unit, into a migrated database (SQLite or PostgreSQL).
 *
 * Deterministic: every id, name, count and instant comes from a seeded PRNG (mulberry32) and the
 * `now` the data is built around, so the same options give the same rows. The app's own reads accept
 * it (see generate.test.ts): everyone signs in with SCALE_PASSWORD.
 *
 * Shape of one unit: a 局领导 division (a principal leader, a discipline secretary, three supervising
 * leaders who split the divisions between them) plus D divisions that meet — the first is the
 * 办公室 (general office), the second the 监察室 (supervision office, which files the minutes), the
 * rest business divisions — each with a head, a deputy, a recorder and three staff. Each division
 * meets once or twice a month from `now` − Y years until a month after `now`: past meetings are
 * closed with issued minutes (the last ten days' still in draft, their distribution pending or
 * overdue), meetings of the coming fortnight are notified, later ones planned.
 *
 * For the compliance matrix (R6.4, bench:oversight): a funds register per unit whose lines follow the
 * decided funds topics (most confirmed, some awaiting review, a few paid before the decision or with no
 * decision at all — findings), and, when `blobs` is given, topic material (text files) stored in it.
 * A few deliberate misses so the matrix is not all green, drawn from a second PRNG so the rest of the
 * data does not move: a month whose only meeting was cancelled (R3.5), a number skipped (R5.6), minutes
 * that dropped a decision of their record (R5.4), material whose file was never stored (R5.7).
 */
import { createHash } from 'node:crypto';
import { CompiledQuery, sql, type Kysely, type Transaction } from 'kysely';
import type { BlobStore } from '../../server/platform/storage/blob-store.js';
import type { Database } from '../../server/platform/db/schema.js';
import type { Db } from '../../server/platform/db/database.js';
import { DEFAULT_REGIME, DEFAULT_SECURITY, TOPIC_CATEGORY_DEFAULTS } from '../../core/settings.js';
import { hashPassword } from '../../server/platform/auth/password.js';
import { minutesContentHash } from '../../server/modules/minutes/minutes-seal.js';
import type { MinutesContent, MinutesSection } from '../../core/minutes.js';
import type { Decision, Opinion } from '../../core/record.js';
import { shanghaiDay, shanghaiDayStart } from '../../core/shanghai-time.js';

export const SCALE_PASSWORD = 'Scale@2026';

export interface ScaleOptions {
  units: number;
  /** Divisions that meet, per unit (the 局领导 division comes on top). */
  divisions: number;
  years: number;
  /** The instant the data is built around (default: the start of today, UTC). */
  now?: Date;
  /** PRNG seed (default 11). */
  seed?: number;
  /** Called after each unit's transaction commits. */
  progress?: (unitsDone: number, rows: Record<string, number>) => void;
  /** Where topic material is stored; without it no material is generated. */
  blobs?: BlobStore;
}

export interface ScaleResult {
  rows: Record<string, number>;
  /** Material files written to `blobs` (attachments whose file was deliberately left out are not). */
  files: number;
  ms: number;
  /** Who to sign in as for the reads the benches make (unit 1). */
  users: { head: string; director: string; recorder: string; office: string };
}

/** The username of a generated person: unit u (1-based), division d (1-based, 0 = 局领导), who. */
export function scaleUsername(u: number, d: number, who: string): string {
  return d === 0 ? `u${u}-${who}` : `u${u}-d${d}-${who}`;
}

// ---------------------------------------------------------------- deterministic randomness

/** mulberry32: small, fast, good enough to shape data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rand {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = prng(seed);
  }
  float(): number {
    return this.next();
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)] as T;
  }
  /** A version-4-shaped UUID. */
  uuid(): string {
    let h = '';
    for (let i = 0; i < 4; i++) h += (Math.floor(this.next() * 4294967296) >>> 0).toString(16).padStart(8, '0');
    const v = `${h.slice(0, 12)}4${h.slice(13, 16)}${'89ab'[parseInt(h[16] ?? '0', 16) & 3]}${h.slice(17)}`;
    return `${v.slice(0, 8)}-${v.slice(8, 12)}-${v.slice(12, 16)}-${v.slice(16, 20)}-${v.slice(20, 32)}`;
  }
  hex(n: number): string {
    let h = '';
    while (h.length < n) h += (Math.floor(this.next() * 4294967296) >>> 0).toString(16).padStart(8, '0');
    return h.slice(0, n);
  }
}

// ---------------------------------------------------------------- names and words

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建国志新海燕雪梅立波辉鹏宇浩凯琳晨欣怡佳颖婷慧';
const BUSINESS = [
  '对外贸易处',
  '外商投资管理处',
  '市场运行和消费促进处',
  '电子商务和服务贸易处',
  '规划财务处',
  '市场体系建设处',
  '流通业发展处',
  '对外投资和经济合作处',
  '口岸与物流处',
  '产业安全与进出口管制处',
  '商贸服务业处',
  '综合处',
  '政策法规处',
  '人事处',
  '自贸区工作处',
  '开发区工作处',
  '外经贸发展处',
  '国际经贸关系处',
  '会展业发展处',
  '消费品市场处',
];
const SUBJECTS = [
  '年度重点工作任务分解',
  '专项资金申报项目初审',
  '行政许可事项办理情况',
  '外贸企业纾困帮扶措施',
  '重点项目推进情况',
  '处室预算执行情况',
  '党风廉政建设责任清单',
  '调研报告起草',
  '统计监测工作安排',
  '政务信息报送',
  '招商引资活动筹备',
  '消费促进活动方案',
  '督查督办事项落实',
  '制度修订',
  '安全生产检查',
];
const NARRATIVE =
  '会议听取了有关情况的汇报，结合处室职责进行了认真研究，认为该项工作符合局党委部署要求，须按程序抓紧推进，并注意做好风险防控。';

function personName(r: Rand): string {
  return r.pick([...SURNAMES]) + r.pick([...GIVEN]) + (r.chance(0.6) ? r.pick([...GIVEN]) : '');
}

const CN_DIGITS = '〇一二三四五六七八九';
function chineseOrdinal(n: number): string {
  if (n <= 10) return n === 10 ? '十' : (CN_DIGITS[n] ?? '');
  if (n < 20) return `十${CN_DIGITS[n - 10] ?? ''}`;
  return `${CN_DIGITS[Math.floor(n / 10)] ?? ''}十${n % 10 ? (CN_DIGITS[n % 10] ?? '') : ''}`;
}

// ---------------------------------------------------------------- time

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const iso = (ms: number) => new Date(ms).toISOString();
/** 09:30 in Shanghai on a day given as UTC midnight ms. */
const shanghaiMorning = (dayMs: number) => Date.parse(shanghaiDayStart(isoDay(dayMs))) + 570 * 60_000;

/** The day `n` working days (Mon–Fri) after `dayMs`. */
function workingDaysAfter(dayMs: number, n: number): number {
  let d = dayMs;
  let left = n;
  while (left > 0) {
    d += DAY;
    const wd = new Date(d).getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return d;
}

// ---------------------------------------------------------------- batched inserts

type Table = keyof Database;
type Row = Record<string, string | number | null>;
type Q = Kysely<Database> | Transaction<Database>;

/** Rows per INSERT on SQLite: under its 32766 bound parameters. */
const MAX_PARAMS = 30_000;
/** Rows per INSERT on PostgreSQL, where a batch is one JSON parameter. */
const PG_BATCH = 5_000;

const quote = (name: string) => `"${name}"`;

/**
 * Multi-row INSERTs of plain rows as raw SQL through Kysely (no query tree per value: at millions of
 * rows building it costs more than the database's work). PostgreSQL takes a batch as one JSON
 * parameter unpacked by json_populate_recordset; SQLite a VALUES list.
 */
async function insertAll(db: Q, kind: Db['kind'], table: Table, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0] as Row);
  const list = cols.map(quote).join(', ');
  if (kind === 'postgres') {
    for (let i = 0; i < rows.length; i += PG_BATCH)
      await db.executeQuery(
        CompiledQuery.raw(
          `insert into ${quote(table)} (${list}) select ${list} from json_populate_recordset(null::${quote(table)}, $1::json)`,
          [JSON.stringify(rows.slice(i, i + PG_BATCH))],
        ),
      );
    return;
  }
  const per = Math.max(1, Math.floor(MAX_PARAMS / cols.length));
  const tuple = `(${cols.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const params: unknown[] = [];
    for (const row of chunk) for (const c of cols) params.push(row[c] ?? null);
    await db.executeQuery(
      CompiledQuery.raw(`insert into ${quote(table)} (${list}) values ${chunk.map(() => tuple).join(', ')}`, params),
    );
  }
}

/** Tables in the order their foreign keys allow. */
const ORDER: Table[] = [
  'units',
  'settings',
  'divisions',
  'users',
  'memberships',
  'unit_roles',
  'unit_role_divisions',
  'topics',
  'meetings',
  'agenda_items',
  'participants',
  'leave_requests',
  'record_entries',
  'minutes',
  'minutes_counters',
  'distributions',
  'distribution_entries',
  'notices',
  'tracking_items',
  'tracking_events',
  'tracking_extensions',
  'attachments',
  'registers',
  'register_lines',
  'register_decisions',
];

// ---------------------------------------------------------------- one unit

interface Person {
  id: string;
  name: string;
}
interface Division {
  id: string;
  name: string;
  kind: string;
  head: Person;
  deputy: Person;
  recorder: Person;
  staff: Person[];
  supervisor: Person;
}

function unitRows(
  u: number,
  o: Required<Pick<ScaleOptions, 'divisions' | 'years' | 'seed'>> & { material: boolean },
  nowMs: number,
  hash: string,
) {
  const r = new Rand(o.seed * 1_000_003 + u);
  // Material, registers and deliberate misses: their own stream, so the rest stays as it was.
  const rx = new Rand(o.seed * 7_000_003 + u);
  const files: Buffer[] = [];
  const decidedFunds: Array<{
    topicId: string;
    title: string;
    division: Division;
    amountFen: number;
    meetingId: string;
    meetingDayMs: number;
  }> = [];
  const out = new Map<Table, Row[]>(ORDER.map((t) => [t, []]));
  const push = (t: Table, row: Row) => (out.get(t) as Row[]).push(row);
  const unitId = r.uuid();
  const created = iso(nowMs - o.years * 366 * DAY - 30 * DAY);
  push('units', { unit_id: unitId, name: `第${u}市商务局`, is_demo: 0, created_at: created });
  for (const [section, value] of [
    ['regime', DEFAULT_REGIME],
    ['security', DEFAULT_SECURITY],
  ] as const)
    push('settings', {
      unit_id: unitId,
      section,
      value: JSON.stringify(value),
      version: 1,
      updated_at: created,
      updated_by: null,
    });

  const division = (name: string, kind: string, order: number) => {
    const id = r.uuid();
    push('divisions', {
      id,
      unit_id: unitId,
      name,
      kind,
      sort_order: order * 10,
      active: 1,
      version: 1,
      created_at: created,
      updated_at: created,
    });
    return id;
  };
  const person = (username: string, divisionId: string | null, position: string, recorder = false): Person => {
    const id = r.uuid();
    const name = personName(r);
    push('users', {
      id,
      unit_id: unitId,
      username,
      display_name: name,
      email: `${username}@scale.jiyao.local`,
      phone: null,
      password_hash: hash,
      must_change_password: 0,
      failed_logins: 0,
      locked_until: null,
      active: 1,
      last_login_at: null,
      password_changed_at: created,
      version: 1,
      created_at: created,
      updated_at: created,
    });
    if (divisionId)
      push('memberships', {
        id: r.uuid(),
        unit_id: unitId,
        division_id: divisionId,
        user_id: id,
        position,
        is_recorder: recorder ? 1 : 0,
        created_at: created,
      });
    return { id, name };
  };
  const role = (userId: string, name: string, supervises: string[] = []) => {
    const id = r.uuid();
    push('unit_roles', { id, unit_id: unitId, user_id: userId, role: name, created_at: created });
    for (const d of supervises) push('unit_role_divisions', { unit_id: unitId, unit_role_id: id, division_id: d });
  };

  // 局领导
  const leadersId = division('局领导', 'leadership', 0);
  const director = person(scaleUsername(u, 0, 'director'), leadersId, 'head');
  role(director.id, 'principal_leader');
  const secretary = person(scaleUsername(u, 0, 'jiwei'), leadersId, 'staff');
  role(secretary.id, 'discipline_secretary');
  const supervisors = [1, 2, 3].map((i) => person(scaleUsername(u, 0, `leader${i}`), leadersId, 'staff'));

  const divisions: Division[] = [];
  for (let d = 1; d <= o.divisions; d++) {
    const kind = d === 1 ? 'general_office' : d === 2 ? 'supervision_office' : 'business';
    const base = d === 1 ? '办公室' : d === 2 ? '监察室' : (BUSINESS[(d - 3) % BUSINESS.length] as string);
    const name = d - 3 >= BUSINESS.length ? `${base.slice(0, -1)}${Math.floor((d - 3) / BUSINESS.length) + 1}处` : base;
    const id = division(name, kind, d);
    divisions.push({
      id,
      name,
      kind,
      head: person(scaleUsername(u, d, 'head'), id, 'head'),
      deputy: person(scaleUsername(u, d, 'deputy'), id, 'deputy'),
      recorder: person(scaleUsername(u, d, 'recorder'), id, 'staff', true),
      staff: [1, 2, 3].map((i) => person(scaleUsername(u, d, `staff${i}`), id, 'staff')),
      supervisor: supervisors[(d - 1) % 3] as Person,
    });
  }
  for (const [i, s] of supervisors.entries())
    role(
      s.id,
      'supervising_leader',
      divisions.filter((_, j) => j % 3 === i).map((d) => d.id),
    );
  const office = divisions.find((d) => d.kind === 'supervision_office');
  const officeUsers = office ? [office.head, office.deputy, office.recorder, ...office.staff] : [];

  // Meetings, month by month, per division.
  const now = new Date(nowMs);
  const firstMonth = now.getUTCFullYear() * 12 + now.getUTCMonth() - o.years * 12 + 1;
  const lastMonth = now.getUTCFullYear() * 12 + now.getUTCMonth() + 1;
  const counters = new Map<string, number>();
  for (const d of divisions) {
    const members = [d.head, d.deputy, d.recorder, ...d.staff];
    let nth = 0;
    let year = 0;
    // A few topics waiting for the head's approval and a few approved ones in the pool.
    for (const [status, n] of [
      ['submitted', 2],
      ['approved', 2],
    ] as const)
      for (let i = 0; i < n; i++) {
        const at = iso(nowMs - r.int(1, 20) * DAY);
        push('topics', topicRow(r, unitId, d, r.pick(d.staff).id, status, at, null));
      }
    for (let mon = firstMonth; mon <= lastMonth; mon++) {
      const y = Math.floor(mon / 12);
      const m = mon % 12;
      if (y !== year) {
        year = y;
        nth = 0;
      }
      const count = r.chance(0.5) ? 2 : 1;
      // R3.5 miss: now and then a month's only meeting is cancelled.
      const cancelOnly = count === 1 && rx.chance(0.02);
      for (let c = 0; c < count; c++) {
        const dayOfMonth = c === 0 ? r.int(2, 14) : r.int(15, 28);
        const dayMs = Date.UTC(y, m, dayOfMonth);
        const startsMs = shanghaiMorning(dayMs);
        nth++;
        meeting(d, members, startsMs, nth, cancelOnly);
      }
    }
  }

  function meeting(d: Division, members: Person[], startsMs: number, nth: number, cancel: boolean) {
    const id = r.uuid();
    const past = startsMs < nowMs - 3 * 3600_000;
    const cancelled = past && cancel;
    const held = past && !cancelled;
    const status = cancelled ? 'cancelled' : past ? 'closed' : startsMs - nowMs < 14 * DAY ? 'notified' : 'planned';
    const year = new Date(startsMs).getUTCFullYear();
    const title = `${d.name}${year}年第${chineseOrdinal(nth)}次处务会`;
    const createdMs = startsMs - r.int(5, 12) * DAY;
    const notifiedMs = startsMs - r.int(2, 4) * DAY;
    const closedMs = startsMs + r.int(60, 150) * 60_000;
    push('meetings', {
      id,
      unit_id: unitId,
      division_id: d.id,
      kind: r.chance(0.05) ? 'urgent' : 'regular',
      title,
      starts_at: iso(startsMs),
      place: r.pick(['第一会议室', '第二会议室', '处室会议室', '三楼小会议室']),
      chair_id: d.head.id,
      recorder_id: d.recorder.id,
      convened_by: d.head.id,
      chair_designated_by: null,
      status,
      cancel_reason: cancelled ? '处室负责人外出，会议取消' : null,
      notified_at: status === 'planned' ? null : iso(Math.min(notifiedMs, nowMs - DAY)),
      started_at: held ? iso(startsMs) : null,
      closed_at: held ? iso(closedMs) : null,
      checkin_secret: r.hex(32),
      version: past ? 4 : 2,
      created_at: iso(Math.min(createdMs, nowMs - DAY)),
      updated_at: iso(past ? closedMs : Math.min(notifiedMs, nowMs - DAY)),
      backfill_reason: null,
      backfill_by: null,
      backfill_at: null,
      paper_minutes_sha256: null,
      paper_minutes_filename: null,
      paper_minutes_type: null,
      paper_minutes_size: null,
      paper_minutes_by: null,
      paper_minutes_at: null,
    });
    // Participants: the division; in a held meeting one may have been on leave.
    const onLeave = held && r.chance(0.3) ? r.pick(d.staff).id : null;
    const present: string[] = [];
    const leave: string[] = [];
    for (const p of members) {
      const away = p.id === onLeave;
      (away ? leave : present).push(p.name);
      push('participants', {
        id: r.uuid(),
        unit_id: unitId,
        meeting_id: id,
        user_id: p.id,
        role: 'participant',
        attendance: held ? (away ? 'leave' : r.chance(0.03) ? 'late' : 'present') : null,
        checked_in_at: held && !away ? iso(startsMs - r.int(1, 10) * 60_000) : null,
        marked_by: null,
        notice_read_at:
          status === 'planned' ? null : r.chance(0.7) ? iso(Math.min(notifiedMs + 3600_000, nowMs)) : null,
      });
      const pendingLeave = !past && status === 'notified' && p.id !== d.head.id && r.chance(0.05);
      if (away || pendingLeave)
        push('leave_requests', {
          id: r.uuid(),
          unit_id: unitId,
          meeting_id: id,
          user_id: p.id,
          reason: r.pick(['出差', '参加局里培训', '病假', '外出调研']),
          status: away ? 'approved' : 'pending',
          decided_by: away ? d.head.id : null,
          decided_at: away ? iso(notifiedMs + 7200_000) : null,
          decision_note: null,
          created_at: iso(Math.min(notifiedMs + 3600_000, nowMs - 3600_000)),
        });
    }
    // The agenda: 2–5 topics, each with its record entry once held.
    const sections: MinutesSection[] = [];
    const tracked: { topicId: string; title: string; decision: Decision }[] = [];
    const nTopics = r.int(2, 5);
    for (let pos = 1; pos <= nTopics; pos++) {
      const topicId = r.uuid();
      const proposer = r.pick(members);
      const subject = `关于${r.pick(SUBJECTS)}的议题（${pos}）`;
      push(
        'topics',
        topicRow(
          r,
          unitId,
          d,
          proposer.id,
          held ? 'decided' : cancelled ? 'approved' : 'scheduled',
          iso(createdMs),
          held ? iso(closedMs) : null,
          {
            id: topicId,
            title: subject,
            decidedBy: d.head.id,
          },
        ),
      );
      push('agenda_items', {
        id: r.uuid(),
        unit_id: unitId,
        meeting_id: id,
        topic_id: topicId,
        position: pos,
        // What the record writes for a topic recorded as discussed (record.ts).
        outcome: held ? 'discussed' : null,
      });
      // Material: a text file with some topics (R2.3), stored when there is a blob store.
      if (o.material && rx.chance(0.2)) {
        const text = `议题材料：${subject}\n${NARRATIVE.repeat(rx.int(5, 40))}\n（${topicId}）\n`;
        const data = Buffer.from(text, 'utf8');
        const sha = createHash('sha256').update(data).digest('hex');
        push('attachments', {
          id: rx.uuid(),
          unit_id: unitId,
          topic_id: topicId,
          sha256: sha,
          size: data.length,
          file_type: 'txt',
          filename: `${subject}.txt`,
          uploaded_by: proposer.id,
          created_at: iso(createdMs),
          deleted_at: null,
        });
        // R5.7 miss: once in a while the file never reached the store.
        if (!rx.chance(1 / 300)) files.push(data);
      }
      if (held) {
        const t = out.get('topics')?.at(-1);
        if (t && t.funds_amount_fen !== null && t.id === topicId)
          decidedFunds.push({
            topicId,
            title: subject,
            division: d,
            amountFen: Number(t.funds_amount_fen),
            meetingId: id,
            meetingDayMs: Date.parse(`${shanghaiDay(new Date(startsMs))}T00:00:00Z`),
          });
      }
      if (!held) continue;
      const speakers = members.filter((p) => p.id !== onLeave).slice(0, r.int(2, 4));
      const opinions: Opinion[] = speakers.map((p) => {
        const stance = r.chance(0.06) ? 'against' : r.chance(0.04) ? 'abstain' : r.chance(0.5) ? 'for' : 'opinion';
        return {
          speakerId: p.id,
          speakerName: p.name,
          stance,
          text: stance === 'against' ? '建议暂缓，待进一步论证后再议。' : '同意，建议抓紧组织实施。',
        };
      });
      // Half the decisions name one of the division's people, the rest the division itself (R6.2).
      const owner = r.chance(0.5) ? r.pick(d.staff) : null;
      const decisions: Decision[] = [
        {
          text: `同意${subject.slice(2, -4)}，由${owner ? `${owner.name}同志` : d.name}按程序办理。`,
          outcome: 'adopted',
          responsible: owner ? owner.name : d.name,
          ...(owner ? { responsibleUserId: owner.id } : { responsibleDivisionId: d.id }),
          deadline: isoDay(startsMs + r.int(15, 60) * DAY),
        },
      ];
      for (const x of decisions) tracked.push({ topicId, title: subject, decision: x });
      push('record_entries', {
        id: r.uuid(),
        unit_id: unitId,
        meeting_id: id,
        topic_id: topicId,
        status: 'recorded',
        discussion: NARRATIVE,
        opinions: JSON.stringify(opinions),
        decisions: JSON.stringify(decisions),
        version: 2,
        updated_by: d.recorder.id,
        updated_at: iso(closedMs),
      });
      sections.push({
        topicId,
        heading: `${chineseOrdinal(pos)}、${subject}`,
        marks: '',
        narrative: NARRATIVE,
        blocks: [
          ...decisions.map((x) => ({ kind: 'decision' as const, speakerId: null, speakerName: null, text: x.text })),
          ...opinions
            .filter((x) => x.stance === 'against' || x.stance === 'abstain')
            .map((x) => ({
              kind: x.stance === 'against' ? ('dissent' as const) : ('abstention' as const),
              speakerId: x.speakerId,
              speakerName: x.speakerName,
              text: `${x.speakerName}同志${x.stance === 'against' ? '不同意' : '弃权'}：“${x.text}”`,
            })),
        ],
        recordVersion: 2,
      });
    }
    if (!held) return;

    // R5.4 miss: rarely the minutes dropped a decision their record holds.
    const dropped = rx.chance(0.01) ? sections.find((x) => x.blocks.some((b) => b.kind === 'decision')) : undefined;
    if (dropped) dropped.blocks = dropped.blocks.filter((b) => b.kind !== 'decision');

    // Minutes and their distribution.
    const meetingDayMs = Date.parse(`${shanghaiDay(new Date(startsMs))}T00:00:00Z`);
    const dueMs = workingDaysAfter(meetingDayMs, DEFAULT_REGIME.distributionWorkingDays);
    const deadline = `${isoDay(dueMs)}T15:59:59.999Z`;
    const late = r.chance(0.04);
    const issuedMs = late
      ? dueMs + r.int(1, 4) * DAY + 2 * 3600_000
      : Math.max(closedMs + 3600_000, dueMs - r.int(0, 2) * DAY);
    const issued = issuedMs < nowMs;
    const minutesId = r.uuid();
    const content: MinutesContent = {
      title: `${d.name}处务会会议纪要`,
      opening: `${isoDay(meetingDayMs)}，${d.head.name}同志主持召开处务会。现将会议议定事项纪要如下：`,
      sections,
      closing: '',
      present: present,
      leave,
      observers: [],
      recorder: d.recorder.name,
      distribution: '分送：局主要领导，分管领导，局纪委书记，监察室（备案）',
    };
    const contentText = JSON.stringify(content);
    let number: string | null = null;
    let seq: number | null = null;
    if (issued) {
      const key = `${d.id}/${year}`;
      // R5.6 miss: rarely a number is skipped.
      seq = (counters.get(key) ?? 0) + 1 + (rx.chance(0.01) ? 1 : 0);
      counters.set(key, seq);
      number = `〔${year}〕${seq}号`;
    }
    push('minutes', {
      id: minutesId,
      unit_id: unitId,
      meeting_id: id,
      division_id: d.id,
      status: issued ? 'issued' : r.chance(0.5) ? 'draft' : 'in_review',
      content: contentText,
      version: issued ? 3 : 1,
      number_year: issued ? year : null,
      number_seq: seq,
      number,
      revision: 0,
      supersedes_id: null,
      content_hash: number ? minutesContentHash('sha256', id, number, 0, contentText) : null,
      hash_alg: number ? 'sha256' : null,
      created_by: d.recorder.id,
      issued_by: issued ? d.head.id : null,
      issued_at: issued ? iso(issuedMs) : null,
      created_at: iso(closedMs + 1800_000),
      updated_at: iso(issued ? issuedMs : closedMs + 1800_000),
    });
    const distStatus = issued
      ? issuedMs > Date.parse(deadline)
        ? 'late'
        : 'on_time'
      : Date.parse(deadline) < nowMs
        ? 'overdue'
        : 'pending';
    push('distributions', {
      meeting_id: id,
      unit_id: unitId,
      division_id: d.id,
      meeting_day: isoDay(meetingDayMs),
      working_days: DEFAULT_REGIME.distributionWorkingDays,
      due_date: isoDay(dueMs),
      deadline,
      provisional: 0,
      status: distStatus,
      minutes_id: issued ? minutesId : null,
      issued_at: issued ? iso(issuedMs) : null,
      overdue_at: distStatus === 'overdue' || distStatus === 'late' ? deadline : null,
      created_at: iso(closedMs),
      updated_at: iso(issued ? issuedMs : closedMs),
    });
    if (!issued) return;
    tracked.forEach((t, i) => trackingItem(d, t, i, { minutesId, number: number ?? '', meetingId: id, issuedMs }));
    const age = nowMs - issuedMs;
    const entry = (purpose: string, recipientRole: string, to: Person | null, divisionId: string | null) => {
      const read = to ? (age > 60 * DAY ? r.chance(0.98) : r.chance(0.6)) : false;
      const readMs = issuedMs + r.int(1, 72) * 3600_000;
      const received = !to && (age > 30 * DAY || r.chance(0.5));
      push('distribution_entries', {
        id: r.uuid(),
        unit_id: unitId,
        minutes_id: minutesId,
        meeting_id: id,
        purpose,
        recipient_role: recipientRole,
        recipient_id: to?.id ?? null,
        recipient_division_id: divisionId,
        due_date: isoDay(dueMs),
        deadline,
        provisional: 0,
        sent_at: iso(issuedMs),
        read_at: read && readMs < nowMs ? iso(readMs) : null,
        received_at: received ? iso(Math.min(readMs, nowMs)) : null,
        received_by: received && office ? office.recorder.id : null,
        created_at: iso(issuedMs),
      });
      // The notice that went with it (kept for the last 90 days, as a purge would).
      if (to && age < 90 * DAY)
        push('notices', {
          id: r.uuid(),
          unit_id: unitId,
          user_id: to.id,
          kind: 'minutes.distributed',
          subject_type: 'minutes',
          subject_id: minutesId,
          title: `${purpose === 'report' ? '报送' : '传阅'}：${number}（${content.title}）`,
          body: `会议纪要${number}（${content.title}）已印发，请查阅并确认“已阅”。`,
          created_at: iso(issuedMs),
          read_at: read && readMs < nowMs ? iso(readMs) : null,
          email_status: 'none',
          email_attempts: 0,
          email_next_at: null,
          email_error: null,
          email_sent_at: null,
        });
    };
    entry('report', 'principal_leader', director, null);
    entry('report', 'supervising_leader', d.supervisor, null);
    entry('report', 'discipline_secretary', secretary, null);
    for (const p of members) entry('circulate', 'member', p, null);
    if (office) entry('file', 'supervision_office', null, office.id);
    if (office && age < 90 * DAY)
      for (const p of officeUsers.slice(0, 1))
        push('notices', {
          id: r.uuid(),
          unit_id: unitId,
          user_id: p.id,
          kind: 'minutes.filed',
          subject_type: 'minutes',
          subject_id: minutesId,
          title: `报备：${number}（${content.title}）`,
          body: `会议纪要${number}（${content.title}）已报备，请签收。`,
          created_at: iso(issuedMs),
          read_at: age > 30 * DAY ? iso(issuedMs + DAY) : null,
          email_status: 'none',
          email_attempts: 0,
          email_next_at: null,
          email_error: null,
          email_sent_at: null,
        });
  }

  /**
   * The tracked item of one decision (R6.2), in the state a year of real use leaves it: most of the
   * past ones done (a few late, some verified, a few extended or ended by a later meeting), some
   * still open and overdue, the recent ones pending or in progress.
   */
  function trackingItem(
    d: Division,
    t: { topicId: string; title: string; decision: Decision },
    index: number,
    src: { minutesId: string; number: string; meetingId: string; issuedMs: number },
  ) {
    const id = r.uuid();
    const original = t.decision.deadline as string;
    const originalMs = Date.parse(`${original}T00:00:00Z`);
    const extended = r.chance(0.08);
    const deadline = extended ? isoDay(originalMs + r.int(10, 30) * DAY) : original;
    const deadlineMs = Date.parse(`${deadline}T08:00:00Z`);
    const pastDeadline = deadlineMs < nowMs;
    const roll = r.float();
    let status: string;
    let closedMs: number | null = null;
    if (pastDeadline && nowMs - deadlineMs > 20 * DAY) {
      status = roll < 0.06 ? 'in_progress' : roll < 0.09 ? 'terminated' : roll < 0.25 ? 'verified' : 'completed';
      if (status !== 'in_progress')
        closedMs = r.chance(0.1) ? deadlineMs + r.int(1, 15) * DAY : deadlineMs - r.int(0, 10) * DAY;
    } else {
      status =
        roll < 0.25 ? 'pending' : roll < 0.7 ? 'in_progress' : roll < 0.85 ? 'completion_requested' : 'completed';
      if (status === 'completed') closedMs = Math.min(nowMs - 3600_000, src.issuedMs + r.int(2, 20) * DAY);
    }
    if (closedMs !== null) closedMs = Math.max(closedMs, src.issuedMs + 3600_000);
    const reportMs = Math.min(nowMs - 3600_000, src.issuedMs + r.int(1, 10) * DAY);
    const reported = status !== 'pending';
    const lastMs = closedMs ?? (reported ? reportMs : src.issuedMs);
    const userId = t.decision.responsibleUserId ?? null;
    push('tracking_items', {
      id,
      unit_id: unitId,
      division_id: d.id,
      source_division_id: d.id,
      source_minutes_id: src.minutesId,
      source_number: src.number,
      source_meeting_id: src.meetingId,
      topic_id: t.topicId,
      topic_title: t.title,
      decision_index: index,
      decision_text: t.decision.text,
      wording: t.decision.text,
      responsible_user_id: userId,
      responsible_division_id: userId ? null : d.id,
      responsible_name: t.decision.responsible,
      co_responsible: '[]',
      co_responsible_ids: '  ',
      note: '',
      needs_completion: 0,
      original_deadline: original,
      deadline,
      extensions: extended ? 1 : 0,
      matter_flags: r.chance(0.15) ? JSON.stringify([r.pick(['funds', 'project', 'major_penalty'])]) : '[]',
      status,
      sampled: status === 'verified' ? 1 : 0,
      last_activity_day: shanghaiDay(new Date(lastMs)),
      termination_minutes_id: null,
      termination_reference: status === 'terminated' ? `〔${new Date(deadlineMs).getUTCFullYear()}〕99号` : null,
      closed_at: closedMs === null ? null : iso(closedMs),
      version: 1 + (reported ? 1 : 0) + (closedMs === null ? 0 : 2) + (extended ? 2 : 0),
      created_at: iso(src.issuedMs),
      updated_at: iso(lastMs),
    });
    let seq = 0;
    const event = (kind: string, ms: number, actor: Person | null, text: string) =>
      push('tracking_events', {
        id: r.uuid(),
        unit_id: unitId,
        item_id: id,
        seq: ++seq,
        kind,
        actor_id: actor?.id ?? null,
        actor_name: actor?.name ?? '系统',
        text,
        data: '{}',
        created_at: iso(ms),
      });
    const doer = userId ? { id: userId, name: t.decision.responsible } : d.head;
    event('created', src.issuedMs, d.head, `依据纪要${src.number}生成督办事项`);
    if (reported) event('report', reportMs, doer, '已按会议要求部署落实，正在推进。');
    if (extended) {
      const asked = Math.min(originalMs - DAY, reportMs + DAY);
      push('tracking_extensions', {
        id: r.uuid(),
        unit_id: unitId,
        item_id: id,
        requested_by: doer.id,
        reason: '涉及多个部门会签，需延长办理时间。',
        from_deadline: original,
        new_deadline: deadline,
        status: 'approved',
        decided_by: d.head.id,
        decided_at: iso(asked + 3600_000),
        note: '',
        created_at: iso(asked),
      });
      event('extension_request', asked, doer, '涉及多个部门会签，需延长办理时间。');
      event('extension_approve', asked + 3600_000, d.head, '');
    }
    if (closedMs !== null && status !== 'terminated') {
      event('completion_request', closedMs - 3600_000, doer, '已办结，报请确认。');
      event('confirm', closedMs, d.head, '');
    }
    if (status === 'terminated') event('terminate', closedMs as number, d.head, '经后续处务会研究，不再执行。');
  }

  for (const [key, last] of counters) {
    const [divisionId, year] = key.split('/');
    push('minutes_counters', { unit_id: unitId, division_id: divisionId ?? '', year: Number(year), last_seq: last });
  }

  // R4.1: the unit's funds register, imported by the supervision office two days ago — a line for
  // most decided funds topics (paid 2–25 days after the meeting, the amount within ±5%), most
  // confirmed, some awaiting review, a few paid before the meeting decided them; and now and then a
  // division's payment no meeting decided at all. Findings are the matrix's R4.1 misses.
  const registrar = office?.head ?? director;
  const registerId = rx.uuid();
  const importedMs = nowMs - 2 * DAY;
  const lines: Row[] = [];
  const today = Date.parse(`${isoDay(nowMs)}T00:00:00Z`);
  const line = (x: {
    division: Division;
    dayMs: number;
    amountFen: number;
    subject: string;
    state: 'confirmed' | 'proposed' | 'finding';
    match: (typeof decidedFunds)[number] | null;
  }) => {
    const id = rx.uuid();
    const score = x.match ? rx.int(35, 90) : null;
    const reviewed = x.state === 'confirmed';
    lines.push({
      id,
      unit_id: unitId,
      register_id: registerId,
      line_no: lines.length + 2,
      kind: 'funds',
      division_id: x.division.id,
      day: isoDay(x.dayMs),
      amount_fen: x.amountFen,
      subject: x.subject,
      state: x.state,
      topic_id: x.match?.topicId ?? null,
      score,
      candidates: JSON.stringify(
        x.match
          ? [
              {
                topicId: x.match.topicId,
                title: x.match.title,
                meetingId: x.match.meetingId,
                meetingDay: isoDay(x.match.meetingDayMs),
                score,
              },
            ]
          : [],
      ),
      reviewed_by: reviewed ? registrar.id : null,
      reviewed_at: reviewed ? iso(importedMs + 3600_000) : null,
      review_reason: null,
      version: reviewed ? 2 : 1,
    });
    if (reviewed)
      push('register_decisions', {
        id: rx.uuid(),
        unit_id: unitId,
        line_id: id,
        seq: 1,
        action: 'confirm',
        topic_id: x.match?.topicId ?? null,
        reason: null,
        actor_id: registrar.id,
        at: iso(importedMs + 3600_000),
      });
  };
  for (const f of decidedFunds) {
    if (!rx.chance(0.7)) continue;
    const roll = rx.float();
    const early = roll >= 0.95;
    const dayMs = early ? f.meetingDayMs - rx.int(1, 10) * DAY : f.meetingDayMs + rx.int(2, 25) * DAY;
    if (dayMs >= today) continue;
    line({
      division: f.division,
      dayMs,
      amountFen: Math.round((f.amountFen * (100 + rx.int(-5, 5))) / 100),
      subject: `${f.title.slice(2, -4)}资金拨付`,
      state: early ? 'finding' : roll < 0.85 ? 'confirmed' : 'proposed',
      match: early ? null : f,
    });
  }
  for (const d of divisions)
    if (rx.chance(0.25))
      line({
        division: d,
        dayMs: today - rx.int(20, 330) * DAY,
        amountFen: rx.int(5, 80) * 1_000_000,
        subject: '专项资金追加拨付',
        state: 'finding',
        match: null,
      });
  if (lines.length > 0) {
    push('registers', {
      id: registerId,
      unit_id: unitId,
      kind: 'funds',
      filename: '资金登记簿.xlsx',
      sha256: rx.hex(64),
      line_count: lines.length,
      imported_by: registrar.id,
      imported_at: iso(importedMs),
    });
    for (const l of lines) push('register_lines', l);
  }
  return { out, files };
}

function topicRow(
  r: Rand,
  unitId: string,
  d: Division,
  proposerId: string,
  status: string,
  at: string,
  decidedAt: string | null,
  x: { id?: string; title?: string; decidedBy?: string } = {},
): Row {
  const funds = r.chance(0.15);
  return {
    id: x.id ?? r.uuid(),
    unit_id: unitId,
    division_id: d.id,
    proposer_id: proposerId,
    title: x.title ?? `关于${r.pick(SUBJECTS)}的议题`,
    description: '议题说明：背景、依据、拟办意见。',
    category: r.pick(TOPIC_CATEGORY_DEFAULTS),
    matter_flags: funds ? '["funds"]' : '[]',
    funds_amount_fen: funds ? r.int(10, 500) * 1_000_000 : null,
    important: r.chance(0.1) ? 1 : 0,
    status,
    return_reason: null,
    submitted_at: at,
    decided_by: status === 'decided' ? (x.decidedBy ?? d.head.id) : status === 'approved' ? d.head.id : null,
    decided_at: decidedAt ?? (status === 'approved' ? at : null),
    version: status === 'submitted' ? 2 : 4,
    created_at: at,
    updated_at: decidedAt ?? at,
  };
}

// ---------------------------------------------------------------- the run

/**
 * Writes the units into `db` (migrated; it may hold other units, e.g. the demo bureau, but no
 * generated unit with the same numbers). One transaction per unit.
 */
export async function generateScale(db: Db, opts: ScaleOptions): Promise<ScaleResult> {
  const t0 = performance.now();
  const now = opts.now ?? new Date(Math.floor(Date.now() / DAY) * DAY);
  const o = { divisions: opts.divisions, years: opts.years, seed: opts.seed ?? 11, material: opts.blobs !== undefined };
  if (!(o.divisions >= 1 && opts.units >= 1 && o.years >= 1)) throw new Error('units, divisions and years must be ≥ 1');
  const taken = await db.kysely
    .selectFrom('users')
    .select('username')
    .where('username', '=', scaleUsername(1, 0, 'director'))
    .executeTakeFirst();
  if (taken) throw new Error('the database already holds generated units (u1-director exists): use a fresh one');
  const hash = await hashPassword(SCALE_PASSWORD);
  const rows: Record<string, number> = Object.fromEntries(ORDER.map((t) => [t, 0]));
  let next = 1;
  let done = 0;
  let files = 0;
  // PostgreSQL: two units at a time, so one is generated while the other is written.
  const worker = async () => {
    while (next <= opts.units) {
      const u = next++;
      const { out: data, files: material } = unitRows(u, o, now.getTime(), hash);
      // The files first: a committed attachment row always finds its file (but the deliberate misses).
      for (const f of material) await opts.blobs?.put(f);
      files += material.length;
      await db.kysely.transaction().execute(async (trx) => {
        // Bulk load: a crash loses the last commits, and the generator is simply rerun then.
        if (db.kind === 'postgres') await sql`set local synchronous_commit = off`.execute(trx);
        for (const t of ORDER) await insertAll(trx, db.kind, t, data.get(t) ?? []);
      });
      for (const t of ORDER) rows[t] = (rows[t] ?? 0) + (data.get(t)?.length ?? 0);
      opts.progress?.(++done, rows);
    }
  };
  await Promise.all(Array.from({ length: db.kind === 'postgres' ? 2 : 1 }, worker));
  return {
    rows,
    files,
    ms: performance.now() - t0,
    users: {
      head: scaleUsername(1, Math.min(3, o.divisions), 'head'),
      director: scaleUsername(1, 0, 'director'),
      recorder: scaleUsername(1, Math.min(3, o.divisions), 'recorder'),
      office: scaleUsername(1, Math.min(2, o.divisions), 'head'),
    },
  };
}
