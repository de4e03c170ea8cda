import type { SecuritySettings } from './settings.js';

/** Character classes counted by the password rule (等保: 3 of 4). */
const CLASSES: ReadonlyArray<{ name: string; test: RegExp }> = [
  { name: '小写字母', test: /[a-z]/ },
  { name: '大写字母', test: /[A-Z]/ },
  { name: '数字', test: /[0-9]/ },
  { name: '特殊字符', test: /[^A-Za-z0-9]/ },
];

/** Problems with a proposed password, in Chinese; empty when it is acceptable. */
export function passwordProblems(
  password: string,
  policy: Pick<SecuritySettings, 'passwordMinLength' | 'passwordMinClasses'>,
  username?: string,
): string[] {
  const problems: string[] = [];
  if ([...password].length < policy.passwordMinLength) {
    problems.push(`密码长度不少于 ${policy.passwordMinLength} 位`);
  }
  const classes = CLASSES.filter((c) => c.test.test(password)).length;
  if (classes < policy.passwordMinClasses) {
    problems.push(`密码须包含大写字母、小写字母、数字、特殊字符中的至少 ${policy.passwordMinClasses} 类`);
  }
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push('密码不能包含用户名');
  }
  return problems;
}
