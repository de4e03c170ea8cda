import { describe, expect, it } from 'vitest';
import { topicAbilities, type TopicActor } from './topic.js';
import { canDecideLeave, leaveDecider, meetingAbilities, type MeetingActor, type MeetingFacts } from './meeting.js';
import { minutesAbilities, type MinutesActor } from './minutes.js';
import { recordAbilities } from './record.js';
import { entryAbilities, type EntryActor, type EntryFacts } from './distribution.js';
import type { TopicStatus } from '../topics.js';
import type { MeetingStatus } from '../meetings.js';
import type { MinutesDto } from '../contracts/minutes.js';

/** The abilities object with exactly the named abilities true. */
function only<K extends string>(keys: readonly K[], yes: readonly K[]): Record<K, boolean> {
  return Object.fromEntries(keys.map((k) => [k, yes.includes(k)])) as Record<K, boolean>;
}

describe('topicAbilities', () => {
  const KEYS = ['edit', 'submit', 'approve', 'return', 'withdraw', 'upload', 'addFlags'] as const;
  type K = (typeof KEYS)[number];
  const proposer: TopicActor = { userId: 'u-staff', approver: false, isHead: false };
  const head: TopicActor = { userId: 'u-head', approver: true, isHead: true };
  const deputy: TopicActor = { userId: 'u-deputy', approver: true, isHead: false };
  const other: TopicActor = { userId: 'u-other', approver: false, isHead: false };

  it.each<[string, TopicActor, string, TopicStatus, K[]]>([
    ['the proposer', proposer, 'u-staff', 'draft', ['edit', 'submit', 'upload']],
    ['the proposer', proposer, 'u-staff', 'submitted', ['withdraw']],
    ['the proposer', proposer, 'u-staff', 'returned', ['edit', 'submit', 'withdraw', 'upload']],
    ['the proposer', proposer, 'u-staff', 'approved', ['withdraw']],
    ['the proposer', proposer, 'u-staff', 'scheduled', []],
    ['the proposer', proposer, 'u-staff', 'decided', []],
    ['the proposer', proposer, 'u-staff', 'withdrawn', []],
    ['the head on a staff topic', head, 'u-staff', 'draft', []],
    ['R2.2: the head on a staff topic', head, 'u-staff', 'submitted', ['approve', 'return', 'addFlags']],
    ['the head on a staff topic', head, 'u-staff', 'returned', []],
    ['the head on a staff topic', head, 'u-staff', 'approved', ['addFlags']],
    ['the head on a staff topic', head, 'u-staff', 'scheduled', ['addFlags']],
    ['the head on a staff topic', head, 'u-staff', 'decided', []],
    ['the head on a staff topic', head, 'u-staff', 'withdrawn', []],
    ['an authorised deputy on a staff topic', deputy, 'u-staff', 'submitted', ['approve', 'return', 'addFlags']],
    ['R2.2: an authorised deputy on their own topic', deputy, 'u-deputy', 'draft', ['edit', 'submit', 'upload']],
    ['R2.2: an authorised deputy on their own topic', deputy, 'u-deputy', 'submitted', ['withdraw', 'addFlags']],
    ['R2.2: an authorised deputy on their own topic', deputy, 'u-deputy', 'approved', ['withdraw', 'addFlags']],
    ['R2.2: the head on their own submitted topic', head, 'u-head', 'submitted', ['withdraw', 'addFlags']],
    ['another staff member', other, 'u-staff', 'draft', []],
    ['another staff member', other, 'u-staff', 'submitted', []],
    ['another staff member', other, 'u-staff', 'approved', []],
  ])('%s (proposed by %s), %s', (_who, actor, proposerId, status, yes) => {
    expect(topicAbilities(actor, { status, proposerId })).toEqual(only(KEYS, yes));
  });
});

