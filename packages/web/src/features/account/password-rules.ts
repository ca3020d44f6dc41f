// The shared password rules (@medconnect/core, the same checker the server runs) as form validators.
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblems } from '@medconnect/core/password-policy';

export const passwordRulesSummary = `Use ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters. A few unrelated words make a password that is long, memorable and hard to guess.`;

export interface PasswordContext {
  email?: string;
  displayName?: string;
}

/** Every rule the password breaks, as sentences for the person typing it. */
export function passwordIssues(password: string, context: PasswordContext = {}): string[] {
  const known: PasswordContext = {};
  if (context.email !== undefined && context.email.trim() !== '') known.email = context.email.trim();
  if (context.displayName !== undefined && context.displayName.trim() !== '')
    known.displayName = context.displayName.trim();
  return passwordProblems(password, known);
}

/** A form validator: null when the password meets the rules. */
export function validateNewPassword(password: string, context: PasswordContext = {}): string | null {
  if (password === '') return 'Choose a password.';
  const issues = passwordIssues(password, context);
  return issues.length === 0 ? null : issues.join(' ');
}

export function validatePasswordConfirmation(confirmation: string, password: string): string | null {
  if (confirmation === '') return 'Type the password again.';
  return confirmation === password ? null : 'The two passwords are not the same.';
}
