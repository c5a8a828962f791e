// "Recording paused" while a call of the user's is paused, in the two styles of Twilio Flex's
// pause-recording plugin (README, "HTTP": Web console): permanent (until resumed) or temporary (a few
// seconds after the pause).
import { byId, duration } from './dom.js';

// a display preference, not a secret: kept across sessions in this browser (the API key never is)
const STYLE_KEY = 'sotto.pausedBanner';
export const STYLES = Object.freeze(['permanent', 'temporary']);
const TEMPORARY_MS = 5000;

export function bannerStyle() {
  try {
    const saved = localStorage.getItem(STYLE_KEY);
    return STYLES.includes(saved) ? saved : 'permanent';
  } catch {
    return 'permanent'; // storage disabled: the default, which never hides a pause
  }
}

export function saveBannerStyle(style) {
  if (!STYLES.includes(style)) {
    return;
  }
  try {
    localStorage.setItem(STYLE_KEY, style);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
}

/**
 * Shows the banner for the paused calls it is given (show() is called with every change of the
 * list). Temporary style: a call that becomes paused shows for TEMPORARY_MS, once per pause.
 */
export class PausedBanner {
  constructor({ onResume, warningOf }) {
    this.body = byId('banner-body');
    this.text = byId('banner-text');
    this.since = byId('banner-since');
    this.resume = byId('banner-resume');
    this.dismiss = byId('banner-dismiss');
    this.onResume = onResume;
    this.warningOf = warningOf || (() => null);
    this.style = bannerStyle();
    this.paused = [];
    this.shownUntil = new Map(); // call id -> end of its temporary showing (ms since epoch)
    this.hidden = new Set(); // calls whose banner the user hid, until their next pause
    this.timer = null;
    this.resume.addEventListener('click', () => {
      const call = this.paused[0];
      if (call) {
        this.onResume(call);
      }
    });
    this.dismiss.addEventListener('click', () => {
      this.paused.forEach((call) => this.hidden.add(call.id));
      this.render();
    });
  }

  setStyle(style) {
    saveBannerStyle(style);
    this.style = bannerStyle();
    this.render();
  }

  /** calls: the calls the banner speaks for (the user's own, or the selected one), in any state. */
  show(calls) {
    const now = Date.now();
    const paused = calls.filter((call) => call.recording && call.recording.state === 'paused');
    const ids = new Set(paused.map((call) => call.id));
    for (const id of [...this.shownUntil.keys()]) {
      if (!ids.has(id)) {
        this.shownUntil.delete(id); // resumed (or gone): its next pause shows again
        this.hidden.delete(id);
      }
    }
    for (const call of paused) {
      if (!this.shownUntil.has(call.id)) {
        this.shownUntil.set(call.id, now + TEMPORARY_MS);
      }
    }
    this.paused = paused;
    this.render();
  }

  render() {
    const now = Date.now();
    const showing = this.paused.filter((call) => !this.hidden.has(call.id)
      && (this.style === 'permanent' || this.shownUntil.get(call.id) > now));
    clearTimeout(this.timer);
    if (showing.length === 0) {
      this.body.hidden = true;
      this.body.removeAttribute('data-call');
      return;
    }
    const first = showing[0];
    const others = showing.length > 1 ? ` and ${showing.length - 1} more` : '';
    const text = `on ${first.caller} → ${first.callee}${others}`;
    if (this.text.textContent !== text) {
      this.text.textContent = text; // the live region speaks when this changes, not every second
    }
    const warning = this.warningOf(first.id);
    const ends = warning && warning.until
      ? ` · resumes by itself in ${duration(Date.parse(warning.until) - now)}` : '';
    this.since.textContent = (first.recording.since
      ? `for ${duration(now - Date.parse(first.recording.since))}` : '') + ends;
    this.body.dataset.call = first.id;
    this.body.dataset.style = this.style;
    const actions = first.actions || [];
    this.resume.hidden = !actions.includes('resume');
    this.dismiss.hidden = this.style === 'permanent';
    this.body.hidden = false;
    if (this.style === 'temporary') {
      const next = Math.min(...showing.map((call) => this.shownUntil.get(call.id)));
      this.timer = setTimeout(() => this.render(), Math.max(0, next - now) + 50);
    }
  }

  /** Keeps "for 0:12" current; called every second. */
  tick() {
    if (!this.body.hidden) {
      this.render();
    }
  }

  clear() {
    clearTimeout(this.timer);
    this.paused = [];
    this.shownUntil.clear();
    this.hidden.clear();
    this.render();
  }
}
