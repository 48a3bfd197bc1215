/**
 * A form's error message, in role="alert" so screen readers announce it as it appears. `reserve`
 * keeps a line for it while empty (forms whose layout should not jump); small inline forms pass
 * false so an empty alert takes no room.
 */
export function FormError({
  message,
  reserve = true,
  className,
}: {
  message: string | null;
  reserve?: boolean;
  className?: string;
}) {
  return (
    <div role="alert" className={`${reserve ? 'min-h-5 ' : ''}text-sm text-red-400 ${className ?? ''}`}>
      {message}
    </div>
  );
}
