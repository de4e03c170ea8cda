import { z } from 'zod';
import { DEFAULT_CASE_MEASURES } from './accountability.js';
import { COMPLIANCE_CHECKS, type ComplianceCheck } from './compliance.js';
import { archiveCodePatternProblem, FONDS_CODE, RETENTION_PERIODS, type CategoryRetention } from './archive.js';

/**
 * The regime as data (REGULATION.md, "What software adds"): every number of the
 * regulation is a unit setting with the regulation's default. Nothing in code says "3".
 */
export const TOPIC_CATEGORY_DEFAULTS = [
  '传达学习局党委及局领导工作部署',
  '汇报工作情况及阶段性工作总结',
  '须经处务会研究决定的事项',
  '商务发展重要课题研究',
  '处室业务工作（含行政许可和非行政许可审批）',
  '须报请局党委、局领导研究决定的事项',
  '专项资金的使用和分配',
  '面向企业的座谈会、研讨会、展览会和培训',
  '出国（境）考察、参展及其他经贸活动',
  '重大处罚事项',
] as const;

export const MATTER_FLAGS = ['project', 'funds', 'major_penalty', 'licensing', 'delegated_power'] as const;
export type MatterFlag = (typeof MATTER_FLAGS)[number];
export const MATTER_FLAG_LABELS: Record<MatterFlag, string> = {
  project: '项目',
  funds: '资金',
  major_penalty: '重大处罚',
  licensing: '行政许可',
  delegated_power: '权力下放',
};

export const RECIPIENT_ROLES = ['principal_leader', 'supervising_leader', 'discipline_secretary'] as const;

/** Bureau roles a unit may additionally allow as observers (R3.4 names the supervising leader). */
export const OBSERVER_EXTRA_ROLES = ['principal_leader', 'discipline_secretary'] as const;

/** R2.4 / R4.1: a content category implies matter flags and importance; a proposer cannot clear them. */
export const categoryImplicationSchema = z.strictObject({
  category: z.string().min(1).max(60),
  matterFlags: z.array(z.enum(MATTER_FLAGS)).max(MATTER_FLAGS.length),
  important: z.boolean(),
});
export type CategoryImplication = z.infer<typeof categoryImplicationSchema>;

/** A calendar month, `YYYY-MM`. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
/** R5.7: the retention period (保管期限) of one topic category. */
export const categoryRetentionSchema = z.strictObject({
  category: z.string().min(1).max(60),
  period: z.enum(RETENTION_PERIODS),
});

/**
 * The default 保管期限 per category (文书档案保管期限表 practice): what the meeting decided
 * for the bureau — its own decisions, escalations, special funds, major penalties — is kept
 * permanently; reports, research, business and trade activities 30 years; routine forums and
 * trainings 10 years. Unlisted categories keep the default, 30 years.
 */
export const DEFAULT_CATEGORY_RETENTION: CategoryRetention[] = [
  { category: '传达学习局党委及局领导工作部署', period: '30y' },
  { category: '汇报工作情况及阶段性工作总结', period: '30y' },
  { category: '须经处务会研究决定的事项', period: 'permanent' },
  { category: '商务发展重要课题研究', period: '30y' },
  { category: '处室业务工作（含行政许可和非行政许可审批）', period: '30y' },
  { category: '须报请局党委、局领导研究决定的事项', period: 'permanent' },
  { category: '专项资金的使用和分配', period: 'permanent' },
  { category: '面向企业的座谈会、研讨会、展览会和培训', period: '10y' },
  { category: '出国（境）考察、参展及其他经贸活动', period: '30y' },
  { category: '重大处罚事项', period: 'permanent' },
];

/** The 档号 pattern a unit starts with: 全宗号-年度-保管期限-处室代码-件号. */
export const DEFAULT_ARCHIVE_CODE_PATTERN = '{全宗号}-{年度}-{保管期限}-{处室代码}-{件号}';

/** A number from 0 to `max` with at most two decimals (a score weight such as 0.5). */
function centesimal(max: number) {
  return z
    .number()
    .min(0)
    .max(max)
    .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, { message: '最多保留两位小数' });
}

/** R6.4 得分: a check's weight in a division's compliance score, a whole number 0–10 (0: not scored). */
const complianceWeight = z.int().min(0).max(10);
export const complianceWeightsSchema = z.strictObject(
  Object.fromEntries(COMPLIANCE_CHECKS.map((c) => [c, complianceWeight])) as Record<
    ComplianceCheck,
    typeof complianceWeight
  >,
);

