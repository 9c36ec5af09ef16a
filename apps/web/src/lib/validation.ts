// Checks form values against the same zod schemas the API uses, with messages in the interface language.
import type { TFunction } from 'i18next';
import type { z } from 'zod';

type ValidationResult<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string> };

export function validate<S extends z.ZodType>(schema: S, values: unknown, t: TFunction): ValidationResult<z.output<S>> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    errors[issue.path.join('.')] ??= issueMessage(issue, t);
  }
  return { ok: false, errors };
}

function issueMessage(issue: z.core.$ZodIssue, t: TFunction): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? t('validation.required') : t('validation.tooShort', { min: Number(issue.minimum) });
      }
      if (issue.origin === 'array') return t('validation.chooseOne');
      return t('validation.tooSmall', { min: Number(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return t('validation.tooLong', { max: Number(issue.maximum) });
      return t('validation.tooBig', { max: Number(issue.maximum) });
    case 'invalid_format':
      if (issue.format === 'email') return t('validation.email');
      return issue.format === 'url' ? t('validation.url') : t('validation.format');
    case 'invalid_type':
      return issue.expected === 'number' ? t('validation.number') : t('validation.required');
    case 'custom':
      return t(`validation.custom.${String(issue.path.at(-1))}`, { defaultValue: t('validation.invalid') });
    default:
      return t('validation.invalid');
  }
}
