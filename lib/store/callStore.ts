/**
 * The call's reactive state (zustand), in slices: session, participants, local, view, meeting,
 * effects.
 * It holds ids and flags only: MediaStreamTracks and mediasoup objects stay out of it, and
 * components look tracks up by key in the track registry. Actions are module-level functions so
 * the store bridge can call them without hooks; audio levels have their own store
 * (audioLevelStore) because they change several times a second.
 */
import { create } from 'zustand';
import { audioLevelActions } from './audioLevelStore';
import { effectsActions, initialEffects, type EffectsSlice } from './slices/effectsSlice';
import { initialLocal, localActions, type LocalSlice } from './slices/localSlice';
import { initialMeeting, meetingActions, type MeetingSlice } from './slices/meetingSlice';
import { initialParticipants, participantActions, type ParticipantsSlice } from './slices/participantsSlice';
import { initialSession, sessionActions, type SessionSlice } from './slices/sessionSlice';
import type { StoreAccess } from './slices/sliceTypes';
import { initialView, viewActions, type ViewSlice } from './slices/viewSlice';

export type { DeviceChoice, LocalState } from './slices/localSlice';
export type { EffectName, EffectsState } from './slices/effectsSlice';
export type { ChatLine, ShownReaction, SystemLine } from './slices/meetingSlice';
export { isSystemLine } from './slices/meetingSlice';
export type { SystemEvent } from './systemEvents';
export { notice, type NoticeKey, type NoticeMessage, type NoticeValues } from './notices';
export type { Participant, RemoteMedia } from './slices/participantsSlice';
export type { Layout, Notice, Panel } from './slices/viewSlice';
export { selectParticipantIds } from './slices/participantsSlice';

export type CallStoreState = SessionSlice &
  ParticipantsSlice &
  LocalSlice &
  ViewSlice &
  MeetingSlice &
  EffectsSlice;

function initialState(local = initialLocal): CallStoreState {
  return {
    ...initialSession,
    ...initialParticipants,
    local,
    ...initialView,
    ...initialMeeting,
    ...initialEffects,
  };
}

export const useCallStore = create<CallStoreState>()(() => initialState());

const access: StoreAccess = { set: useCallStore.setState, get: useCallStore.getState };

export const callActions = {
  ...sessionActions(access),
  ...participantActions(access),
  ...localActions(access),
  ...viewActions(access),
  ...meetingActions(access),
  ...effectsActions(access),
  /** Back to a fresh call; the local choices (name, devices) survive unless `full`. */
  reset(full = true): void {
    const local = useCallStore.getState().local;
    useCallStore.setState(initialState(full ? initialLocal : { ...local, sharing: false }), true);
    audioLevelActions.reset();
  },
};
