/**
 * The pairing view's words in the kiosk's language (picked like the join banner's,
 * banner-strings.ts): what to do with the code, and why a hub is refused.
 */
import { pickLanguage, type Language } from '../common/languages';

export interface PairingStrings {
  /** One sentence around the code. */
  admit(code: string): string;
  waiting: string;
  /** The hub could not prove it knows this screen's credential. */
  otherHub: string;
}

const STRINGS: Record<Language, PairingStrings> = {
  en: {
    admit: (c) => `Open the operator console and admit this screen: code ${c}`,
    waiting: 'Asking the hub for a pairing code…',
    otherHub:
      'A different hub is announcing this wall: refusing it until this screen is re-paired.',
  },
  fr: {
    admit: (c) => `Ouvrez la console opérateur et admettez cet écran : code ${c}`,
    waiting: 'Demande d’un code d’appairage au hub…',
    otherHub: 'Un autre hub annonce ce mur : refusé tant que cet écran n’est pas réappairé.',
  },
  de: {
    admit: (c) => `Öffnen Sie die Bedienkonsole und lassen Sie diesen Bildschirm zu: Code ${c}`,
    waiting: 'Kopplungscode wird beim Hub angefragt…',
    otherHub:
      'Ein anderer Hub kündigt diese Wand an: abgelehnt, bis dieser Bildschirm neu gekoppelt ist.',
  },
  es: {
    admit: (c) => `Abra la consola del operador y admita esta pantalla: código ${c}`,
    waiting: 'Pidiendo un código de emparejamiento al hub…',
    otherHub:
      'Otro hub anuncia este muro: rechazado hasta que esta pantalla se vuelva a emparejar.',
  },
  it: {
    admit: (c) => `Apri la console dell’operatore e ammetti questo schermo: codice ${c}`,
    waiting: 'Richiesta di un codice di abbinamento all’hub…',
    otherHub:
      'Un altro hub annuncia questo muro: rifiutato finché lo schermo non viene riabbinato.',
  },
  pt: {
    admit: (c) => `Abra a consola do operador e admita este ecrã: código ${c}`,
    waiting: 'A pedir um código de emparelhamento ao hub…',
    otherHub: 'Outro hub anuncia esta parede: recusado até este ecrã ser emparelhado de novo.',
  },
  nl: {
    admit: (c) => `Open de bedieningsconsole en laat dit scherm toe: code ${c}`,
    waiting: 'Koppelcode wordt bij de hub opgevraagd…',
    otherHub:
      'Een andere hub kondigt deze wand aan: geweigerd tot dit scherm opnieuw is gekoppeld.',
  },
  ja: {
    admit: (c) => `オペレーターコンソールを開き、この画面を許可してください：コード ${c}`,
    waiting: 'ハブにペアリングコードを要求しています…',
    otherHub: '別のハブがこのウォールを名乗っています：再ペアリングするまで拒否します。',
  },
  'zh-Hans': {
    admit: (c) => `打开操作员控制台并允许此屏幕：代码 ${c}`,
    waiting: '正在向主机请求配对码…',
    otherHub: '另一台主机在广播此屏幕墙：在重新配对之前拒绝连接。',
  },
  'zh-Hant': {
    admit: (c) => `開啟操作員控制台並允許此螢幕：代碼 ${c}`,
    waiting: '正在向主機請求配對碼…',
    otherHub: '另一台主機在廣播此螢幕牆：在重新配對之前拒絕連線。',
  },
};

export function pairingStrings(languages: readonly string[]): PairingStrings {
  return STRINGS[pickLanguage(languages)];
}

/** "482319" → "482 319": two groups read across a room more easily than six digits. */
export const spacedCode = (code: string): string => `${code.slice(0, 3)} ${code.slice(3)}`;
