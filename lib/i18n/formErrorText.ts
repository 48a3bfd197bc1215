/**
 * Words a form error in the visitor's language, on the server (inside a server action or page).
 * A message that is not a key of `formErrors` (a validator's own default) becomes "Check the form".
 */
import { getTranslations } from 'next-intl/server';
import type { FormErrorKey, FormErrorValues } from './formErrors';

export async function formErrorText(key: string, values: FormErrorValues = {}): Promise<string> {
  const t = await getTranslations('formErrors');
  return t.has(key as FormErrorKey) ? t(key as FormErrorKey, values) : t('checkForm');
}
