/** The primary button of the account forms; says what it is doing while the action runs. */
export function SubmitButton({
  label,
  pendingLabel,
  pending,
}: {
  label: string;
  pendingLabel: string;
  pending: boolean;
}) {
  return (
    <button
      type="submit"
      disabled={pending}
      className="rounded-lg bg-sky-700 px-5 py-2.5 font-medium text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400 disabled:bg-sky-800 disabled:text-neutral-300"
    >
      {pending ? pendingLabel : label}
    </button>
  );
}
