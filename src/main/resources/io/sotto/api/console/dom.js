// Builds the page from data with text nodes only: values from the network (caller numbers,
// reasons, ids) never pass through an HTML parser.

/** el('td', {class: 'x', title: 't'}, 'text', childNode) */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key === 'class') {
      node.className = value;
    } else if (key.startsWith('on')) {
      node.addEventListener(key.slice(2), value);
    } else {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  for (const child of children) {
    if (child !== undefined && child !== null) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

export function byId(id) {
  const node = document.getElementById(id);
  if (!node) {
    throw new Error(`the page has no #${id}`);
  }
  return node;
}

/** Shows text in a message line (kind: '', 'error' or 'ok'), or hides it for empty text. */
export function say(node, text, kind = '') {
  node.textContent = text || '';
  node.className = `message ${kind}`.trim();
  node.hidden = !text;
}

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** An ISO-8601 instant as local date and time, "2026-11-22 09:56:41"; '' for null. */
export function localTime(iso) {
  if (!iso) {
    return '';
  }
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) {
    return String(iso);
  }
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} `
    + `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}

/** Milliseconds as "0:07", "12:03" or "1:02:03"; with tenths ("0:07.3") when precise. */
export function duration(ms, precise = false) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) {
    return '';
  }
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const tenths = precise ? `.${Math.floor((Math.max(0, ms) % 1000) / 100)}` : '';
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}${tenths}` : `${m}:${pad(s)}${tenths}`;
}

export function list(values) {
  return Array.isArray(values) && values.length > 0 ? values.join(', ') : '—';
}
