// A 6-digit authenticator code, as typed: spaces (apps show "123 456") are dropped before checking.

export function normaliseTotpCode(input: string): string {
  return input.replace(/\s+/g, '');
}

export function totpCodeError(input: string): string | null {
  const code = normaliseTotpCode(input);
  if (code === '') return 'Enter the 6-digit code from your authenticator app.';
  return /^\d{6}$/.test(code) ? null : 'The code is 6 digits.';
}
