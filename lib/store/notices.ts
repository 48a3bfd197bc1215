/**
 * What a notice says, kept as data so the store stays serialisable and free of any one language:
 * the toast that shows it words it in the reader's language (hooks/useNoticeText).
 */
import type { Messages } from '@/lib/i18n/messages';
import type { MediaErrorInfo } from '@/lib/media/mediaErrors';

/** A message of the `notices` catalogue namespace. */
export type NoticeKey = keyof Messages['notices'];

/** ICU arguments of a notice message (names, counts, select options). */
export type NoticeValues = Record<string, string | number>;

export type NoticeMessage =
  /** One of the app's own notices, with its arguments. */
  | { key: NoticeKey; values?: NoticeValues }
  /** A coded error (server refusal, client warning): said by its code, else by its message. */
  | { error: { code: string; message: string } }
  /** A camera, microphone or screen that could not be opened. */
  | { media: MediaErrorInfo }
  /** Already worded in the reader's language (by a component that has its translations). */
  | { text: string };

/** A notice message of the catalogue. */
export function notice(key: NoticeKey, values?: NoticeValues): NoticeMessage {
  return values ? { key, values } : { key };
}
