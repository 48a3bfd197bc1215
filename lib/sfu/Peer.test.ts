import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@/lib/protocol';
import { opusRtpParameters, vp8RtpParameters } from '@/tests/support/fakeMedia';
import { codeOf, sfuFixture } from '@/tests/support/sfuFixture';

const { newRoom, join, sendTransport } = await sfuFixture();

describe('Peer', () => {
  it('pausing or resuming a consumer or producer the worker has just closed answers NOT_FOUND', async () => {
    const room = await newRoom();
    const a = join(room, 'alice');
    const b = join(room, 'bob');
    const aSend = await sendTransport(room, a.peer);
    const bRecv = (await room.createTransport(b.peer, 'recv')).id;
    const consumerOf = async (producerId: string) =>
      (await room.consume(b.peer, { transportId: bRecv, producerId })).id;

    // The producer closes; the viewer's resume is already on its way to the worker.
    const v = await room.produce(a.peer, {
      transportId: aSend,
      kind: 'video',
      rtpParameters: vp8RtpParameters(),
    });
    const c1 = await consumerOf(v);
    room.closeProducer(a.peer, v);
    expect(await codeOf(() => b.peer.setConsumerPaused(c1, false))).toBe(ErrorCode.NOT_FOUND);

    // The same with pause, and with the producer's whole transport closing.
    const au = await room.produce(a.peer, {
      transportId: aSend,
      kind: 'audio',
      rtpParameters: opusRtpParameters(),
    });
    const c2 = await consumerOf(au);
    a.peer.transport(aSend).close();
    expect(await codeOf(() => b.peer.setConsumerPaused(c2, true))).toBe(ErrorCode.NOT_FOUND);

    // Once the close is known here, the id is simply gone.
    expect(await codeOf(() => b.peer.setConsumerPaused(c1, true))).toBe(ErrorCode.NOT_FOUND);
    expect(await codeOf(() => room.setProducerPaused(a.peer, au, true))).toBe(ErrorCode.NOT_FOUND);
  });
});
