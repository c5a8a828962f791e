// The console's entry: sign-in with the API token, the two tabs, and the event stream.
import { Api, ApiError, ROUTES } from './api.js';
import { PausedBanner } from './banner.js';
import { CallsView } from './calls.js';
import { byId, say } from './dom.js';
import { EventFeed } from './events.js';
import { RecordingsView } from './recordings.js';
import { Shortcuts } from './shortcuts.js';

// sessionStorage: the token lives as long as this tab, is never in a URL, and no other tab sees it
const TOKEN_KEY = 'sotto.token';
// a call that is not recorded sends no event when it starts or ends: the list is reloaded this often too
const CALLS_RELOAD_MS = 15000;

const signIn = byId('sign-in');
const signInForm = byId('sign-in-form');
const signInError = byId('sign-in-error');
const tokenInput = byId('token');
const tabs = byId('tabs');
const signOutButton = byId('sign-out');
const streamState = byId('stream-state');
const who = byId('who');
const settingsLink = byId('settings-link');
const panels = { calls: byId('calls'), recordings: byId('recordings') };

let session = null;

// made once: they hold listeners on the page itself; each acts on the session of the moment
const banner = new PausedBanner({
  onResume: (call) => session && session.calls.act(call, 'resume'),
  warningOf: (id) => (session ? session.calls.warningOf(id) : null),
});
const shortcuts = new Shortcuts({
  onAction: (action) => session && session.calls.shortcut(action),
  onBannerStyle: (style) => banner.setStyle(style),
});

function startSession(token) {
  const api = new Api(token, () => endSession('The server no longer accepts this token; sign in again.'));
  const calls = new CallsView(api, { onChange: () => banner.show(calls.bannerCalls()) });
  const recordings = new RecordingsView(api);
  const feed = new EventFeed(api, {
    onEvent: (event) => {
      calls.changed(event);
      if (event.to === 'ended') {
        recordings.ended(event.recordingId);
      }
    },
    onNotice: (type, event) => calls.notice(type, event),
    onOpen: () => calls.refresh(),
    onState: (state, wait) => showStream(state, wait),
  });
  session = { api, calls, recordings, feed, timers: [] };
  api.json(ROUTES.me).then((me) => {
    if (session && session.api === api) {
      calls.setUser(me);
      who.textContent = `${me.name} (${me.role})`;
      who.hidden = false;
    }
  }).catch(() => {
    // without it the banner follows the selected call, as for a supervisor
  });
  shortcuts.start();
  calls.refresh(); // now, not only once the event stream is up: a stream that cannot connect hides no call
  session.timers.push(setInterval(() => {
    calls.tick();
    banner.tick();
  }, 1000));
  session.timers.push(setInterval(() => calls.refresh(), CALLS_RELOAD_MS));
  byId('calls-refresh').onclick = () => calls.refresh();
  signIn.hidden = true;
  tabs.hidden = false;
  signOutButton.hidden = false;
  streamState.hidden = false;
  feed.start();
  recordings.search();
  // the settings exist only for admins (404 for everyone else): the link shows when they answer
  api.send(ROUTES.settings).then(() => { settingsLink.hidden = false; }, () => { settingsLink.hidden = true; });
  showTab(location.hash === '#recordings' ? 'recordings' : 'calls');
}

function endSession(why) {
  sessionStorage.removeItem(TOKEN_KEY);
  if (session) {
    session.feed.stop();
    session.timers.forEach(clearInterval);
    session.calls.clear();
    session.recordings.clear();
    session = null;
  }
  shortcuts.stop();
  banner.clear();
  who.hidden = true;
  Object.values(panels).forEach((panel) => { panel.hidden = true; });
  tabs.hidden = true;
  settingsLink.hidden = true;
  signOutButton.hidden = true;
  streamState.hidden = true;
  signIn.hidden = false;
  say(signInError, why, 'error');
  tokenInput.value = '';
  tokenInput.focus();
}

function showTab(name) {
  for (const [key, panel] of Object.entries(panels)) {
    panel.hidden = key !== name;
  }
  for (const tab of tabs.querySelectorAll('.tab')) {
    tab.setAttribute('aria-selected', String(tab.dataset.tab === name));
  }
  history.replaceState(null, '', `#${name}`);
}

function showStream(state, wait) {
  const text = {
    connecting: 'Connecting…',
    live: 'Live',
    retry: `Disconnected; retrying in ${Math.ceil((wait || 0) / 1000)} s`,
  }[state];
  streamState.textContent = text;
  streamState.className = `stream stream-${state}`;
}

signInForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  const token = tokenInput.value.trim();
  if (!token) {
    return;
  }
  const probe = new Api(token, null);
  try {
    await probe.json(ROUTES.calls);
  } catch (error) {
    say(signInError, error instanceof ApiError && error.status === 401
      ? 'This token is not accepted.' : error.message, 'error');
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, token);
  tokenInput.value = '';
  say(signInError, '');
  startSession(token);
});

signOutButton.addEventListener('click', () => endSession(''));
for (const tab of tabs.querySelectorAll('.tab')) {
  tab.addEventListener('click', () => showTab(tab.dataset.tab));
}

const saved = sessionStorage.getItem(TOKEN_KEY);
if (saved) {
  startSession(saved);
} else {
  tokenInput.focus();
}
