// Fetch wrapper for the MedConnect API on the same origin. Every failure becomes an ApiError whose
// message is fit to show a person: the server's problem+json `detail` when there is one.

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
}

export class ApiError extends Error {
  /** HTTP status, or 0 when the server could not be reached at all. */
  readonly status: number;
  readonly title: string;
  readonly type: string | undefined;

  constructor(status: number, title: string, detail: string, type?: string, options?: ErrorOptions) {
    super(detail, options);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.type = type;
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

export async function getJson(path: string, options: GetJsonOptions = {}): Promise<unknown> {
  const { signal, acceptStatuses = [] } = options;
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { accept: 'application/json, application/problem+json' },
      signal: signal ?? null,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(
      0,
      'Network error',
      'Could not reach the MedConnect server. Check your connection and try again.',
      undefined,
      { cause },
    );
  }

  const contentType = response.headers.get('content-type') ?? '';
  const body = await readJsonBody(response, contentType);
  const isProblem = contentType.includes('application/problem+json');

  if (!isProblem && (response.ok || acceptStatuses.includes(response.status))) {
    if (body === undefined) throw unexpectedResponse(response.status);
    return body;
  }
  throw toApiError(response, isProblem && isProblemBody(body) ? body : undefined);
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
  const detail = stringOr(problem?.detail, fallbackDetail(response.status));
  return new ApiError(response.status, title, detail, problem?.type);
}

function fallbackDetail(status: number): string {
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

/** Raised by response parsers when a 2xx body lacks fields the page relies on. */
export function malformedResponse(what: string): ApiError {
  return new ApiError(200, 'Unexpected response', `The server sent an incomplete ${what}.`);
}
