/**
 * What the audit administrator sees of an event's payload.
 *
 * Under 三员分立 the auditor checks who did what, when, from where, to which
 * object and with what outcome; the business itself (topic titles, reasons,
 * notes, record texts, file names, minutes content) is not theirs to read.
 * The stored event is unchanged, so the hash chain still verifies; only this
 * view is filtered.
 *
 * - Security and organisation events (logins, accounts, roles, divisions,
 *   settings, the calendar, unit set-up) are the auditor's subject: shown whole.
 * - Every other event shows only identifiers, states, counts and hashes, by an
 *   allowlist of keys with scalar values; anything else is withheld and the
 *   view says so.
 */
const ADMINISTRATIVE = ['auth.', 'user.', 'division.', 'settings.', 'calendar.', 'unit.'];

const SAFE_KEYS = new Set([
  'from',
  'to',
  'status',
  'outcome',
  'purpose',
  'divisionId',
  'topicId',
  'meetingId',
  'leaveId',
  'userId',
  'attachmentId',
  'entryId',
  'supersedes',
  'version',
  'opinions',
  'dissents',
  'decisions',
  'size',
  'fileType',
  'sha256',
  'number',
  'contentHash',
  'hashAlg',
]);

type Scalar = string | number | boolean | null;

function isScalar(v: unknown): v is Scalar {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

export function auditorView(action: string, data: Record<string, unknown>): Record<string, unknown> {
  if (ADMINISTRATIVE.some((p) => action.startsWith(p))) return data;
  const shown: Record<string, unknown> = {};
  let withheld = false;
  for (const [k, v] of Object.entries(data)) {
    if (SAFE_KEYS.has(k) && isScalar(v)) shown[k] = v;
    else withheld = true;
  }
  return withheld ? { ...shown, contentWithheld: true } : shown;
}
