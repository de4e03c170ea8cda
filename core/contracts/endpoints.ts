import type { z } from 'zod';
import { versionBody } from './common.js';
import { changePasswordBody, loginBody, loginResponseDto } from './auth.js';
import { meDto } from './me.js';
import {
  createDivisionBody,
  createUserBody,
  createdUserDto,
  delegationListDto,
  delegationsBody,
  divisionDto,
  divisionListDto,
  divisionMembersDto,
  memberOrderBody,
  memberListDto,
  peopleDto,
  resetPasswordDto,
  setMembershipsBody,
  setRolesBody,
  updateDivisionBody,
  updateUserBody,
  userDto,
  usersPageDto,
  usersQuery,
} from './org.js';
import {
  mailStatusDto,
  regimeSettingsDto,
  securitySettingsDto,
  updateRegimeBody,
  updateSecurityBody,
} from './settings.js';
import { auditPageDto, auditQuery, verifyDto } from './audit.js';
import { healthDto } from './health.js';
import { integrityReportDto, minutesIntegrityDto } from './integrity.js';
import { complianceCellDetailDto, complianceCellQuery, complianceMatrixDto, complianceQuery } from './oversight.js';
import {
  addFlagsBody,
  approveTopicBody,
  createTopicBody,
  decidedMatterPageDto,
  decidedMattersQuery,
  returnTopicBody,
  topicDto,
  topicsPageDto,
  topicsQuery,
  updateTopicBody,
  uploadedAttachmentDto,
} from './topics.js';
import { noticesPageDto, noticesQuery } from './notices.js';
import {
  agendaOutcomeBody,
  attendanceBody,
  calendarFeedDto,
  cancelMeetingBody,
  checkInBody,
  checkInOutcomeDto,
  checkinTicketBody,
  checkinTicketDto,
  checkinTokenDto,
  decideLeaveBody,
  eligibleObserverListDto,
  leaveBody,
  meetingBody,
  meetingDto,
  meetingSummaryPageDto,
  meetingsQuery,
  monthlyDto,
  monthlyQuery,
  updateMeetingBody,
} from './meetings.js';
import {
  calendarChangeDto,
  calendarDaysDto,
  calendarDaysQuery,
  calendarYearListDto,
  dueDto,
  dueQuery,
  importScheduleBody,
  importScheduleDto,
  overrideBody,
  overrideListDto,
} from './calendar.js';
import { workbenchDto } from './workbench.js';
import { recordDto, recordEntryBody, recordEntryDto } from './record.js';
import { issueMinutesBody, minutesDto, minutesPageDto, minutesQuery, updateMinutesBody } from './minutes.js';
import {
  confirmReadBody,
  deadlinesQuery,
  distributionEntryDto,
  distributionEntryPageDto,
  distributionOverviewPageDto,
  inboxQuery,
  meetingDistributionDto,
} from './distribution.js';
import {
  assignItemBody,
  decideExtensionBody,
  extensionBody,
  reasonBody,
  reportBody,
  terminateBody,
  trackingAttachmentDto,
  trackingDetailDto,
  trackingExportQuery,
  trackingListQuery,
  trackingPageDto,
  trackingScoresDto,
  trackingScoresQuery,
  verifyBody,
} from './tracking.js';
import {
  caseAttachmentDto,
  caseDetailDto,
  caseNoteBody,
  caseNoticeDto,
  caseNoticesPageDto,
  casesPageDto,
  casesQuery,
  caseTextBody,
  decideCaseBody,
  dismissCaseBody,
  evidenceCheckDto,
  fileCaseBody,
  investigateCaseBody,
  myCasesQuery,
  openCaseBody,
  proposeCaseBody,
} from './accountability.js';
import { searchQuery, searchResultDto } from './search.js';
import {
  confirmLineBody,
  dismissLineBody,
  reopenLineBody,
  importRegisterDto,
  registerLineDto,
  registerLinesPageDto,
  registerLinesQuery,
  registersPageDto,
  registersQuery,
} from './registers.js';
import {
  checklistBody,
  closeFindingBody,
  concludeBody,
  createInspectionBody,
  findingBody,
  findingDetailDto,
  findingFileDto,
  findingsPageDto,
  findingsQuery,
  inspectionDetailDto,
  inspectionsPageDto,
  inspectionsQuery,
  notifyBody,
  rectificationReportBody,
  redrawBody,
  resultBody,
  returnFindingBody,
  startBody,
} from './inspections.js';
import {
  appraisalPageDto,
  appraisalQuery,
  appraiseBody,
  archiveCheckDto,
  archiveDetailDto,
  archiveItemDto,
  archivesOverviewDto,
  archivesQuery,
  createArchiveBody,
} from './archive.js';

