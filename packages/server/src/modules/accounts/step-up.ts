// Step-up authentication for grave actions (erasing an account, emergency access to a record): the
// signed-in person types their password again, and the current authenticator code when they have one.
// Failures count against the same budget as sign-in.
import { confirmPassword } from './account-settings.ts';
import type { AccountDeps } from './deps.ts';
import { fieldProblems } from './field-problem.ts';
import { recordSignInFailure } from './login-budget.ts';
import type { UserRow } from './repo.ts';
import { acceptTotp } from './totp.ts';

export async function stepUp(
  deps: Pick<AccountDeps, 'db' | 'sealer'>,
  user: UserRow,
  input: { password: string; code?: string | undefined },
): Promise<void> {
  await confirmPassword(deps, user, input.password, 'password');
  if (!user.totpEnabledAt) return;
  if (input.code === undefined) throw fieldProblems('code', ['Enter the code from your authenticator app.']);
  if (!(await acceptTotp(deps.db, deps.sealer, user, input.code))) {
    await recordSignInFailure(deps.db, user.email);
    throw fieldProblems('code', ['That code is not right.']);
  }
}
