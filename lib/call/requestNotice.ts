/** What a failed meeting request tells the user: the refusal's code, or that it did not get through. */
import { ProtocolError } from '@/lib/client/request';
import { notice, type NoticeMessage } from '@/lib/store/callStore';

export function requestFailedNotice(err: unknown): NoticeMessage {
  return err instanceof ProtocolError
    ? { error: { code: err.code, message: err.message } }
    : notice('requestFailed');
}
