/**
 * CallController: one call as the UI sees it. Owns the CallClient and the local tracks, binds the
 * client to the store through the store bridge, and offers the actions the controls need: mute,
 * camera, screen share, device switching, media effects, which remote videos to receive, leave.
 * Raw camera/microphone tracks pass through LocalEffects; what comes out is shown and sent.
 * Browser-only.
 */
import { CallClient, type RemoteTrack } from '@/lib/client/CallClient';
import { acquireLocalMedia } from '@/lib/media/localMedia';
import { classifyMediaError } from '@/lib/media/mediaErrors';
import { openScreen } from '@/lib/media/screenCapture';
import type { MeetingControlRequest, Reaction, RequestPayload, Role } from '@/lib/protocol';
import { callActions, notice, useCallStore, type DeviceChoice, type EffectName } from '@/lib/store/callStore';
import { SELF, tileOfSource } from '@/lib/store/tiles';
import { watchDevices } from './deviceWatch';
import { LocalEffects, type EffectStats } from './LocalEffects';
import { syncPinsToServer } from './pinSync';
import { requestFailedNotice } from './requestNotice';
import { bindClientToStore, showReaction } from './storeBridge';
import { LOCAL_CAMERA, LOCAL_MIC, LOCAL_SCREEN, trackRegistry } from './trackRegistry';

type LocalKind = 'audio' | 'video';

export interface CallStart {
  meetingId: string;
  displayName: string;
  /** Tracks chosen at pre-join (may be empty: receive only). Owned by the controller from now on. */
  stream: MediaStream;
  micOn: boolean;
  cameraOn: boolean;
  devices: DeviceChoice;
  /** The microphone was opened without the browser's noise suppression when this is on. */
  effects: Record<EffectName, boolean>;
}

export class CallController {
  readonly client: CallClient;
  private readonly offs: Array<() => void> = [];
  private mic: MediaStreamTrack | null = null;
  private camera: MediaStreamTrack | null = null;
  private screen: MediaStream | null = null;
  private visibleTiles: Set<string> | null = null;
  private readonly effects = new LocalEffects();
  /** The tile shown in picture-in-picture: received even when off the grid. */
  private pipTile: string | null = null;
  private disposed = false;

  /** `auth` supplies the meeting token at every (re)connection. */
  constructor(auth?: () => Promise<{ token: string; meetingId: string } | null>) {
    this.client = new CallClient(auth ? { auth } : {});
  }

  /**
   * While the pre-join screen is open: connects and prepares the join unseen (see
   * CallClient.prepare), so `start` has little left to do. Never rejects.
   */
  prepare(meetingId: string): Promise<void> {
    return this.client.prepare(meetingId);
  }

  async start(opts: CallStart): Promise<void> {
    callActions.reset(false);
    const mic = opts.stream.getAudioTracks()[0] ?? null;
    const camera = opts.cameraOn ? (opts.stream.getVideoTracks()[0] ?? null) : null;
    opts.stream.getVideoTracks().forEach((t) => t !== camera && t.stop());
    callActions.setEffect('backgroundBlur', opts.effects.backgroundBlur);
    callActions.setEffect('noiseSuppression', opts.effects.noiseSuppression);
    const sent = [await this.setMicTrack(mic), await this.setCameraTrack(camera)];
    callActions.setLocal({
      displayName: opts.displayName,
      micOn: opts.micOn && mic !== null,
      cameraOn: camera !== null,
      devices: { ...opts.devices },
    });

    this.client.view.setFilter((t) => this.isVisible(t));
    this.offs.push(...bindClientToStore(this.client, { cameraForcedOff: () => void this.cameraForcedOff() }));
    this.offs.push(syncPinsToServer(this.client.view));
    if (mic && !opts.micOn) await this.client.setMicEnabled(false);
    const stream = new MediaStream(sent.filter((t): t is MediaStreamTrack => t !== null));
    await this.client.join({ callId: opts.meetingId, userId: opts.displayName, stream });
    this.offs.push(
      watchDevices((kind) => {
        const track = kind === 'audio' ? this.mic : this.camera;
        return track ? this.onDeviceLost(kind, track) : Promise.resolve();
      }),
    );
    this.leaveWithPage();
  }

