'use client';

import { useEffect, useRef, type RefObject } from 'react';
import { callActions, type Panel } from '@/lib/store/callStore';

/** The attribute naming the control that toggles a side panel (`data-panel-button="chat"`). */
export const PANEL_BUTTON_ATTR = 'data-panel-button';

function panelButton(panel: Panel): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[${PANEL_BUTTON_ATTR}="${panel}"]`);
}

/**
 * Keyboard care for the side panel: focus moves into a panel when it opens (its
 * `[data-autofocus]` element, or the panel itself), Escape closes it, and focus goes back to the
 * control that opens it when it closes — whether it was opened by click, shortcut or Enter.
 */
export function usePanelFocus(panel: Panel | null, container: RefObject<HTMLElement | null>): void {
  const previous = useRef<Panel | null>(null);

  useEffect(() => {
    const before = previous.current;
    previous.current = panel;
    if (panel && panel !== before) {
      const el = container.current;
      const target = el?.querySelector<HTMLElement>('[data-autofocus]');
      if (target || !el) {
        target?.focus();
        return;
      }
      // The panel's code loads on first opening: hold focus on the panel, then move it to the
      // panel's own control when that appears (unless the user has moved on).
      el.focus();
      const observer = new MutationObserver(() => {
        const late = el.querySelector<HTMLElement>('[data-autofocus]');
        if (!late) return;
        observer.disconnect();
        if (document.activeElement === el) late.focus();
      });
      observer.observe(el, { childList: true, subtree: true });
      return () => observer.disconnect();
    } else if (!panel && before) {
      // Only when focus would otherwise be lost (in the closed panel, or nowhere).
      const active = document.activeElement;
      if (!active || active === document.body || !active.isConnected) panelButton(before)?.focus();
    }
  }, [panel, container]);

  useEffect(() => {
    if (!panel) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      const inPanel = container.current?.contains(document.activeElement) ?? false;
      callActions.closePanel();
      if (inPanel) panelButton(panel)?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [panel, container]);
}
