/** What sign-up and sign-in accept, validated and normalised (emails trimmed and lowercased). */
import { z } from 'zod';
import { formError } from '@/lib/i18n/formErrors';

export const PASSWORD_MIN_LENGTH = 8;
const PASSWORD_MAX_LENGTH = 1024;
export const DISPLAY_NAME_MAX_LENGTH = 80;

/** The limits the form errors quote (their ICU arguments). */
export const CREDENTIAL_LIMITS = { passwordMin: PASSWORD_MIN_LENGTH, nameMax: DISPLAY_NAME_MAX_LENGTH };

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email(formError('invalidEmail')).max(254, formError('emailTooLong')));

export const signUpSchema = z.object({
  email: emailSchema,
  password: z
    .string()
    .min(PASSWORD_MIN_LENGTH, formError('passwordTooShort'))
    .max(PASSWORD_MAX_LENGTH, formError('passwordTooLong')),
  displayName: z
    .string()
    .trim()
    .min(1, formError('nameMissing'))
    .max(DISPLAY_NAME_MAX_LENGTH, formError('nameTooLong')),
});

export const signInSchema = z.object({
  email: emailSchema,
  password: z
    .string()
    .min(1, formError('passwordMissing'))
    .max(PASSWORD_MAX_LENGTH, formError('passwordTooLong')),
});

export type SignUpInput = z.input<typeof signUpSchema>;
export type SignInInput = z.input<typeof signInSchema>;
