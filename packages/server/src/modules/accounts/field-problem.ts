// A 400 that points at the fields at fault, in the same `errors[]` shape as schema validation, for
// rules that need other rows (a password that must not contain the account's own address, say).
import { Invalid } from '@medconnect/core';

export const fieldProblems = (field: string, messages: string[]): Invalid =>
  new Invalid(`body.${field}: ${messages[0] ?? 'is not valid'}`, {
    errors: messages.map((message) => ({ path: `body.${field}`, message })),
  });
