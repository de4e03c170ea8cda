/**
 * The one error type of jiyao. Every failure a user can cause carries a code from
 * this union; the server maps the code to an HTTP status and the UI shows the
 * Chinese message. The domain never speaks HTTP: only {@link httpStatusOf} does.
 */
export const ERROR_CODES = {
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  SESSION_EXPIRED: { status: 401, message: '登录已超时，请重新登录' },
  INVALID_CREDENTIALS: { status: 401, message: '用户名或密码错误' },
  ACCOUNT_LOCKED: { status: 423, message: '连续登录失败次数过多，账号已被锁定，请稍后再试' },
  ACCOUNT_DISABLED: { status: 403, message: '账号已停用，请联系系统管理员' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: '首次登录或密码已重置，请先修改密码' },
  WEAK_PASSWORD: { status: 422, message: '密码不符合安全要求' },
  WRONG_PASSWORD: { status: 422, message: '当前密码不正确' },
  PASSWORD_REUSED: { status: 422, message: '新密码不能与当前密码相同' },
  CSRF_FAILED: { status: 403, message: '请求校验失败，请刷新页面后重试' },
  FORBIDDEN: { status: 403, message: '没有权限执行此操作' },
  NOT_FOUND: { status: 404, message: '对象不存在或无权查看' },
  VALIDATION_FAILED: { status: 400, message: '提交的数据不符合要求' },
  MALFORMED_JSON: { status: 400, message: '请求内容不是有效的 JSON' },
  INVALID_TEXT: { status: 400, message: '提交的内容含有无效字符（如空字符或不完整的 Unicode 字符）' },
  BAD_URL: { status: 400, message: '请求地址编码不正确' },
  BAD_REQUEST: { status: 400, message: '请求格式不正确' },
  REQUEST_TIMEOUT: { status: 408, message: '请求超时，请重试' },
  URI_TOO_LONG: { status: 414, message: '请求地址过长' },
  HEADERS_TOO_LARGE: { status: 431, message: '请求头或请求地址过长' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '请求内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的内容类型' },
  CONFLICT: { status: 409, message: '数据已被他人修改，请刷新后重试' },
  ALREADY_EXISTS: { status: 409, message: '同名对象已存在' },
  ROLE_CONFLICT: { status: 409, message: '系统管理员、安全管理员、审计管理员须由不同人员担任' },
  INVALID_TRANSITION: { status: 409, message: '当前状态下不能执行此操作' },
  MATERIAL_REQUIRED: { status: 422, message: '重要事项须附书面材料' },
  FILE_TOO_LARGE: { status: 413, message: '文件超过大小限制' },
  FILE_TYPE_NOT_ALLOWED: { status: 415, message: '不允许的文件类型' },
  TOPIC_NOT_SCHEDULABLE: { status: 409, message: '只能将本处室已通过审核、尚未列入议程的议题列入议程' },
  NOT_A_PARTICIPANT: { status: 403, message: '您不是本次会议的参会人员' },
  CHECKIN_TOKEN_INVALID: { status: 422, message: '签到码已过期或无效，请重新扫描会场二维码' },
  LEAVE_TOO_LATE: { status: 409, message: '会议已开始，不能再请假' },
  LEAVE_NOT_FOR_HOST: {
    status: 409,
    message: '会议主持人不需请假；如不能出席，请指定其他负责人主持或调整会议时间',
  },
  MEETING_IN_PAST: { status: 422, message: '会议时间不能早于当前时间；已在线下召开的会议请以“补录”方式登记' },
  BACKFILL_IN_FUTURE: { status: 422, message: '补录只适用于已经召开的会议，会议时间须早于当前时间' },
  PAPER_MINUTES_REQUIRED: { status: 409, message: '补录的会议须先上传纸质会议记录，才能开始或结束' },
  RECORD_LOCKED: { status: 409, message: '会议已结束，会议记录已锁定' },
  RECORD_INCOMPLETE: { status: 409, message: '还有议题未记录，也未标记为未研究或暂缓，不能结束会议' },
  TEXT_TOO_LONG: { status: 413, message: '内容过长' },
  OPINIONS_INCOMPLETE: { status: 409, message: '有出席人员尚未表态，请记录其意见或“未发表意见”' },
  DECISION_REQUIRED: { status: 409, message: '涉及项目、资金、重大处罚或下放权力的事项须由会议作出决定' },
  SPEAKER_NOT_PRESENT: { status: 422, message: '发言人未登记出席，请假或缺席人员不能发表意见' },
  MINUTES_FORMAT: {
    status: 422,
    message:
      '纪要格式由系统生成：章节须为已研究的议题，按议程顺序、以议题名称为标题，不能增删、改名或调整顺序（第 5.5 条）',
  },
  AGENDA_EMPTY: { status: 422, message: '议程中至少要有一个议题才能召集处务会' },
  OBSERVER_NOT_ELIGIBLE: {
    status: 422,
    message: '列席人员须为分管领导、监察室人员或其他处室人员（第 3.4 条），或本单位设置允许的人员',
  },
  SELF_APPROVAL: { status: 403, message: '不能审核本人提出的议题，请由处室主要负责人审核' },
  MATTER_FLAG_REQUIRED: { status: 422, message: '该议题分类须标注相应事项，不能取消' },
  DISSENT_MISSING: { status: 422, message: '纪要遗漏或改动了会议记录中的不同意见' },
  DECISION_MISSING: { status: 422, message: '纪要遗漏或改动了会议议定事项' },
  MINUTES_CORRUPT: { status: 409, message: '纪要内容已损坏，与封存哈希不一致，请联系监察室和系统管理员' },
  MINUTES_IMMUTABLE: { status: 409, message: '已印发的纪要不能修改，如需更正请发布更正版' },
  RESPONSIBLE_INVALID: { status: 422, message: '责任人或责任处室须从本单位人员和处室中选择' },
  DEADLINE_BEFORE_MEETING: { status: 422, message: '完成时限不能早于会议日期' },
  EVIDENCE_REQUIRED: { status: 422, message: '申请办结须附办结证明材料' },
  EXTENSION_TOO_LATE: { status: 409, message: '已超过完成时限，不能再申请延期' },
  EXTENSION_PENDING: { status: 409, message: '已有待审批的延期申请' },
  TERMINATION_REFERENCE_INVALID: {
    status: 422,
    message: '终止督办须引用本单位此后召开的会议已印发的纪要编号',
  },
  ITEM_INCOMPLETE: { status: 409, message: '督办事项尚未明确责任人和完成时限，请处室主要负责人先补全' },
  CASE_SOURCE_INVALID: {
    status: 422,
    message: '所依据的事项不构成违反制度的情形（督办事项须已逾期或被退回，处务会须当月未达标，纪要须逾期分送）',
  },
  CASE_ALREADY_OPEN: { status: 409, message: '该事项已有尚未办结的问责案件' },
  CASE_SUBJECT_INVALID: { status: 422, message: '当事人须从本单位在职人员中选择' },
  CASE_SUBJECT_REQUIRED: { status: 409, message: '尚未明确当事人，不能启动调查' },
  CASE_MEASURE_INVALID: { status: 422, message: '处理意见须从本单位设定的效能问责措施中选择' },
  CALENDAR_IMPORT_INVALID: { status: 422, message: '节假日安排有误，未导入任何内容' },
  REGISTER_IMPORT_INVALID: { status: 422, message: '登记簿有误，未导入任何内容' },
  REGISTER_ALREADY_IMPORTED: { status: 409, message: '该登记簿文件此前已导入，未重复导入' },
  REGISTER_NOTHING_NEW: { status: 409, message: '登记簿中的事项均已在此前导入的登记簿中，未导入任何内容' },
  INSPECTION_EMPTY_SAMPLE: { status: 422, message: '检查期间内所选处室没有已签发的纪要，无法开始检查' },
  INSPECTION_INCOMPLETE: { status: 409, message: '检查清单尚有未填写结果的项目，不能形成通报' },
  ARCHIVED: {
    status: 409,
    message: '该纪要所在年度已归档：纪要、会议记录、议题材料、分送签收和督办事项均为只读，不能再修改（第 5.7 条）',
  },
  ALREADY_ARCHIVED: { status: 409, message: '该处室该年度已经归档' },
  ARCHIVE_YEAR_OPEN: { status: 409, message: '年度尚未结束，不能归档' },
  ARCHIVE_EMPTY: { status: 409, message: '该处室该年度没有已印发的纪要，无需归档' },
  ARCHIVE_NOT_READY: {
    status: 409,
    message: '该处室该年度还有未印发的纪要、没有纪要的会议或尚未办结的督办事项，暂不能归档',
  },
  ARCHIVE_CHECK_FAILED: { status: 422, message: '归档信息包未通过四性检测，未归档' },
  ARCHIVE_PERMANENT: { status: 422, message: '永久保管的档案不能销毁' },
  ARCHIVE_NOT_DUE: { status: 409, message: '保管期限尚未届满，不能鉴定处置' },
  ARCHIVE_EXTENSION_INVALID: { status: 422, message: '延长保管期限须选择比现在更长的期限' },
  IN_USE: { status: 409, message: '对象正在使用中，不能删除' },
  LAST_ADMIN: { status: 409, message: '不能移除本单位最后一名系统管理员' },
  NOT_INITIALISED: { status: 503, message: '系统尚未初始化' },
  INTERNAL: { status: 500, message: '服务器内部错误，请稍后重试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** JSON body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? ERROR_CODES[code].message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

export function httpStatusOf(code: ErrorCode): number {
  return ERROR_CODES[code].status;
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
