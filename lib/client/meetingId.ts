/** Reading a meeting code or link typed by a person. */
import { isCallId } from '@/lib/protocol/callId';

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
  return isCallId(candidate) ? candidate : null;
}
