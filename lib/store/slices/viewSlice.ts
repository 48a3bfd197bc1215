/** How the call is shown: layout, page, pin, open panel, notices. */
import type { StoreAccess } from './sliceTypes';
import type { NoticeMessage } from '../notices';
import { englishText, type SystemEvent } from '../systemEvents';

export type Layout = 'grid' | 'speaker';
export type Panel = 'participants' | 'devices' | 'chat';

export interface Notice {
  id: number;
  kind: 'info' | 'warning' | 'error';
  /** Worded in the reader's language when shown (hooks/useNoticeText). */
  message: NoticeMessage;
}

export interface ViewSlice {
  /** Pinned tile id (`cam:<peerId>` or `screen:<peerId>`). */
  pinnedId: string | null;
  layout: Layout;
  page: number;
  panel: Panel | null;
  notices: Notice[];
  /** The latest line for screen readers (read out politely by the call's live region). */
  announcement: { id: number; text: string; event: SystemEvent } | null;
}

export const initialView: ViewSlice = {
  pinnedId: null,
  layout: 'grid',
  page: 0,
  panel: null,
  notices: [],
  announcement: null,
};

export function viewActions({ set, get }: StoreAccess) {
  return {
    /** Pins a tile; pinning the pinned tile again unpins it. */
    pin(tileId: string | null): void {
      set({ pinnedId: get().pinnedId === tileId ? null : tileId });
    },
    setLayout(layout: Layout): void {
      set({ layout, page: 0 });
    },
    setPage(page: number): void {
      set({ page: Math.max(0, page) });
    },
    togglePanel(panel: Panel): void {
      const next = get().panel === panel ? null : panel;
      set(next === 'chat' ? { panel: next, unreadChat: 0 } : { panel: next });
    },
    closePanel(): void {
      set({ panel: null });
    },
    notify(kind: Notice['kind'], message: NoticeMessage): number {
      const id = Date.now() + Math.random();
      set({ notices: [...get().notices, { id, kind, message }].slice(-5) });
      return id;
    },
    /** Has screen readers read this out (joins, hands, chat, admission). */
    announce(event: SystemEvent): void {
      const id = (get().announcement?.id ?? 0) + 1;
      set({ announcement: { id, text: englishText(event), event } });
    },
    dismiss(id: number): void {
      set({ notices: get().notices.filter((n) => n.id !== id) });
    },
  };
}
