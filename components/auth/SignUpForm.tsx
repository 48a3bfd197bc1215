'use client';

import { useActionState } from 'react';
import { signUpAction } from '@/lib/auth/actions';
import { INITIAL_AUTH_FORM_STATE } from '@/lib/auth/formState';
import { Field } from '@/components/ui/Field';
import { FormError } from '@/components/ui/FormError';
import { SubmitButton } from '@/components/auth/SubmitButton';

export interface SignUpText {
  name: string;
  email: string;
  password: string;
  /** Says how long a password must be. */
  passwordHint: string;
  submit: string;
  pending: string;
}

/** `passwordMinLength` comes from the server page (lib/auth/credentials would bring zod along). */
export function SignUpForm({
  next,
  text,
  passwordMinLength,
}: {
  next: string;
  text: SignUpText;
  passwordMinLength: number;
}) {
  const [state, action, pending] = useActionState(signUpAction, INITIAL_AUTH_FORM_STATE);
  return (
    <form action={action} className="flex flex-col gap-4">
      <input type="hidden" name="next" value={next} />
      <Field
        id="displayName"
        name="displayName"
        label={text.name}
        autoComplete="name"
        required
        maxLength={80}
        defaultValue={state.displayName}
      />
      <Field
        id="email"
        name="email"
        type="email"
        label={text.email}
        autoComplete="email"
        required
        defaultValue={state.email}
      />
      <Field
        id="password"
        name="password"
        type="password"
        label={text.password}
        autoComplete="new-password"
        required
        minLength={passwordMinLength}
        hint={text.passwordHint}
      />
      <FormError message={state.error} />
      <SubmitButton label={text.submit} pendingLabel={text.pending} pending={pending} />
    </form>
  );
}
