import { describe, expect, it } from 'vitest';
import {
  boundBlocks,
  draftMinutes,
  integrityProblems,
  marksOf,
  normalizeContent,
  sectionsMatch,
  type BoundBlock,
  type DraftInput,
  type IntegrityProblem,
  type MinutesContent,
} from './minutes.js';
import { decisionSentence, opinionSentence, type Decision, type Opinion, type RecordEntry } from './record.js';
import { distributionLine, type LineRecipient } from './distribution.js';
import type { MatterFlag } from './settings.js';

const decision = (over: Partial<Decision> = {}): Decision => ({
  text: '原则同意该方案',
  outcome: 'adopted',
  responsible: '李伟',
  deadline: '2026-12-31',
  ...over,
});
const opinion = (over: Partial<Opinion> = {}): Opinion => ({
  speakerId: 'u-huang',
  speakerName: '黄磊',
  stance: 'for',
  text: '同意',
  ...over,
});
const entry = (over: Partial<RecordEntry> = {}): RecordEntry => ({
  topicId: 't-a',
  topicTitle: '参展补助资金分配方案',
  matterFlags: [],
  status: 'recorded',
  discussion: '会议听取了汇报。',
  opinions: [],
  decisions: [],
  version: 1,
  ...over,
});

describe('decisionSentence: one sentence per decision, for every outcome', () => {
  it.each<[string, Partial<Decision>, string]>([
    ['adopted', {}, '会议议定：原则同意该方案（责任人：李伟；完成时限：2026年12月31日）。'],
    ['rejected', { outcome: 'rejected' }, '会议未予通过：原则同意该方案（责任人：李伟；完成时限：2026年12月31日）。'],
    [
      'deferred',
      { outcome: 'deferred' },
      '会议议定暂缓研究：原则同意该方案（责任人：李伟；完成时限：2026年12月31日）。',
    ],
    [
      'escalated',
      { outcome: 'escalated' },
      '会议议定报请局党委研究：原则同意该方案（责任人：李伟；完成时限：2026年12月31日）。',
    ],
  ])('%s', (_outcome, over, sentence) => {
    expect(decisionSentence(decision(over))).toBe(sentence);
  });
});

describe('decisionSentence: punctuation, lead-in, responsible and deadline', () => {
  it.each<[string, Partial<Decision>, string]>([
    [
      'a trailing full stop is not doubled',
      { text: '原则同意该方案。' },
      '会议议定：原则同意该方案（责任人：李伟；完成时限：2026年12月31日）。',
    ],
    [
      'a doubled full stop',
      { text: '原则同意该方案。。' },
      '会议议定：原则同意该方案（责任人：李伟；完成时限：2026年12月31日）。',
    ],
    [
      'a trailing comma and spaces',
      { text: '  原则同意该方案， ' },
      '会议议定：原则同意该方案（责任人：李伟；完成时限：2026年12月31日）。',
    ],
    [
      'trailing ASCII punctuation',
      { text: '原则同意该方案;.' },
      '会议议定：原则同意该方案（责任人：李伟；完成时限：2026年12月31日）。',
    ],
    [
      'a trailing exclamation mark',
      { text: '立即整改！' },
      '会议议定：立即整改（责任人：李伟；完成时限：2026年12月31日）。',
    ],
    [
      'the lead-in 会议议定： is not doubled',
      { text: '会议议定：审定。' },
      '会议议定：审定（责任人：李伟；完成时限：2026年12月31日）。',
    ],
    [
      'the lead-in 会议决定: with an ASCII colon',
      { text: '会议决定:审定' },
      '会议议定：审定（责任人：李伟；完成时限：2026年12月31日）。',
    ],
    ['the lead-in 议定：', { text: '议定：审定' }, '会议议定：审定（责任人：李伟；完成时限：2026年12月31日）。'],
    [
      'a colon inside the text stays',
      { text: '同意以下安排：分两批拨付' },
      '会议议定：同意以下安排：分两批拨付（责任人：李伟；完成时限：2026年12月31日）。',
    ],
    ['empty responsible', { responsible: '' }, '会议议定：原则同意该方案（完成时限：2026年12月31日）。'],
    ['blank responsible', { responsible: '   ' }, '会议议定：原则同意该方案（完成时限：2026年12月31日）。'],
    [
      'responsible with trailing punctuation',
      { responsible: '对外贸易处；' },
      '会议议定：原则同意该方案（责任人：对外贸易处；完成时限：2026年12月31日）。',
    ],
    ['no deadline', { deadline: null }, '会议议定：原则同意该方案（责任人：李伟）。'],
    ['neither responsible nor deadline', { responsible: '', deadline: null }, '会议议定：原则同意该方案。'],
    [
      'a deadline without leading zeros',
      { deadline: '2027-01-05' },
      '会议议定：原则同意该方案（责任人：李伟；完成时限：2027年1月5日）。',
    ],
    [
      'a rejected decision without extras',
      { outcome: 'rejected', text: '追加拨款。', responsible: '', deadline: null },
      '会议未予通过：追加拨款。',
    ],
  ])('%s', (_name, over, sentence) => {
    expect(decisionSentence(decision(over))).toBe(sentence);
  });
});