  // ---- Controls ----

  async setMicOn(on: boolean): Promise<void> {
    if (on && !this.mic) {
      const track = await this.openOrNotify('audio', useCallStore.getState().local.devices.audioInput);
      if (!track) return;
      const sent = await this.setMicTrack(track);
      await this.client.setMicEnabled(true);
      if (sent) await this.client.publish(sent, 'microphone');
    } else {
      await this.client.setMicEnabled(on);
    }
    callActions.setLocal({ micOn: on });
  }

  /** Camera off stops the track (the camera light goes out); on opens it again. */
  async setCameraOn(on: boolean): Promise<void> {
    if (!on) {
      callActions.setLocal({ cameraOn: false });
      await this.client.setCameraEnabled(false);
      this.camera?.stop();
      await this.setCameraTrack(null);
      return;
    }
    const track = await this.openOrNotify('video', useCallStore.getState().local.devices.videoInput);
    if (!track) return;
    const sent = await this.setCameraTrack(track);
    if (sent) await this.client.publish(sent, 'camera');
    await this.client.setCameraEnabled(true);
    callActions.setLocal({ cameraOn: true });
  }

  async startScreenShare(): Promise<void> {
    if (this.screen) return;
    let stream: MediaStream;
    try {
      stream = await openScreen();
    } catch (err) {
      const info = classifyMediaError(err, 'screen');
      if (info.code !== 'dismissed') callActions.notify('error', { media: info });
      return;
    }
    if (this.disposed) {
      stream.getTracks().forEach((t) => t.stop());
      return;
    }
    this.screen = stream;
    const video = stream.getVideoTracks()[0];
    const audio = stream.getAudioTracks()[0];
    if (!video) return this.stopScreenShare();
    video.addEventListener('ended', () => void this.stopScreenShare(), { once: true });
    trackRegistry.set(LOCAL_SCREEN, video);
    callActions.setLocal({ sharing: true });
    callActions.pin(null);
    await this.client.publish(video, 'screen');
    if (audio) await this.client.publish(audio, 'screen-audio');
  }

  async stopScreenShare(): Promise<void> {
    const stream = this.screen;
    if (!stream) return;
    this.screen = null;
    stream.getTracks().forEach((t) => t.stop());
    trackRegistry.set(LOCAL_SCREEN, null);
    callActions.setLocal({ sharing: false });
    await Promise.all([this.client.unpublish('screen'), this.client.unpublish('screen-audio')]);
  }

  /** Switches a device mid-call; the published track is replaced, nobody has to rejoin. */
  async switchDevice(kind: keyof DeviceChoice, deviceId: string | null): Promise<void> {
    callActions.setDevice(kind, deviceId);
    if (kind === 'audioOutput') return; // audio elements follow the store
    const local = useCallStore.getState().local;
    if (kind === 'audioInput' && this.mic) {
      const track = await this.openOrNotify('audio', deviceId);
      if (!track) return;
      const old = this.mic;
      const sent = await this.setMicTrack(track);
      if (sent) await this.client.publish(sent, 'microphone');
      old.stop();
    } else if (kind === 'videoInput' && local.cameraOn) {
      const track = await this.openOrNotify('video', deviceId);
      if (!track) return;
      const old = this.camera;
      const sent = await this.setCameraTrack(track);
      if (sent) await this.client.publish(sent, 'camera');
      old?.stop();
    }
  }

  /**
   * Turns background blur or noise suppression on or off mid-call: the processed (or raw) track
   * replaces the published one, nobody has to rejoin. The microphone is reopened so the browser's
   * own noise suppression is off exactly while ours is on.
   */
  async setEffect(name: EffectName, on: boolean): Promise<void> {
    callActions.setEffect(name, on);
    callActions.setEffectPending(name, true);
    try {
      if (name === 'noiseSuppression') {
        if (this.mic) await this.switchDevice('audioInput', useCallStore.getState().local.devices.audioInput);
      } else {
        const sent = this.camera ? await this.setCameraTrack(this.camera) : null;
        if (sent) await this.client.publish(sent, 'camera');
      }
    } finally {
      callActions.setEffectPending(name, false);
    }
  }

