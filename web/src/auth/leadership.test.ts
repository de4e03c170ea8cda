import { describe, expect, it } from 'vitest';
import { defaultDivisionId, membershipTitles } from './leadership';
import { meFixture } from '../test/fixtures';

const leadership = {
  divisionId: 'lead',
  divisionName: '局领导',
  divisionKind: 'leadership',
  position: 'staff',
  isRecorder: false,
} as const;

describe('a leader’s pages and titles (issue 15)', () => {
  it('a division member’s pages start on their division', () => {
    expect(defaultDivisionId(meFixture())).toBe('d1');
    const both = meFixture({
      memberships: [leadership, { ...leadership, divisionId: 'd2', divisionKind: 'business', divisionName: '外资处' }],
    });
    expect(defaultDivisionId(both)).toBe('d2');
  });

  it('a principal leader and the discipline secretary start on all visible divisions, not the empty 局领导', () => {
    expect(defaultDivisionId(meFixture({ memberships: [leadership], roles: ['principal_leader'] }))).toBeUndefined();
    expect(
      defaultDivisionId(meFixture({ memberships: [leadership], roles: ['discipline_secretary'] })),
    ).toBeUndefined();
  });

  it('the supervising leader starts on the division supervised, or on all of them when several', () => {
    const one = meFixture({
      memberships: [leadership],
      roles: ['supervising_leader'],
      supervisedDivisions: [{ id: 'd1', name: '对外贸易处' }],
    });
    expect(defaultDivisionId(one)).toBe('d1');
    const two = meFixture({
      ...one,
      supervisedDivisions: [
        { id: 'd1', name: '对外贸易处' },
        { id: 'd2', name: '外资处' },
      ],
    });
    expect(defaultDivisionId(two)).toBeUndefined();
  });

  it('in the 局领导 division a leader’s title is their unit role, not 工作人员', () => {
    expect(membershipTitles({ roles: ['supervising_leader'] }, leadership)).toEqual(['分管领导']);
    expect(membershipTitles({ roles: ['discipline_secretary', 'system_admin'] }, leadership)).toEqual(['局纪委书记']);
    expect(membershipTitles({ roles: [] }, leadership)).toEqual(['工作人员']);
    expect(membershipTitles({ roles: ['principal_leader'] }, { divisionKind: 'business', position: 'head' })).toEqual([
      '主要负责人',
    ]);
  });
});
