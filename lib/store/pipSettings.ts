/** The picture-in-picture setting: whether it opens by itself when the tab is hidden. */
import { create } from 'zustand';

const AUTO_KEY = 'idea-communicator:auto-pip:v1';

function loadAutoPip(): boolean {
  try {
    return typeof window !== 'undefined' && window.localStorage.getItem(AUTO_KEY) === 'on';
  } catch {
    return false; // storage blocked by the browser's privacy settings
  }
}

export interface PipSettings {
  /** Opens picture-in-picture when the tab is hidden; off unless the user chose it. */
  auto: boolean;
}

export const usePipSettings = create<PipSettings>()(() => ({ auto: loadAutoPip() }));

export const pipSettingsActions = {
  setAuto(auto: boolean): void {
    try {
      window.localStorage.setItem(AUTO_KEY, auto ? 'on' : 'off');
    } catch {
      // Storage blocked: the choice lasts for this page only.
    }
    usePipSettings.setState({ auto });
  },
};