  /** The effects' own processing times, for the statistics panel. */
  effectStats(): EffectStats {
    return this.effects.stats();
  }

  /**
   * "Rejoin now": the next reconnection or re-join attempt starts at once. The client keeps the
   * same name, devices and mute states (the published tracks and their on/off wishes survive).
   */
  reconnectNow(): void {
    if (!this.disposed) this.client.reconnectNow();
  }

  /** Receives video only for the tiles on screen; everything else is paused on the server. */
  setVisibleTiles(ids: readonly string[]): void {
    this.visibleTiles = new Set(ids);
    for (const t of this.client.remoteTracks) this.applyVisibility(t);
  }

  /** Asks for the simulcast layer of a remote video that fits its tile (see hooks/useTileLayer). */
  setPreferredLayer(consumerId: string, spatialLayer: number): void {
    void this.client.view.setPreferredLayer(consumerId, spatialLayer);
  }

  setPipTile(id: string | null): void {
    this.pipTile = id;
    for (const t of this.client.remoteTracks) this.applyVisibility(t);
  }

  async leave(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    for (const off of this.offs.splice(0)) off();
    await this.client.leave();
    this.effects.stop();
    this.screen?.getTracks().forEach((t) => t.stop());
    this.screen = null;
    this.mic?.stop();
    this.camera?.stop();
    this.mic = null;
    this.camera = null;
    trackRegistry.clear();
    callActions.reset(false);
    callActions.setCallState('left');
  }

  // ---- Meeting: chat, hands, reactions and host controls ----

  async sendChat(text: string): Promise<boolean> {
    return this.act(async () => {
      const { message } = await this.client.control('sendChat', { text });
      callActions.addChat(message);
    });
  }

  async setHandRaised(raised: boolean): Promise<void> {
    await this.act(async () => {
      await this.client.control('raiseHand', { raised });
      callActions.setLocal({ handRaised: raised });
    });
  }

  async react(emoji: Reaction): Promise<void> {
    await this.act(async () => {
      await this.client.control('sendReaction', { emoji });
      showReaction(SELF, emoji);
    });
  }

  readonly admit = (participantId: string) => this.ask('admit', { participantId });
  readonly admitAll = () => this.ask('admitAll', {});
  readonly deny = (participantId: string) => this.ask('deny', { participantId });
  readonly muteParticipant = (peerId: string) => this.ask('muteParticipant', { peerId });
  readonly stopParticipantCamera = (peerId: string) => this.ask('stopParticipantCamera', { peerId });
  readonly removeParticipant = (peerId: string) => this.ask('removeParticipant', { peerId });
  readonly setRole = (peerId: string, role: Exclude<Role, 'host'>) => this.ask('setRole', { peerId, role });
  readonly setMeetingLocked = (locked: boolean) => this.ask('setMeetingLocked', { locked });
  readonly endMeeting = () => this.ask('endMeeting', {});

  /** A host control request, answered true once done (a refusal becomes a notice). */
  private ask<E extends MeetingControlRequest>(event: E, payload: RequestPayload<E>): Promise<boolean> {
    return this.act(() => this.client.control(event, payload));
  }

  /** Runs a meeting request; a refusal becomes a notice with the server's explanation. */
  private async act(fn: () => Promise<unknown>): Promise<boolean> {
    try {
      await fn();
      return true;
    } catch (err) {
      callActions.notify('error', requestFailedNotice(err));
      return false;
    }
  }

  /** A host stopped our camera: the server paused it; stop the capture too (light off). */
  private async cameraForcedOff(): Promise<void> {
    callActions.setLocal({ cameraOn: false });
    this.camera?.stop();
    await this.setCameraTrack(null);
  }

  // ---- Internals ----

  /** Whether a remote video's tile is on screen (all are, until the grid reports what it shows). */
  private isVisible(t: Pick<RemoteTrack, 'peerId' | 'source'>): boolean {
    const tile = tileOfSource(t.peerId, t.source);
    return !this.visibleTiles || this.visibleTiles.has(tile) || this.pipTile === tile;
  }

  private applyVisibility(t: RemoteTrack): void {
    if (t.kind !== 'video') return;
    void this.client.view.setReceiving(t.consumerId, this.isVisible(t));
  }

