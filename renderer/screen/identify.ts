/**
 * Identify: a big number in this screen's colour, with its name, so the operator can match the
 * console's list to the physical panels. Also the blackout and message layers, which are just as
 * simple: plain DOM above the WebGL canvas.
 */
export class IdentifyOverlay {
  readonly el = document.createElement('div');
  private readonly number = document.createElement('div');
  private readonly name = document.createElement('div');

  constructor(parent: HTMLElement) {
    this.el.className = 'identify';
    this.el.hidden = true;
    this.number.className = 'identify-number';
    this.name.className = 'identify-name';
    this.el.append(this.number, this.name);
    parent.append(this.el);
  }

  set(on: boolean, number: number, color: string, name: string): void {
    this.el.hidden = !on;
    this.number.textContent = String(number);
    this.name.textContent = name;
    this.el.style.setProperty('--screen-color', color);
  }
}

export class MessageBar {
  readonly el = document.createElement('div');

  constructor(parent: HTMLElement) {
    this.el.className = 'wall-message';
    this.el.hidden = true;
    parent.append(this.el);
  }

  set(text: string): void {
    this.el.hidden = !text;
    this.el.textContent = text;
  }
}

export class Blackout {
  readonly el = document.createElement('div');

  constructor(parent: HTMLElement) {
    this.el.className = 'blackout';
    this.el.hidden = true;
    parent.append(this.el);
  }

  set(on: boolean): void {
    this.el.hidden = !on;
  }
}
