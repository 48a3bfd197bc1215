/** A form's error message, announced by screen readers as it appears. */
export function FormError({ message }: { message: string | null }) {
  return (
    <div role="alert" className="min-h-5 text-sm text-red-400">
      {message}
    </div>
  );
}
