// Fetch wrapper for the MedConnect API on the same origin. Every failure becomes an ApiError whose
// message is fit to show a person: the server's problem+json `detail` when there is one, with the
// per-field `errors[]` and `Retry-After` kept so forms can point at the field or say how long to wait.

export interface FieldProblem {
  /** Where the problem is, as the server names it: `body.password`, `body.professional.council`. */
  path: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: unknown;
}

export class ApiError extends Error {
  /** HTTP status, or 0 when the server could not be reached at all. */
  readonly status: number;
  readonly title: string;
  readonly type: string | undefined;
  readonly errors: readonly FieldProblem[];
  /** From the `Retry-After` header of a 429 or 503, in whole seconds. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    status: number,
    title: string,
    detail: string,
    extra: {
      type?: string | undefined;
      errors?: readonly FieldProblem[];
      retryAfterSeconds?: number | undefined;
    } = {},
    options?: ErrorOptions,
  ) {
    super(detail, options);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.type = extra.type;
    this.errors = extra.errors ?? [];
    this.retryAfterSeconds = extra.retryAfterSeconds;
  }

  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500;
  }
}

export interface GetJsonOptions {
  signal?: AbortSignal;
  /** Non-2xx statuses whose JSON body is still a normal answer (for example 503 from /readyz). */
  acceptStatuses?: readonly number[];
}

const acceptHeader = 'application/json, application/problem+json';

export async function getJson(path: string, options: GetJsonOptions = {}): Promise<unknown> {
  const { signal, acceptStatuses = [] } = options;
  const response = await send(path, { method: 'GET', headers: { accept: acceptHeader } }, signal);
  const contentType = response.headers.get('content-type') ?? '';
  const body = await readJsonBody(response, contentType);
  const isProblem = contentType.includes('application/problem+json');

  if (!isProblem && (response.ok || acceptStatuses.includes(response.status))) {
    if (body === undefined) throw unexpectedResponse(response.status);
    return body;
  }
  throw toApiError(response, isProblem && isProblemBody(body) ? body : undefined);
}

export type WriteMethod = 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface SendJsonOptions {
  /** The JSON body; omitted for bodiless requests such as most DELETEs. */
  body?: unknown;
  /** The session's CSRF token; the server refuses a state-changing request with a session but without it. */
  csrfToken?: string | undefined;
  signal?: AbortSignal;
}

/**
 * A state-changing request. Resolves to the parsed JSON answer, or `undefined` for 204 No Content.
 * The session cookie rides along (same origin); the CSRF token goes in `x-csrf-token`.
 */
export async function sendJson(
  method: WriteMethod,
  path: string,
  { body, csrfToken, signal }: SendJsonOptions = {},
): Promise<unknown> {
  const headers: Record<string, string> = { accept: acceptHeader };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (csrfToken !== undefined) headers['x-csrf-token'] = csrfToken;
  const init: RequestInit = { method, headers };
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await send(path, init, signal);

  const contentType = response.headers.get('content-type') ?? '';
  const parsed = await readJsonBody(response, contentType);
  const isProblem = contentType.includes('application/problem+json');
  // A body-less success (204) resolves to undefined; parsers of answers that must carry data reject it.
  if (response.ok && !isProblem) return parsed;
  throw toApiError(response, isProblem && isProblemBody(parsed) ? parsed : undefined);
}

async function send(path: string, init: RequestInit, signal: AbortSignal | undefined): Promise<Response> {
  try {
    return await fetch(path, { ...init, credentials: 'same-origin', signal: signal ?? null });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(
      0,
      'Network error',
      'Could not reach the MedConnect server. Check your connection and try again.',
      {},
      { cause },
    );
  }
}

async function readJsonBody(response: Response, contentType: string): Promise<unknown> {
  if (!contentType.includes('json')) return undefined;
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

function isProblemBody(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null;
}

function toApiError(response: Response, problem: Problem | undefined): ApiError {
  const title = stringOr(problem?.title, response.statusText || `HTTP ${response.status}`);
  const detail = withoutFieldPath(stringOr(problem?.detail, fallbackDetail(response.status)));
  return new ApiError(response.status, title, detail, {
    type: problem?.type,
    errors: fieldProblems(problem?.errors),
    retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
  });
}

/**
 * Validation details name the field first ("body.password: Use at least 12 characters."); the form
 * marks the field itself, so the person reads only the sentence.
 */
function withoutFieldPath(detail: string): string {
  return detail.replace(/^(body|query|params)(\.[\w[\].-]+)?: (?=\S)/, '');
}

function fieldProblems(errors: unknown): FieldProblem[] {
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { path, message } = item as { path?: unknown; message?: unknown };
    return typeof path === 'string' && typeof message === 'string' ? [{ path, message }] : [];
  });
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function fallbackDetail(status: number): string {
  if (status === 401) return 'You are not signed in.';
  if (status === 403) return 'You are not allowed to do that.';
  if (status === 404) return 'Not found.';
  if (status === 429) return 'Too many requests. Wait a moment and try again.';
  if (status >= 500)
    return `The MedConnect server is not responding properly (HTTP ${status}). Try again shortly.`;
  return `The request could not be completed (HTTP ${status}).`;
}

function unexpectedResponse(status: number): ApiError {
  return new ApiError(
    status,
    'Unexpected response',
    'The server sent a response this page does not understand. Is the MedConnect API running?',
  );
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.trim() !== '' ? value : fallback;
}

export function isRateLimited(error: unknown): boolean {
  return error instanceof ApiError && error.status === 429;
}

/** Raised by response parsers when a 2xx body lacks fields the page relies on. */
export function malformedResponse(what: string): ApiError {
  return new ApiError(200, 'Unexpected response', `The server sent an incomplete ${what}.`);
}
