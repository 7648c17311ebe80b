import type { PhoneStrings } from './types';

export const de: PhoneStrings = {
  lang: 'de',
  status: {
    connecting: 'Verbinden…',
    live: 'Live',
    reconnecting: 'Neu verbinden…',
    waiting: 'Wartet…',
    refused: 'Nicht verbunden',
  },
  refused: (detail) =>
    `Die Wand hat dieses Handy abgelehnt${detail ? `: ${detail}` : ''}. Lade die Seite neu, um es noch einmal zu versuchen.`,
  kicked: 'Der Betreiber hat deine Flagge von der Wand genommen.',
  banned: (minutes) =>
    minutes === null
      ? 'Der Betreiber hat dieses Handy bis zum Ende der Show von der Wand genommen. Danke für dein Verständnis.'
      : `Der Betreiber hat dieses Handy für eine Weile von der Wand genommen. In etwa ${minutes} Min. kannst du wieder mitmachen.`,
  idle: 'Deine Flagge hat sich zu lange nicht bewegt, darum ging ihr Platz an jemanden, der gewartet hat. Tippe auf „Wieder mitmachen“, um weiterzuspielen.',
  rejoin: 'Wieder mitmachen',
  outdated: 'Diese Seite ist veraltet. Lade sie neu, um mitzumachen.',
  lostForAMoment: 'Verbindung zur Wand kurz verloren. Neuer Versuch…',
  rateLimited: (seconds) =>
    seconds === null
      ? 'Dieses Handy hat sehr viel in kurzer Zeit gesendet, deshalb pausiert die Wand es kurz. Gleich ist es von selbst wieder dabei. Danke für deine Geduld.'
      : `Dieses Handy hat sehr viel in kurzer Zeit gesendet, deshalb pausiert die Wand es kurz. In etwa ${seconds} ${seconds === 1 ? 'Sekunde' : 'Sekunden'} ist es von selbst wieder dabei. Danke für deine Geduld.`,
  full: (position) =>
    position > 0
      ? `Die Wand ist voll. Du bist Nummer ${position} in der Warteschlange. Lass diese Seite offen, du kommst automatisch dran.`
      : 'Die Wand ist voll. Lass diese Seite offen, du kommst automatisch dran.',
  flagsOnWall: (n, plural) =>
    plural === 'one' ? `${n} Flagge an der Wand` : `${n} Flaggen an der Wand`,
  tagline: 'weht an der Wand',
  youOnWall: 'dein Platz an der Wand',
  hintDrag: '*Ziehen* bewegt deine Flagge',
  hintTap: '*Tippen* sendet eine Welle',
  padLabel: 'Touchpad für die Wand: Ziehen bewegt deine Flagge, Tippen sendet eine Welle',
  change: 'Ändern',
  changeLabel: 'Flagge ändern',
  findMe: 'Mich finden',
  findMeLabel: 'Mich finden: meine Flagge an der Wand pulsieren lassen',
  chooseFlag: 'Wähle deine Flagge',
  done: 'Fertig',
  shortName: 'Kurzname (optional)',
  setName: 'OK',
  search: 'Land suchen',
  flagChanged: 'Deine Flagge an der Wand wurde geändert',
  pulsing: 'Schau auf die Wand: Deine Flagge pulsiert',
  notConnected: 'Gerade nicht mit der Wand verbunden',
  nameShown: (name) => `Deine Flagge zeigt „${name}“`,
  nameRemoved: 'Name entfernt',
};