describe('opinionSentence: the speaker’s words quoted verbatim', () => {
  it.each<[string, 'dissent' | 'abstention' | 'reservation', string, string]>([
    ['R5.4: a dissent', 'dissent', '不同意，补助标准过高', '黄磊同志对此持不同意见：“不同意，补助标准过高。”'],
    [
      'R5.4: an abstention with a reason',
      'abstention',
      '对企业情况不了解',
      '黄磊同志表示弃权，理由是：“对企业情况不了解。”',
    ],
    ['R5.4: an abstention without a reason', 'abstention', '', '黄磊同志表示弃权。'],
    ['R5.4: an abstention with a blank reason', 'abstention', '   ', '黄磊同志表示弃权。'],
    [
      'R5.4: a reservation',
      'reservation',
      '同意，但资金拨付要分两批',
      '黄磊同志对此持保留意见：“同意，但资金拨付要分两批。”',
    ],
  ])('%s', (_name, kind, text, sentence) => {
    expect(opinionSentence({ speakerName: '黄磊', text }, kind)).toBe(sentence);
  });

  it.each<[string, string, string]>([
    ['no final mark gets a full stop', '不同意', '“不同意。”'],
    ['a full stop stays single', '不同意。', '“不同意。”'],
    ['a doubled full stop is one', '不同意。。', '“不同意。”'],
    ['a trailing comma becomes a full stop', '不同意，', '“不同意。”'],
    ['a doubled comma becomes a full stop', '不同意，，', '“不同意。”'],
    ['a trailing semicolon becomes a full stop', '不同意；', '“不同意。”'],
    ['a trailing enumeration comma becomes a full stop', '不同意、', '“不同意。”'],
    ['an exclamation mark ends the quotation', '坚决不同意！', '“坚决不同意！”'],
    ['a doubled exclamation mark is one', '坚决不同意！！', '“坚决不同意！”'],
    ['a question mark ends the quotation', '依据何在？', '“依据何在？”'],
    ['an ASCII question mark ends the quotation', '依据何在?', '“依据何在?”'],
    ['ASCII dots become a full stop', '不同意...', '“不同意。”'],
    ['the Chinese ellipsis …… is kept whole', '我还有顾虑……', '“我还有顾虑……”'],
    ['surrounding white space goes', '  不同意  ', '“不同意。”'],
    ['punctuation inside the words stays', '一是标准过高；二是程序不全', '“一是标准过高；二是程序不全。”'],
  ])('a dissent: %s', (_name, text, quote) => {
    expect(opinionSentence({ speakerName: '黄磊', text }, 'dissent')).toBe(`黄磊同志对此持不同意见：${quote}`);
  });
});