/**
 * Every endpoint of the API: `METHOD /path/:param` → its query, body and response
 * schemas. The server's routes declare exactly these schemas (server/test/endpoints.test.ts
 * holds every registered route against this table), and the web client takes its types
 * from here (web/src/api/client.ts). `response: null` is a 204 or a file, not JSON;
 * `upload` marks a raw file body (X-Filename).
 */
export interface Endpoint {
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType | null;
  upload?: true;
}

const none = { response: null } as const;

export const endpoints = {
  'GET /api/health': { response: healthDto },
  // auth and me
  'POST /api/auth/login': { body: loginBody, response: loginResponseDto },
  'POST /api/auth/logout': none,
  'POST /api/auth/password': { body: changePasswordBody, response: null },
  'GET /api/me': { response: meDto },
  'POST /api/me/calendar-feed': { response: calendarFeedDto },
  'GET /api/calendar/:file': none,
  // organisation
  'GET /api/divisions': { response: divisionListDto },
  'GET /api/admin/divisions': { response: divisionListDto },
  'POST /api/admin/divisions': { body: createDivisionBody, response: divisionDto },
  'PATCH /api/admin/divisions/:id': { body: updateDivisionBody, response: divisionDto },
  'GET /api/admin/divisions/:id/members': { response: divisionMembersDto },
  'PUT /api/admin/divisions/:id/member-order': { body: memberOrderBody, response: divisionMembersDto },
  'GET /api/admin/users': { query: usersQuery, response: usersPageDto },
  'GET /api/admin/users/:id': { response: userDto },
  'POST /api/admin/users': { body: createUserBody, response: createdUserDto },
  'PATCH /api/admin/users/:id': { body: updateUserBody, response: userDto },
  'PUT /api/admin/users/:id/memberships': { body: setMembershipsBody, response: userDto },
  'PUT /api/admin/users/:id/roles': { body: setRolesBody, response: userDto },
  'POST /api/admin/users/:id/reset-password': { response: resetPasswordDto },
  'POST /api/admin/users/:id/unlock': { response: userDto },
  'POST /api/admin/users/:id/lock': { response: userDto },
  'GET /api/people': { response: peopleDto },
  'GET /api/divisions/:id/members': { response: memberListDto },
  'GET /api/divisions/:id/delegations': { response: delegationListDto },
  'PUT /api/divisions/:id/delegations': { body: delegationsBody, response: delegationListDto },
  'GET /api/divisions/:id/eligible-observers': { response: eligibleObserverListDto },
  // settings, audit, integrity
  'GET /api/admin/settings/mail': { response: mailStatusDto },
  'GET /api/admin/settings/security': { response: securitySettingsDto },
  'PUT /api/admin/settings/security': { body: updateSecurityBody, response: securitySettingsDto },
  'GET /api/settings/regime': { response: regimeSettingsDto },
  'PUT /api/admin/settings/regime': { body: updateRegimeBody, response: regimeSettingsDto },
  'GET /api/audit/events': { query: auditQuery, response: auditPageDto },
  'GET /api/audit/verify': { response: verifyDto },
  'GET /api/integrity': { response: integrityReportDto },
  'GET /api/minutes/:id/integrity': { response: minutesIntegrityDto },
  // topics
  'GET /api/topics': { query: topicsQuery, response: topicsPageDto },
  'POST /api/topics': { body: createTopicBody, response: topicDto },
  'GET /api/topics/:id': { response: topicDto },
  'PUT /api/topics/:id': { body: updateTopicBody, response: topicDto },
  'POST /api/topics/:id/submit': { body: versionBody, response: topicDto },
  'POST /api/topics/:id/approve': { body: approveTopicBody, response: topicDto },
  'POST /api/topics/:id/withdraw': { body: versionBody, response: topicDto },
  'POST /api/topics/:id/flags': { body: addFlagsBody, response: topicDto },
  'POST /api/topics/:id/return': { body: returnTopicBody, response: topicDto },
  'GET /api/decided-matters': { query: decidedMattersQuery, response: decidedMatterPageDto },
  'POST /api/topics/:id/attachments': { upload: true, response: uploadedAttachmentDto },
  'GET /api/topics/:id/attachments/:attachmentId': none,
  'DELETE /api/topics/:id/attachments/:attachmentId': none,
  // notices
  'GET /api/notices': { query: noticesQuery, response: noticesPageDto },
  'POST /api/notices/:id/read': none,
  'POST /api/notices/read-all': none,
  // meetings
  'GET /api/meetings': { query: meetingsQuery, response: meetingSummaryPageDto },
  'GET /api/meetings/monthly': { query: monthlyQuery, response: monthlyDto },
  'POST /api/meetings': { body: meetingBody, response: meetingDto },
  'GET /api/meetings/:id': { response: meetingDto },
  'PATCH /api/meetings/:id': { body: updateMeetingBody, response: meetingDto },
  'POST /api/meetings/:id/notify': { body: versionBody, response: meetingDto },
  'POST /api/meetings/:id/start': { body: versionBody, response: meetingDto },
  'POST /api/meetings/:id/close': { body: versionBody, response: meetingDto },
  'POST /api/meetings/:id/cancel': { body: cancelMeetingBody, response: meetingDto },
  'POST /api/meetings/:id/read': none,
  'POST /api/meetings/:id/leave': { body: leaveBody, response: meetingDto },
  'POST /api/meetings/:id/leave/:leaveId/decide': { body: decideLeaveBody, response: meetingDto },
  'POST /api/meetings/:id/attendance': { body: attendanceBody, response: meetingDto },
  'PUT /api/meetings/:id/agenda/:topicId/outcome': { body: agendaOutcomeBody, response: meetingDto },
  'GET /api/meetings/:id/checkin-token': { response: checkinTokenDto },
  'POST /api/meetings/:id/checkin-ticket': { body: checkinTicketBody, response: checkinTicketDto },
  'POST /api/meetings/:id/check-in': { body: checkInBody, response: checkInOutcomeDto },
  'PUT /api/meetings/:id/paper-minutes': { upload: true, response: meetingDto },
  'GET /api/meetings/:id/paper-minutes': none,
  'GET /api/workbench': { response: workbenchDto },
  // the working-day calendar
  'GET /api/calendar/due': { query: dueQuery, response: dueDto },
  'GET /api/calendar/years': { response: calendarYearListDto },
  'GET /api/calendar/days': { query: calendarDaysQuery, response: calendarDaysDto },
  'GET /api/calendar/overrides': { response: overrideListDto },
  'POST /api/calendar/schedules': { body: importScheduleBody, response: importScheduleDto },
  'DELETE /api/calendar/schedules/:year': { response: calendarChangeDto },
  'PUT /api/calendar/overrides/:date': { body: overrideBody, response: calendarChangeDto },
  'DELETE /api/calendar/overrides/:date': { response: calendarChangeDto },
  // record, minutes, distribution
  'GET /api/meetings/:id/record': { response: recordDto },
  'PUT /api/meetings/:id/record/:topicId': { body: recordEntryBody, response: recordEntryDto },
  'GET /api/minutes': { query: minutesQuery, response: minutesPageDto },
  'POST /api/meetings/:id/minutes': { response: minutesDto },
  'GET /api/minutes/:id': { response: minutesDto },
  'PUT /api/minutes/:id': { body: updateMinutesBody, response: minutesDto },
  'POST /api/minutes/:id/submit': { body: versionBody, response: minutesDto },
  'POST /api/minutes/:id/return': { body: versionBody, response: minutesDto },
  'POST /api/minutes/:id/issue': { body: issueMinutesBody, response: minutesDto },
  'POST /api/minutes/:id/correct': { response: minutesDto },
  'GET /api/minutes/:id/document.pdf': none,
  'GET /api/minutes/:id/document.docx': none,
  'GET /api/distributions': { query: inboxQuery, response: distributionEntryPageDto },
  'GET /api/distributions/:id': { response: distributionEntryDto },
  'POST /api/distributions/:id/read': { body: confirmReadBody, response: distributionEntryDto },
  'POST /api/distributions/:id/receive': { response: distributionEntryDto },
  'GET /api/meetings/:id/distribution': { response: meetingDistributionDto },
  'GET /api/distribution-deadlines': { query: deadlinesQuery, response: distributionOverviewPageDto },
  // execution tracking (督办)
  'GET /api/tracking/items': { query: trackingListQuery, response: trackingPageDto },
  'GET /api/tracking/items.xlsx': { query: trackingExportQuery, response: null },
  'GET /api/tracking/items/:id': { response: trackingDetailDto },
  'POST /api/tracking/items/:id/assign': { body: assignItemBody, response: trackingDetailDto },
  'POST /api/tracking/items/:id/attachments': { upload: true, response: trackingAttachmentDto },
  'GET /api/tracking/items/:id/attachments/:attachmentId': none,
  'POST /api/tracking/items/:id/reports': { body: reportBody, response: trackingDetailDto },
  'POST /api/tracking/items/:id/completion': { body: reportBody, response: trackingDetailDto },
  'POST /api/tracking/items/:id/confirm': { body: versionBody, response: trackingDetailDto },
  'POST /api/tracking/items/:id/return': { body: reasonBody, response: trackingDetailDto },
  'POST /api/tracking/items/:id/verify': { body: verifyBody, response: trackingDetailDto },
  'POST /api/tracking/items/:id/extensions': { body: extensionBody, response: trackingDetailDto },
  'POST /api/tracking/items/:id/extensions/:extensionId/decide': {
    body: decideExtensionBody,
    response: trackingDetailDto,
  },
  'POST /api/tracking/items/:id/terminate': { body: terminateBody, response: trackingDetailDto },
  'GET /api/tracking/scores': { query: trackingScoresQuery, response: trackingScoresDto },
  // oversight: the compliance matrix (R6.4)
  'GET /api/oversight/compliance': { query: complianceQuery, response: complianceMatrixDto },
  'GET /api/oversight/compliance/cell': { query: complianceCellQuery, response: complianceCellDetailDto },
  // registers (登记簿) and the R4.1 cross-check
  'GET /api/registers': { query: registersQuery, response: registersPageDto },
  'POST /api/registers/import/:kind': { upload: true, response: importRegisterDto },
  'GET /api/registers/:id/lines': { query: registerLinesQuery, response: registerLinesPageDto },
  'POST /api/registers/lines/:id/confirm': { body: confirmLineBody, response: registerLineDto },
  'POST /api/registers/lines/:id/dismiss': { body: dismissLineBody, response: registerLineDto },
  'POST /api/registers/lines/:id/reopen': { body: reopenLineBody, response: registerLineDto },
  // inspections (专项检查) and rectification (整改), R6.4
  'GET /api/inspections': { query: inspectionsQuery, response: inspectionsPageDto },
  'POST /api/inspections': { body: createInspectionBody, response: inspectionDetailDto },
  'GET /api/inspections/:id': { response: inspectionDetailDto },
  'POST /api/inspections/:id/sample': { body: redrawBody, response: inspectionDetailDto },
  'PUT /api/inspections/:id/checklist': { body: checklistBody, response: inspectionDetailDto },
  'POST /api/inspections/:id/start': { body: startBody, response: inspectionDetailDto },
  'PUT /api/inspections/:id/results': { body: resultBody, response: inspectionDetailDto },
  'POST /api/inspections/:id/findings': { body: findingBody, response: inspectionDetailDto },
  'POST /api/inspections/:id/conclude': { body: concludeBody, response: inspectionDetailDto },
  'GET /api/inspections/:id/report/:format': none,
  'GET /api/rectifications': { query: findingsQuery, response: findingsPageDto },
  'GET /api/rectifications/:id': { response: findingDetailDto },
  'POST /api/rectifications/:id/notify': { body: notifyBody, response: findingDetailDto },
  'POST /api/rectifications/:id/report': { body: rectificationReportBody, response: findingDetailDto },
  'POST /api/rectifications/:id/close': { body: closeFindingBody, response: findingDetailDto },
  'POST /api/rectifications/:id/return': { body: returnFindingBody, response: findingDetailDto },
  'POST /api/rectifications/:id/files': { upload: true, response: findingFileDto },
  'GET /api/rectifications/:id/files/:fileId': none,
  // archive (归档, R5.7 / R1.3) and appraisal (到期鉴定)
  'GET /api/archives': { query: archivesQuery, response: archivesOverviewDto },
  'POST /api/archives': { body: createArchiveBody, response: archiveDetailDto },
  'GET /api/archives/appraisal': { query: appraisalQuery, response: appraisalPageDto },
  'GET /api/archives/:id': { response: archiveDetailDto },
  'GET /api/archives/:id/package.zip': none,
  'GET /api/archives/:id/check': { response: archiveCheckDto },
  'GET /api/archives/:id/report.pdf': none,
  'POST /api/archives/items/:id/appraise': { body: appraiseBody, response: archiveItemDto },
  // accountability cases (责任追究)
  'GET /api/cases': { query: casesQuery, response: casesPageDto },
  'POST /api/cases': { body: openCaseBody, response: caseDetailDto },
  'GET /api/cases/mine': { query: myCasesQuery, response: caseNoticesPageDto },
  'GET /api/cases/mine/:id': { response: caseNoticeDto },
  'GET /api/cases/:id': { response: caseDetailDto },
  'GET /api/cases/:id/evidence/verify': { response: evidenceCheckDto },
  'POST /api/cases/:id/preliminary': { body: caseNoteBody, response: caseDetailDto },
  'POST /api/cases/:id/file': { body: fileCaseBody, response: caseDetailDto },
  'POST /api/cases/:id/dismiss': { body: dismissCaseBody, response: caseDetailDto },
  'POST /api/cases/:id/investigate': { body: investigateCaseBody, response: caseDetailDto },
  'POST /api/cases/:id/statements': { body: caseTextBody, response: caseNoticeDto },
  'POST /api/cases/:id/evidence': { body: caseTextBody, response: caseDetailDto },
  'POST /api/cases/:id/propose': { body: proposeCaseBody, response: caseDetailDto },
  'POST /api/cases/:id/decide': { body: decideCaseBody, response: caseDetailDto },
  'POST /api/cases/:id/archive': { body: caseNoteBody, response: caseDetailDto },
  'POST /api/cases/:id/attachments': { upload: true, response: caseAttachmentDto },
  'GET /api/cases/:id/attachments/:attachmentId': none,
  // full-text search (R1.3)
  'GET /api/search': { query: searchQuery, response: searchResultDto },
} as const satisfies Record<string, Endpoint>;

