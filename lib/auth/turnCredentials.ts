/**
 * Time-limited TURN credentials for one participant, in the "TURN REST API" scheme coturn
 * implements with `--use-auth-secret --static-auth-secret=<secret>`:
 *
 *   username   = "<expiry as unix seconds>:<participant id>"
 *   credential = base64(HMAC-SHA1(secret, username))
 *
 * coturn recomputes the credential from the username with the same secret and refuses the
 * request when it differs or when the expiry has passed, so nothing is stored on either side and
 * a leaked credential stops working at its expiry.
 *
 * Server-side only (node:crypto). Usage, once per participant and again at `refreshAt`:
 *
 *   const { iceServers, refreshAt } = turnCredentials(config.turn, participantId);
 *   // send iceServers to the browser; it passes them as `iceServers` to every mediasoup-client
 *   // transport (createSendTransport/createRecvTransport) and, for refreshed credentials, to
 *   // transport.updateIceServers({ iceServers }) on the transports already open.
 *
 * Without TURN settings (`config.turn` null) it returns no servers and no deadlines, so callers
 * need no special case: an empty `iceServers` list changes nothing in the browser.
 */
import { createHmac } from 'node:crypto';
import type { TurnConfig } from '@/lib/config';

/** One entry of RTCConfiguration.iceServers (structurally an RTCIceServer). */
export interface TurnIceServer {
  urls: string[];
  username: string;
  credential: string;
}

export interface TurnCredentials {
  /** What the browser passes as `iceServers`; empty when TURN is not configured. */
  iceServers: TurnIceServer[];
  /** When the credentials stop working (ms since the epoch); null without TURN. */
  expiresAt: number | null;
  /** When to hand out fresh credentials (ms since the epoch), well before expiresAt; null without TURN. */
  refreshAt: number | null;
}

/** Fresh credentials are sent once this share of the lifetime has passed. */
const REFRESH_AFTER_SHARE = 0.8;

/** coturn splits the username at the first ':' to read the expiry; ids are UUIDs, so this is a bug guard. */
const PARTICIPANT_ID = /^[^:\s]{1,128}$/;

/**
 * TURN credentials for `participantId`, valid from `now` (ms since the epoch) for `turn.ttlS`
 * seconds. Pure: the same inputs give the same output.
 */
export function turnCredentials(
  turn: TurnConfig | null | undefined,
  participantId: string,
  now: number = Date.now(),
): TurnCredentials {
  if (!turn || turn.urls.length === 0) return { iceServers: [], expiresAt: null, refreshAt: null };
  if (!PARTICIPANT_ID.test(participantId)) {
    throw new RangeError(
      'participant id for TURN credentials must be 1-128 characters without ":" or spaces',
    );
  }
  const expiresAtS = Math.floor(now / 1000) + turn.ttlS;
  const username = `${expiresAtS}:${participantId}`;
  return {
    iceServers: [{ urls: [...turn.urls], username, credential: turnCredential(turn.secret, username) }],
    expiresAt: expiresAtS * 1000,
    refreshAt: Math.floor(now + turn.ttlS * 1000 * REFRESH_AFTER_SHARE),
  };
}

/** The password coturn expects for a TURN REST API username. */
export function turnCredential(secret: string, username: string): string {
  return createHmac('sha1', secret).update(username).digest('base64');
}
