import type { CallStoreState } from '../callStore';

/** What every slice's actions get: the whole store, so one action may touch several slices. */
export interface StoreAccess {
  set(partial: Partial<CallStoreState>): void;
  get(): CallStoreState;
}
