import type { RecordEntryDto } from '../../../../core/contracts/record';

export type EntryDraft = Pick<RecordEntryDto, 'status' | 'discussion' | 'opinions' | 'decisions'>;

/**
 * Two people saved the same topic: keep both. The server's copy wins where they
 * agree; the other's opinions and decisions that the server lacks are added, and
 * a differing discussion is appended — nobody's words are lost silently.
 */
export function mergeEntries(server: RecordEntryDto, mine: EntryDraft): EntryDraft {
  const key = (o: { text: string }) => o.text.trim();
  const opinions = [
    ...server.opinions,
    ...mine.opinions.filter((o) => !server.opinions.some((x) => key(x) === key(o) && x.speakerId === o.speakerId)),
  ];
  const decisions = [
    ...server.decisions,
    ...mine.decisions.filter((d) => !server.decisions.some((x) => key(x) === key(d))),
  ];
  const discussion =
    !mine.discussion.trim() || server.discussion.includes(mine.discussion.trim())
      ? server.discussion
      : server.discussion.trim()
        ? `${server.discussion}\n${mine.discussion}`
        : mine.discussion;
  return { status: server.status ?? mine.status, discussion, opinions, decisions };
}
