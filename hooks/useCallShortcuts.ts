'use client';

import { useEffect } from 'react';
import { callActions, useCallStore } from '@/lib/store/callStore';
import type { CallController } from '@/lib/call/CallController';

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Single-key shortcuts (M mic, V camera, S share, P people, C chat, H hand, G layout, Shift+L leave). */
export function useCallShortcuts(controller: CallController, onLeave: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || typingInto(e.target)) return;
      const { local, layout } = useCallStore.getState();
      const key = e.key.toLowerCase();
      if (e.shiftKey) {
        if (key === 'l') onLeave();
        return;
      }
      const actions: Record<string, () => void> = {
        m: () => void controller.setMicOn(!local.micOn),
        v: () => void controller.setCameraOn(!local.cameraOn),
        s: () => void (local.sharing ? controller.stopScreenShare() : controller.startScreenShare()),
        p: () => callActions.togglePanel('participants'),
        c: () => callActions.togglePanel('chat'),
        h: () => void controller.setHandRaised(!local.handRaised),
        g: () => callActions.setLayout(layout === 'grid' ? 'speaker' : 'grid'),
      };
      const action = actions[key];
      if (!action) return;
      e.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller, onLeave]);
}
