/** Headless screen client for Node: discovery + connection + clock + scene store, no rendering. */
export {
  ScreenClient,
  type ScreenClientOptions,
  type ScreenEvent,
  type ScreenState,
} from './screen-client';
export { HubLink, type HubLinkOptions, type LinkState } from './hub-link';
export { ScreenClock, type ScreenClockStats } from './screen-clock';