export const regimeSettingsSchema = z.strictObject({
  /** R3.5: at least this many division meetings per calendar month. */
  meetingsPerMonth: z.int().min(0).max(31),
  /** R5.8–R5.10: minutes go out within this many working days after the meeting. */
  distributionWorkingDays: z.int().min(1).max(30),
  /** R5.8: the roles minutes are reported to. */
  reportRecipientRoles: z.array(z.enum(RECIPIENT_ROLES)).max(3),
  /** R5.9: circulate to all members of the division. */
  circulateToDivision: z.boolean(),
  /** R5.10: file with the supervision office. */
  fileWithSupervisionOffice: z.boolean(),
  /** R4.2: the ten content categories. */
  topicCategories: z.array(z.string().min(1).max(60)).min(1).max(30),
  /** R1.2: matters the minutes mark explicitly. */
  matterFlags: z.array(z.enum(MATTER_FLAGS)).max(MATTER_FLAGS.length),
  /** R5.6: numbering pattern, per division per year, gapless. */
  numberingPattern: z.string().min(3).max(40),
  /** R5.7 / R1.3: 全宗号, the fonds code the archives office assigned the unit (档号's first part). */
  archiveFondsCode: z.string().regex(FONDS_CODE, { message: '全宗号须为 1–12 位字母或数字' }),
  /** R5.7: the 档号 pattern of an archived minutes (DA/T 22 件 numbering). */
  archiveCodePattern: z.string().superRefine((v, ctx) => {
    const problem = archiveCodePatternProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  /** R5.7 / R1.3: 保管期限 of minutes whose topics' categories are not listed below. */
  archiveRetentionDefault: z.enum(RETENTION_PERIODS),
  /** R5.7 / R1.3: 保管期限 per topic category; minutes keep the longest of their topics'. */
  archiveRetentionByCategory: z.array(categoryRetentionSchema).max(30),
  /** R5.7: the digest written for every file of an archive package (SHA-256, or SM3). */
  archiveHashAlgorithm: z.enum(['sha256', 'sm3']),
  /** R2.4: a written statement counts as written material from this many characters. */
  writtenStatementMinChars: z.int().min(0).max(10000),
  /** R2.4 / R4.1 / R1.2: categories that imply matter flags and importance. */
  categoryImplications: z.array(categoryImplicationSchema).max(30),
  /** R5.5: the opening formula of the minutes; {date} {chair} {place} {topics}. */
  minutesOpeningTemplate: z.string().min(1).max(300),
  /** R5.5: the closing formula after the sections ('' for none). */
  minutesClosingTemplate: z.string().max(300),
  /** R3.4: observers also receive the issued minutes. */
  distributeToObservers: z.boolean(),
  /** R3.4: bureau roles allowed as observers besides those the regulation names. */
  observerExtraRoles: z.array(z.enum(OBSERVER_EXTRA_ROLES)).max(OBSERVER_EXTRA_ROLES.length),
  /** R6.2: a tracked item's light turns yellow within this many working days of its deadline. */
  trackingDueSoonWorkingDays: z.int().min(0).max(30),
  /** R6.2: an item is stalled after this many working days without a progress report (0 = never). */
  trackingStalledWorkingDays: z.int().min(0).max(60),
  /** R6.2 / R6.3: the supervision office is alerted after this many working days overdue. */
  trackingEscalationWorkingDays: z.int().min(1).max(60),
  /** R6.4: the share of completed items the supervision office samples for verification, in percent. */
  trackingVerificationPercent: z.int().min(0).max(100),
  /** R6.2 考评: points for a division's on-time completion rate (rate × weight). */
  trackingScoreOnTimeWeight: z.int().min(0).max(100),
  /** R6.2 考评: points for its completion rate, late completions included (rate × weight). */
  trackingScoreCompletionWeight: z.int().min(0).max(100),
  /** R6.2 考评: points taken off per working day overdue (at most two decimals). */
  trackingScoreOverduePenalty: centesimal(10),
  /** R6.2 考评: points taken off per extension granted (at most two decimals). */
  trackingScoreExtensionPenalty: centesimal(20),
  /** R6.3: the bureau's 效能问责 measures a case's 处理意见 and 决定 choose from. */
  accountabilityMeasures: z.array(z.string().trim().min(1).max(60)).min(1).max(20),
  /** R4.1: a fund register's amount matches a decided topic's within ± this percent. */
  registerFundsTolerancePercent: z.int().min(0).max(100),
  /**
   * R6.4 go-live: the first month (YYYY-MM, Shanghai) the regime is in force in this unit;
   * the compliance matrix shows the months before it 不适用. null: the month the unit was created.
   */
  regimeStartMonth: z
    .string()
    .regex(MONTH_PATTERN, { message: '制度施行起始月份格式应为 YYYY-MM（如 2026-01）' })
    .nullable(),
  /** R6.4 得分: each check's weight in the division's score (score = 100 × Σ w·达标 ÷ Σ w·适用). */
  complianceWeights: complianceWeightsSchema,
});
export type RegimeSettings = z.infer<typeof regimeSettingsSchema>;

export const DEFAULT_REGIME: RegimeSettings = {
  meetingsPerMonth: 1,
  distributionWorkingDays: 3,
  reportRecipientRoles: [...RECIPIENT_ROLES],
  circulateToDivision: true,
  fileWithSupervisionOffice: true,
  topicCategories: [...TOPIC_CATEGORY_DEFAULTS],
  matterFlags: [...MATTER_FLAGS],
  numberingPattern: '〔{year}〕{n}号',
  archiveFondsCode: '0001',
  archiveCodePattern: DEFAULT_ARCHIVE_CODE_PATTERN,
  archiveRetentionDefault: '30y',
  archiveRetentionByCategory: DEFAULT_CATEGORY_RETENTION.map((c) => ({ ...c })),
  archiveHashAlgorithm: 'sha256',
  writtenStatementMinChars: 200,
  categoryImplications: [
    { category: '专项资金的使用和分配', matterFlags: ['funds'], important: true },
    { category: '重大处罚事项', matterFlags: ['major_penalty'], important: true },
  ],
  minutesOpeningTemplate: '{date}，{chair}同志在{place}主持召开处务会，研究{topics}等事项。现将会议议定事项纪要如下：',
  minutesClosingTemplate: '',
  distributeToObservers: false,
  observerExtraRoles: [],
  trackingDueSoonWorkingDays: 3,
  trackingStalledWorkingDays: 5,
  trackingEscalationWorkingDays: 5,
  trackingVerificationPercent: 20,
  trackingScoreOnTimeWeight: 60,
  trackingScoreCompletionWeight: 40,
  trackingScoreOverduePenalty: 0.5,
  trackingScoreExtensionPenalty: 2,
  accountabilityMeasures: [...DEFAULT_CASE_MEASURES],
  registerFundsTolerancePercent: 10,
  regimeStartMonth: null,
  complianceWeights: Object.fromEntries(COMPLIANCE_CHECKS.map((c) => [c, 1])) as Record<ComplianceCheck, number>,
};

/** The flags and importance a category implies under the unit's settings. */
export function impliedBy(regime: Pick<RegimeSettings, 'categoryImplications'>, category: string): CategoryImplication {
  const found = regime.categoryImplications.filter((c) => c.category === category);
  return {
    category,
    matterFlags: [...new Set(found.flatMap((c) => c.matterFlags))],
    important: found.some((c) => c.important),
  };
}

export const HASH_ALGORITHMS = ['sha256', 'sm3'] as const;
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];

/** 等保 level-3 controls; only the security admin changes them. */
export const securitySettingsSchema = z.strictObject({
  passwordMinLength: z.int().min(8).max(64),
  passwordMinClasses: z.int().min(3).max(4),
  maxFailedLogins: z.int().min(3).max(20),
  lockoutMinutes: z
    .int()
    .min(1)
    .max(24 * 60),
  sessionIdleMinutes: z
    .int()
    .min(5)
    .max(24 * 60),
  sessionAbsoluteHours: z.int().min(1).max(72),
  auditHashAlgorithm: z.enum(HASH_ALGORITHMS),
});
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;

export const DEFAULT_SECURITY: SecuritySettings = {
  passwordMinLength: 8,
  passwordMinClasses: 3,
  maxFailedLogins: 5,
  lockoutMinutes: 30,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  auditHashAlgorithm: 'sha256',
};

export const SETTINGS_SECTIONS = {
  regime: { schema: regimeSettingsSchema, defaults: DEFAULT_REGIME },
  security: { schema: securitySettingsSchema, defaults: DEFAULT_SECURITY },
} as const;
export type SettingsSection = keyof typeof SETTINGS_SECTIONS;

/** Formats a minutes number per the unit's pattern: `〔{year}〕{n}号` → `〔2026〕3号`. */
export function formatMinutesNumber(pattern: string, year: number, n: number): string {
  return pattern.replaceAll('{year}', String(year)).replaceAll('{n}', String(n));
}
