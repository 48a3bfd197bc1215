/**
 * The signaling wire format, shared by the browser client and the server. It imports nothing of
 * the project: everything else depends on it, never the other way round.
 */
export * from './callId';
export * from './entities';
export * from './errors';
export * from './layers';
export * from './meeting';
export * from './notifications';
export * from './recording';
export * from './requests';
export * from './resilience';
export * from './rtp';
