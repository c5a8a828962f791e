// GET /api/v1/events read with fetch(): EventSource cannot send the Authorization header.
import { ApiError, ROUTES } from './api.js';

const FIRST_RETRY_MS = 1000;
const LAST_RETRY_MS = 30000;
// the server writes a keep-alive comment every 15 s: three missed means the stream is dead
const SILENCE_MS = 45000;

/** Splits a text/event-stream into events, as WHATWG HTML §9.2.6 says; id and retry are not used. */
export class SseParser {
  constructor(onEvent) {
    this.onEvent = onEvent;
    this.pending = '';
    this.type = '';
    this.data = [];
  }

  push(text) {
    this.pending += text;
    let start = 0;
    for (let i = 0; i < this.pending.length; i++) {
      const c = this.pending[i];
      if (c !== '\n' && c !== '\r') {
        continue;
      }
      if (c === '\r' && i === this.pending.length - 1) {
        break; // a CR at the end of a chunk may be the first half of CRLF
      }
      this.line(this.pending.slice(start, i));
      if (c === '\r' && this.pending[i + 1] === '\n') {
        i++;
      }
      start = i + 1;
    }
    this.pending = this.pending.slice(start);
  }

  line(line) {
    if (line === '') {
      this.dispatch();
      return;
    }
    if (line.startsWith(':')) {
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    if (field === 'event') {
      this.type = value;
    } else if (field === 'data') {
      this.data.push(value);
    }
  }

  dispatch() {
    const type = this.type || 'message';
    const data = this.data.join('\n');
    const hasData = this.data.length > 0;
    this.type = '';
    this.data = [];
    if (hasData) {
      this.onEvent(type, data);
    }
  }
}

/**
 * Keeps the event stream open while started: reconnects after a drop with a growing, jittered
 * delay (1 s doubling to 30 s, back to 1 s once connected) and tells onState what it is doing
 * ('connecting', 'live', 'retry' with the delay). onOpen runs on each connect, so the page can
 * reload what it may have missed while disconnected.
 */
export class EventFeed {
  constructor(api, { onEvent, onNotice, onState, onOpen }) {
    this.api = api;
    this.onEvent = onEvent;
    this.onNotice = onNotice || (() => {});
    this.onState = onState;
    this.onOpen = onOpen;
    this.stopped = true;
    this.controller = null;
    this.wake = null;
  }

  start() {
    if (!this.stopped) {
      return;
    }
    this.stopped = false;
    this.run();
  }

  stop() {
    this.stopped = true;
    if (this.controller) {
      this.controller.abort();
    }
    if (this.wake) {
      this.wake();
    }
  }

  async run() {
    let delay = FIRST_RETRY_MS;
    while (!this.stopped) {
      this.controller = new AbortController();
      this.onState('connecting');
      try {
        const response = await this.api.send(ROUTES.events,
          { signal: this.controller.signal, accept: 'text/event-stream' });
        delay = FIRST_RETRY_MS;
        this.onState('live');
        this.onOpen();
        await this.read(response.body, this.controller);
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          return; // signed out by the Api's handler
        }
      }
      if (this.stopped) {
        return;
      }
      const wait = Math.round(delay * (0.5 + Math.random() / 2));
      this.onState('retry', wait);
      await new Promise((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, wait);
      });
      this.wake = null;
      delay = Math.min(delay * 2, LAST_RETRY_MS);
    }
  }

  async read(body, controller) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = new SseParser((type, data) => this.dispatch(type, data));
    let watchdog = setTimeout(() => controller.abort(), SILENCE_MS);
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          return;
        }
        clearTimeout(watchdog);
        watchdog = setTimeout(() => controller.abort(), SILENCE_MS);
        parser.push(value);
      }
    } finally {
      clearTimeout(watchdog);
    }
  }

  /** 'recording' events to onEvent; any other type with a JSON object (a warning about a call) to onNotice. */
  dispatch(type, data) {
    let event;
    try {
      event = JSON.parse(data);
    } catch {
      return; // not ours to show; the next event is unaffected
    }
    if (event === null || typeof event !== 'object') {
      return;
    }
    if (type === 'recording') {
      this.onEvent(event);
    } else {
      this.onNotice(type, event);
    }
  }
}