  /** Takes a raw microphone track; returns the track to send (null: none, or superseded). */
  private async setMicTrack(track: MediaStreamTrack | null): Promise<MediaStreamTrack | null> {
    if (track !== this.mic)
      track?.addEventListener('ended', () => void this.onDeviceLost('audio', track), { once: true });
    this.mic = track;
    callActions.setLocal({ hasMic: track !== null });
    const sent = await this.effects.output('audio', track);
    if (this.mic === track) trackRegistry.set(LOCAL_MIC, sent);
    return this.mic === track ? sent : null;
  }

  /** Takes a raw camera track; returns the track to send and show (null: none, or superseded). */
  private async setCameraTrack(track: MediaStreamTrack | null): Promise<MediaStreamTrack | null> {
    if (track !== this.camera)
      track?.addEventListener('ended', () => void this.onDeviceLost('video', track), { once: true });
    this.camera = track;
    callActions.setLocal({ hasCamera: track !== null });
    const sent = await this.effects.output('video', track);
    if (this.camera === track) trackRegistry.set(LOCAL_CAMERA, sent);
    return this.camera === track ? sent : null;
  }

  /** A device was unplugged (its track ended on its own): fall back to the default one. */
  private async onDeviceLost(kind: LocalKind, track: MediaStreamTrack): Promise<void> {
    if (this.disposed) return;
    const current = kind === 'audio' ? this.mic : this.camera;
    if (current !== track) return; // replaced or stopped by us
    track.stop();
    const what = kind === 'audio' ? 'microphone' : 'camera';
    const replacement = (await acquireLocalMedia({ [kind]: this.requestFor(kind, null) }))[
      kind === 'audio' ? 'audioTrack' : 'videoTrack'
    ];
    if (!replacement) {
      callActions.notify('warning', notice('deviceLostNoOther', { device: what }));
      if (kind === 'audio') await this.setMicTrack(null);
      else await this.setCameraTrack(null);
      callActions.setLocal(kind === 'audio' ? { micOn: false } : { cameraOn: false });
      await this.client.unpublish(what);
      return;
    }
    callActions.setDevice(kind === 'audio' ? 'audioInput' : 'videoInput', null);
    const sent = await (kind === 'audio' ? this.setMicTrack(replacement) : this.setCameraTrack(replacement));
    if (sent) await this.client.publish(sent, what);
    callActions.notify('info', notice('deviceLost', { device: what }));
  }

  /**
   * Closing the tab leaves the meeting at once: the server would otherwise keep this participant
   * for the resume grace, shown to the others as reconnecting. `leave()` sends leaveRoom before its
   * first await, so the message is out before the page goes.
   */
  private leaveWithPage(): void {
    if (typeof window === 'undefined') return;
    const onPageHide = () => void this.leave();
    window.addEventListener('pagehide', onPageHide);
    this.offs.push(() => window.removeEventListener('pagehide', onPageHide));
  }

  /** Which device to open; the browser's noise suppression only while ours is off. */
  private requestFor(kind: LocalKind, deviceId: string | null) {
    const ours = kind === 'audio' && useCallStore.getState().effects.noiseSuppression;
    return { deviceId, browserNoiseSuppression: !ours };
  }

  /** Opens a device (the default one if `deviceId` is gone); tells the user what to do if it fails. */
  private async openOrNotify(kind: LocalKind, deviceId: string | null): Promise<MediaStreamTrack | null> {
    const r = await acquireLocalMedia({ [kind]: this.requestFor(kind, deviceId) });
    const track = kind === 'audio' ? r.audioTrack : r.videoTrack;
    const error = kind === 'audio' ? r.audioError : r.videoError;
    if (error) callActions.notify('error', { media: error });
    if (track && r.fellBack.includes(kind)) {
      callActions.setDevice(kind === 'audio' ? 'audioInput' : 'videoInput', null);
      const device = kind === 'audio' ? 'microphone' : 'camera';
      callActions.notify('info', notice('chosenDeviceGone', { device }));
    }
    if (track && this.disposed) {
      track.stop();
      return null;
    }
    return track;
  }
}
