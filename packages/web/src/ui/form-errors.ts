// Server validation problems (`errors[]` of a 400) placed on the form fields they name, and focus
// moved to the first field that needs attention.
import { ApiError } from './api-client.ts';

interface FieldErrorSetter {
  setFieldError: (path: string, error: string) => void;
}

/**
 * Sets each `errors[]` entry whose path names one of `fields` (`body.password` → `password`).
 * Returns how many were placed; the rest are left to the alert showing the problem's `detail`.
 */
export function applyServerErrors(form: FieldErrorSetter, error: unknown, fields: readonly string[]): number {
  if (!(error instanceof ApiError)) return 0;
  let placed = 0;
  const seen = new Set<string>();
  for (const { path, message } of error.errors) {
    const field = path.replace(/^body\./, '');
    if (!fields.includes(field) || seen.has(field)) continue;
    seen.add(field);
    form.setFieldError(field, message);
    placed += 1;
  }
  return placed;
}

/** Moves focus to the first invalid control inside `container` once the errors have rendered. */
export function focusFirstInvalid(container: HTMLElement | null): void {
  window.requestAnimationFrame(() => {
    container?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });
}
