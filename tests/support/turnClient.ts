/**
 * A minimal TURN client over UDP (RFC 8489 STUN, RFC 8656 TURN), enough to ask a real TURN server
 * whether it accepts a set of credentials: Binding (is it up?), Allocate with the long-term
 * credential mechanism (401 with realm and nonce, then the request again with MESSAGE-INTEGRITY
 * keyed by MD5("username:realm:password")), CreatePermission and a Send indication so a test can
 * see a datagram leave through the relayed address.
 *
 * Written here rather than driving coturn's turnutils_uclient: uclient exits 0 whether or not the
 * allocation succeeded and reports only in free-form log text, while this returns the server's
 * own answer (the relayed address, or the STUN error code such as 401) for the test to assert on.
 * No maintained STUN/TURN client library for Node is among the project's dependencies.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import dgram from 'node:dgram';

const MAGIC_COOKIE = 0x2112a442;
const METHOD = { binding: 0x001, allocate: 0x003, createPermission: 0x008, send: 0x006 } as const;
const CLASS = { request: 0x000, indication: 0x010, success: 0x100, error: 0x110 } as const;
const ATTR = {
  username: 0x0006,
  messageIntegrity: 0x0008,
  errorCode: 0x0009,
  lifetime: 0x000d,
  xorPeerAddress: 0x0012,
  data: 0x0013,
  realm: 0x0014,
  nonce: 0x0015,
  xorRelayedAddress: 0x0016,
  requestedTransport: 0x0019,
  xorMappedAddress: 0x0020,
} as const;
const UDP = 17;
const TRIES = 4;
const WAIT_PER_TRY_MS = 500;

export interface TransportAddress {
  address: string;
  port: number;
}

export interface StunMessage {
  type: number;
  transactionId: Buffer;
  attributes: Map<number, Buffer>;
}

export type AllocateResult =
  { ok: true; allocation: TurnAllocation } | { ok: false; code: number; reason: string };

export interface TurnAllocation {
  relayed: TransportAddress;
  mapped: TransportAddress;
  lifetimeS: number;
  /** Lets `peer` receive from the relay, then sends `data` to it through the relay. */
  sendThroughRelay(peer: TransportAddress, data: Buffer): Promise<void>;
  close(): void;
}

function attribute(type: number, value: Buffer): Buffer {
  const out = Buffer.alloc(4 + Math.ceil(value.length / 4) * 4);
  out.writeUInt16BE(type, 0);
  out.writeUInt16BE(value.length, 2);
  value.copy(out, 4);
  return out;
}

function header(type: number, length: number, transactionId: Buffer): Buffer {
  const out = Buffer.alloc(20);
  out.writeUInt16BE(type, 0);
  out.writeUInt16BE(length, 2);
  out.writeUInt32BE(MAGIC_COOKIE, 4);
  transactionId.copy(out, 8);
  return out;
}

/** A STUN message; with `key`, MESSAGE-INTEGRITY (HMAC-SHA1) is appended over everything before it. */
export function encodeStun(
  type: number,
  transactionId: Buffer,
  attributes: Array<[number, Buffer]>,
  key?: Buffer,
): Buffer {
  const body = Buffer.concat(attributes.map(([t, v]) => attribute(t, v)));
  if (!key) return Buffer.concat([header(type, body.length, transactionId), body]);
  // The length in the header that is signed already counts the 24-byte MESSAGE-INTEGRITY.
  const signedHeader = header(type, body.length + 24, transactionId);
  const hmac = createHmac('sha1', key)
    .update(Buffer.concat([signedHeader, body]))
    .digest();
  return Buffer.concat([signedHeader, body, attribute(ATTR.messageIntegrity, hmac)]);
}

export function decodeStun(buf: Buffer): StunMessage | null {
  if (buf.length < 20 || buf.readUInt32BE(4) !== MAGIC_COOKIE) return null;
  const length = buf.readUInt16BE(2);
  if (buf.length < 20 + length) return null;
  const attributes = new Map<number, Buffer>();
  for (let at = 20; at + 4 <= 20 + length;) {
    const type = buf.readUInt16BE(at);
    const len = buf.readUInt16BE(at + 2);
    if (!attributes.has(type)) attributes.set(type, buf.subarray(at + 4, at + 4 + len));
    at += 4 + Math.ceil(len / 4) * 4;
  }
  return { type: buf.readUInt16BE(0), transactionId: buf.subarray(8, 20), attributes };
}

function xorAddress(value: Buffer): TransportAddress {
  if (value.length < 8 || value[1] !== 0x01) throw new Error('expected an IPv4 XOR address attribute');
  const port = value.readUInt16BE(2) ^ (MAGIC_COOKIE >>> 16);
  const ip = value.readUInt32BE(4) ^ MAGIC_COOKIE;
  return { address: [24, 16, 8, 0].map((s) => (ip >>> s) & 0xff).join('.'), port };
}

function encodeXorAddress({ address, port }: TransportAddress): Buffer {
  const out = Buffer.alloc(8);
  out[1] = 0x01;
  out.writeUInt16BE(port ^ (MAGIC_COOKIE >>> 16), 2);
  const ip = address.split('.').reduce((acc, octet) => (acc << 8) | Number(octet), 0) >>> 0;
  out.writeUInt32BE((ip ^ MAGIC_COOKIE) >>> 0, 4);
  return out;
}