describe('marksOf', () => {
  it.each<[MatterFlag[], string]>([
    [[], ''],
    [['funds'], '【涉及资金事项】'],
    [['project', 'funds'], '【涉及项目、资金事项】'],
    [['major_penalty', 'delegated_power', 'licensing'], '【涉及重大处罚、权力下放、行政许可事项】'],
  ])('R1.2: flags %j are marked %j', (matterFlags, marks) => {
    expect(marksOf({ matterFlags })).toBe(marks);
  });
});

describe('boundBlocks', () => {
  const block = (kind: BoundBlock['kind'], text: string, who: [string, string] | null = null): BoundBlock => ({
    kind,
    speakerId: who ? who[0] : null,
    speakerName: who ? who[1] : null,
    text,
  });
  const huang: [string, string] = ['u-huang', '黄磊'];
  const zhang: [string, string] = ['u-zhang', '张敏'];

  it.each<[string, Pick<RecordEntry, 'decisions' | 'opinions'>, BoundBlock[]]>([
    ['nothing recorded', { decisions: [], opinions: [] }, []],
    [
      'agreement and plain opinions bind nothing',
      {
        decisions: [],
        opinions: [
          opinion(),
          opinion({ stance: 'opinion', text: '建议加快' }),
          opinion({ stance: 'no_opinion', text: '' }),
        ],
      },
      [],
    ],
    [
      'R5.4: decisions first, then every differing opinion in the record’s order',
      {
        decisions: [decision(), decision({ outcome: 'deferred', text: '调整标准', responsible: '', deadline: null })],
        opinions: [
          opinion({ stance: 'abstain', text: '' }),
          opinion({ speakerId: 'u-zhang', speakerName: '张敏', stance: 'against', text: '不同意' }),
          opinion({ stance: 'for', text: '同意，但要分批', reservation: true }),
          opinion({ speakerId: 'u-zhang', speakerName: '张敏', stance: 'for', text: '同意' }),
        ],
      },
      [
        block('decision', '会议议定：原则同意该方案（责任人：李伟；完成时限：2026年12月31日）。'),
        block('decision', '会议议定暂缓研究：调整标准。'),
        block('abstention', '黄磊同志表示弃权。', huang),
        block('dissent', '张敏同志对此持不同意见：“不同意。”', zhang),
        block('reservation', '黄磊同志对此持保留意见：“同意，但要分批。”', huang),
      ],
    ],
    [
      'R5.4: 反对 marked 保留意见 is still a dissent; 弃权 marked so is still an abstention',
      {
        decisions: [],
        opinions: [
          opinion({ stance: 'against', text: '不同意', reservation: true }),
          opinion({ stance: 'abstain', text: '不了解', reservation: true }),
          opinion({ stance: 'opinion', text: '另行研究', reservation: true }),
          opinion({ stance: 'no_opinion', text: '保留', reservation: true }),
        ],
      },
      [
        block('dissent', '黄磊同志对此持不同意见：“不同意。”', huang),
        block('abstention', '黄磊同志表示弃权，理由是：“不了解。”', huang),
        block('reservation', '黄磊同志对此持保留意见：“另行研究。”', huang),
        block('reservation', '黄磊同志对此持保留意见：“保留。”', huang),
      ],
    ],
  ])('%s', (_name, e, blocks) => {
    expect(boundBlocks(e)).toEqual(blocks);
  });
});

