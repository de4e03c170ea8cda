import type { TopicStatus } from '../../../../core/topics';

export const TOPIC_STATUS_COLORS: Record<TopicStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'error',
  approved: 'success',
  scheduled: 'purple',
  decided: 'cyan',
  withdrawn: 'default',
};

export const TOPIC_EVENT_LABELS: Record<string, string> = {
  created: '提出议题',
  created_by_head: '处长提出（直接通过）',
  edited: '修改议题',
  submit: '提交审核',
  approve: '审核通过',
  return: '退回',
  withdraw: '撤回',
  attachment_added: '上传书面材料',
  attachment_removed: '删除书面材料',
  scheduled: '列入会议议程',
  unscheduled: '移出会议议程',
  discussed: '会议已研究',
  deferred: '会议暂缓，回到议题库',
};
