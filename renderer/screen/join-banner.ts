/**
 * The join banner: a QR code of the phone URL (made by the `qrcode` library as SVG, so it stays
 * sharp on any panel), the short URL to type, and the Wi-Fi name when the operator set one; in
 * the wall's language (banner-strings.ts).
 */
import QRCode from 'qrcode';
import { browserLanguages } from '../common/languages';
import { bannerStrings, type BannerStrings } from './banner-strings';

export interface BannerContent {
  show: boolean;
  url: string;
  wifi: string;
}

export class JoinBanner {
  readonly el = document.createElement('aside');
  private readonly qr = document.createElement('div');
  private readonly url = document.createElement('div');
  private readonly wifi = document.createElement('div');
  private shownUrl = '';

  constructor(
    parent: HTMLElement,
    private readonly t: BannerStrings = bannerStrings(browserLanguages()),
  ) {
    this.el.className = 'join-banner';
    this.el.hidden = true;
    this.qr.className = 'qr';
    const text = document.createElement('div');
    text.className = 'join-text';
    const title = document.createElement('div');
    title.className = 'join-title';
    title.textContent = t.title;
    const sub = document.createElement('div');
    sub.className = 'join-sub';
    sub.textContent = t.scan;
    this.url.className = 'join-url';
    this.wifi.className = 'join-wifi';
    text.append(title, sub, this.url, this.wifi);
    this.el.append(this.qr, text);
    parent.append(this.el);
  }

  /** Resolves once the banner shows what it was given (the QR is made asynchronously). */
  async set(c: BannerContent): Promise<void> {
    this.el.hidden = !c.show || !c.url;
    this.url.textContent = shortUrl(c.url);
    this.wifi.textContent = c.wifi ? this.t.wifi(c.wifi) : '';
    this.wifi.hidden = !c.wifi;
    if (c.url && c.url !== this.shownUrl) {
      this.shownUrl = c.url;
      const svg = await QRCode.toString(c.url, {
        type: 'svg',
        errorCorrectionLevel: 'M',
        margin: 2,
        color: { dark: '#000000', light: '#ffffff' },
      });
      // The SVG is the library's own output for a URL the hub sent: paths only, no script.
      this.qr.innerHTML = svg;
    }
  }
}

/** What people type: no scheme, no trailing slash. */
export const shortUrl = (url: string): string => url.replace(/^https?:\/\//, '').replace(/\/$/, '');
