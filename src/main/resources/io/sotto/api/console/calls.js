// Live calls: GET /api/v1/calls, kept current from the event stream, with the recording actions
// the server says this user may take (each call's "actions"; "denied" says why not the others).
import { ApiError, ROUTES } from './api.js';
import { byId, duration, el, list, localTime, say } from './dom.js';

// fixed order and places, whatever the state: a hand that reaches for Pause finds it where it was
export const ACTIONS = Object.freeze([
  { action: 'toggle', label: 'Toggle', help: 'Pause or resume the recording', keys: 'Ctrl+Shift+2' },
  { action: 'pause', label: 'Pause', help: 'Pause the recording', keys: 'Ctrl+Shift+3' },
  { action: 'resume', label: 'Resume', help: 'Resume the recording (or start it, if it never ran)', keys: 'Ctrl+Shift+4' },
  { action: 'start', label: 'Start', help: 'Start recording' },
  { action: 'stop', label: 'Stop', help: 'Stop recording' },
]);
const INDICATOR = {
  recording: { dot: 'recording', text: 'recording' },
  paused: { dot: 'paused', text: 'paused' },
};
const EVENTS_SHOWN = 50;
const TOAST_MS = 4000;

export class CallsView {
  constructor(api, { onChange } = {}) {
    this.api = api;
    this.onChange = onChange || (() => {});
    this.me = null;
    this.calls = new Map();
    this.notes = new Map();
    this.warnings = new Map(); // call id -> a warning the server sent for it (e.g. an automatic resume)
    this.selected = null;
    this.busy = new Set();
    this.queued = new Map(); // call id -> a shortcut pressed while an action on the call was being sent
    // call id -> how many times what we show of the call changed: a read sent before a change
    // (an event, an action's answer) may be answered after it, and must not undo it
    this.versions = new Map();
    this.body = byId('calls-body');
    this.empty = byId('calls-empty');
    this.count = byId('calls-count');
    this.message = byId('calls-message');
    this.warningsBox = byId('calls-warnings');
    this.reason = byId('calls-reason');
    this.log = byId('events-log');
    this.logEmpty = byId('events-empty');
    this.toastLine = byId('toast');
    this.toastTimer = null;
    this.generation = 0;
  }

  /** The signed-in user ({id, name, role}), from GET /api/v1/me: which calls are their own. */
  setUser(me) {
    this.me = me;
    this.render();
  }

  /** Reloads the whole list; an older reload that answers late is dropped. */
  async refresh() {
    const generation = ++this.generation;
    const versions = new Map(this.versions);
    try {
      const page = await this.api.json(ROUTES.calls);
      if (generation !== this.generation) {
        return;
      }
      const calls = new Map(page.items.map((call) => [call.id, call]));
      for (const id of calls.keys()) {
        if (this.versions.get(id) !== versions.get(id) && this.calls.has(id)) {
          calls.set(id, this.calls.get(id)); // changed while the list was on its way
        }
      }
      this.calls = calls;
      for (const id of this.warnings.keys()) {
        if (!this.calls.has(id)) {
          this.warnings.delete(id); // the call has ended
        }
      }
      for (const id of this.versions.keys()) {
        // ended before the list was read; a call that changed since may be one the list is too old to hold
        if (!this.calls.has(id) && this.versions.get(id) === versions.get(id)) {
          this.versions.delete(id);
          this.queued.delete(id);
        }
      }
      say(this.message, '');
    } catch (e) {
      if (generation === this.generation) {
        say(this.message, `Cannot load the live calls: ${e.message}`, 'error');
      }
    }
    this.render();
  }

