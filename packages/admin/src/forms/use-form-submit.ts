import type { HttpError } from '@refinedev/core';
import type { ErrorSchema } from '@rjsf/utils';
import { useCallback, useState } from 'react';
import { toErrorSchema } from './server-errors.ts';

/** What a form's submission to the engine came to, for the form to show. */
export interface FormSubmit {
  readonly busy: boolean;
  /** The engine's field errors, under their fields. */
  readonly serverErrors: ErrorSchema | undefined;
  /** A message with no field to show under. */
  readonly failure: string | null;
  /** Someone else changed what the form edits (409): the form shows the conflict with a reload. */
  readonly conflict: boolean;
  /** Sends; on an HttpError sorts it into conflict, field errors (mapped by `fieldErrors`) or failure. */
  readonly run: (send: () => Promise<void>) => Promise<void>;
  readonly reset: () => void;
}

/**
 * The submission state every engine-backed form shares: busy while sending, a 409 as a conflict
 * (for a form that edits something versioned; otherwise its message), field errors under their
 * fields (through `mapErrors`, toErrorSchema by default), anything else as one message.
 */
export function useFormSubmit({ mapErrors = toErrorSchema, versioned = true }: { readonly mapErrors?: (errors: Readonly<Record<string, unknown>>) => ErrorSchema; readonly versioned?: boolean } = {}): FormSubmit {
  const [busy, setBusy] = useState(false);
  const [serverErrors, setServerErrors] = useState<ErrorSchema | undefined>(undefined);
  const [failure, setFailure] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const reset = useCallback(() => {
    setServerErrors(undefined);
    setFailure(null);
    setConflict(false);
  }, []);
  const run = useCallback(
    async (send: () => Promise<void>) => {
      reset();
      setBusy(true);
      try {
        await send();
      } catch (error) {
        const httpError = error as HttpError;
        const fieldErrors = httpError.errors as Record<string, unknown> | undefined;
        if (httpError.statusCode === 409 && versioned) setConflict(true);
        else if (fieldErrors !== undefined && Object.keys(fieldErrors).length > 0) setServerErrors(mapErrors(fieldErrors));
        else setFailure(httpError.message);
      } finally {
        setBusy(false);
      }
    },
    [mapErrors, versioned, reset],
  );
  return { busy, serverErrors, failure, conflict, run, reset };
}
