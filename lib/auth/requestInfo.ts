/** The current request's client address and scheme, as stamped by the HTTP server (clientInfo.ts). */
import { headers } from 'next/headers';
import { CLIENT_IP_HEADER, CLIENT_PROTO_HEADER } from '@/lib/http/clientInfo';

export interface RequestInfo {
  /** The client IP ('unknown' when the app is served without server.ts). */
  ip: string;
  https: boolean;
  host: string | null;
}

export async function getRequestInfo(): Promise<RequestInfo> {
  const h = await headers();
  return {
    ip: h.get(CLIENT_IP_HEADER) ?? 'unknown',
    https: h.get(CLIENT_PROTO_HEADER) === 'https',
    host: h.get('host'),
  };
}