describe('integrityProblems: the bound blocks of the issued text are the record’s', () => {
  const a = entry({
    topicId: 't-a',
    decisions: [decision()],
    opinions: [opinion({ stance: 'against', text: '不同意' })],
  });
  const b = entry({
    topicId: 't-b',
    topicTitle: '年度培训计划',
    decisions: [decision({ text: '同意培训计划', deadline: null })],
  });
  const c = entry({ topicId: 't-c', topicTitle: '未讨论的议题', status: 'not_discussed' });
  const entries = [a, b, c];
  const input: DraftInput = {
    divisionName: '对外贸易处',
    meetingDay: '2026-11-03',
    chairName: '李伟',
    place: '第一会议室',
    entries,
    present: [],
    leave: [],
    observers: [],
    recorder: '王芳',
    distribution: '',
    template: { opening: '{date}，{chair}同志主持召开处务会。', closing: '' },
  };
  const A_DECISION = '会议议定：原则同意该方案（责任人：李伟；完成时限：2026年12月31日）。';
  const A_DISSENT = '黄磊同志对此持不同意见：“不同意。”';
  const B_DECISION = '会议议定：同意培训计划（责任人：李伟）。';
  const sectionOf = (m: MinutesContent, topicId: string) => {
    const s = m.sections.find((x) => x.topicId === topicId);
    if (!s) throw new Error(`no section ${topicId}`);
    return s;
  };

  it('the draft holds one section per discussed topic with its blocks', () => {
    const m = draftMinutes(input);
    expect(m.sections.map((s) => [s.heading, s.blocks.map((x) => x.text)])).toEqual([
      ['一、参展补助资金分配方案', [A_DECISION, A_DISSENT]],
      ['二、年度培训计划', [B_DECISION]],
    ]);
  });

  const problem = (
    topicId: string,
    kind: IntegrityProblem['kind'],
    text: string,
    p: IntegrityProblem['problem'],
  ): IntegrityProblem => ({ topicId, kind, text, problem: p });

  it.each<[string, (m: MinutesContent) => void, IntegrityProblem[]]>([
    ['the draft as rendered', () => {}, []],
    ['blocks reordered within their section', (m) => sectionOf(m, 't-a').blocks.reverse(), []],
    [
      'R5.4: a dissent left out',
      (m) => {
        sectionOf(m, 't-a').blocks = sectionOf(m, 't-a').blocks.filter((x) => x.kind !== 'dissent');
      },
      [problem('t-a', 'dissent', A_DISSENT, 'missing')],
    ],
    [
      'R5.4: a dissent softened',
      (m) => {
        const d = sectionOf(m, 't-a').blocks[1];
        if (d) d.text = '黄磊同志对此持不同意见：“原则同意。”';
      },
      [
        problem('t-a', 'dissent', A_DISSENT, 'missing'),
        problem('t-a', 'dissent', '黄磊同志对此持不同意见：“原则同意。”', 'unexpected'),
      ],
    ],
    [
      'R5.4: a dissent given to another speaker with the same words',
      (m) => {
        const d = sectionOf(m, 't-a').blocks[1];
        if (d) d.speakerId = 'u-zhang';
      },
      [problem('t-a', 'dissent', A_DISSENT, 'missing'), problem('t-a', 'dissent', A_DISSENT, 'unexpected')],
    ],
    [
      'R5.4: a decision changed in kind',
      (m) => {
        const d = sectionOf(m, 't-b').blocks[0];
        if (d) d.kind = 'reservation';
      },
      [problem('t-b', 'decision', B_DECISION, 'missing'), problem('t-b', 'reservation', B_DECISION, 'unexpected')],
    ],
    [
      'R5.4: a dissent moved to another topic',
      (m) => {
        const moved = sectionOf(m, 't-a').blocks.pop();
        if (moved) sectionOf(m, 't-b').blocks.push(moved);
      },
      [problem('t-a', 'dissent', A_DISSENT, 'missing'), problem('t-b', 'dissent', A_DISSENT, 'unexpected')],
    ],
    [
      'R5.4: a decision invented',
      (m) =>
        sectionOf(m, 't-b').blocks.push({
          kind: 'decision',
          speakerId: null,
          speakerName: null,
          text: '会议议定：追加拨款。',
        }),
      [problem('t-b', 'decision', '会议议定：追加拨款。', 'unexpected')],
    ],
    [
      'R5.4: a section for a topic not discussed, with a block',
      (m) =>
        m.sections.push({
          topicId: 't-c',
          heading: '三、未讨论的议题',
          marks: '',
          narrative: '',
          blocks: [{ kind: 'decision', speakerId: null, speakerName: null, text: '会议议定：同意。' }],
          recordVersion: 1,
        }),
      [problem('t-c', 'decision', '会议议定：同意。', 'unexpected')],
    ],
    [
      'R5.4: a discussed topic’s section dropped',
      (m) => {
        m.sections = m.sections.filter((s) => s.topicId !== 't-a');
      },
      [problem('t-a', 'decision', A_DECISION, 'missing'), problem('t-a', 'dissent', A_DISSENT, 'missing')],
    ],
    // The issued text is rendered afresh from the record (rerender), so a duplicate never reaches it.
    [
      'a block repeated in its own section',
      (m) => sectionOf(m, 't-b').blocks.push({ ...sectionOf(m, 't-b').blocks[0]! }),
      [],
    ],
  ])('%s', (_name, tamper, problems) => {
    const m = draftMinutes(input);
    tamper(m);
    expect(integrityProblems(m, entries)).toEqual(problems);
  });

  it('R5.4: a dissent recorded after the draft was made is missing from it', () => {
    const m = draftMinutes(input);
    const later = [a, { ...b, opinions: [opinion({ stance: 'against', text: '培训经费不足' })] }, c];
    expect(integrityProblems(m, later)).toEqual([
      problem('t-b', 'dissent', '黄磊同志对此持不同意见：“培训经费不足。”', 'missing'),
    ]);
  });
});

