import type { PhoneStrings } from './types';

export const ja: PhoneStrings = {
  lang: 'ja',
  status: {
    connecting: '接続中…',
    live: 'オンライン',
    reconnecting: '再接続中…',
    waiting: '待機中',
    refused: '未接続',
  },
  refused: (detail) =>
    `ウォールがこの端末を拒否しました${detail ? `（${detail}）` : ''}。ページを再読み込みしてもう一度お試しください。`,
  kicked: 'オペレーターがあなたの旗をウォールから外しました。',
  banned: (minutes) =>
    minutes === null
      ? 'オペレーターにより、この端末はショーの終わりまでウォールから外されました。ご理解ありがとうございます。'
      : `オペレーターにより、この端末はしばらくウォールから外されました。約${minutes}分後にまた参加できます。`,
  idle: '旗が長い間動かなかったため、その場所は待っていた人に譲られました。「もう一度参加」をタップすると再開できます。',
  rejoin: 'もう一度参加',
  outdated: 'このページは古くなっています。再読み込みしてウォールに参加してください。',
  lostForAMoment: 'ウォールとの接続が一時的に切れました。再試行中…',
  rateLimited: (seconds) =>
    seconds === null
      ? 'この端末から短い間にたくさんの操作が送られたため、ウォールが少しのあいだ一時停止しています。まもなく自動でまた参加します。お待ちいただきありがとうございます。'
      : `この端末から短い間にたくさんの操作が送られたため、ウォールが少しのあいだ一時停止しています。約${seconds}秒後に自動でまた参加します。お待ちいただきありがとうございます。`,
  full: (position) =>
    position > 0
      ? `ウォールは満員です。あなたは${position}番目です。このページを開いたままにしておくと、自動的に参加できます。`
      : 'ウォールは満員です。このページを開いたままにしておくと、自動的に参加できます。',
  flagsOnWall: (n) => `ウォールの旗：${n}`,
  tagline: 'ウォールではためく',
  youOnWall: 'ウォール上のあなた',
  hintDrag: '*ドラッグ*で旗を動かす',
  hintTap: '*タップ*で波紋を送る',
  padLabel: 'ウォール用タッチパッド：ドラッグで旗を動かし、タップで波紋を送ります',
  change: '変更',
  changeLabel: '旗を変更',
  findMe: '旗を探す',
  findMeLabel: '旗を探す：ウォール上の自分の旗を点滅させる',
  chooseFlag: '旗を選ぶ',
  done: '完了',
  shortName: '短い名前（任意）',
  setName: '設定',
  search: '国を検索',
  flagChanged: 'ウォール上の旗が変わりました',
  pulsing: 'ウォールを見てください：あなたの旗が点滅しています',
  notConnected: '現在ウォールに接続されていません',
  nameShown: (name) => `旗に「${name}」と表示されます`,
  nameRemoved: '名前を削除しました',
};
