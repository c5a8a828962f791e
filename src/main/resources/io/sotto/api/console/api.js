// The REST API (README, "HTTP"), as the console uses it. Every path the console requests is a route
// here, written as the server's route table writes it (a test checks each against the server).

const route = (method, template) => Object.freeze({ method, template });

export const ROUTES = Object.freeze({
  me: route('GET', '/api/v1/me'),
  calls: route('GET', '/api/v1/calls'),
  call: route('GET', '/api/v1/calls/{id}'),
  recordingAction: route('POST', '/api/v1/calls/{id}/recording/{action}'),
  events: route('GET', '/api/v1/events'),
  recordings: route('GET', '/api/v1/recordings'),
  recording: route('GET', '/api/v1/recordings/{id}'),
  audio: route('GET', '/api/v1/recordings/{id}/audio'),
  accessLog: route('GET', '/api/v1/recordings/{id}/access'),
  settings: route('GET', '/api/v1/settings'),
  companySettings: route('PUT', '/api/v1/settings/company'),
  numberSettings: route('PUT', '/api/v1/settings/numbers/{number}'),
  userSettings: route('PUT', '/api/v1/settings/users/{id}'),
  settingsAudit: route('GET', '/api/v1/settings/audit'),
});

/** The route's path with each {name} replaced by params[name], percent-encoded, and the query. */
export function urlOf(target, params = {}, query = {}) {
  const path = target.template.replace(/\{(\w+)\}/g, (_, name) => {
    const value = params[name];
    if (value === undefined || value === null || value === '') {
      throw new Error(`${target.template} needs ${name}`);
    }
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      search.append(key, value);
    }
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/** A refusal or failure, with the API's error code and detail sentence when the server sent them. */
export class ApiError extends Error {
  constructor(status, code, detail) {
    super(detail);
    this.status = status;
    this.code = code;
    this.detail = detail;
  }
}

async function errorOf(response) {
  let code = 'http_' + response.status;
  let detail = `The server answered ${response.status} ${response.statusText}`.trim() + '.';
  try {
    const body = await response.json();
    if (body && typeof body.detail === 'string') {
      code = typeof body.error === 'string' ? body.error : code;
      detail = body.detail;
    }
  } catch {
    // not the API's JSON error (a proxy's page, say): the status line is all there is
  }
  return new ApiError(response.status, code, detail);
}

/** Talks to the API with one bearer token; a 401 calls onUnauthorized (the token is no good). */
export class Api {
  constructor(token, onUnauthorized) {
    this.token = token;
    this.onUnauthorized = onUnauthorized;
  }

  /** The response of a 2xx answer; else throws ApiError. A network failure throws ApiError status 0. */
  async send(target, { params, query, body, signal, accept } = {}) {
    const headers = { Authorization: `Bearer ${this.token}` };
    if (accept) {
      headers.Accept = accept;
    }
    const init = { method: target.method, headers, signal, cache: 'no-store', credentials: 'omit' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(urlOf(target, params, query), init);
    } catch (e) {
      if (e.name === 'AbortError') {
        throw e;
      }
      throw new ApiError(0, 'network', 'Sotto cannot be reached; check that it runs and the network.');
    }
    if (!response.ok) {
      const error = await errorOf(response);
      if (response.status === 401 && this.onUnauthorized) {
        this.onUnauthorized(error);
      }
      throw error;
    }
    return response;
  }

  async json(target, options) {
    return (await this.send(target, options)).json();
  }

  /** The body as a Blob, and the file name its Content-Disposition gives (or null). */
  async blob(target, options) {
    const response = await this.send(target, options);
    return { blob: await response.blob(), filename: filenameOf(response.headers.get('Content-Disposition')) };
  }
}

/** RFC 6266: filename*=UTF-8''... wins over filename="..."; a path in it is cut to its last part. */
export function filenameOf(disposition) {
  if (!disposition) {
    return null;
  }
  let name = null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      name = decodeURIComponent(extended[1].trim());
    } catch {
      name = null;
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(disposition);
    name = plain ? (plain[1] ?? plain[2]).replace(/\\(.)/g, '$1') : null;
  }
  return name ? name.split(/[\\/]/).pop() || null : null;
}
