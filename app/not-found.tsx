import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col justify-center gap-4 px-6">
      <h1 className="text-2xl font-semibold">Meeting not found</h1>
      <p className="text-neutral-400">
        Check the link or code: meeting codes contain only letters, digits, &quot;-&quot; and &quot;_&quot;.
      </p>
      <Link href="/" className="text-sky-400 underline-offset-4 hover:underline">
        Back to the start page
      </Link>
    </main>
  );
}
