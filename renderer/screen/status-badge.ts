/**
 * A small, unobtrusive connection badge in a corner: connecting / live / reconnecting /
 * refused: reason. Fades almost away once live, so the wall stays clean; comes back on trouble.
 */
import type { ConnectionState } from '../common/connection';

const LABELS: Record<ConnectionState, string> = {
  connecting: 'connecting',
  live: 'live',
  reconnecting: 'reconnecting',
  refused: 'refused',
};

export class StatusBadge {
  constructor(private readonly el: HTMLElement) {}

  show(state: ConnectionState, detail?: string): void {
    this.el.dataset.state = state;
    const label = LABELS[state];
    this.el.textContent = state === 'refused' && detail ? `${label}: ${detail}` : label;
    this.el.title = detail ?? '';
  }

  /** A problem that is not a connection state (e.g. bad page parameters). */
  warn(text: string): void {
    this.el.dataset.state = 'refused';
    this.el.textContent = text;
  }
}