describe('sectionsMatch', () => {
  const expected = [
    { topicId: 't-a', heading: '一、参展补助资金分配方案' },
    { topicId: 't-b', heading: '二、年度培训计划' },
  ];
  it.each<[string, Array<{ topicId: string; heading?: string }>, boolean]>([
    ['the same sections', expected, true],
    ['the same topics without headings', [{ topicId: 't-a' }, { topicId: 't-b' }], true],
    ['R5.5: a heading renamed', [expected[0]!, { topicId: 't-b', heading: '二、培训计划' }], false],
    ['R5.5: sections reordered', [expected[1]!, expected[0]!], false],
    ['R5.5: a section dropped', [expected[0]!], false],
    ['R5.5: a section added', [...expected, { topicId: 't-c', heading: '三、其他' }], false],
    ['R5.5: a section given another topic', [expected[0]!, { topicId: 't-c', heading: '二、年度培训计划' }], false],
    ['R5.5: no sections', [], false],
  ])('%s', (_name, given, match) => {
    expect(sectionsMatch(expected, given)).toBe(match);
  });

  it('no discussed topic and no section match', () => {
    expect(sectionsMatch([], [])).toBe(true);
  });
});

describe('normalizeContent', () => {
  const rest = {
    title: '对外贸易处处务会会议纪要',
    opening: '开头',
    present: ['李伟'],
    leave: [],
    observers: [],
    recorder: '王芳',
    distribution: '分送：监察室（备案）',
  };

  it('reads an old section’s free `body` as its narrative, and an old document’s missing closing as none', () => {
    const old = { ...rest, sections: [{ topicId: 't-a', heading: '一、旧议题', body: '旧正文\n第二段' }] };
    expect(normalizeContent(old)).toEqual({
      ...rest,
      closing: '',
      sections: [
        { topicId: 't-a', heading: '一、旧议题', marks: '', narrative: '旧正文\n第二段', blocks: [], recordVersion: 0 },
      ],
    });
  });

  it('fills every missing field of a section', () => {
    expect(normalizeContent({ ...rest, closing: '结束', sections: [{}] }).sections).toEqual([
      { topicId: '', heading: '', marks: '', narrative: '', blocks: [], recordVersion: 0 },
    ]);
  });

  it('prefers the narrative to an old body', () => {
    const s = normalizeContent({ ...rest, sections: [{ topicId: 't', heading: 'h', narrative: '新', body: '旧' }] });
    expect(s.sections[0]?.narrative).toBe('新');
  });

  it('leaves current content as it is', () => {
    const current: MinutesContent = {
      ...rest,
      closing: '结束语',
      sections: [
        {
          topicId: 't-a',
          heading: '一、议题',
          marks: '【涉及资金事项】',
          narrative: '叙述',
          blocks: [{ kind: 'decision', speakerId: null, speakerName: null, text: '会议议定：同意。' }],
          recordVersion: 3,
        },
      ],
    };
    expect(normalizeContent(structuredClone(current))).toEqual(current);
  });
});

