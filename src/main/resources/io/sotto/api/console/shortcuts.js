// Twilio Flex's pause-recording plugin keys (README, "HTTP": Web console): Ctrl+Shift+2 toggle,
// Ctrl+Shift+3 pause, Ctrl+Shift+4 resume,
// and the help popover that lists them (with the banner preference).
import { byId } from './dom.js';
import { bannerStyle } from './banner.js';

// KeyboardEvent.code, not key: with Shift held, key is '@' or '"' or '£' depending on the layout
const KEYS = Object.freeze({ Digit2: 'toggle', Digit3: 'pause', Digit4: 'resume' });

export class Shortcuts {
  constructor({ onAction, onBannerStyle }) {
    this.onAction = onAction;
    this.onBannerStyle = onBannerStyle;
    this.help = byId('help');
    this.open = byId('help-open');
    this.close = byId('help-close');
    this.radios = [...this.help.querySelectorAll('input[name="banner-style"]')];
    this.keydown = (e) => this.onKey(e);
    this.open.addEventListener('click', () => (this.help.hidden ? this.show() : this.hide()));
    this.close.addEventListener('click', () => this.hide());
    for (const radio of this.radios) {
      radio.addEventListener('change', () => this.onBannerStyle(radio.value));
    }
  }

  start() {
    document.addEventListener('keydown', this.keydown);
    this.open.hidden = false;
  }

  stop() {
    document.removeEventListener('keydown', this.keydown);
    this.hide();
    this.open.hidden = true;
  }

  onKey(e) {
    if (e.ctrlKey && e.shiftKey && !e.altKey && !e.metaKey && KEYS[e.code]) {
      e.preventDefault();
      if (!e.repeat) {
        this.onAction(KEYS[e.code]);
      }
      return;
    }
    if (e.key === 'Escape' && !this.help.hidden) {
      e.preventDefault();
      this.hide();
      return;
    }
    if (e.key === '?' && !e.ctrlKey && !e.altKey && !e.metaKey && !typing(e.target)) {
      e.preventDefault();
      this.show();
    }
  }

  show() {
    const style = bannerStyle();
    this.radios.forEach((radio) => { radio.checked = radio.value === style; });
    this.help.hidden = false;
    this.open.setAttribute('aria-expanded', 'true');
    this.close.focus();
  }

  hide() {
    if (this.help.hidden) {
      return;
    }
    this.help.hidden = true;
    this.open.setAttribute('aria-expanded', 'false');
    this.open.focus();
  }
}

function typing(target) {
  return target instanceof Element && (target.closest('input, textarea, select, [contenteditable]') !== null);
}