describe('meetingAbilities', () => {
  const KEYS = [
    'edit',
    'notify',
    'start',
    'close',
    'cancel',
    'markAttendance',
    'requestLeave',
    'showCheckin',
    'uploadPaperMinutes',
    'readInternals',
  ] as const;
  type K = (typeof KEYS)[number];
  const NOW = new Date('2026-11-02T01:00:00Z');
  const meeting = (over: Partial<MeetingFacts> = {}): MeetingFacts => ({
    status: 'planned',
    chairId: 'u-chair',
    recorderId: 'u-rec',
    startsAt: '2026-11-03T02:00:00Z',
    headId: 'u-head',
    backfill: false,
    hasPaperMinutes: false,
    ...over,
  });
  const convener: MeetingActor = { userId: 'u-head', convener: true, role: 'participant', seesDivision: true };
  const chair: MeetingActor = { userId: 'u-chair', convener: false, role: 'participant', seesDivision: true };
  const recorder: MeetingActor = { userId: 'u-rec', convener: false, role: 'participant', seesDivision: true };
  const staff: MeetingActor = { userId: 'u-staff', convener: false, role: 'participant', seesDivision: true };
  const observer: MeetingActor = { userId: 'u-obs', convener: false, role: 'observer', seesDivision: false };
  const leaderObserver: MeetingActor = { userId: 'u-lead', convener: false, role: 'observer', seesDivision: true };
  const oversight: MeetingActor = { userId: 'u-jc', convener: false, role: null, seesDivision: true };
  const stranger: MeetingActor = { userId: 'u-x', convener: false, role: null, seesDivision: false };

  it.each<[string, MeetingActor, Partial<MeetingFacts>, K[]]>([
    [
      'R3.7: the convening head who chairs asks nobody for leave',
      convener,
      { chairId: 'u-head' },
      ['edit', 'notify', 'start', 'cancel', 'readInternals'],
    ],
    [
      'R3.7: the convening head who chairs, notified: no leave',
      convener,
      { chairId: 'u-head', status: 'notified' },
      ['edit', 'notify', 'start', 'cancel', 'readInternals'],
    ],
    [
      'R3.7: the head who designated another chair asks leave of that chair',
      convener,
      {},
      ['edit', 'notify', 'start', 'cancel', 'requestLeave', 'readInternals'],
    ],
    [
      'the convener, notified',
      convener,
      { status: 'notified' },
      ['edit', 'notify', 'start', 'cancel', 'requestLeave', 'readInternals'],
    ],
    [
      'the convener, in session',
      convener,
      { status: 'in_session' },
      ['close', 'markAttendance', 'showCheckin', 'readInternals'],
    ],
    ['the convener, closed', convener, { status: 'closed' }, ['readInternals']],
    ['the convener, cancelled', convener, { status: 'cancelled' }, ['readInternals']],
    ['a designated chair, planned: no leave', chair, {}, ['start', 'readInternals']],
    [
      'a designated chair, in session',
      chair,
      { status: 'in_session' },
      ['close', 'markAttendance', 'showCheckin', 'readInternals'],
    ],
    ['the recorder, planned', recorder, {}, ['requestLeave', 'readInternals']],
    [
      'the recorder, in session',
      recorder,
      { status: 'in_session' },
      ['markAttendance', 'showCheckin', 'readInternals'],
    ],
    ['R3.7: a participant before the start', staff, {}, ['requestLeave', 'readInternals']],
    ['R3.7: a participant, notified', staff, { status: 'notified' }, ['requestLeave', 'readInternals']],
    ['R3.7: a participant after the start time', staff, { startsAt: '2026-11-02T00:59:59Z' }, ['readInternals']],
    ['R3.7: a participant at the start time', staff, { startsAt: '2026-11-02T01:00:00Z' }, ['readInternals']],
    ['a participant, in session', staff, { status: 'in_session' }, ['readInternals']],
    ['R3.4: an observer', observer, {}, []],
    ['R3.4: an observer, in session', observer, { status: 'in_session' }, []],
    ['R3.4: an observer who sees the division anyway', leaderObserver, {}, ['readInternals']],
    ['the oversight, not invited', oversight, {}, ['readInternals']],
    ['someone not invited who does not see the division', stranger, {}, []],
    [
      'the convener of a backfill without paper minutes',
      convener,
      { backfill: true },
      ['edit', 'cancel', 'requestLeave', 'uploadPaperMinutes', 'readInternals'],
    ],
    [
      'the convener of a backfill with paper minutes',
      convener,
      { backfill: true, hasPaperMinutes: true },
      ['edit', 'start', 'cancel', 'requestLeave', 'uploadPaperMinutes', 'readInternals'],
    ],
    ['the chair of a backfill without paper minutes', chair, { backfill: true, status: 'notified' }, ['readInternals']],
    [
      'the convener of a backfill, in session',
      convener,
      { backfill: true, hasPaperMinutes: true, status: 'in_session' },
      ['close', 'markAttendance', 'readInternals'],
    ],
  ])('%s', (_name, actor, over, yes) => {
    expect(meetingAbilities(actor, meeting(over), NOW, false)).toEqual(only(KEYS, yes));
  });

  it('R3.7: a participant with an open request does not ask twice', () => {
    expect(meetingAbilities(staff, meeting(), NOW, true)).toEqual(only(KEYS, ['readInternals']));
  });
});

