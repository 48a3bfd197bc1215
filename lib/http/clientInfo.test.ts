import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_IP_HEADER, CLIENT_PROTO_HEADER, stampClientInfo } from '@/lib/http/clientInfo';

function echoServer(trustProxy: boolean): http.Server {
  return http.createServer((req, res) => {
    stampClientInfo(req, trustProxy);
    res.end(JSON.stringify({ ip: req.headers[CLIENT_IP_HEADER], proto: req.headers[CLIENT_PROTO_HEADER] }));
  });
}

describe('stampClientInfo', () => {
  const servers: Record<'direct' | 'proxied', http.Server> = {
    direct: echoServer(false),
    proxied: echoServer(true),
  };
  const urls: Record<string, string> = {};
  beforeAll(async () => {
    for (const [name, server] of Object.entries(servers)) {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      urls[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }
  });
  afterAll(async () => {
    for (const server of Object.values(servers)) await new Promise((r) => server.close(r));
  });

  async function get(name: 'direct' | 'proxied', headers: Record<string, string> = {}) {
    return (await fetch(urls[name]!, { headers })).json() as Promise<{ ip: string; proto: string }>;
  }

  it('uses the socket address and ignores forged headers without a trusted proxy', async () => {
    expect(await get('direct')).toEqual({ ip: '127.0.0.1', proto: 'http' });
    expect(
      await get('direct', {
        'x-forwarded-for': '203.0.113.9',
        'x-forwarded-proto': 'https',
        [CLIENT_IP_HEADER]: '198.51.100.1',
        [CLIENT_PROTO_HEADER]: 'https',
      }),
    ).toEqual({ ip: '127.0.0.1', proto: 'http' });
  });

  it('takes the address the proxy saw and its scheme with TRUST_PROXY', async () => {
    expect(
      await get('proxied', { 'x-forwarded-for': '198.51.100.1, 203.0.113.9', 'x-forwarded-proto': 'https' }),
    ).toEqual({ ip: '203.0.113.9', proto: 'https' });
    expect(await get('proxied')).toEqual({ ip: '127.0.0.1', proto: 'http' });
  });
});
