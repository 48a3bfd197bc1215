/**
 * Meeting codes shaped like `abc-defg-hij`: easy to read out loud, valid call ids. One generator
 * for the browser (the landing page's "New meeting") and the server (hosts' meetings), drawn with
 * Web Crypto (`globalThis.crypto`, in browsers and Node ≥ 19) by rejection sampling, so every
 * letter is equally likely: 25^10 ≈ 2^46 codes, too many to find one by trying.
 */
const LETTERS = 'abcdefghijkmnopqrstuvwxyz'; // no "l": too easy to confuse with "1" and "I"
const GROUPS = [3, 4, 3] as const;
/** The largest multiple of 25 that fits a byte: bytes at or above it are drawn again. */
const UNBIASED_LIMIT = 256 - (256 % LETTERS.length);

export const MEETING_CODE_PATTERN = /^[a-km-z]{3}-[a-km-z]{4}-[a-km-z]{3}$/;

function randomLetter(): string {
  const byte = new Uint8Array(1);
  for (;;) {
    crypto.getRandomValues(byte);
    const b = byte[0] ?? 255;
    if (b < UNBIASED_LIMIT) return LETTERS[b % LETTERS.length] ?? 'a';
  }
}

export function generateMeetingCode(): string {
  return GROUPS.map((size) => Array.from({ length: size }, randomLetter).join('')).join('-');
}
