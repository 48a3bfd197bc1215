/** What the account forms get back from their server action (useActionState). */

export interface AuthFormState {
  /** Shown in role="alert"; null before the first submit. */
  error: string | null;
  /** What was typed, to fill the form again (never the password). */
  email: string;
  displayName: string;
}

export const INITIAL_AUTH_FORM_STATE: AuthFormState = { error: null, email: '', displayName: '' };
