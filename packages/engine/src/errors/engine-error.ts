import type { BilingualText, Locale } from '@zhili/schemas';

/** The closed set of error codes, each with its HTTP status. */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  NOT_ADMITTED: 422,
  IMPORT_INVALID: 422,
  RULE_VIOLATED: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type EngineErrorCode = keyof typeof ERROR_STATUS;

/** Field errors keyed by dotted path ("address.city"), each message in both languages. */
export type FieldErrors = Readonly<Record<string, readonly BilingualText[]>>;

/**
 * The one error class of the engine. Services throw it; the HTTP edge turns it into Refine's
 * HttpError shape `{ message, statusCode, errors }` in the request's locale; the CLI prints both
 * languages. Anything else that reaches the edge is an internal error whose details stay in the log.
 */
export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly status: number;
  readonly text: BilingualText;
  readonly fieldErrors: FieldErrors | undefined;

  constructor(code: EngineErrorCode, text: BilingualText, options: { fieldErrors?: FieldErrors; cause?: unknown } = {}) {
    super(text.en, { cause: options.cause });
    this.name = 'EngineError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.text = text;
    this.fieldErrors = options.fieldErrors;
  }

  /** The wire shape (Refine's HttpError) in one locale. */
  toJSON(locale: Locale): { message: string; statusCode: number; code: EngineErrorCode; errors?: Record<string, string[]> } {
    const body: { message: string; statusCode: number; code: EngineErrorCode; errors?: Record<string, string[]> } = {
      message: this.text[locale],
      statusCode: this.status,
      code: this.code,
    };
    if (this.fieldErrors) {
      body.errors = Object.fromEntries(
        Object.entries(this.fieldErrors).map(([path, messages]) => [path, messages.map((m) => m[locale])]),
      );
    }
    return body;
  }
}

/** Whatever was thrown, as an EngineError; unknown errors become INTERNAL with a generic message. */
export function toEngineError(error: unknown): EngineError {
  if (error instanceof EngineError) return error;
  return new EngineError('INTERNAL', { 'zh-CN': '服务器内部错误', en: 'Internal server error' }, { cause: error });
}

/** Shorthand constructors for the common cases. */
export const errors = {
  badRequest: (text: BilingualText, fieldErrors?: FieldErrors) =>
    new EngineError('BAD_REQUEST', text, fieldErrors ? { fieldErrors } : {}),
  validation: (fieldErrors: FieldErrors) =>
    new EngineError('VALIDATION_FAILED', { 'zh-CN': '提交的数据未通过校验', en: 'The submitted data is invalid' }, { fieldErrors }),
  notFound: (text: BilingualText) => new EngineError('NOT_FOUND', text),
  forbidden: (text: BilingualText) => new EngineError('FORBIDDEN', text),
  conflict: (text: BilingualText) => new EngineError('CONFLICT', text),
  payloadTooLarge: (text: BilingualText) => new EngineError('PAYLOAD_TOO_LARGE', text),
  unsupportedMediaType: (text: BilingualText) => new EngineError('UNSUPPORTED_MEDIA_TYPE', text),
  /** An uploaded file whose content does not validate (errors by row and column): nothing of it was stored. */
  importInvalid: (text: BilingualText, fieldErrors: FieldErrors) => new EngineError('IMPORT_INVALID', text, { fieldErrors }),
};
