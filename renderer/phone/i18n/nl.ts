import type { PhoneStrings } from './types';

export const nl: PhoneStrings = {
  lang: 'nl',
  status: {
    connecting: 'Verbinden…',
    live: 'Live',
    reconnecting: 'Opnieuw verbinden…',
    waiting: 'Wachten',
    refused: 'Niet verbonden',
  },
  refused: (detail) =>
    `De wand heeft deze telefoon geweigerd${detail ? `: ${detail}` : ''}. Herlaad de pagina om het opnieuw te proberen.`,
  kicked: 'De operator heeft je vlag van de wand gehaald.',
  banned: (minutes) =>
    minutes === null
      ? 'De operator heeft deze telefoon tot het einde van de show van de wand gehaald. Bedankt voor je begrip.'
      : `De operator heeft deze telefoon even van de wand gehaald. Over ongeveer ${minutes} min kun je weer meedoen.`,
  idle: 'Je vlag stond te lang stil, dus ging de plek naar iemand die wachtte. Tik op ‘Opnieuw meedoen’ om verder te spelen.',
  rejoin: 'Opnieuw meedoen',
  outdated: 'Deze pagina is verouderd. Herlaad de pagina om mee te doen.',
  lostForAMoment: 'Even geen verbinding met de wand. Opnieuw proberen…',
  rateLimited: (seconds) =>
    seconds === null
      ? 'Deze telefoon stuurde heel veel in korte tijd, dus de wand pauzeert hem even. Zo meteen doet hij vanzelf weer mee. Bedankt voor je geduld.'
      : `Deze telefoon stuurde heel veel in korte tijd, dus de wand pauzeert hem even. Over ongeveer ${seconds} ${seconds === 1 ? 'seconde' : 'seconden'} doet hij vanzelf weer mee. Bedankt voor je geduld.`,
  full: (position) =>
    position > 0
      ? `De wand is vol. Je bent nummer ${position} in de rij. Houd deze pagina open, je komt er vanzelf bij.`
      : 'De wand is vol. Houd deze pagina open, je komt er vanzelf bij.',
  flagsOnWall: (n, plural) =>
    plural === 'one' ? `${n} vlag op de wand` : `${n} vlaggen op de wand`,
  tagline: 'wappert op de wand',
  youOnWall: 'jouw plek op de wand',
  hintDrag: '*Sleep* om je vlag te bewegen',
  hintTap: '*Tik* om een golf te sturen',
  padLabel: 'Touchpad voor de wand: sleep om je vlag te bewegen, tik om een golf te sturen',
  change: 'Wijzigen',
  changeLabel: 'Je vlag wijzigen',
  findMe: 'Waar ben ik?',
  findMeLabel: 'Waar ben ik? Laat mijn vlag op de wand oplichten',
  chooseFlag: 'Kies je vlag',
  done: 'Klaar',
  shortName: 'Korte naam (optioneel)',
  setName: 'Instellen',
  search: 'Landen zoeken',
  flagChanged: 'Je vlag op de wand is gewijzigd',
  pulsing: 'Kijk naar de wand: je vlag licht op',
  notConnected: 'Momenteel niet verbonden met de wand',
  nameShown: (name) => `Op je vlag staat ‘${name}’`,
  nameRemoved: 'Naam verwijderd',
};
