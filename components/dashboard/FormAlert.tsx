/**
 * A dashboard form's error, in role="alert" so screen readers announce it as it appears. Unlike the
 * account forms' FormError it takes no room while empty: the dashboard has many small forms.
 */
export function FormAlert({ message, className }: { message: string | null; className?: string }) {
  return (
    <div role="alert" className={`text-sm text-red-400 ${className ?? ''}`}>
      {message}
    </div>
  );
}
