/**
 * The SDP that tells ffmpeg which RTP streams to listen for: one m= line per consumer, each on its
 * own local port pair (RTP on `port`, RTCP on `port + 1`, as ffmpeg expects without rtcp-mux).
 * One SDP for all the streams of a segment makes them one ffmpeg input, opened and probed together.
 */

/** One stream as the recorder's consumer sends it to ffmpeg. */
export interface SdpStream {
  kind: 'audio' | 'video';
  /** ffmpeg's local RTP port (even); RTCP goes to port + 1. */
  port: number;
  payloadType: number;
  /** e.g. video/VP8, audio/opus */
  mimeType: string;
  clockRate: number;
  channels?: number;
  /** Codec parameters (fmtp), e.g. H.264's packetization-mode. */
  parameters?: Record<string, string | number>;
}

/** Codecs ffmpeg can depacketize and decode here. */
export const RECORDABLE_MIME_TYPES = ['audio/opus', 'video/VP8', 'video/VP9', 'video/H264'] as const;

export function isRecordable(mimeType: string): boolean {
  return RECORDABLE_MIME_TYPES.some((m) => m.toLowerCase() === mimeType.toLowerCase());
}

export function buildSdp(streams: readonly SdpStream[], address = '127.0.0.1'): string {
  const lines = [
    'v=0',
    `o=- 0 0 IN IP4 ${address}`,
    's=Idea Communicator recording',
    `c=IN IP4 ${address}`,
    't=0 0',
  ];
  for (const s of streams) {
    if (!isRecordable(s.mimeType)) throw new Error(`cannot record ${s.mimeType}`);
    if (s.port % 2 !== 0) throw new Error(`RTP port ${s.port} must be even (RTCP uses the next one)`);
    const codec = s.mimeType.split('/')[1] as string;
    const channels = s.kind === 'audio' && s.channels ? `/${s.channels}` : '';
    lines.push(`m=${s.kind} ${s.port} RTP/AVP ${s.payloadType}`);
    lines.push(`a=rtcp:${s.port + 1}`);
    lines.push(`a=rtpmap:${s.payloadType} ${codec}/${s.clockRate}${channels}`);
    const fmtp = Object.entries(s.parameters ?? {})
      .filter(([key]) => !key.startsWith('x-google-'))
      .map(([key, value]) => `${key}=${value}`)
      .join(';');
    if (fmtp) lines.push(`a=fmtp:${s.payloadType} ${fmtp}`);
    lines.push('a=recvonly');
  }
  return `${lines.join('\n')}\n`;
}
