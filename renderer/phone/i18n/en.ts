import type { PhoneStrings } from './types';

export const en: PhoneStrings = {
  lang: 'en',
  status: {
    connecting: 'Connecting…',
    live: 'Live',
    reconnecting: 'Reconnecting…',
    waiting: 'Waiting',
    refused: 'Not connected',
  },
  refused: (detail) =>
    `The wall refused this phone${detail ? `: ${detail}` : ''}. Reload the page to try again.`,
  kicked: 'The operator removed your flag from the wall.',
  banned: (minutes) =>
    minutes === null
      ? 'The operator has taken this phone off the wall for the rest of the show. Thank you for understanding.'
      : `The operator has taken this phone off the wall for a while. You can join again in about ${minutes} min.`,
  idle: 'Your flag stayed still too long, so its place went to someone who was waiting. Tap Rejoin to play again.',
  rejoin: 'Rejoin',
  outdated: 'This page is out of date. Reload it to join the wall.',
  lostForAMoment: 'Lost the wall for a moment. Trying again…',
  rateLimited: (seconds) =>
    seconds === null
      ? 'This phone sent a lot very quickly, so the wall is pausing it for a moment. It will rejoin by itself shortly. Thank you for waiting.'
      : `This phone sent a lot very quickly, so the wall is pausing it for a moment. It will rejoin by itself in about ${seconds} ${seconds === 1 ? 'second' : 'seconds'}. Thank you for waiting.`,
  full: (position) =>
    position > 0
      ? `The wall is full. You are number ${position} in line. Keep this page open, you will join automatically.`
      : 'The wall is full. Keep this page open, you will join automatically.',
  flagsOnWall: (n, plural) =>
    plural === 'one' ? `${n} flag on the wall` : `${n} flags on the wall`,
  tagline: 'waves on the wall',
  youOnWall: 'you on the wall',
  hintDrag: '*Drag* anywhere to move your flag',
  hintTap: '*Tap* to send a ripple',
  padLabel: 'Touch pad for the wall: drag to move your flag, tap to send a ripple',
  change: 'Change',
  changeLabel: 'Change your flag',
  findMe: 'Find me',
  findMeLabel: 'Locate me: make my flag pulse on the wall',
  chooseFlag: 'Choose your flag',
  done: 'Done',
  shortName: 'Short name (optional)',
  setName: 'Set',
  search: 'Search countries',
  flagChanged: 'Your flag changed on the wall',
  pulsing: 'Look at the wall: your flag is pulsing',
  notConnected: 'Not connected to the wall right now',
  nameShown: (name) => `Your flag says “${name}”`,
  nameRemoved: 'Name removed',
};
