import type { PhoneStrings } from './types';

/** Brazilian usage (most speakers), worded to read naturally in Portugal too. */
export const pt: PhoneStrings = {
  lang: 'pt',
  status: {
    connecting: 'Conectando…',
    live: 'Ao vivo',
    reconnecting: 'Reconectando…',
    waiting: 'Aguardando',
    refused: 'Desconectado',
  },
  refused: (detail) =>
    `A parede recusou este telefone${detail ? `: ${detail}` : ''}. Recarregue a página para tentar novamente.`,
  kicked: 'O operador removeu a sua bandeira da parede.',
  banned: (minutes) =>
    minutes === null
      ? 'O operador retirou este telefone da parede até o fim do show. Obrigado pela compreensão.'
      : `O operador retirou este telefone da parede por um tempo. Você poderá voltar em cerca de ${minutes} min.`,
  idle: 'A sua bandeira ficou parada por muito tempo e o lugar dela foi para quem estava esperando. Toque em “Voltar” para jogar de novo.',
  rejoin: 'Voltar',
  outdated: 'Esta página está desatualizada. Recarregue-a para participar.',
  lostForAMoment: 'Conexão com a parede perdida por um instante. Tentando de novo…',
  rateLimited: (seconds) =>
    seconds === null
      ? 'Este telefone enviou muita coisa muito rápido, por isso a parede o pausou por um instante. Ele volta sozinho daqui a pouco. Obrigado pela paciência.'
      : `Este telefone enviou muita coisa muito rápido, por isso a parede o pausou por um instante. Ele volta sozinho em cerca de ${seconds} ${seconds === 1 ? 'segundo' : 'segundos'}. Obrigado pela paciência.`,
  full: (position) =>
    position > 0
      ? `A parede está cheia. Você é o número ${position} na fila. Mantenha esta página aberta; você entrará automaticamente.`
      : 'A parede está cheia. Mantenha esta página aberta; você entrará automaticamente.',
  flagsOnWall: (n, plural) =>
    plural === 'one' ? `${n} bandeira na parede` : `${n} bandeiras na parede`,
  tagline: 'tremula na parede',
  youOnWall: 'o seu lugar na parede',
  hintDrag: '*Arraste* para mover a sua bandeira',
  hintTap: '*Toque* para enviar uma onda',
  padLabel:
    'Painel de toque da parede: arraste para mover a sua bandeira, toque para enviar uma onda',
  change: 'Trocar',
  changeLabel: 'Trocar a sua bandeira',
  findMe: 'Encontre-me',
  findMeLabel: 'Encontre-me: fazer a minha bandeira piscar na parede',
  chooseFlag: 'Escolha a sua bandeira',
  done: 'Pronto',
  shortName: 'Nome curto (opcional)',
  setName: 'Definir',
  search: 'Pesquisar países',
  flagChanged: 'A sua bandeira mudou na parede',
  pulsing: 'Olhe para a parede: a sua bandeira está piscando',
  notConnected: 'Sem conexão com a parede no momento',
  nameShown: (name) => `A sua bandeira diz “${name}”`,
  nameRemoved: 'Nome removido',
};
