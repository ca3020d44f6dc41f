// The one error currency of MedConnect: domain code throws these, and the server's error plugin maps
// `status` and `code` to an HTTP response. Messages are for people and must never carry health data.

export type ErrorDetails = Record<string, unknown>;

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: ErrorDetails;

  constructor(status: number, code: string, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'AppError';
    this.status = status;
    this.code = code;
    if (details !== undefined) this.details = details;
  }
}

export class Invalid extends AppError {
  constructor(message: string, details?: ErrorDetails) {
    super(400, 'invalid', message, details);
    this.name = 'Invalid';
  }
}

export class Unauthorized extends AppError {
  constructor(message: string, details?: ErrorDetails) {
    super(401, 'unauthorized', message, details);
    this.name = 'Unauthorized';
  }
}

export class Forbidden extends AppError {
  constructor(message: string, details?: ErrorDetails) {
    super(403, 'forbidden', message, details);
    this.name = 'Forbidden';
  }
}

export class NotFound extends AppError {
  constructor(message: string, details?: ErrorDetails) {
    super(404, 'not-found', message, details);
    this.name = 'NotFound';
  }
}

export class Conflict extends AppError {
  constructor(message: string, details?: ErrorDetails) {
    super(409, 'conflict', message, details);
    this.name = 'Conflict';
  }
}

export class PayloadTooLarge extends AppError {
  constructor(message: string, details?: ErrorDetails) {
    super(413, 'payload-too-large', message, details);
    this.name = 'PayloadTooLarge';
  }
}

/** 429; `retryAfterSeconds` becomes the `Retry-After` header when set. */
export class TooManyRequests extends AppError {
  readonly retryAfterSeconds?: number;

  constructor(message: string, retryAfterSeconds?: number, details?: ErrorDetails) {
    super(429, 'too-many-requests', message, details);
    this.name = 'TooManyRequests';
    if (retryAfterSeconds !== undefined) this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** 503; `retryAfterSeconds` becomes the `Retry-After` header when set. */
export class Unavailable extends AppError {
  readonly retryAfterSeconds?: number;

  constructor(message: string, retryAfterSeconds?: number, details?: ErrorDetails) {
    super(503, 'unavailable', message, details);
    this.name = 'Unavailable';
    if (retryAfterSeconds !== undefined) this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The database and the chain disagree: a record or proof does not match its anchor. */
export class Tampered extends AppError {
  constructor(message: string, details?: ErrorDetails) {
    super(409, 'tampered', message, details);
    this.name = 'Tampered';
  }
}

/**
 * Authenticated decryption failed. The message is deliberately generic: which check failed (key, AAD,
 * tag, layout) is not revealed, and no key or plaintext material is ever attached.
 */
export class DecryptionFailed extends AppError {
  constructor(message = 'Decryption failed', details?: ErrorDetails) {
    super(500, 'decryption-failed', message, details);
    this.name = 'DecryptionFailed';
  }
}