  /**
   * A recording event carries the new state and what this user may do now: shown at once; then
   * the call is read again (agents change on a transfer), or dropped once it has ended.
   */
  async changed(event) {
    const parties = this.logEvent(event);
    if (!event.callId) {
      return;
    }
    const known = this.calls.get(event.callId);
    if (known && event.to !== 'ended') {
      this.calls.set(known.id, {
        ...known,
        recording: { ...known.recording, id: event.recordingId ?? known.recording.id, state: event.to, since: event.at },
        actions: event.actions ?? known.actions,
        denied: event.denied ?? known.denied,
      });
      this.render();
    }
    const version = this.changedNow(event.callId);
    this.notes.delete(event.callId); // a refusal said before this change may no longer hold
    if (event.to !== 'paused') {
      this.warnings.delete(event.callId);
    }
    try {
      const call = await this.api.json(ROUTES.call, { params: { id: event.callId } });
      parties.textContent = partiesOf(call);
      if (this.versions.get(call.id) !== version) {
        return; // a newer change is shown, or on its way
      }
      this.calls.set(call.id, call);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) {
        say(this.message, `Cannot read call ${event.callId}: ${e.message}`, 'error');
        return;
      }
      this.forget(event.callId);
    }
    this.render();
  }

  /**
   * Any other event about a call: `pause_expiring` ({callId, resumesAt}: company.max_pause will
   * resume the pause by itself), or any with a sentence in `detail`. Shown above the list (and
   * in the banner) while the call stays paused.
   */
  notice(type, event) {
    if (!event || typeof event.callId !== 'string') {
      return;
    }
    let warning;
    if (type === 'pause_expiring' && typeof event.resumesAt === 'string') {
      warning = { text: 'the pause ends and recording resumes by itself', until: event.resumesAt };
    } else if (typeof event.detail === 'string') {
      warning = { text: event.detail, until: null };
    } else {
      return;
    }
    this.warnings.set(event.callId, warning);
    const call = this.calls.get(event.callId);
    this.toast(`${call ? `${partiesOf(call)}: ` : ''}${warning.text}${inTime(warning.until)}`, 'warning');
    this.render();
  }

  /** The warning of a call, if any: {text, until} (until an ISO instant or null). */
  warningOf(id) {
    return this.warnings.get(id) || null;
  }

  /** The call a shortcut acts on: the selected one, else the only one; null with why in `why`. */
  target() {
    if (this.selected && this.calls.has(this.selected)) {
      return { call: this.calls.get(this.selected) };
    }
    if (this.calls.size === 1) {
      return { call: [...this.calls.values()][0] };
    }
    return { call: null, why: this.calls.size === 0 ? 'There is no live call.'
      : `Select a call first: ${this.calls.size} calls are live.` };
  }

  /** What the banner speaks for: an agent's own calls; for anyone else, the selected (or only) call. */
  bannerCalls() {
    if (this.me && this.me.role === 'agent') {
      return [...this.calls.values()].filter((call) => (call.agents || []).includes(this.me.id));
    }
    const { call } = this.target();
    return call ? [call] : [];
  }

  /**
   * A shortcut: the action on the target call, or why not, in the toast. Keys pressed while an
   * action on the call is being sent are not lost: the last of them is sent once it is answered
   * (a quick Pause then Resume ends resumed), judged against the call as it is then.
   */
  shortcut(action) {
    const { call, why } = this.target();
    if (!call) {
      this.toast(why, 'error');
      return;
    }
    if (this.busy.has(call.id)) {
      this.queued.set(call.id, action);
      return;
    }
    this.act(call, action);
  }

  /**
   * Asks for the action unless the server already said why it would be refused (then says that,
   * sending nothing). The answer's call replaces ours, with its new actions.
   */
  async act(call, action) {
    const denied = call.denied && call.denied[action];
    if (!(call.actions || []).includes(action)) {
      const why = denied ? denied.detail : 'not offered for this call';
      this.notes.set(call.id, `${labelOf(action)}: ${why}`);
      this.toast(`${labelOf(action)}: ${why}`, 'error');
      this.render();
      return;
    }
    if (this.busy.has(call.id)) {
      return;
    }
    this.busy.add(call.id);
    this.render();
    try {
      // the reason goes into the event and the recording's metadata (README, "HTTP": Web console, the Reason box)
      const reason = this.reason.value.trim();
      const body = reason ? { reason } : {};
      const changed = await this.api.json(ROUTES.recordingAction, { params: { id: call.id, action }, body });
      this.changedNow(changed.id);
      this.calls.set(changed.id, changed);
      this.notes.delete(call.id);
      this.reason.value = '';
      this.toast(`${outcomeOf(action, changed.recording.state)}: ${partiesOf(changed)}`, 'ok');
    } catch (e) {
      const why = e instanceof ApiError && (e.status === 403 || e.status === 409)
        ? `${labelOf(action)} refused: ${e.detail}` : `${labelOf(action)} failed: ${e.message}`;
      this.notes.set(call.id, why);
      this.toast(why, 'error');
      if (e instanceof ApiError && e.status === 404) {
        this.forget(call.id);
        say(this.message, `The call ${partiesOf(call)} has ended.`);
      } else if (e instanceof ApiError && (e.status === 403 || e.status === 409)) {
        await this.reread(call.id); // what we showed was out of date: show what the server has
      }
    } finally {
      this.busy.delete(call.id);
    }
    this.render();
    const next = this.queued.get(call.id);
    this.queued.delete(call.id);
    if (next && this.calls.has(call.id)) {
      await this.act(this.calls.get(call.id), next);
    }
  }

  /** Notes that what we show of the call changed; returns its new version. */
  changedNow(id) {
    const version = (this.versions.get(id) || 0) + 1;
    this.versions.set(id, version);
    return version;
  }

  async reread(id) {
    const version = this.changedNow(id);
    try {
      const call = await this.api.json(ROUTES.call, { params: { id } });
      if (this.versions.get(id) === version) {
        this.calls.set(call.id, call);
      }
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        this.forget(id);
      }
    }
  }

  select(id) {
    this.selected = id;
    this.render();
  }

  render() {
    const focusKey = document.activeElement && this.body.contains(document.activeElement)
      ? document.activeElement.dataset.key : null;
    const rows = [...this.calls.values()].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    this.body.replaceChildren(...rows.map((call) => this.row(call)));
    this.empty.hidden = rows.length > 0;
    this.count.textContent = rows.length === 1 ? '1 call' : `${rows.length} calls`;
    if (focusKey) {
      const again = [...this.body.querySelectorAll('[data-key]')].find((node) => node.dataset.key === focusKey);
      if (again) {
        again.focus(); // rows are rebuilt on every change: keep a keyboard user where they were
      }
    }
    this.renderWarnings();
    this.onChange();
  }

  renderWarnings() {
    const items = [];
    for (const [id, warning] of this.warnings) {
      const call = this.calls.get(id);
      if (!call) {
        continue; // a warning may come before the list that holds its call; the next reload decides
      }
      items.push(el('p', { class: 'message warning', 'data-call': id }, `${partiesOf(call)}: ${warning.text}`,
        warning.until ? el('span', { class: 'countdown', 'data-until': warning.until, 'aria-hidden': 'true' },
          inTime(warning.until)) : null));
    }
    this.warningsBox.replaceChildren(...items);
  }

  /** Brings the "since" times up to date without rebuilding the rows (their buttons keep focus). */
  tick() {
    const now = Date.now();
    for (const cell of this.body.querySelectorAll('[data-since]')) {
      cell.textContent = duration(now - Date.parse(cell.dataset.since));
    }
    for (const cell of this.warningsBox.querySelectorAll('[data-until]')) {
      cell.textContent = inTime(cell.dataset.until);
    }
  }

  row(call) {
    const state = call.recording ? call.recording.state : 'off';
    const since = call.recording && call.recording.since;
    const allowed = call.actions || [];
    const busy = this.busy.has(call.id);
    const buttons = ACTIONS.map(({ action, label, help, keys }) => {
      const ok = allowed.includes(action) && !busy;
      const denied = call.denied && call.denied[action];
      // aria-disabled, not disabled: the button stays focusable and its reason (the title) readable
      const title = ok ? `${help}${keys ? ` (${keys})` : ''}` : (denied ? denied.detail : help);
      const button = el('button', {
        type: 'button', class: `act act-${action}${ok ? '' : ' unavailable'}`, 'aria-disabled': ok ? null : 'true',
        title, 'data-action': action, 'data-key': `${call.id}:${action}`,
      }, label);
      button.addEventListener('click', () => this.act(call, action));
      return button;
    });
    const note = this.notes.get(call.id);
    const indicator = INDICATOR[state] || { dot: 'idle', text: state === 'off' ? 'not recorded' : state };
    const selected = this.selected === call.id;
    const select = el('input', {
      type: 'radio', name: 'selected-call', checked: selected, 'data-key': `${call.id}:select`,
      'aria-label': `Select the call ${partiesOf(call)}`,
    });
    select.addEventListener('change', () => this.select(call.id));
    // the radio says it to assistive technology (aria-selected belongs to grids, not to a table's rows)
    const tr = el('tr', { 'data-call': call.id, 'data-state': state, class: selected ? 'selected' : null },
      el('td', {}, select),
      el('td', { class: 'indicator' },
        el('span', { class: `dot dot-${indicator.dot}`, role: 'img', 'aria-label': indicator.text, title: indicator.text }),
        el('span', { class: `state state-${state}` }, state),
        since ? el('span', { class: 'elapsed', 'data-since': since, title: `since ${since}` },
          duration(Date.now() - Date.parse(since))) : null),
      el('td', {}, el('span', { class: `dir dir-${call.direction}` }, call.direction)),
      el('td', { class: 'num' }, call.caller),
      el('td', { class: 'num' }, call.callee),
      el('td', {}, list(call.agents)),
      el('td', { class: 'num' }, call.number || '—'),
      el('td', { title: call.startedAt }, localTime(call.startedAt), ' ',
        el('span', { class: 'elapsed', 'data-since': call.startedAt }, duration(Date.now() - Date.parse(call.startedAt)))),
      el('td', { class: 'actions' }, ...buttons, note ? el('div', { class: 'note error', role: 'alert' }, note) : null));
    // a click anywhere on the row but its controls selects it
    tr.addEventListener('click', (e) => {
      if (!(e.target instanceof Element && e.target.closest('button, input')) && this.selected !== call.id) {
        this.select(call.id);
      }
    });
    return tr;
  }

  toast(text, kind = '') {
    clearTimeout(this.toastTimer);
    this.toastLine.textContent = text;
    this.toastLine.className = `toast ${kind}`.trim();
    this.toastTimer = setTimeout(() => {
      this.toastLine.textContent = '';
      this.toastLine.className = 'toast';
    }, TOAST_MS);
  }

  /** Adds the event to the log, newest first; returns its parties' element, filled in once the call is read. */
  logEvent(event) {
    const who = event.who ? ` by ${event.who}` : '';
    const reason = event.reason ? ` (${event.reason})` : '';
    const call = this.calls.get(event.callId);
    const parties = el('span', { class: 'parties' }, call ? partiesOf(call) : `call ${event.callId}`);
    this.log.prepend(el('li', {},
      el('time', { datetime: event.at, title: event.at }, localTime(event.at)), ' ', parties, ': ',
      el('span', { class: `state state-${event.from}` }, event.from), ' → ',
      el('span', { class: `state state-${event.to}` }, event.to),
      ` via ${event.how}${who}${reason}`));
    while (this.log.children.length > EVENTS_SHOWN) {
      this.log.lastElementChild.remove();
    }
    this.logEmpty.hidden = true;
    return parties;
  }

  forget(id) {
    this.calls.delete(id);
    this.queued.delete(id);
    this.versions.delete(id);
    this.notes.delete(id);
    this.warnings.delete(id);
    if (this.selected === id) {
      this.selected = null;
    }
  }

  clear() {
    this.generation++;
    this.calls.clear();
    this.queued.clear();
    this.versions.clear();
    this.notes.clear();
    this.warnings.clear();
    this.selected = null;
    this.me = null;
    this.log.replaceChildren();
    this.logEmpty.hidden = false;
    clearTimeout(this.toastTimer);
    this.toastLine.textContent = '';
    say(this.message, '');
    this.render();
  }
}

function partiesOf(call) {
  return `${call.caller} → ${call.callee}`;
}

/** " in 0:09" until an ISO instant; '' for none. */
function inTime(until) {
  return until ? ` in ${duration(Date.parse(until) - Date.now())}` : '';
}

/** What an action did, as the agent reads it: "Recording resumed", not the state's name. */
function outcomeOf(action, state) {
  if (state === 'recording') {
    return action === 'start' ? 'Recording started' : 'Recording resumed';
  }
  return state === 'paused' ? 'Recording paused' : `Recording ${state}`;
}

function labelOf(action) {
  const found = ACTIONS.find((a) => a.action === action);
  return found ? found.label : action;
}
