'use client';

import { useActionState } from 'react';
import { signInAction } from '@/lib/auth/actions';
import { INITIAL_AUTH_FORM_STATE } from '@/lib/auth/formState';
import { Field } from '@/components/ui/Field';
import { FormError } from '@/components/ui/FormError';
import { SubmitButton } from '@/components/auth/SubmitButton';

export function SignInForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState(signInAction, INITIAL_AUTH_FORM_STATE);
  return (
    <form action={action} className="flex flex-col gap-4">
      <input type="hidden" name="next" value={next} />
      <Field
        id="email"
        name="email"
        type="email"
        label="Email"
        autoComplete="email"
        required
        defaultValue={state.email}
      />
      <Field
        id="password"
        name="password"
        type="password"
        label="Password"
        autoComplete="current-password"
        required
      />
      <FormError message={state.error} />
      <SubmitButton label="Sign in" pendingLabel="Signing in…" pending={pending} />
    </form>
  );
}
