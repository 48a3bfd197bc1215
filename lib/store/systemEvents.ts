/**
 * What the app itself says in the chat and to screen readers (joins, leaves, hands, messages,
 * people waiting, admission). The store keeps the event with its English text; the interface
 * words it in the reader's language (hooks/useSystemText).
 */
export type SystemEvent =
  | { kind: 'joined' | 'left' | 'handRaised'; name: string }
  | { kind: 'says'; name: string; text: string }
  | { kind: 'waiting'; names: string }
  | { kind: 'admitted' };

export function englishText(event: SystemEvent): string {
  switch (event.kind) {
    case 'joined':
      return `${event.name} joined`;
    case 'left':
      return `${event.name} left`;
    case 'handRaised':
      return `${event.name} raised their hand`;
    case 'says':
      return `${event.name} says: ${event.text}`;
    case 'waiting':
      return `Waiting to join: ${event.names}`;
    case 'admitted':
      return 'You were let in to the meeting.';
  }
}
