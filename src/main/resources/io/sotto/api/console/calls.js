// Live calls: GET /api/v1/calls, kept current from the event stream, with the recording actions.
import { ApiError, ROUTES } from './api.js';
import { byId, duration, el, list, localTime, say } from './dom.js';

const ACTIONS = [
  { action: 'pause', label: 'Pause', when: ['recording'] },
  { action: 'resume', label: 'Resume', when: ['paused'] },
  { action: 'start', label: 'Start', when: ['off', 'stopped'] },
  { action: 'stop', label: 'Stop', when: ['recording', 'paused'] },
];
const EVENTS_SHOWN = 50;

export class CallsView {
  constructor(api) {
    this.api = api;
    this.calls = new Map();
    this.notes = new Map();
    this.body = byId('calls-body');
    this.empty = byId('calls-empty');
    this.count = byId('calls-count');
    this.message = byId('calls-message');
    this.reason = byId('calls-reason');
    this.log = byId('events-log');
    this.logEmpty = byId('events-empty');
    this.generation = 0;
  }

  /** Reloads the whole list; an older reload that answers late is dropped. */
  async refresh() {
    const generation = ++this.generation;
    try {
      const page = await this.api.json(ROUTES.calls);
      if (generation !== this.generation) {
        return;
      }
      this.calls = new Map(page.items.map((call) => [call.id, call]));
      say(this.message, '');
    } catch (e) {
      if (generation === this.generation) {
        say(this.message, `Cannot load the live calls: ${e.message}`, 'error');
      }
    }
    this.render();
  }

  /** A recording event names its call: read the call again, or drop it once it has ended. */
  async changed(event) {
    const parties = this.logEvent(event);
    if (!event.callId) {
      return;
    }
    try {
      const call = await this.api.json(ROUTES.call, { params: { id: event.callId } });
      this.calls.set(call.id, call);
      parties.textContent = partiesOf(call);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) {
        say(this.message, `Cannot read call ${event.callId}: ${e.message}`, 'error');
        return;
      }
      this.calls.delete(event.callId);
      this.notes.delete(event.callId);
    }
    this.render();
  }

  async act(call, action, buttons) {
    buttons.forEach((button) => { button.disabled = true; });
    try {
      // the reason goes into the event and the recording's metadata (the seeds: "document the pause reason")
      const reason = this.reason.value.trim();
      const body = reason ? { reason } : {};
      const changed = await this.api.json(ROUTES.recordingAction, { params: { id: call.id, action }, body });
      this.calls.set(changed.id, changed);
      this.notes.delete(call.id);
      this.reason.value = '';
    } catch (e) {
      const why = e instanceof ApiError && (e.status === 403 || e.status === 409)
        ? `${action} refused: ${e.detail}` : `${action} failed: ${e.message}`;
      this.notes.set(call.id, why);
      if (e instanceof ApiError && e.status === 404) {
        this.calls.delete(call.id);
        this.notes.delete(call.id);
        say(this.message, `The call ${partiesOf(call)} has ended.`);
      }
    }
    this.render();
  }

  render() {
    const rows = [...this.calls.values()].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    this.body.replaceChildren(...rows.map((call) => this.row(call)));
    this.empty.hidden = rows.length > 0;
    this.count.textContent = rows.length === 1 ? '1 call' : `${rows.length} calls`;
  }

  /** Brings the "since" times up to date without rebuilding the rows (their buttons keep focus). */
  tick() {
    const now = Date.now();
    for (const cell of this.body.querySelectorAll('[data-since]')) {
      cell.textContent = duration(now - Date.parse(cell.dataset.since));
    }
  }

  row(call) {
    const state = call.recording ? call.recording.state : 'off';
    const since = call.recording && call.recording.since;
    const buttons = [];
    for (const { action, label, when } of ACTIONS) {
      const button = el('button', { type: 'button', class: `act act-${action}`, disabled: !when.includes(state) },
        label);
      button.addEventListener('click', () => this.act(call, action, buttons));
      buttons.push(button);
    }
    const note = this.notes.get(call.id);
    return el('tr', { 'data-call': call.id },
      el('td', {}, el('span', { class: `dir dir-${call.direction}` }, call.direction)),
      el('td', { class: 'num' }, call.caller),
      el('td', { class: 'num' }, call.callee),
      el('td', {}, list(call.agents)),
      el('td', { class: 'num' }, call.number || '—'),
      el('td', { title: call.startedAt }, localTime(call.startedAt), ' ',
        el('span', { class: 'elapsed', 'data-since': call.startedAt }, duration(Date.now() - Date.parse(call.startedAt)))),
      el('td', {},
        el('span', { class: `state state-${state}` }, state),
        since ? el('span', { class: 'elapsed', 'data-since': since, title: `since ${since}` },
          duration(Date.now() - Date.parse(since))) : null),
      el('td', { class: 'actions' }, ...buttons, note ? el('div', { class: 'note error', role: 'alert' }, note) : null));
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

  clear() {
    this.generation++;
    this.calls.clear();
    this.notes.clear();
    this.log.replaceChildren();
    this.logEmpty.hidden = false;
    say(this.message, '');
    this.render();
  }
}

function partiesOf(call) {
  return `${call.caller} → ${call.callee}`;
}
