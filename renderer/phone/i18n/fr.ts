import type { PhoneStrings } from './types';

export const fr: PhoneStrings = {
  lang: 'fr',
  status: {
    connecting: 'Connexion…',
    live: 'En direct',
    reconnecting: 'Reconnexion…',
    waiting: 'En attente',
    refused: 'Non connecté',
  },
  refused: (detail) =>
    `Le mur a refusé ce téléphone${detail ? ` : ${detail}` : ''}. Rechargez la page pour réessayer.`,
  kicked: 'L’opérateur a retiré votre drapeau du mur.',
  banned: (minutes) =>
    minutes === null
      ? 'L’opérateur a retiré ce téléphone du mur jusqu’à la fin du spectacle. Merci de votre compréhension.'
      : `L’opérateur a retiré ce téléphone du mur pour un moment. Vous pourrez revenir dans environ ${minutes} min.`,
  idle: 'Votre drapeau est resté immobile trop longtemps : sa place est allée à quelqu’un qui attendait. Touchez « Revenir » pour rejouer.',
  rejoin: 'Revenir',
  outdated: 'Cette page n’est plus à jour. Rechargez-la pour rejoindre le mur.',
  lostForAMoment: 'Connexion au mur perdue un instant. Nouvelle tentative…',
  rateLimited: (seconds) =>
    seconds === null
      ? 'Ce téléphone a envoyé beaucoup de choses très vite, alors le mur le met en pause un instant. Il reviendra tout seul très bientôt. Merci de votre patience.'
      : `Ce téléphone a envoyé beaucoup de choses très vite, alors le mur le met en pause un instant. Il reviendra tout seul dans environ ${seconds} ${seconds === 1 ? 'seconde' : 'secondes'}. Merci de votre patience.`,
  full: (position) =>
    position > 0
      ? `Le mur est complet. Vous êtes n° ${position} dans la file. Gardez cette page ouverte, vous rejoindrez le mur automatiquement.`
      : 'Le mur est complet. Gardez cette page ouverte, vous rejoindrez le mur automatiquement.',
  flagsOnWall: (n, plural) =>
    plural === 'one' ? `${n} drapeau sur le mur` : `${n} drapeaux sur le mur`,
  tagline: 'flotte sur le mur',
  youOnWall: 'votre place sur le mur',
  hintDrag: '*Glissez* pour déplacer votre drapeau',
  hintTap: '*Touchez* pour lancer une onde',
  padLabel:
    'Pavé tactile du mur : glissez pour déplacer votre drapeau, touchez pour lancer une onde',
  change: 'Changer',
  changeLabel: 'Changer de drapeau',
  findMe: 'Me trouver',
  findMeLabel: 'Me trouver : faire clignoter mon drapeau sur le mur',
  chooseFlag: 'Choisissez votre drapeau',
  done: 'OK',
  shortName: 'Nom court (facultatif)',
  setName: 'Valider',
  search: 'Rechercher un pays',
  flagChanged: 'Votre drapeau a changé sur le mur',
  pulsing: 'Regardez le mur : votre drapeau clignote',
  notConnected: 'Pas connecté au mur pour le moment',
  nameShown: (name) => `Votre drapeau affiche « ${name} »`,
  nameRemoved: 'Nom supprimé',
};
