/**
 * The join banner's words in the wall's language: the kiosk browser's own (its OS locale, set
 * for the venue), picked like the phone page's (renderer/common/languages.ts).
 */
import { pickLanguage, type Language } from '../common/languages';

export interface BannerStrings {
  title: string;
  scan: string;
  wifi(name: string): string;
}

const BANNER: Record<Language, BannerStrings> = {
  en: { title: 'Wave your flag', scan: 'Scan to join the wall', wifi: (n) => `Wi-Fi: ${n}` },
  fr: {
    title: 'Agitez votre drapeau',
    scan: 'Scannez pour rejoindre le mur',
    wifi: (n) => `Wi-Fi : ${n}`,
  },
  de: { title: 'Schwenk deine Flagge', scan: 'Scannen und mitmachen', wifi: (n) => `WLAN: ${n}` },
  es: {
    title: 'Ondea tu bandera',
    scan: 'Escanea para unirte al muro',
    wifi: (n) => `Wi-Fi: ${n}`,
  },
  it: {
    title: 'Sventola la tua bandiera',
    scan: 'Inquadra il codice per unirti al muro',
    wifi: (n) => `Wi-Fi: ${n}`,
  },
  pt: {
    title: 'Agite a sua bandeira',
    scan: 'Escaneie para participar',
    wifi: (n) => `Wi-Fi: ${n}`,
  },
  nl: { title: 'Zwaai met je vlag', scan: 'Scan om mee te doen', wifi: (n) => `Wifi: ${n}` },
  ja: { title: '旗を振ろう', scan: 'スキャンしてウォールに参加', wifi: (n) => `Wi-Fi：${n}` },
  'zh-Hans': { title: '挥动你的旗帜', scan: '扫码加入屏幕墙', wifi: (n) => `Wi-Fi：${n}` },
  'zh-Hant': { title: '揮動你的旗幟', scan: '掃碼加入螢幕牆', wifi: (n) => `Wi-Fi：${n}` },
};

export function bannerStrings(languages: readonly string[]): BannerStrings {
  return BANNER[pickLanguage(languages)];
}
