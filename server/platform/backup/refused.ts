/** A restore that must not start or go on: the message says why (Chinese, for the operator). */
export class RestoreRefused extends Error {}
