'use client';

import { createContext, useContext } from 'react';
import type { CallController } from '@/lib/call/CallController';

const CallControllerContext = createContext<CallController | null>(null);

export const CallControllerProvider = CallControllerContext.Provider;

/** The controller of the call this component is part of. */
export function useCallController(): CallController {
  const controller = useContext(CallControllerContext);
  if (!controller) throw new Error('useCallController() outside of a call');
  return controller;
}
