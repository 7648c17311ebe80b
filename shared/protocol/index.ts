export * from './version';
export * from './codes';
export * from './binary';
export type * from './hub-messages';
export type { ClientMessage, HelloMsg, ProfileMsg, StatsMsg } from './messages';
export type { AppliedMsg, LocateMsg, OperatorCommand, OperatorMsg } from './messages';
