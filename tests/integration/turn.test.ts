/**
 * TURN credentials against a real coturn (started by the test on 127.0.0.1 with
 * --use-auth-secret): what turnCredentials() hands a participant gets a working relay, and what
 * it did not sign (expired, another secret, an edited username) is refused.
 */
import { randomUUID } from 'node:crypto';
import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { turnCredential, turnCredentials } from '@/lib/auth/turnCredentials';
import { loadConfig, type TurnConfig } from '@/lib/config';
import { startCoturn, type ThrowawayCoturn } from '@/tests/support/coturn';
import { allocateRelay, type TransportAddress } from '@/tests/support/turnClient';

let coturn: ThrowawayCoturn;
let turn: TurnConfig;
let server: TransportAddress;

beforeAll(async () => {
  coturn = await startCoturn();
  server = { address: coturn.host, port: coturn.port };
  // The same path the app takes: environment -> validated config -> credentials.
  const config = loadConfig({
    NODE_ENV: 'test',
    TURN_URLS: coturn.urls.join(','),
    TURN_SECRET: coturn.secret,
    TURN_TTL_S: '600',
  });
  if (!config.turn) throw new Error('TURN settings were not picked up');
  turn = config.turn;
});

afterAll(async () => {
  await coturn?.stop();
});

function onlyServer(creds: ReturnType<typeof turnCredentials>) {
  expect(creds.iceServers).toHaveLength(1);
  return creds.iceServers[0]!;
}

describe('TURN credentials with a real coturn', () => {
  it('allocate a relay that carries data to a peer', async () => {
    const ice = onlyServer(turnCredentials(turn, randomUUID()));
    expect(ice.urls).toEqual(coturn.urls);
    const result = await allocateRelay(server, ice.username, ice.credential);
    if (!result.ok) throw new Error(`allocation refused: ${result.code} ${result.reason}`);
    const { allocation } = result;
    try {
      expect(allocation.relayed.address).toBe('127.0.0.1');
      expect(allocation.relayed.port).toBeGreaterThan(0);
      expect(allocation.lifetimeS).toBeGreaterThan(0);

      const peer = dgram.createSocket('udp4');
      await new Promise<void>((resolve) => peer.bind(0, '127.0.0.1', resolve));
      try {
        const received = new Promise<{ data: string; from: TransportAddress }>((resolve) =>
          peer.once('message', (msg, rinfo) =>
            resolve({ data: msg.toString('utf8'), from: { address: rinfo.address, port: rinfo.port } }),
          ),
        );
        await allocation.sendThroughRelay(
          { address: '127.0.0.1', port: peer.address().port },
          Buffer.from('hello'),
        );
        // The peer sees the datagram coming from the relayed address, not from the client.
        expect(await received).toEqual({ data: 'hello', from: allocation.relayed });
      } finally {
        peer.close();
      }
    } finally {
      allocation.close();
    }
  });

  it('refuses credentials whose expiry has passed', async () => {
    const ice = onlyServer(turnCredentials(turn, randomUUID(), Date.now() - (turn.ttlS + 5) * 1000));
    expect(Number(ice.username.split(':')[0]) * 1000).toBeLessThan(Date.now());
    expect(await allocateRelay(server, ice.username, ice.credential)).toMatchObject({ ok: false, code: 401 });
  });

  it('refuses credentials signed with another secret', async () => {
    const forged = onlyServer(turnCredentials({ ...turn, secret: `${turn.secret}-not-it` }, randomUUID()));
    expect(await allocateRelay(server, forged.username, forged.credential)).toMatchObject({
      ok: false,
      code: 401,
    });
  });

  it('refuses a username edited after signing (other participant, later expiry)', async () => {
    const ice = onlyServer(turnCredentials(turn, randomUUID()));
    const [expiry, participant] = ice.username.split(':') as [string, string];
    for (const edited of [`${expiry}:${randomUUID()}`, `${Number(expiry) + 86_400}:${participant}`]) {
      expect(await allocateRelay(server, edited, ice.credential)).toMatchObject({ ok: false, code: 401 });
    }
    // Control: the same username with the credential that matches it is accepted.
    const rightlySigned = await allocateRelay(
      server,
      ice.username,
      turnCredential(turn.secret, ice.username),
    );
    expect(rightlySigned.ok).toBe(true);
    if (rightlySigned.ok) rightlySigned.allocation.close();
  });
});
