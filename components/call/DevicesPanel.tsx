'use client';

import { callActions } from '@/lib/store/callStore';

export function DevicesPanel() {
  return (
    <section aria-label="Settings" className="p-3">
      <button type="button" onClick={() => callActions.closePanel()}>
        Close
      </button>
    </section>
  );
}