export type Endpoints = typeof endpoints;
export type EndpointKey = keyof Endpoints;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The path templates of one method: `'/api/topics/:id'` for `'GET /api/topics/:id'`. */
export type PathOf<M extends Method> = {
  [K in EndpointKey]: K extends `${M} ${infer P}` ? P : never;
}[EndpointKey];
type EntryOf<M extends Method, P extends string> = `${M} ${P}` extends EndpointKey ? Endpoints[`${M} ${P}`] : never;

/** What an endpoint answers with (undefined for a 204 or a file). */
export type ResponseOf<M extends Method, P extends string> =
  EntryOf<M, P> extends { response: infer R } ? (R extends z.ZodType ? z.infer<R> : undefined) : never;
/** The body an endpoint takes, as the client writes it (defaults optional). */
export type BodyOf<M extends Method, P extends string> =
  EntryOf<M, P> extends { body: infer B } ? (B extends z.ZodType ? z.input<B> : never) : undefined;
/** The query an endpoint reads, as the client writes it. */
export type QueryOf<M extends Method, P extends string> =
  EntryOf<M, P> extends { query: infer Q } ? (Q extends z.ZodType ? z.input<Q> : never) : undefined;
/** `{ id: string, topicId: string }` for `/api/meetings/:id/record/:topicId`. */
export type ParamsOf<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string | number } & ParamsOf<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? { [K in Name]: string | number }
    : Record<never, never>;