describe('distributionLine: the printed 分送 line from the recipients distributed to', () => {
  const pl: LineRecipient = { purpose: 'report', role: 'principal_leader', name: '赵局长' };
  const pl2: LineRecipient = { purpose: 'report', role: 'principal_leader', name: '钱书记' };
  const sl: LineRecipient = { purpose: 'report', role: 'supervising_leader', name: '陈立新' };
  const sl2: LineRecipient = { purpose: 'report', role: 'supervising_leader', name: '孙副局长' };
  const ds: LineRecipient = { purpose: 'report', role: 'discipline_secretary', name: '周书记' };
  const member: LineRecipient = { purpose: 'circulate', role: 'member', name: '王芳' };
  const observer: LineRecipient = { purpose: 'circulate', role: 'observer', name: '吴列席' };
  const office: LineRecipient = { purpose: 'file', role: 'supervision_office', name: null };

  it.each<[string, LineRecipient[], string]>([
    ['nobody', [], ''],
    [
      'the default regime',
      [pl, pl2, sl, ds, member, member, office],
      '分送：局主要领导，陈立新（分管领导），局纪委书记，监察室（备案）；本处室全体人员传阅',
    ],
    [
      'the order is the line’s, not the recipients’',
      [office, member, ds, sl, pl],
      '分送：局主要领导，陈立新（分管领导），局纪委书记，监察室（备案）；本处室全体人员传阅',
    ],
    ['principal leaders only', [pl, pl2], '分送：局主要领导'],
    ['the supervising leader only', [sl], '分送：陈立新（分管领导）'],
    ['two supervising leaders, each by name', [sl, sl2], '分送：陈立新（分管领导），孙副局长（分管领导）'],
    ['a supervising leader without a name is not printed', [{ ...sl, name: null }], ''],
    ['the discipline secretary only', [ds], '分送：局纪委书记'],
    ['filing only', [office], '分送：监察室（备案）'],
    ['circulation only', [member], '传阅：本处室全体人员'],
    ['observers only', [observer], '分送：列席人员'],
    ['observers and circulation', [observer, member], '分送：列席人员；本处室全体人员传阅'],
    [
      'report without filing, with circulation',
      [pl, sl, ds, member],
      '分送：局主要领导，陈立新（分管领导），局纪委书记；本处室全体人员传阅',
    ],
    ['filing and circulation', [office, member], '分送：监察室（备案）；本处室全体人员传阅'],
    [
      'one person holding two report roles',
      [{ purpose: 'report', role: 'principal_leader,supervising_leader', name: '赵局长' }],
      '分送：局主要领导，赵局长（分管领导）',
    ],
    [
      'every kind at once',
      [pl, sl, sl2, ds, observer, office, member],
      '分送：局主要领导，陈立新（分管领导），孙副局长（分管领导），局纪委书记，列席人员，监察室（备案）；本处室全体人员传阅',
    ],
    ['a member reported to (not circulated) is not the circulation', [{ ...member, purpose: 'report' }], ''],
  ])('%s', (_name, recipients, line) => {
    expect(distributionLine(recipients)).toBe(line);
  });
});
