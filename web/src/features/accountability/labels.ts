/** The timeline's steps as the page names them (server/modules/accountability: case_events.kind). */
export const CASE_EVENT_LABELS: Record<string, string> = {
  open: '登记问责线索，固定证据',
  preliminary: '开始初核',
  file: '立案',
  dismiss: '不予立案',
  investigate: '启动调查，通知当事人',
  statement: '当事人提交说明或申辩',
  evidence: '补充证据材料',
  propose: '提出处理意见',
  decide: '记录处理决定',
  archive: '归档',
};

export function fileSize(n: number): string {
  return n > 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

/** A hash as the page shows it: the first and last characters, the whole on hover and when copied. */
export function shortHash(h: string): string {
  return h.length > 20 ? `${h.slice(0, 12)}…${h.slice(-8)}` : h;
}
