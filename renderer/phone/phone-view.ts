/**
 * Everything the phone shows: connection state, the user's flag and country, how many are on
 * the wall, a marker under the finger and a ring for each tap. DOM only; no logic about the hub.
 */
import { FALLBACK_FLAG, flagUrl } from '../common/flags';

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
  private readonly marker = $('marker');
  private readonly pad = $('pad');
  private readonly wallDot = $('wall-dot');

  showState(state: PhoneState, detail?: string): void {
    this.root.dataset.state = state;
    this.status.dataset.state = state;
    const text: Record<PhoneState, string> = {
      connecting: 'Connecting…',
      live: 'Live',
      reconnecting: 'Reconnecting…',
      waiting: 'Waiting',
      refused: 'Not connected',
    };
    this.statusText.textContent = text[state];
    this.notice.textContent =
      state === 'refused'
        ? `The wall refused this phone${detail ? `: ${detail}` : '.'}`
        : state === 'reconnecting'
          ? 'Lost the wall for a moment. Trying again…'
          : '';
  }

  showWaiting(position: number): void {
    this.showState('waiting');
    this.notice.textContent =
      position > 0
        ? `The wall is full. You are number ${position} in line. Keep this page open, you will join automatically.`
        : 'The wall is full. Keep this page open, you will join automatically.';
  }

  showPresence(phones: number): void {
    this.presence.textContent = phones === 1 ? '1 flag on the wall' : `${phones} flags on the wall`;
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
    this.country.textContent = countryName(code);
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

function countryName(code: string): string {
  if (code === FALLBACK_FLAG) return 'Esperanto';
  try {
    const names = new Intl.DisplayNames([navigator.language, 'en'], { type: 'region' });
    return names.of(code.toUpperCase()) ?? code.toUpperCase();
  } catch {
    return code.toUpperCase();
  }
}
