// Error codes come from the one catalogue in libs/contracts (errors.ts); the viewer reads them as errors.<code>,
// filled with the parameters the error carries.
import type { TFunction } from 'i18next';
import { ERRORS, errorDetail, type ErrorCode } from '@minga/contracts';

type ErrorParams = Readonly<Record<string, string | number>>;

/** The viewer's message for a code: this place's own wording (`<context>.<code>`) first, else the catalogue's. */
export function errorMessage(t: TFunction, code: string, params: ErrorParams = {}, context?: string): string {
  const keys = [...(context ? [`${context}.${code}`] : []), `errors.${code}`, 'errors.unknown'];
  return t(keys, { ...params });
}

/** Whether the API's English detail says more than the translated message (a code's generic detail does not). */
export function detailAddsToMessage(code: string, detail: string | undefined, params: ErrorParams = {}): detail is string {
  if (!detail) return false;
  return !(code in ERRORS) || detail !== errorDetail(code as ErrorCode, params);
}
