'use client';

import { useTranslations } from 'next-intl';
import { PanelHeader } from './PanelHeader';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { CHAT_MAX_LENGTH } from '@/lib/protocol';
import { isSystemLine, useCallStore } from '@/lib/store/callStore';
import { useCallController } from './CallContext';
import { useSystemText } from '@/hooks/useSystemText';

function time(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** In-call chat. Messages are stored by the server and replayed to late joiners; shown as text. */
export function ChatPanel() {
  const t = useTranslations('call');
  const controller = useCallController();
  const systemText = useSystemText();
  const chat = useCallStore((s) => s.chat);
  const me = useCallStore((s) => s.local.participantId);
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [chat.length]);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    const text = draft.trim();
    if (!text || sending) return;
    setSending(true);
    if (await controller.sendChat(text)) setDraft('');
    setSending(false);
  };

  return (
    <section aria-label={t('chat')} className="flex h-full flex-col">
      <PanelHeader title={t('chat')} closeLabel={t('closeChat')} />
      {/* New messages are announced by the call's live region (LiveAnnouncer), panel open or not. */}
      <ol ref={listRef} className="flex-1 space-y-3 overflow-y-auto px-3" data-testid="chat-messages">
        {chat.length === 0 && <li className="text-sm text-neutral-400">{t('noMessages')}</li>}
        {chat.map((m) =>
          isSystemLine(m) ? (
            <li key={m.id} data-testid="chat-system-line" className="text-center text-xs text-neutral-400">
              {systemText(m.event)}
            </li>
          ) : (
            <li key={m.id} data-testid="chat-message" className="text-sm">
              <div className="flex items-baseline gap-2">
                <span className="font-semibold">{m.senderId === me ? t('you') : m.senderName}</span>
                <time className="text-xs text-neutral-400" dateTime={new Date(m.createdAt).toISOString()}>
                  {time(m.createdAt)}
                </time>
              </div>
              {/* Rendered as text: React escapes it, so no HTML from a message ever runs. */}
              <p className="whitespace-pre-wrap break-words text-neutral-200">{m.text}</p>
            </li>
          ),
        )}
      </ol>
      <form onSubmit={send} className="flex gap-2 p-3">
        <label htmlFor="chat-input" className="sr-only">
          {t('message')}
        </label>
        <input
          id="chat-input"
          data-autofocus
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          maxLength={CHAT_MAX_LENGTH}
          placeholder={t('messagePlaceholder')}
          autoComplete="off"
          className="min-w-0 flex-1 rounded-lg bg-neutral-800 px-3 py-2 text-sm outline-none ring-1 ring-neutral-700 focus-visible:ring-2 focus-visible:ring-sky-400"
        />
        <button
          type="submit"
          disabled={!draft.trim() || sending}
          className="rounded-lg bg-sky-500 px-3 py-2 text-sm font-semibold text-neutral-950 hover:bg-sky-400 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white disabled:opacity-40"
        >
          {t('send')}
        </button>
      </form>
    </section>
  );
}
