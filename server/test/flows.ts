import type { Client, Harness } from './harness.js';
import { PDF, PLAIN_TOPIC } from './fixtures.js';
import type { MeetingDto } from '../../core/contracts/meetings.js';
import type { MinutesDto } from '../../core/contracts/minutes.js';
import type { TopicDto } from '../../core/contracts/topics.js';

/**
 * A division meeting of 对外贸易处 held at `startsAt` (with offset) and closed an hour later;
 * its one topic decided by `decisions` (by default one for the division, without a deadline).
 */
export async function holdMeeting(
  h: Harness,
  startsAt: string,
  title = '例会',
  opts: { allPresent?: boolean; decisions?: object[]; topic?: object; topicId?: string } = {},
): Promise<MeetingDto> {
  h.clock.set(new Date(Date.parse(startsAt) - 3 * 3600_000));
  const trade = await h.divisionId('对外贸易处');
  let head = await h.login('head');
  // An approved topic of the division (opts.topicId), or one the head sets now.
  const topic = opts.topicId
    ? { id: opts.topicId }
    : ((
        await head.post('/api/topics', {
          divisionId: trade,
          ...(opts.topic ?? { ...PLAIN_TOPIC, title: `${PLAIN_TOPIC.title}（${title}）` }),
        })
      ).json() as TopicDto);
  if (!topic.id) throw new Error(`topic not created: ${JSON.stringify(topic)}`);
  let m = (
    await head.post('/api/meetings', {
      divisionId: trade,
      kind: 'regular',
      startsAt,
      place: '第一会议室',
      agenda: [topic.id],
      title,
    })
  ).json() as MeetingDto;
  if (!m.id) throw new Error(`meeting not created: ${JSON.stringify(m)}`);
  h.clock.set(startsAt);
  head = await h.login('head');
  const recorder = await h.login('recorder');
  m = (await head.post(`/api/meetings/${m.id}/start`, { version: m.version })).json() as MeetingDto;
  if (opts.allPresent) {
    const marks = m.participants
      .filter((p) => p.role === 'participant')
      .map((p) => ({ userId: p.userId, attendance: 'present' }));
    const marked = await head.post(`/api/meetings/${m.id}/attendance`, { marks });
    if (marked.statusCode !== 200) throw new Error(`attendance: ${marked.body}`);
  }
  const rec = await recorder.put(`/api/meetings/${m.id}/record/${topic.id}`, {
    version: 0,
    status: 'recorded',
    discussion: '会议传达学习了有关工作部署。',
    // R6.1: everyone present states a stance; 未发表意见 needs no words.
    opinions: opts.allPresent
      ? m.participants
          .filter((p) => p.role === 'participant')
          .map((p) => ({ speakerId: p.userId, stance: 'no_opinion', text: '' }))
      : [],
    decisions: opts.decisions ?? [
      { text: '认真贯彻落实工作部署', outcome: 'adopted', responsibleDivisionId: trade, deadline: null },
    ],
  });
  if (rec.statusCode !== 200) throw new Error(`record: ${rec.body}`);
  h.clock.advanceMinutes(25);
  const closed = await head.post(`/api/meetings/${m.id}/close`, { version: m.version });
  if (closed.statusCode !== 200) throw new Error(`close: ${closed.body}`);
  return closed.json() as MeetingDto;
}

/** The recorder drafts and submits, the head issues, at `at`. */
export async function issueAt(h: Harness, meetingId: string, at: string): Promise<MinutesDto> {
  h.clock.set(at);
  const recorder = await h.login('recorder');
  const head = await h.login('head');
  let n = (await recorder.post(`/api/meetings/${meetingId}/minutes`)).json() as MinutesDto;
  n = (await recorder.post(`/api/minutes/${n.id}/submit`, { version: n.version })).json() as MinutesDto;
  const issued = await head.post(`/api/minutes/${n.id}/issue`, { version: n.version });
  if (issued.statusCode !== 200) throw new Error(`issue: ${issued.body}`);
  return issued.json() as MinutesDto;
}

/** A topic the head sets (approved at once, R2.1): the agenda a meeting needs. */
export async function headTopicIds(head: Client, divisionId: string, title = PLAIN_TOPIC.title): Promise<string[]> {
  const r = await head.post('/api/topics', { divisionId, ...PLAIN_TOPIC, title });
  if (r.statusCode !== 201) throw new Error(`topic: ${r.body}`);
  return [(r.json() as TopicDto).id];
}

/** Uploads a small PDF to a tracked item as `c` (a file for a progress or completion report); its id. */
export async function uploadItemFile(
  h: Harness,
  c: Client,
  itemId: string,
  filename = '办理情况.pdf',
): Promise<string> {
  const r = await h.app.inject({
    method: 'POST',
    url: `/api/tracking/items/${itemId}/attachments`,
    headers: {
      cookie: c.cookie,
      'x-csrf-token': c.csrf,
      'content-type': 'application/octet-stream',
      'x-filename': encodeURIComponent(filename),
    },
    payload: PDF,
  });
  if (r.statusCode !== 201) throw new Error(`upload: ${r.body}`);
  return (r.json() as { id: string }).id;
}
