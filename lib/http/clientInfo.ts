/**
 * The client's address and scheme, decided once per request by the HTTP server and passed to the
 * web app in headers of our own (any such header sent by the client is overwritten). Forwarded
 * headers are only believed with TRUST_PROXY, so a client cannot pick its own rate-limit key.
 */
import type { IncomingMessage } from 'node:http';

export const CLIENT_IP_HEADER = 'x-ic-client-ip';
export const CLIENT_PROTO_HEADER = 'x-ic-client-proto';

export function stampClientInfo(req: IncomingMessage, trustProxy: boolean): void {
  const forwardedFor = trustProxy ? lastListEntry(req.headers['x-forwarded-for']) : undefined;
  const forwardedProto = trustProxy ? firstListEntry(req.headers['x-forwarded-proto']) : undefined;
  const tls = 'encrypted' in req.socket && req.socket.encrypted === true;
  const ip = forwardedFor ?? req.socket.remoteAddress ?? 'unknown';
  const https = tls || forwardedProto?.toLowerCase() === 'https';
  req.headers[CLIENT_IP_HEADER] = ip.startsWith('::ffff:') ? ip.slice('::ffff:'.length) : ip;
  req.headers[CLIENT_PROTO_HEADER] = https ? 'https' : 'http';
}

/** The proxy appends the address it saw to X-Forwarded-For: the last entry is the trustworthy one. */
function lastListEntry(value: string | string[] | undefined): string | undefined {
  const entries = listEntries(value);
  return entries[entries.length - 1];
}

function firstListEntry(value: string | string[] | undefined): string | undefined {
  return listEntries(value)[0];
}

function listEntries(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