describe('leave', () => {
  type M = { headId: string | null; chairId: string };
  it.each<[string, M, string, string | null]>([
    ['R3.7: a member asks the head', { headId: 'u-head', chairId: 'u-head' }, 'u-staff', 'u-head'],
    [
      'R3.7: a member asks the head, not a designated chair',
      { headId: 'u-head', chairId: 'u-chair' },
      'u-staff',
      'u-head',
    ],
    ['R3.7: the chair asks the head', { headId: 'u-head', chairId: 'u-chair' }, 'u-chair', 'u-head'],
    ['R3.7: the head’s own request goes to the chair', { headId: 'u-head', chairId: 'u-chair' }, 'u-head', 'u-chair'],
    ['R3.7: the head chairing has nobody to ask', { headId: 'u-head', chairId: 'u-head' }, 'u-head', null],
    ['R3.7: a division without a head: the chair decides', { headId: null, chairId: 'u-chair' }, 'u-staff', 'u-chair'],
    [
      'R3.7: a division without a head: the chair has nobody to ask',
      { headId: null, chairId: 'u-chair' },
      'u-chair',
      null,
    ],
  ])('%s', (_name, m, requester, decider) => {
    expect(leaveDecider(m, requester)).toBe(decider);
  });

  const m = (status: MeetingStatus, headId: string | null = 'u-head') => ({ headId, chairId: 'u-chair', status });
  const pending = (userId: string) => ({ userId, status: 'pending' as const });
  it.each<[string, string, ReturnType<typeof m>, Parameters<typeof canDecideLeave>[2], boolean]>([
    ['R3.7: the head, planned', 'u-head', m('planned'), pending('u-staff'), true],
    ['R3.7: the head, notified', 'u-head', m('notified'), pending('u-staff'), true],
    ['R3.7: the head, still pending as the meeting started', 'u-head', m('in_session'), pending('u-staff'), true],
    ['R3.7: the head, after the close', 'u-head', m('closed'), pending('u-staff'), false],
    ['R3.7: the head, cancelled', 'u-head', m('cancelled'), pending('u-staff'), false],
    ['R3.7: the head, already approved', 'u-head', m('planned'), { userId: 'u-staff', status: 'approved' }, false],
    ['R3.7: the head, already rejected', 'u-head', m('planned'), { userId: 'u-staff', status: 'rejected' }, false],
    ['R3.7: the chair on a member’s request', 'u-chair', m('planned'), pending('u-staff'), false],
    ['R3.7: the chair on the head’s request', 'u-chair', m('planned'), pending('u-head'), true],
    ['R3.7: the chair on the head’s request, in session', 'u-chair', m('in_session'), pending('u-head'), true],
    ['R3.7: the chair on the head’s request, closed', 'u-chair', m('closed'), pending('u-head'), false],
    ['R3.7: the head on their own request', 'u-head', m('planned'), pending('u-head'), false],
    ['R3.7: a member on their own request', 'u-staff', m('planned'), pending('u-staff'), false],
    ['R3.7: no head: the chair decides', 'u-chair', m('notified', null), pending('u-staff'), true],
  ])('%s', (_name, actorId, meeting, leave, allowed) => {
    expect(canDecideLeave(actorId, meeting, leave)).toBe(allowed);
  });
});

