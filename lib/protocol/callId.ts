/**
 * The meeting/call id rule without zod, for the browser code that only checks what a person typed
 * (the landing page would otherwise ship the whole schema library for one pattern).
 */
export const CALL_ID_CHARS = /^[A-Za-z0-9_-]+$/;
export const CALL_ID_MAX_LENGTH = 128;

export function isCallId(value: string): boolean {
  return value.length >= 1 && value.length <= CALL_ID_MAX_LENGTH && CALL_ID_CHARS.test(value);
}