function errorOf(message: StunMessage): { code: number; reason: string } {
  const v = message.attributes.get(ATTR.errorCode);
  if (!v || v.length < 4) return { code: 0, reason: 'error response without ERROR-CODE' };
  return { code: (v[2]! & 0x07) * 100 + v[3]!, reason: v.subarray(4).toString('utf8') };
}

interface StunSocket {
  request(method: number, attributes: Array<[number, Buffer]>, key?: Buffer): Promise<StunMessage>;
  indicate(method: number, attributes: Array<[number, Buffer]>): void;
  close(): void;
}

/** One UDP socket talking to one STUN/TURN server, retransmitting requests as RFC 8489 asks. */
function openStunSocket(server: TransportAddress): StunSocket {
  const socket = dgram.createSocket('udp4');
  const pending = new Map<string, (m: StunMessage) => void>();
  let closed = false;
  socket.on('message', (buf) => {
    const message = decodeStun(buf);
    if (!message) return;
    const id = message.transactionId.toString('hex');
    pending.get(id)?.(message);
    pending.delete(id);
  });
  return {
    async request(method, attributes, key) {
      const transactionId = randomBytes(12);
      const id = transactionId.toString('hex');
      const packet = encodeStun(method | CLASS.request, transactionId, attributes, key);
      const answer = new Promise<StunMessage>((resolve) => pending.set(id, resolve));
      for (let attempt = 0; attempt < TRIES && !closed; attempt++) {
        socket.send(packet, server.port, server.address);
        const timeout = new Promise<null>((resolve) => setTimeout(resolve, WAIT_PER_TRY_MS, null));
        const got = await Promise.race([answer, timeout]);
        if (got) return got;
      }
      pending.delete(id);
      throw new Error(`no answer from the TURN server at ${server.address}:${server.port}`);
    },
    indicate(method, attributes) {
      socket.send(
        encodeStun(method | CLASS.indication, randomBytes(12), attributes),
        server.port,
        server.address,
      );
    },
    close() {
      if (closed) return;
      closed = true;
      socket.close();
    },
  };
}

/** True when a STUN Binding request to `server` gets a success answer. */
export async function stunBindingAnswers(server: TransportAddress): Promise<boolean> {
  const socket = openStunSocket(server);
  try {
    const answer = await socket.request(METHOD.binding, []);
    return answer.type === (METHOD.binding | CLASS.success);
  } catch {
    return false;
  } finally {
    socket.close();
  }
}

/**
 * Asks `server` for a UDP relay with the long-term credentials `username`/`password` (for TURN
 * REST API credentials, the password is the base64 HMAC). Returns the allocation, or the error
 * code the server answered the authenticated request with.
 */
export async function allocateRelay(
  server: TransportAddress,
  username: string,
  password: string,
): Promise<AllocateResult> {
  const socket = openStunSocket(server);
  const transport: [number, Buffer] = [ATTR.requestedTransport, Buffer.from([UDP, 0, 0, 0])];
  try {
    const challenge = await socket.request(METHOD.allocate, [transport]);
    const realm = challenge.attributes.get(ATTR.realm);
    const nonce = challenge.attributes.get(ATTR.nonce);
    if (
      challenge.type !== (METHOD.allocate | CLASS.error) ||
      errorOf(challenge).code !== 401 ||
      !realm ||
      !nonce
    ) {
      throw new Error('the TURN server did not ask for credentials (expected 401 with REALM and NONCE)');
    }
    const key = createHash('md5')
      .update(`${username}:${realm.toString('utf8')}:${password}`)
      .digest();
    const auth: Array<[number, Buffer]> = [
      [ATTR.username, Buffer.from(username, 'utf8')],
      [ATTR.realm, realm],
      [ATTR.nonce, nonce],
    ];
    const answer = await socket.request(METHOD.allocate, [transport, ...auth], key);
    if (answer.type !== (METHOD.allocate | CLASS.success)) {
      socket.close();
      return { ok: false, ...errorOf(answer) };
    }
    const relayed = answer.attributes.get(ATTR.xorRelayedAddress);
    const mapped = answer.attributes.get(ATTR.xorMappedAddress);
    const lifetime = answer.attributes.get(ATTR.lifetime);
    if (!relayed || !mapped || !lifetime) throw new Error('Allocate success without the relayed address');
    const allocation: TurnAllocation = {
      relayed: xorAddress(relayed),
      mapped: xorAddress(mapped),
      lifetimeS: lifetime.readUInt32BE(0),
      async sendThroughRelay(peer, data) {
        const peerAttr: [number, Buffer] = [ATTR.xorPeerAddress, encodeXorAddress(peer)];
        const permission = await socket.request(METHOD.createPermission, [peerAttr, ...auth], key);
        if (permission.type !== (METHOD.createPermission | CLASS.success)) {
          const { code, reason } = errorOf(permission);
          throw new Error(`CreatePermission refused: ${code} ${reason}`);
        }
        socket.indicate(METHOD.send, [peerAttr, [ATTR.data, data]]);
      },
      close: () => socket.close(),
    };
    return { ok: true, allocation };
  } catch (err) {
    socket.close();
    throw err;
  }
}
