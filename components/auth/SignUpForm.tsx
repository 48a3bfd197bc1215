'use client';

import { useActionState } from 'react';
import { signUpAction } from '@/lib/auth/actions';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/credentials';
import { INITIAL_AUTH_FORM_STATE } from '@/lib/auth/formState';
import { Field } from '@/components/ui/Field';
import { FormError } from '@/components/ui/FormError';
import { SubmitButton } from '@/components/auth/SubmitButton';

export function SignUpForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState(signUpAction, INITIAL_AUTH_FORM_STATE);
  return (
    <form action={action} className="flex flex-col gap-4">
      <input type="hidden" name="next" value={next} />
      <Field
        id="displayName"
        name="displayName"
        label="Your name"
        autoComplete="name"
        required
        maxLength={80}
        defaultValue={state.displayName}
      />
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
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
      />
      <FormError message={state.error} />
      <SubmitButton label="Create account" pendingLabel="Creating account…" pending={pending} />
    </form>
  );
}
