import type { PhoneStrings } from './types';

export const it: PhoneStrings = {
  lang: 'it',
  status: {
    connecting: 'Connessione…',
    live: 'In diretta',
    reconnecting: 'Riconnessione…',
    waiting: 'In attesa',
    refused: 'Non connesso',
  },
  refused: (detail) =>
    `Il muro ha rifiutato questo telefono${detail ? `: ${detail}` : ''}. Ricarica la pagina per riprovare.`,
  kicked: 'L’operatore ha tolto la tua bandiera dal muro.',
  banned: (minutes) =>
    minutes === null
      ? 'L’operatore ha tolto questo telefono dal muro fino alla fine dello spettacolo. Grazie per la comprensione.'
      : `L’operatore ha tolto questo telefono dal muro per un po’. Potrai rientrare tra circa ${minutes} min.`,
  idle: 'La tua bandiera è rimasta ferma troppo a lungo e il suo posto è andato a chi aspettava. Tocca «Rientra» per giocare ancora.',
  rejoin: 'Rientra',
  outdated: 'Questa pagina non è aggiornata. Ricaricala per unirti al muro.',
  lostForAMoment: 'Connessione al muro persa per un momento. Nuovo tentativo…',
  rateLimited: (seconds) =>
    seconds === null
      ? 'Questo telefono ha inviato molto in poco tempo, quindi il muro lo mette in pausa per un momento. Rientrerà da solo tra poco. Grazie per la pazienza.'
      : `Questo telefono ha inviato molto in poco tempo, quindi il muro lo mette in pausa per un momento. Rientrerà da solo tra circa ${seconds} ${seconds === 1 ? 'secondo' : 'secondi'}. Grazie per la pazienza.`,
  full: (position) =>
    position > 0
      ? `Il muro è pieno. Sei il numero ${position} in coda. Tieni aperta questa pagina: entrerai automaticamente.`
      : 'Il muro è pieno. Tieni aperta questa pagina: entrerai automaticamente.',
  flagsOnWall: (n, plural) =>
    plural === 'one' ? `${n} bandiera sul muro` : `${n} bandiere sul muro`,
  tagline: 'sventola sul muro',
  youOnWall: 'la tua posizione sul muro',
  hintDrag: '*Trascina* per muovere la tua bandiera',
  hintTap: '*Tocca* per lanciare un’onda',
  padLabel: 'Touchpad del muro: trascina per muovere la tua bandiera, tocca per lanciare un’onda',
  change: 'Cambia',
  changeLabel: 'Cambia la tua bandiera',
  findMe: 'Trovami',
  findMeLabel: 'Trovami: fai lampeggiare la mia bandiera sul muro',
  chooseFlag: 'Scegli la tua bandiera',
  done: 'Fine',
  shortName: 'Nome breve (facoltativo)',
  setName: 'Imposta',
  search: 'Cerca paesi',
  flagChanged: 'La tua bandiera sul muro è cambiata',
  pulsing: 'Guarda il muro: la tua bandiera lampeggia',
  notConnected: 'Al momento non connesso al muro',
  nameShown: (name) => `La tua bandiera dice «${name}»`,
  nameRemoved: 'Nome rimosso',
};
