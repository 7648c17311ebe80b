import type { PhoneStrings } from './types';

export const es: PhoneStrings = {
  lang: 'es',
  status: {
    connecting: 'Conectando…',
    live: 'En directo',
    reconnecting: 'Reconectando…',
    waiting: 'En espera',
    refused: 'Sin conexión',
  },
  refused: (detail) =>
    `El muro ha rechazado este teléfono${detail ? `: ${detail}` : ''}. Recarga la página para volver a intentarlo.`,
  kicked: 'El operador ha quitado tu bandera del muro.',
  banned: (minutes) =>
    minutes === null
      ? 'El operador ha retirado este teléfono del muro hasta el final del espectáculo. Gracias por tu comprensión.'
      : `El operador ha retirado este teléfono del muro por un tiempo. Podrás volver en unos ${minutes} min.`,
  idle: 'Tu bandera estuvo quieta demasiado tiempo y su sitio pasó a alguien que esperaba. Toca «Volver» para seguir jugando.',
  rejoin: 'Volver',
  outdated: 'Esta página está desactualizada. Recárgala para unirte al muro.',
  lostForAMoment: 'Se ha perdido la conexión con el muro. Reintentando…',
  rateLimited: (seconds) =>
    seconds === null
      ? 'Este teléfono ha enviado mucho muy rápido, así que el muro lo ha pausado un momento. Volverá solo en un momento. Gracias por tu paciencia.'
      : `Este teléfono ha enviado mucho muy rápido, así que el muro lo ha pausado un momento. Volverá solo en unos ${seconds} ${seconds === 1 ? 'segundo' : 'segundos'}. Gracias por tu paciencia.`,
  full: (position) =>
    position > 0
      ? `El muro está lleno. Eres el número ${position} de la fila. Mantén esta página abierta; entrarás automáticamente.`
      : 'El muro está lleno. Mantén esta página abierta; entrarás automáticamente.',
  flagsOnWall: (n, plural) =>
    plural === 'one' ? `${n} bandera en el muro` : `${n} banderas en el muro`,
  tagline: 'ondea en el muro',
  youOnWall: 'tu lugar en el muro',
  hintDrag: '*Arrastra* para mover tu bandera',
  hintTap: '*Toca* para enviar una onda',
  padLabel: 'Panel táctil del muro: arrastra para mover tu bandera, toca para enviar una onda',
  change: 'Cambiar',
  changeLabel: 'Cambiar tu bandera',
  findMe: 'Encuéntrame',
  findMeLabel: 'Encuéntrame: hacer parpadear mi bandera en el muro',
  chooseFlag: 'Elige tu bandera',
  done: 'Listo',
  shortName: 'Nombre corto (opcional)',
  setName: 'Aplicar',
  search: 'Buscar países',
  flagChanged: 'Tu bandera ha cambiado en el muro',
  pulsing: 'Mira el muro: tu bandera está parpadeando',
  notConnected: 'Sin conexión con el muro ahora mismo',
  nameShown: (name) => `Tu bandera dice «${name}»`,
  nameRemoved: 'Nombre eliminado',
};
