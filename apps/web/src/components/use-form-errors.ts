// Field errors of a form: the client's own checks first, then those the API returned in its problem details.
import { useEffect, useMemo, type RefObject } from 'react';
import { ApiError } from '../lib/api-client';

export type FieldErrors = Record<string, string>;

export function useFormErrors(form: RefObject<HTMLFormElement | null>, clientErrors: FieldErrors, requestError: unknown): FieldErrors {
  const errors = useMemo(
    () => ({ ...(requestError instanceof ApiError ? requestError.fieldErrors : {}), ...clientErrors }),
    [clientErrors, requestError],
  );

  // After a failed submit, the keyboard goes to the first invalid field so its message is read out with it.
  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [form, errors]);

  return errors;
}
