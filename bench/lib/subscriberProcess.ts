/**
 * Synthetic viewers in a process of their own (started by SubscriberFleet): each connects with its
 * meeting token, joins through the real signaling (createRoom → joinRoom → createTransport recv →
 * getProducers → consume → resumeConsumer) and receives over a real WebRTC stack: mediasoup-client's
 * Chrome handler on @roamhq/wrtc (libwebrtc in Node). That is the only way without a browser to
 * complete ICE + DTLS with the app's WebRtcTransports, so the worker does the same SRTP, RTCP and
 * congestion-control work it does for a browser. A child process keeps this libwebrtc work off the
 * bench's own event loop (which paces the RTP source). Commands arrive over IPC.
 */
import wrtc from '@roamhq/wrtc';
import { Device, type types as ms } from 'mediasoup-client';
import {
  toClientRtpCapabilities,
  toClientRtpParameters,
  toTransportOptions,
  toWireRtpCapabilities,
} from '@/lib/client/wire';
import { TestClient } from '@/tests/support/testClient';
import type { FleetCommand, FleetReply, ReceiverTotals, ViewerTicket } from './fleetMessages';

// mediasoup-client's Chrome handler uses the browser globals.
Object.assign(globalThis, {
  RTCPeerConnection: wrtc.RTCPeerConnection,
  RTCSessionDescription: wrtc.RTCSessionDescription,
  RTCIceCandidate: wrtc.RTCIceCandidate,
  RTCRtpTransceiver: wrtc.RTCRtpTransceiver,
  RTCRtpSender: wrtc.RTCRtpSender,
  RTCRtpReceiver: wrtc.RTCRtpReceiver,
  MediaStream: wrtc.MediaStream,
  MediaStreamTrack: wrtc.MediaStreamTrack,
});

interface Viewer {
  client: TestClient;
  transport: ms.Transport;
  consumers: ms.Consumer[];
}

const viewers: Viewer[] = [];

function send(reply: FleetReply): void {
  process.send?.(reply);
}

async function join(url: string, t: ViewerTicket, videoLayer: number | undefined): Promise<Viewer> {
  const client = await TestClient.connect(url, { auth: { token: t.token, meetingId: t.meetingId } });
  const { rtpCapabilities: routerCaps } = await client.ok('createRoom', { callId: t.meetingId });
  const device = new Device({ handlerName: 'Chrome111' });
  await device.load({ routerRtpCapabilities: toClientRtpCapabilities(routerCaps) });
  const rtpCapabilities = toWireRtpCapabilities(device.recvRtpCapabilities);
  await client.ok('joinRoom', { callId: t.meetingId, userId: t.userId, rtpCapabilities });
  const params = await client.ok('createTransport', { direction: 'recv' });
  const transport = device.createRecvTransport(toTransportOptions(params));
  transport.on('connect', ({ dtlsParameters }, callback, errback) => {
    client.ok('connectTransport', { transportId: transport.id, dtlsParameters }).then(
      () => callback(),
      (err: Error) => errback(err),
    );
  });
  const { producers } = await client.ok('getProducers', { callId: t.meetingId });
  const consumers: ms.Consumer[] = [];
  for (const p of producers) {
    const c = await client.ok('consume', {
      transportId: transport.id,
      producerId: p.producerId,
      rtpCapabilities,
    });
    consumers.push(
      await transport.consume({
        id: c.id,
        producerId: c.producerId,
        kind: c.kind,
        rtpParameters: toClientRtpParameters(c.rtpParameters),
      }),
    );
    await client.ok('resumeConsumer', { consumerId: c.id });
    if (videoLayer !== undefined && c.kind === 'video')
      await client.ok('setPreferredLayers', { consumerId: c.id, spatialLayer: videoLayer });
  }
  return { client, transport, consumers };
}

/** inbound-rtp counters summed over every consumer of every viewer here. */
async function totals(): Promise<ReceiverTotals> {
  const sum: ReceiverTotals = { packetsReceived: 0, packetsLost: 0, bytesReceived: 0, connected: 0 };
  for (const v of viewers) {
    if (v.transport.connectionState === 'connected') sum.connected++;
    const report = await v.transport.getStats();
    report.forEach(
      (s: { type: string; packetsReceived?: number; packetsLost?: number; bytesReceived?: number }) => {
        if (s.type !== 'inbound-rtp') return;
        sum.packetsReceived += s.packetsReceived ?? 0;
        sum.packetsLost += s.packetsLost ?? 0;
        sum.bytesReceived += s.bytesReceived ?? 0;
      },
    );
  }
  return sum;
}

async function waitConnected(timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const connected = viewers.filter((v) => v.transport.connectionState === 'connected').length;
    if (connected === viewers.length || Date.now() > deadline) return connected;
    await new Promise((r) => setTimeout(r, 100));
  }
}

process.on('message', (cmd: FleetCommand) => {
  const run = async (): Promise<FleetReply> => {
    switch (cmd.type) {
      case 'join': {
        for (const t of cmd.tickets) viewers.push(await join(cmd.url, t, cmd.videoLayer));
        return {
          type: 'joined',
          viewers: viewers.length,
          connected: await waitConnected(cmd.connectTimeoutMs),
        };
      }
      case 'totals':
        return { type: 'totals', totals: await totals() };
      case 'close':
        for (const v of viewers.splice(0)) {
          v.transport.close();
          v.client.close();
        }
        return { type: 'closed' };
    }
  };
  run().then(send, (err: unknown) =>
    send({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
  );
});

process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
