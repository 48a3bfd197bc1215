/** Meeting codes shaped like `abc-defg-hij`: easy to read out loud, valid call ids. */
import { callIdSchema } from '@/lib/signaling/protocol';

const LETTERS = 'abcdefghijkmnopqrstuvwxyz'; // no "l": too easy to confuse with "1" and "I"
const GROUPS = [3, 4, 3] as const;

/** A random meeting code (browser or Node >= 19: uses `crypto.getRandomValues`). */
export function generateMeetingId(): string {
  const total = GROUPS.reduce((a, b) => a + b, 0);
  const bytes = new Uint8Array(total);
  crypto.getRandomValues(bytes);
  const chars = [...bytes].map((b) => LETTERS[b % LETTERS.length] ?? 'a');
  const parts: string[] = [];
  let at = 0;
  for (const size of GROUPS) {
    parts.push(chars.slice(at, at + size).join(''));
    at += size;
  }
  return parts.join('-');
}

/**
 * Extracts a meeting id from what a user typed: a bare code (`abc-defg-hij`) or a meeting link
 * (`https://host/m/abc-defg-hij`). Returns null when nothing valid is found.
 */
export function parseMeetingInput(input: string): string | null {
  let candidate = input.trim();
  if (candidate === '') return null;
  const fromPath = /\/m\/([^/?#\s]+)/.exec(candidate);
  if (fromPath?.[1]) candidate = decodeURIComponent(fromPath[1]);
  candidate = candidate.replace(/\s+/g, '');
  const parsed = callIdSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}
