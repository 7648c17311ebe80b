/**
 * Everything the phone shows: connection state, the user's flag and country, how many are on
 * the wall, a marker under the finger and a ring for each tap. DOM only; no logic about the hub.
 */
import { CloseCode } from '../../shared/protocol/codes';
import { FALLBACK_FLAG, flagUrl } from '../common/flags';
import { flagNamer } from './flag-names';
import { flagsOnWall, type PhoneStrings } from './i18n';

export type PhoneState = 'connecting' | 'live' | 'reconnecting' | 'waiting' | 'refused';

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`phone page: #${id} missing`);
  return el as T;
};

export class PhoneView {
  private readonly root = document.documentElement;
  private readonly status = $('status');
  private readonly statusText = $('status-text');
  private readonly presence = $('presence');
  private readonly flagImg = $<HTMLImageElement>('my-flag');
  private readonly markerFlag = $<HTMLImageElement>('marker-flag');
  private readonly country = $('country');
  private readonly notice = $('notice');
  private readonly rejoin = $<HTMLButtonElement>('rejoin');
  private readonly marker = $('marker');
  private readonly pad = $('pad');
  private readonly wallDot = $('wall-dot');
  private readonly flagName = flagNamer(navigator.language || 'en');

  /** Puts the page's fixed words (English in the HTML) in the audience's language. */
  constructor(private readonly t: PhoneStrings) {
    this.root.lang = t.lang;
    $('tagline').textContent = t.tagline;
    $('wall-map-caption').textContent = t.youOnWall;
    emphasize($('hint-drag'), t.hintDrag);
    emphasize($('hint-tap'), t.hintTap);
    this.pad.setAttribute('aria-label', t.padLabel);
    this.rejoin.textContent = t.rejoin;
  }

  /**
   * `code`: the close code that refused the phone (or made it retry), explained in its language
   * where we can. `hubWaitMs`: how long the hub said it keeps this phone out (RATE_LIMITED).
   */
  showState(state: PhoneState, detail?: string, code?: number, hubWaitMs?: number): void {
    this.root.dataset.state = state;
    this.status.dataset.state = state;
    this.statusText.textContent = this.t.status[state];
    this.rejoin.hidden = true;
    this.notice.textContent =
      state === 'refused'
        ? code === CloseCode.KICKED
          ? this.t.kicked
          : code === CloseCode.BANNED
            ? this.t.banned(null)
            : code === CloseCode.IDLE
              ? this.t.idle
              : code === CloseCode.VERSION_MISMATCH
                ? this.t.outdated
                : this.t.refused(detail ?? '')
        : state === 'reconnecting'
          ? code === CloseCode.RATE_LIMITED
            ? this.t.rateLimited(hubWaitMs ? Math.max(1, Math.ceil(hubWaitMs / 1000)) : null)
            : this.t.lostForAMoment
          : '';
  }

  /** Banned: the polite sentence, saying when it ends if the hub told (ms; null: end of show). */
  showBanned(endsInMs: number | null): void {
    const minutes = endsInMs === null ? null : Math.max(1, Math.ceil(endsInMs / 60_000));
    this.notice.textContent = this.t.banned(minutes);
  }

  /** Closed for idling: a button under the sentence that rejoins (a fresh hello). */
  offerRejoin(rejoin: () => void): void {
    this.notice.append(this.rejoin); // the next state's text replaces it
    this.rejoin.hidden = false;
    this.rejoin.onclick = () => {
      this.rejoin.hidden = true;
      rejoin();
    };
  }

  showWaiting(position: number): void {
    this.showState('waiting');
    this.notice.textContent = this.t.full(position);
  }

  showPresence(phones: number): void {
    this.presence.textContent = flagsOnWall(this.t, phones);
  }

  showFlag(code: string): void {
    const url = flagUrl(code);
    for (const img of [this.flagImg, this.markerFlag]) {
      if (img.getAttribute('src') === url) continue;
      img.onerror = () => {
        img.onerror = null;
        img.src = flagUrl(FALLBACK_FLAG);
      };
      img.src = url;
    }
    this.country.textContent = this.flagName(code);
  }

  /** Finger marker at client coordinates; hidden when lifted. */
  showFinger(clientX: number, clientY: number, down: boolean): void {
    this.marker.style.transform = `translate(${clientX}px, ${clientY}px)`;
    this.root.classList.toggle('touching', down);
  }

  /** Where the hub has this phone (from its ACK), on the little map of the wall. */
  showOnWall(x: number, y: number): void {
    this.wallDot.style.left = `${x * 100}%`;
    this.wallDot.style.top = `${y * 100}%`;
    this.wallDot.hidden = false;
  }

  ripple(clientX: number, clientY: number): void {
    const ring = document.createElement('div');
    ring.className = 'ripple';
    ring.style.left = `${clientX}px`;
    ring.style.top = `${clientY}px`;
    ring.addEventListener('animationend', () => ring.remove());
    this.pad.appendChild(ring);
  }
}

/** Sets `text` into `el`, the parts between asterisks in bold. */
function emphasize(el: HTMLElement, text: string): void {
  el.replaceChildren(
    ...text.split('*').map((part, i) => {
      if (i % 2 === 0) return document.createTextNode(part);
      const b = document.createElement('b');
      b.textContent = part;
      return b;
    }),
  );
}
