/**
 * Form errors (sign-up, sign-in, dashboard) are named by their key in the `formErrors` messages:
 * validation and services return the key, the server action words it in the visitor's language
 * (lib/i18n/formErrorText) before the form state goes back to the browser.
 */
import type { Messages } from './messages';

export type FormErrorKey = keyof Messages['formErrors'];

/** ICU arguments of a form error (limits, waiting minutes). */
export type FormErrorValues = Record<string, number>;

/** A form error key where only a string fits (zod messages); typed so a missing message is caught. */
export function formError(key: FormErrorKey): FormErrorKey {
  return key;
}
