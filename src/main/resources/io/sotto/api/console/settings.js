// The Settings page, for admins: the company's recording settings, each number's and each user's
// overrides, and the audit of every change. The server checks every change by the config file's
// rules and answers a mistake with the file's message, which is shown beside what was saved.
import { Api, ApiError, ROUTES } from './api.js';
import { byId, el, localTime, say } from './dom.js';

// the console's sign-in keeps the token in this tab's session storage; this page reads it there
const TOKEN_KEY = 'sotto.token';
const AUDIT_PAGE = 20;

const CHOICES = {
  control: [['always', 'Always on'], ['pause_resume', 'Pause/Resume'], ['on_demand', 'On-demand'],
    ['on_demand_full', 'On-demand, start and stop any time']],
  transfer: [['stop', 'Recording ends'], ['continue', 'One file across it']],
  visibility: [['own', 'Own calls'], ['groups', 'Calls of their groups'], ['all', 'All calls']],
  play: [['all', 'All recordings'], ['own', 'Own recordings'], ['none', 'None']],
  record: [['true', 'Record'], ['false', 'Do not record']],
  download: [['true', 'May download'], ['false', 'May not']],
};

const message = byId('settings-message');
const panel = byId('settings');
const companyForm = byId('company-form');
const companyError = byId('company-error');
let api = null;
let auditCursors = [null];

/** Options of a select; inherit names what an empty choice falls back to (null: no empty choice). */
function fillSelect(select, kind, value, inherit = null) {
  select.replaceChildren();
  if (inherit !== null) {
    select.append(el('option', { value: '' }, inherit));
  }
  for (const [choice, label] of CHOICES[kind]) {
    select.append(el('option', { value: choice }, label));
  }
  select.value = value === null || value === undefined ? '' : String(value);
}

function choiceOf(select) {
  return select.value === '' ? null : select.value;
}

function booleanOf(select) {
  return select.value === '' ? null : select.value === 'true';
}

function names(text) {
  return text.split(',').map((name) => name.trim()).filter((name) => name !== '');
}

function showCompany(company) {
  const field = (name) => companyForm.elements.namedItem(name);
  field('record.inbound').checked = company.record.inbound;
  field('record.outbound').checked = company.record.outbound;
  field('record.internal').checked = company.record.internal;
  for (const select of companyForm.querySelectorAll('select[data-choices]')) {
    fillSelect(select, select.dataset.choices, company[select.name]);
  }
  field('dtmf.pause').value = company.dtmf.pause;
  field('dtmf.resume').value = company.dtmf.resume;
  field('dtmf.inter_digit_ms').value = company.dtmf.inter_digit_ms;
  field('dtmf.feedback').checked = company.dtmf.feedback;
  field('max_pause').value = company.max_pause ?? '';
  field('download').checked = company.download;
}

function companyOf() {
  const field = (name) => companyForm.elements.namedItem(name);
  const gap = field('dtmf.inter_digit_ms').value;
  const maxPause = field('max_pause').value;
  return {
    record: {
      inbound: field('record.inbound').checked,
      outbound: field('record.outbound').checked,
      internal: field('record.internal').checked,
    },
    control: field('control').value,
    dtmf: { pause: field('dtmf.pause').value, resume: field('dtmf.resume').value,
      inter_digit_ms: gap === '' ? null : Number(gap), feedback: field('dtmf.feedback').checked },
    transfer: field('transfer').value,
    visibility: field('visibility').value,
    play: field('play').value,
    download: field('download').checked,
    max_pause: maxPause === '' ? null : Number(maxPause),
  };
}

/** A table row of inputs with a Save button, and a row under it for the server's refusal. */
function editableRow(label, cells, save) {
  const error = el('p', { class: 'note error', role: 'alert' });
  const errorRow = el('tr', { class: 'row-error', hidden: true }, el('td', { colspan: cells.length + 2 }, error));
  const button = el('button', { type: 'button', class: 'quiet' }, 'Save');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await save();
      errorRow.hidden = true;
      await refresh();
    } catch (e) {
      error.textContent = e.message;
      errorRow.hidden = false;
    } finally {
      button.disabled = false;
    }
  });
  return [el('tr', {}, el('th', { scope: 'row' }, label), ...cells.map((cell) => el('td', {}, cell)),
    el('td', {}, button)), errorRow];
}

