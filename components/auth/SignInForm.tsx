'use client';

import { useActionState } from 'react';
import { signInAction } from '@/lib/auth/actions';
import { INITIAL_AUTH_FORM_STATE } from '@/lib/auth/formState';
import { Field } from '@/components/ui/Field';
import { FormError } from '@/components/ui/FormError';
import { SubmitButton } from '@/components/auth/SubmitButton';

export interface SignInText {
  email: string;
  password: string;
  submit: string;
  pending: string;
}

export function SignInForm({ next, text }: { next: string; text: SignInText }) {
  const [state, action, pending] = useActionState(signInAction, INITIAL_AUTH_FORM_STATE);
  return (
    <form action={action} className="flex flex-col gap-4">
      <input type="hidden" name="next" value={next} />
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
        autoComplete="current-password"
        required
      />
      <FormError message={state.error} />
      <SubmitButton label={text.submit} pendingLabel={text.pending} pending={pending} />
    </form>
  );
}
