/**
 * Resume credentials and grace periods. Every member in a meeting holds one resume token: 32
 * random bytes (base64url) handed to its client, kept here only as a SHA-256 hash together with
 * whom it was issued to (the meeting its meeting token names, the participant, the peer). A token
 * is single use: taking it, or issuing the member a new one, voids it.
 *
 * When a member's signaling drops, `startGrace` keeps it for the grace period: its token then
 * expires at the end of the grace, and `onExpire` runs unless the member came back (`take`) or
 * was forgotten first. Everything here is bounded by the members in meetings (one token and at
 * most one timer each), and `close()` clears every timer.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ResumeInfo } from '@/lib/protocol';

/** Who a resume token belongs to, and who presents one. */
export interface ResumeOwner {
  /** The meeting named by the connection's meeting token; null for a connection without one. */
  tokenMeetingId: string | null;
  participantId: string;
}

interface Entry<M> extends ResumeOwner {
  member: M;
  peerId: string;
  hash: string;
  /** Epoch ms after which the token is void; null while the member is connected. */
  expiresAt: number | null;
  timer: NodeJS.Timeout | undefined;
}

export type ResumeClaim<M> = { ok: true; member: M; peerId: string } | { ok: false; reason: string };

export const RESUME_TOKEN_BYTES = 32;

export class ResumeRegistry<M extends object> {
  readonly #graceMs: number;
  readonly #byHash = new Map<string, Entry<M>>();
  readonly #byMember = new Map<M, Entry<M>>();
  #closed = false;

  constructor(opts: { graceMs: number }) {
    this.#graceMs = opts.graceMs;
  }

  /** Whether resume is on (a grace period above zero). */
  get enabled(): boolean {
    return this.#graceMs > 0 && !this.#closed;
  }

  get graceS(): number {
    return this.#graceMs / 1000;
  }

  /** Members holding a token (connected or in their grace period). */
  get size(): number {
    return this.#byMember.size;
  }

  /** Members in their grace period. */
  get waiting(): number {
    let n = 0;
    for (const e of this.#byMember.values()) if (e.timer) n++;
    return n;
  }

  /** A fresh token for `member` (its previous one is void from now on); undefined when resume is off. */
  issue(member: M, owner: ResumeOwner & { peerId: string }): ResumeInfo | undefined {
    if (!this.enabled) return undefined;
    const previous = this.#byMember.get(member);
    if (previous) this.#byHash.delete(previous.hash);
    const token = randomBytes(RESUME_TOKEN_BYTES).toString('base64url');
    const entry: Entry<M> = {
      member,
      tokenMeetingId: owner.tokenMeetingId,
      participantId: owner.participantId,
      peerId: owner.peerId,
      hash: hashOf(token),
      expiresAt: previous?.expiresAt ?? null,
      timer: previous?.timer,
    };
    this.#byHash.set(entry.hash, entry);
    this.#byMember.set(member, entry);
    return { resumeToken: token, resumeGraceS: this.graceS };
  }

  /** Why `token` cannot resume for `who` (null: it can, for now); consumes nothing. */
  check(token: string, who: ResumeOwner): string | null {
    const entry = this.#byHash.get(hashOf(token));
    if (!entry) return 'unknown-token';
    if (entry.expiresAt !== null && Date.now() > entry.expiresAt) return 'expired';
    // Bound to the meeting token it was issued under: a stolen resume token alone is useless.
    if (entry.tokenMeetingId !== who.tokenMeetingId) return 'wrong-meeting';
    if (entry.tokenMeetingId !== null && entry.participantId !== who.participantId) {
      return 'wrong-participant';
    }
    return null;
  }

  /** Consumes `token`: the member it resumes (its grace, if any, ends), or why not. */
  take(token: string, who: ResumeOwner): ResumeClaim<M> {
    const reason = this.check(token, who);
    if (reason !== null) return { ok: false, reason };
    const entry = this.#byHash.get(hashOf(token)) as Entry<M>;
    this.#byHash.delete(entry.hash);
    clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.expiresAt = null;
    // The member keeps its entry (with a void hash) until it is issued the next token.
    entry.hash = '';
    return { ok: true, member: entry.member, peerId: entry.peerId };
  }

  /** The member's signaling dropped: keep it for the grace period, then `onExpire`. */
  startGrace(member: M, onExpire: () => void): boolean {
    const entry = this.#byMember.get(member);
    if (!entry || !this.enabled) return false;
    clearTimeout(entry.timer);
    entry.expiresAt = Date.now() + this.#graceMs;
    entry.timer = setTimeout(() => {
      this.forget(member);
      onExpire();
    }, this.#graceMs);
    entry.timer.unref();
    return true;
  }

  /** Whether the member is in its grace period. */
  inGrace(member: M): boolean {
    return this.#byMember.get(member)?.timer !== undefined;
  }

  /** The member left: its token is void and its grace timer stopped. Idempotent. */
  forget(member: M): void {
    const entry = this.#byMember.get(member);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.#byMember.delete(member);
    if (entry.hash) this.#byHash.delete(entry.hash);
  }

  /** Clears every token and timer (server shutdown); returns the members that were in their grace. */
  close(): M[] {
    this.#closed = true;
    const waiting: M[] = [];
    for (const entry of this.#byMember.values()) {
      if (entry.timer) waiting.push(entry.member);
      clearTimeout(entry.timer);
    }
    this.#byMember.clear();
    this.#byHash.clear();
    return waiting;
  }
}

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