describe('minutesAbilities', () => {
  const KEYS = ['edit', 'submit', 'returnToDraft', 'issue', 'correct'] as const;
  type K = (typeof KEYS)[number];
  const none: MinutesActor = { isRecorder: false, isConvener: false, isHead: false, isChair: false };
  const recorder = { ...none, isRecorder: true };
  const deputyConvener = { ...none, isConvener: true };
  const head = { ...none, isConvener: true, isHead: true };
  const chair = { ...none, isChair: true };
  it.each<[string, MinutesActor, MinutesDto['status'], K[]]>([
    ['the recorder', recorder, 'draft', ['edit', 'submit']],
    ['the recorder', recorder, 'in_review', []],
    ['the recorder', recorder, 'issued', []],
    ['an authorised deputy', deputyConvener, 'draft', ['edit', 'submit']],
    ['an authorised deputy', deputyConvener, 'in_review', []],
    ['the head', head, 'draft', ['edit', 'submit']],
    ['the head', head, 'in_review', ['returnToDraft', 'issue']],
    ['the head', head, 'issued', ['correct']],
    ['the head', head, 'superseded', []],
    ['a designated chair', chair, 'draft', []],
    ['a designated chair', chair, 'in_review', ['returnToDraft']],
    ['a designated chair', chair, 'issued', []],
    ['a recorder who chairs', { ...recorder, isChair: true }, 'in_review', ['returnToDraft']],
    ['anyone else', none, 'draft', []],
    ['anyone else', none, 'in_review', []],
    ['anyone else', none, 'issued', []],
  ])('%s, %s', (_who, actor, status, yes) => {
    expect(minutesAbilities(actor, status)).toEqual(only(KEYS, yes));
  });
});

describe('recordAbilities', () => {
  it.each<[string, string, MeetingStatus, boolean, { edit: boolean; amend: boolean; locked: boolean }]>([
    ['R5.2: the recorder, in session', 'u-rec', 'in_session', false, { edit: true, amend: false, locked: false }],
    ['the recorder, closed', 'u-rec', 'closed', false, { edit: false, amend: true, locked: true }],
    ['the recorder, closed, minutes issued', 'u-rec', 'closed', true, { edit: false, amend: false, locked: true }],
    ['the recorder, planned', 'u-rec', 'planned', false, { edit: false, amend: false, locked: false }],
    ['the recorder, notified', 'u-rec', 'notified', false, { edit: false, amend: false, locked: false }],
    ['the recorder, cancelled', 'u-rec', 'cancelled', false, { edit: false, amend: false, locked: false }],
    ['R5.2: anyone else, in session', 'u-head', 'in_session', false, { edit: false, amend: false, locked: false }],
    ['R5.2: anyone else, closed', 'u-head', 'closed', false, { edit: false, amend: false, locked: true }],
  ])('%s', (_name, actorId, meetingStatus, minutesIssued, abilities) => {
    expect(recordAbilities(actorId, { meetingStatus, recorderId: 'u-rec', minutesIssued })).toEqual(abilities);
  });
});

describe('entryAbilities', () => {
  const recipient: EntryActor = { isRecipient: true, receivesFilings: false };
  const office: EntryActor = { isRecipient: true, receivesFilings: true };
  const officeElsewhere: EntryActor = { isRecipient: false, receivesFilings: true };
  const stranger: EntryActor = { isRecipient: false, receivesFilings: false };
  const e = (purpose: EntryFacts['purpose'], readAt: string | null = null, receivedAt: string | null = null) => ({
    purpose,
    readAt,
    receivedAt,
  });
  const AT = '2026-11-04T02:00:00Z';
  it.each<[string, EntryActor, EntryFacts, { confirmRead: boolean; receive: boolean }]>([
    ['a reported recipient, unread', recipient, e('report'), { confirmRead: true, receive: false }],
    [
      'a reported recipient, read (the first time is kept)',
      recipient,
      e('report', AT),
      { confirmRead: false, receive: false },
    ],
    ['a member it circulates to, unread', recipient, e('circulate'), { confirmRead: true, receive: false }],
    ['a member it circulates to, read', recipient, e('circulate', AT), { confirmRead: false, receive: false }],
    ['R5.10: the supervision office, a filing', office, e('file'), { confirmRead: false, receive: true }],
    [
      'R5.10: the supervision office, a filing signed for',
      office,
      e('file', null, AT),
      { confirmRead: false, receive: false },
    ],
    [
      'R5.10: a filing addressed to someone without the power',
      recipient,
      e('file'),
      { confirmRead: false, receive: false },
    ],
    [
      'R5.10: the supervision office, a filing addressed elsewhere',
      officeElsewhere,
      e('file'),
      { confirmRead: false, receive: false },
    ],
    ['the supervision office as a reported recipient', office, e('report'), { confirmRead: true, receive: false }],
    ['someone it is not addressed to', stranger, e('report'), { confirmRead: false, receive: false }],
  ])('%s', (_name, actor, facts, abilities) => {
    expect(entryAbilities(actor, facts)).toEqual(abilities);
  });
});
