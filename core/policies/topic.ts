import { canTransition, type TopicStatus } from '../topics.js';

/**
 * Who may do what to a topic (§2). The proposer edits, submits, uploads and
 * withdraws (撤回, only once submitted); the head — or a deputy the head
 * authorised — approves or returns (退回, the approver's refusal), but never a
 * topic they proposed themselves (R2.2): that goes to the head.
 */
export interface TopicActor {
  userId: string;
  /** Holds the power to approve topics in the topic's division (head, or authorised deputy). */
  approver: boolean;
  isHead: boolean;
}
export interface TopicFacts {
  status: TopicStatus;
  proposerId: string;
}

export function topicAbilities(a: TopicActor, t: TopicFacts) {
  const own = t.proposerId === a.userId;
  // R2.2: nobody approves their own topic; a deputy's own goes to the head.
  const judges = a.approver && !own;
  return {
    edit: own && canTransition(t.status, 'edit'),
    submit: own && canTransition(t.status, 'submit'),
    approve: judges && canTransition(t.status, 'approve'),
    return: judges && canTransition(t.status, 'return'),
    withdraw: own && canTransition(t.status, 'withdraw'),
    upload: own && canTransition(t.status, 'edit'),
    /** The approver adds matter flags (never removes them) until the topic is decided. */
    addFlags: a.approver && (t.status === 'submitted' || t.status === 'approved' || t.status === 'scheduled'),
  };
}
export type TopicAbilities = ReturnType<typeof topicAbilities>;
