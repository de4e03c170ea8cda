import { LIGHTS, TRACKING_STATUSES, type Light, type TrackingStatus } from '../../../../core/tracking';
import { MATTER_FLAGS, type MatterFlag } from '../../../../core/settings';
import type { TrackingItemDto } from '../../../../core/contracts/tracking';
import { qs } from '../../api/client';

export type TrackingScope = 'mine' | 'division' | 'supervised' | 'all';
export const SCOPES: readonly TrackingScope[] = ['mine', 'division', 'supervised', 'all'];

/**
 * The ledger's filters as the address carries them (GET /api/tracking/items
 * without paging): a link reproduces the view, and the export and the print
 * view take the very same query.
 */
export interface LedgerQuery {
  scope?: TrackingScope;
  status?: TrackingStatus;
  light?: Light | 'stalled';
  divisionId?: string;
  deadlineFrom?: string;
  deadlineTo?: string;
  overdueDays?: number;
  matterFlag?: MatterFlag;
  sourceMinutesId?: string;
  needsCompletion?: 'true' | 'false';
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[^\s]{1,64}$/;
const oneOf =
  <T extends string>(values: readonly T[]) =>
  (v: string | null): T | undefined =>
    v !== null && (values as readonly string[]).includes(v) ? (v as T) : undefined;
const matching = (re: RegExp) => (v: string | null) => (v !== null && re.test(v) ? v : undefined);

/** The filters of an address; what the server would refuse (a typo in a pasted link) is dropped, not sent. */
export function ledgerQueryFrom(params: URLSearchParams): LedgerQuery {
  const days = Number(params.get('overdueDays'));
  const q: LedgerQuery = {
    scope: oneOf(SCOPES)(params.get('scope')),
    status: oneOf(TRACKING_STATUSES)(params.get('status')),
    light: oneOf([...LIGHTS, 'stalled'] as const)(params.get('light')),
    divisionId: matching(ID)(params.get('divisionId')),
    deadlineFrom: matching(DAY)(params.get('deadlineFrom')),
    deadlineTo: matching(DAY)(params.get('deadlineTo')),
    overdueDays: Number.isInteger(days) && days >= 1 && days <= 3650 ? days : undefined,
    matterFlag: oneOf(MATTER_FLAGS)(params.get('matterFlag')),
    sourceMinutesId: matching(ID)(params.get('sourceMinutesId')),
    needsCompletion: oneOf(['true', 'false'] as const)(params.get('needsCompletion')),
  };
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as LedgerQuery;
}

/** `?light=red&scope=division` — the filters set, in a stable order; '' for none. */
export function ledgerSearch(q: LedgerQuery): string {
  return qs({
    scope: q.scope,
    status: q.status,
    light: q.light,
    divisionId: q.divisionId,
    deadlineFrom: q.deadlineFrom,
    deadlineTo: q.deadlineTo,
    overdueDays: q.overdueDays,
    matterFlag: q.matterFlag,
    sourceMinutesId: q.sourceMinutesId,
    needsCompletion: q.needsCompletion,
  });
}

/** The ledger's XLSX under these filters (the same query as the list). */
export function exportUrl(q: LedgerQuery): string {
  return `/api/tracking/items.xlsx${ledgerSearch(q)}`;
}

/** The list's answer: a page of items, the scope shown and the scopes the actor may choose. */
export interface LedgerPage {
  items: TrackingItemDto[];
  nextCursor: string | null;
  scope: TrackingScope;
  scopes: TrackingScope[];
}
