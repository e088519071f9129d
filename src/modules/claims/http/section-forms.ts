import type { FormError, FormValues } from '../../../platform/ui/forms.ts';

/**
 * A section's forms shown again after a refused post (the recovery and appraisal sections, issue #4): which form
 * was sent, its values and the messages. The claim pages render sections without it (empty forms).
 */
export type SectionFormState = { form: string | null; values: FormValues; errors: readonly FormError[] };

export const EMPTY_STATE: SectionFormState = { form: null, values: {}, errors: [] };

/** The values a form shows: what was posted when it is the form sent back, else the defaults (the stored record). */
export function valuesFor(state: SectionFormState, form: string, defaults: FormValues): FormValues {
  return state.form === form ? state.values : defaults;
}
