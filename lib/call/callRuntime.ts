/**
 * Everything a page needs to run a call (mediasoup-client, Socket.IO, the store bridge), in one
 * module so the meeting page can load it with one `import()` once its pre-join screen is up, and
 * not with the page's first JavaScript.
 */
export { CallController, type CallStart } from './CallController';
export { CallAbortedError } from '@/lib/client/CallClient';
export { fetchMeetingToken, MeetingTokenRefused, tokenProvider } from '@/lib/client/meetingTokens';
export { ProtocolError } from '@/lib/client/request';
export { useCallStore } from '@/lib/store/callStore';