function select(kind, value, inherit) {
  const node = el('select', { 'aria-label': kind });
  fillSelect(node, kind, value, inherit);
  return node;
}

function text(value, label) {
  return el('input', { type: 'text', value: value ?? '', 'aria-label': label });
}

function numberRows(number) {
  const record = select('record', number.record, 'Mode and company decide');
  const control = select('control', number.control, 'Company’s');
  const users = text(number.users.join(', '), 'users');
  const groups = text(number.groups.join(', '), 'groups');
  return editableRow(number.number, [record, control, users, groups], () => api.json(ROUTES.numberSettings, {
    params: { number: number.number },
    body: { record: booleanOf(record), control: choiceOf(control), users: names(users.value), groups: names(groups.value) },
  }));
}

function userRows(user) {
  const name = text(user.name, 'name');
  const groups = text(user.groups.join(', '), 'groups');
  const control = select('control', user.control, 'Number’s, else company’s');
  const visibility = select('visibility', user.visibility, 'Company’s (agents)');
  const play = select('play', user.play, 'Company’s (agents)');
  const download = select('download', user.download, 'Company’s (agents)');
  return editableRow(user.id, [user.extension ?? '—', user.role, name, groups, control, visibility, play, download],
    () => api.json(ROUTES.userSettings, {
      params: { id: user.id },
      body: { name: name.value.trim() === '' ? null : name.value.trim(), groups: names(groups.value),
        control: choiceOf(control), visibility: choiceOf(visibility), play: choiceOf(play), download: booleanOf(download) },
    }));
}

/** "key: before → after" for each live key the change altered, nested keys as "dtmf.pause". */
function changesOf(before, after, prefix = '') {
  const lines = [];
  for (const key of Object.keys({ ...before, ...after })) {
    const was = before?.[key];
    const is = after?.[key];
    if (was && is && typeof was === 'object' && !Array.isArray(was)) {
      lines.push(...changesOf(was, is, `${prefix}${key}.`));
    } else if (JSON.stringify(was) !== JSON.stringify(is)) {
      lines.push(`${prefix}${key}: ${JSON.stringify(was ?? null)} → ${JSON.stringify(is ?? null)}`);
    }
  }
  return lines;
}

async function showAudit() {
  const page = await api.json(ROUTES.settingsAudit, { query: { limit: AUDIT_PAGE, cursor: auditCursors.at(-1) } });
  byId('audit-body').replaceChildren(...page.items.map((change) => el('tr', {},
    el('td', { class: 'num' }, localTime(change.at)),
    el('td', {}, change.who),
    el('td', {}, change.scope === 'company' ? 'company' : `${change.scope} ${change.key}`),
    el('td', { class: 'change' }, changesOf(change.before, change.after).join('\n')))));
  byId('audit-empty').hidden = page.items.length > 0;
  const older = byId('audit-older');
  older.disabled = !page.next;
  older.onclick = () => { auditCursors.push(page.next); showAudit().catch(fail); };
}

async function refresh() {
  const settings = await api.json(ROUTES.settings);
  showCompany(settings.company);
  byId('numbers-body').replaceChildren(...settings.numbers.flatMap(numberRows));
  byId('numbers-empty').hidden = settings.numbers.length > 0;
  byId('users-body').replaceChildren(...settings.users.flatMap(userRows));
  byId('users-empty').hidden = settings.users.length > 0;
  await showAudit();
}

function fail(error) {
  if (error instanceof ApiError && error.status === 404) {
    say(message, 'Settings are for admins: this token’s user is not one.', 'error');
    panel.hidden = true;
    return;
  }
  say(message, error.message, 'error');
}

companyForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  say(companyError, '');
  try {
    await api.json(ROUTES.companySettings, { body: companyOf() });
    say(message, 'Company settings saved; calls that start from now on follow them.', 'ok');
    await refresh();
  } catch (error) {
    say(companyError, error.message, 'error');
  }
});

byId('settings-reload').addEventListener('click', () => refresh().catch(fail));
byId('audit-newest').addEventListener('click', () => { auditCursors = [null]; showAudit().catch(fail); });

const token = sessionStorage.getItem(TOKEN_KEY);
if (!token) {
  say(message, 'Sign in on the console page first (Console, above), then come back.', 'error');
} else {
  api = new Api(token, () => say(message, 'The server no longer accepts this token; sign in again on the console page.', 'error'));
  refresh().then(() => { panel.hidden = false; }).catch(fail);
}
