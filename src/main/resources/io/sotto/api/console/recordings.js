// Finished recordings: GET /api/v1/recordings with its filters and cursor paging; play and
// download fetch the WAV with the token (an <audio src> or a link cannot send it) into a Blob URL.
import { ApiError, ROUTES } from './api.js';
import { byId, duration, el, list, localTime, say } from './dom.js';

const FILTERS = ['agent', 'number', 'direction', 'limit'];
// a recording is listed once the catalog has indexed its final metadata, a moment after it ends
const INDEXED_RETRIES_MS = [1000, 3000, 7000];

export class RecordingsView {
  constructor(api) {
    this.api = api;
    this.form = byId('filters');
    this.body = byId('recordings-body');
    this.empty = byId('recordings-empty');
    this.count = byId('recordings-count');
    this.message = byId('recordings-message');
    this.player = byId('player');
    this.playerTitle = byId('player-title');
    this.audio = byId('audio');
    this.detail = byId('detail');
    this.detailTitle = byId('detail-title');
    this.detailBody = byId('detail-body');
    this.newest = byId('page-newest');
    this.newer = byId('page-newer');
    this.older = byId('page-older');
    // cursors of the pages before this one (null: the first page), for "Newer"
    this.cursors = [];
    this.cursor = null;
    this.next = null;
    this.playing = null;
    this.isAdmin = undefined;
    this.generation = 0;
    this.shown = new Set();
    this.awaited = null;

    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.search();
    });
    this.form.addEventListener('reset', () => setTimeout(() => this.search()));
    this.newest.addEventListener('click', () => this.search());
    this.newer.addEventListener('click', () => this.load(this.cursors.pop() ?? null));
    this.older.addEventListener('click', () => {
      this.cursors.push(this.cursor);
      this.load(this.next);
    });
    byId('player-close').addEventListener('click', () => this.stopPlaying());
    byId('detail-close').addEventListener('click', () => { this.detail.hidden = true; });
  }

  /**
   * A recording ended (an event said so): while the newest page is shown, reload it until the
   * recording is listed, or a few tries later (the filters may leave it out).
   */
  ended(recordingId) {
    if (!recordingId || this.cursors.length > 0 || this.cursor) {
      return;
    }
    clearTimeout(this.awaited);
    const retry = (attempt) => {
      this.awaited = setTimeout(async () => {
        if (this.cursors.length > 0 || this.cursor) {
          return;
        }
        await this.load(null);
        if (!this.shown.has(recordingId) && attempt + 1 < INDEXED_RETRIES_MS.length) {
          retry(attempt + 1);
        }
      }, INDEXED_RETRIES_MS[attempt]);
    };
    retry(0);
  }

  /** The first page for the filters in the form. */
  search() {
    this.cursors = [];
    return this.load(null);
  }

  query() {
    const data = new FormData(this.form);
    const query = {};
    for (const name of ['from', 'to']) {
      const value = data.get(name);
      if (value) {
        // datetime-local is the browser's local time; the API takes an instant
        const at = new Date(value);
        if (Number.isNaN(at.getTime())) {
          throw new Error(`"${name}" is not a date and time`);
        }
        query[name] = at.toISOString();
      }
    }
    for (const name of FILTERS) {
      const value = String(data.get(name) ?? '').trim();
      if (value) {
        query[name] = value;
      }
    }
    return query;
  }

  async load(cursor) {
    const generation = ++this.generation;
    let page;
    try {
      const query = this.query();
      if (cursor) {
        query.cursor = cursor;
      }
      page = await this.api.json(ROUTES.recordings, { query });
    } catch (e) {
      if (generation === this.generation) {
        say(this.message, `Cannot list the recordings: ${e.message}`, 'error');
      }
      return;
    }
    if (generation !== this.generation) {
      return;
    }
    say(this.message, '');
    this.cursor = cursor;
    this.next = page.next;
    if (this.isAdmin === undefined && page.items.length > 0) {
      await this.learnWhetherAdmin(page.items[0].id);
    }
    this.render(page);
  }

  /** Only admins may read an access log: asking for one of a recording they see tells. */
  async learnWhetherAdmin(id) {
    try {
      await this.api.json(ROUTES.accessLog, { params: { id } });
      this.isAdmin = true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) {
        this.isAdmin = false;
      }
    }
  }

  render(page) {
    this.shown = new Set(page.items.map((recording) => recording.id));
    this.body.replaceChildren(...page.items.map((recording) => this.row(recording)));
    this.empty.hidden = page.items.length > 0;
    const first = this.cursors.length === 0;
    this.count.textContent = `${page.total} recording${page.total === 1 ? '' : 's'}`
      + (page.items.length < page.total ? `, ${page.items.length} shown` : '');
    this.newest.disabled = first;
    this.newer.disabled = first;
    this.older.disabled = !page.next;
  }

  row(recording) {
    const note = el('div', { class: 'note', role: 'status', hidden: true });
    const actions = el('td', { class: 'actions' },
      el('button', { type: 'button', onclick: () => this.play(recording, note) }, 'Play'),
      el('button', { type: 'button', onclick: () => this.download(recording, note) }, 'Download'),
      el('button', { type: 'button', class: 'quiet', onclick: () => this.showDetail(recording) }, 'Details'),
      this.isAdmin ? el('button', { type: 'button', class: 'quiet', onclick: () => this.showAccess(recording) },
        'Access log') : null,
      note);
    return el('tr', { 'data-recording': recording.id },
      el('td', { title: recording.startedAt }, localTime(recording.startedAt)),
      el('td', {}, el('span', { class: `dir dir-${recording.direction}` }, recording.direction)),
      el('td', { class: 'num' }, recording.caller),
      el('td', { class: 'num' }, recording.callee),
      el('td', {}, list(recording.agents)),
      el('td', { class: 'num' }, recording.number || '—'),
      el('td', { class: 'num' }, duration(recording.durationMs)),
      el('td', {}, recording.endReason || ''),
      actions);
  }

  async play(recording, note) {
    this.refused(note, null);
    try {
      const { blob } = await this.api.blob(ROUTES.audio, { params: { id: recording.id } });
      this.stopPlaying();
      this.playing = URL.createObjectURL(blob);
      this.audio.src = this.playing;
      this.playerTitle.textContent = `${localTime(recording.startedAt)}  ${recording.caller} → ${recording.callee}`;
      this.player.hidden = false;
      await this.audio.play().catch(() => {
        // autoplay refused: the controls are there to press play
      });
    } catch (e) {
      this.refused(note, e, 'play');
    }
  }

  async download(recording, note) {
    this.refused(note, null);
    try {
      const { blob, filename } = await this.api.blob(ROUTES.audio,
        { params: { id: recording.id }, query: { download: 'true' } });
      const url = URL.createObjectURL(blob);
      const link = el('a', { href: url, download: filename || `${recording.id}.wav`, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      // the download has taken its copy once click() returns; a moment later the URL can go
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e) {
      this.refused(note, e, 'download');
    }
  }

  refused(note, error, what) {
    if (!error) {
      note.hidden = true;
      note.textContent = '';
      return;
    }
    note.className = 'note error';
    note.textContent = error instanceof ApiError && error.status === 403
      ? `Not allowed: you may not ${what} this recording.`
      : `Cannot ${what}: ${error.message}`;
    note.hidden = false;
  }

  stopPlaying() {
    this.audio.pause();
    this.audio.removeAttribute('src');
    this.audio.load();
    if (this.playing) {
      URL.revokeObjectURL(this.playing);
      this.playing = null;
    }
    this.player.hidden = true;
  }

  async showDetail(recording) {
    this.openDetail(`Recording ${recording.id}`);
    let metadata;
    try {
      metadata = await this.api.json(ROUTES.recording, { params: { id: recording.id } });
    } catch (e) {
      this.detailBody.replaceChildren(el('p', { class: 'message error' }, `Cannot read it: ${e.message}`));
      return;
    }
    const facts = [
      ['Call', metadata.callId], ['Direction', metadata.direction], ['Caller', metadata.caller],
      ['Callee', metadata.callee], ['Agents', list(metadata.agents)], ['Number', metadata.number || '—'],
      ['Started', localTime(metadata.startedAt)], ['Ended', localTime(metadata.endedAt)],
      ['Audio', duration(metadata.durationMs)], ['Call length', duration(metadata.callDurationMs)],
      ['Codec', `${metadata.codec} → ${metadata.format}`], ['Paused time', metadata.pauseBehavior],
      ['End', metadata.endReason], ['Linked', list(metadata.linkedRecordings)], ['SHA-256', metadata.sha256],
    ];
    if (metadata.error) {
      facts.push(['Error', metadata.error]);
    }
    this.detailBody.replaceChildren(
      el('dl', { class: 'facts' }, ...facts.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value ?? '')])),
      el('h3', {}, 'Recording events'),
      table(['At', 'From', 'To', 'How', 'Who', 'Reason'], (metadata.events || []).map((event) => [
        localTime(event.at), event.from, event.to, event.how, event.who || '—', event.reason || '—'])),
      el('h3', {}, 'Recorded stretches (call time)'),
      table(['From', 'To'], (metadata.segments || []).map((segment) => [
        duration(segment.startMs, true), duration(segment.endMs, true)])));
  }

  async showAccess(recording) {
    this.openDetail(`Access log of ${recording.id}`);
    try {
      const log = await this.api.json(ROUTES.accessLog, { params: { id: recording.id } });
      this.detailBody.replaceChildren(log.items.length === 0
        ? el('p', { class: 'empty' }, 'Nobody has played or downloaded it.')
        : table(['When', 'Who', 'What', 'Bytes'], log.items.map((entry) => [
          localTime(entry.at), entry.who, entry.action, entry.range || 'all'])));
    } catch (e) {
      this.detailBody.replaceChildren(el('p', { class: 'message error' }, e instanceof ApiError && e.status === 403
        ? 'Not allowed: only admins may read the access log.' : `Cannot read it: ${e.message}`));
    }
  }

  openDetail(title) {
    this.detailTitle.textContent = title;
    this.detailBody.replaceChildren(el('p', { class: 'empty' }, 'Loading…'));
    this.detail.hidden = false;
  }

  clear() {
    this.generation++;
    clearTimeout(this.awaited);
    this.stopPlaying();
    this.body.replaceChildren();
    this.detail.hidden = true;
    this.isAdmin = undefined;
    this.cursors = [];
    this.count.textContent = '';
    say(this.message, '');
  }
}

function table(headings, rows) {
  return el('table', { class: 'grid small' },
    el('thead', {}, el('tr', {}, ...headings.map((heading) => el('th', {}, heading)))),
    el('tbody', {}, ...rows.map((cells) => el('tr', {}, ...cells.map((cell) => el('td', {}, cell))))));
}
