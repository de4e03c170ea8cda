import type { MeDto } from '../../../core/contracts/me';
import { POSITION_LABELS, UNIT_ROLE_LABELS, type UnitRole } from '../../../core/org';

type Membership = MeDto['memberships'][number];
const LEADER_ROLES: readonly UnitRole[] = ['principal_leader', 'supervising_leader', 'discipline_secretary'];

/**
 * The division a page's filter starts on: the user's first working division;
 * a bureau leader (whose only membership is the empty 局领导 division) starts
 * on all visible divisions, or on the one division a supervising leader
 * supervises (issue 15). `undefined` means "all visible divisions".
 */
export function defaultDivisionId(
  me: Pick<MeDto, 'memberships' | 'roles' | 'supervisedDivisions'>,
): string | undefined {
  const working = me.memberships.find((m) => m.divisionKind !== 'leadership');
  if (working) return working.divisionId;
  const onlySupervised = me.supervisedDivisions.length === 1 ? me.supervisedDivisions[0] : undefined;
  if (me.roles.includes('supervising_leader') && onlySupervised) return onlySupervised.id;
  return undefined;
}

/**
 * The title a membership shows: in the 局领导 division a leader is what their
 * unit roles say (局主要领导, 分管领导, 局纪委书记), not the position (工作人员).
 */
export function membershipTitles(me: Pick<MeDto, 'roles'>, m: Pick<Membership, 'divisionKind' | 'position'>): string[] {
  if (m.divisionKind === 'leadership') {
    const titles = me.roles.filter((r) => LEADER_ROLES.includes(r)).map((r) => UNIT_ROLE_LABELS[r]);
    if (titles.length > 0) return titles;
  }
  return [POSITION_LABELS[m.position]];
}
