import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, canonicalJson, canStep, CASE_STEPS, statusAfter, type CaseStatus } from './accountability.js';
import { caseAbilities } from './policies/accountability.js';
import type { Actor, Membership } from './policy.js';
import type { UnitRole } from './org.js';

function actor(userId: string, roles: UnitRole[] = [], memberships: Membership[] = []): Actor {
  return {
    userId,
    unitId: 'unit',
    username: userId,
    displayName: userId,
    roles,
    memberships,
    supervisedDivisionIds: [],
  };
}
const office = (position: Membership['position']): Membership => ({
  divisionId: 'sup',
  divisionName: '监察室',
  divisionKind: 'supervision_office',
  position,
  isRecorder: false,
});
const trade: Membership = {
  divisionId: 'trade',
  divisionName: '对外贸易处',
  divisionKind: 'business',
  position: 'head',
  isRecorder: false,
};

const JIANCHA = actor('jiancha', [], [office('staff')]);
const JIWEI = actor('jiwei', ['discipline_secretary']);
const DIRECTOR = actor('director', ['principal_leader']);
const HEAD = actor('head', [], [trade]);
const STAFF = actor('staff');

describe('R6.3: the workflow of a case', () => {
  it('runs 线索登记 → 初核 → 立案 or 不予立案 → 调查 → 处理意见 → 决定 → 归档, and nothing else', () => {
    const path: Array<[string, CaseStatus]> = [
      ['preliminary', 'preliminary'],
      ['file', 'filed'],
      ['investigate', 'investigating'],
      ['statement', 'investigating'],
      ['propose', 'proposed'],
      ['decide', 'decided'],
      ['archive', 'archived'],
    ];
    let s: CaseStatus = 'registered';
    for (const [step, to] of path) {
      expect(canStep(s, step as never), `${step} from ${s}`).toBe(true);
      s = statusAfter(s, step as never);
      expect(s).toBe(to);
    }
    expect(statusAfter('preliminary', 'dismiss')).toBe('dismissed');
    expect(canStep('dismissed', 'archive')).toBe(true);
    // Every other (state, step) pair is refused: the table below lists the allowed ones exactly.
    const allowed = new Set([
      'registered:preliminary',
      'preliminary:file',
      'preliminary:dismiss',
      'filed:investigate',
      'investigating:statement',
      'investigating:propose',
      'proposed:decide',
      'decided:archive',
      'dismissed:archive',
      ...['registered', 'preliminary', 'filed', 'investigating', 'proposed'].map((x) => `${x}:evidence`),
    ]);
    for (const st of CASE_STATUSES)
      for (const step of CASE_STEPS) expect(canStep(st, step), `${st}:${step}`).toBe(allowed.has(`${st}:${step}`));
  });

  it('canonical JSON: the same value gives the same text whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { y: 1, x: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"x":2,"y":1}]},"b":1}',
    );
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
  });
});

describe('R6.3: caseAbilities', () => {
  const facts = (status: CaseStatus, subjectIds: string[] = ['staff']) => ({ status, subjectIds });

  it('the office and the secretary run a case; the principal leaders see it and decide; others see nothing', () => {
    expect(caseAbilities(JIANCHA, facts('registered')).now).toMatchObject({
      preliminary: true,
      evidence: true,
      decide: false,
    });
    expect(caseAbilities(JIWEI, facts('proposed')).now).toMatchObject({ decide: true, evidence: true });
    expect(caseAbilities(JIANCHA, facts('proposed')).may.decide).toBe(false);
    expect(caseAbilities(DIRECTOR, facts('proposed')).now).toMatchObject({
      decide: true,
      propose: false,
      verify: true,
    });
    expect(caseAbilities(DIRECTOR, facts('registered')).may.preliminary).toBe(false);
    expect(caseAbilities(HEAD, facts('registered')).access).toBeNull();
  });

  it('the three administrators never see a case, whatever else they hold', () => {
    for (const role of ['system_admin', 'security_admin', 'audit_admin'] as const) {
      const a = caseAbilities(actor('x', [role, 'principal_leader'], [office('head')]), facts('decided'));
      expect(a.access).toBeNull();
      expect(Object.values(a.now).some(Boolean)).toBe(false);
    }
  });

  it('the person concerned: nothing before 调查, then the notice and the statement only', () => {
    expect(caseAbilities(STAFF, facts('filed')).access).toBeNull();
    const told = caseAbilities(STAFF, facts('investigating'));
    expect(told.access).toBe('concerned');
    expect(Object.entries(told.now).filter(([, v]) => v)).toEqual([['statement', true]]);
    expect(caseAbilities(STAFF, facts('proposed')).now.statement).toBe(false);
    // An office member who is concerned is treated as the person concerned, not as the office.
    const concernedOfficer = actor('staff', [], [office('head')]);
    expect(caseAbilities(concernedOfficer, facts('registered')).access).toBeNull();
    expect(caseAbilities(concernedOfficer, facts('decided')).access).toBe('concerned');
  });

  it('调查 needs a person concerned', () => {
    expect(caseAbilities(JIANCHA, facts('filed', [])).now.investigate).toBe(false);
    expect(caseAbilities(JIANCHA, facts('filed')).now.investigate).toBe(true);
  });
});
