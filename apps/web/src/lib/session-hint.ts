// Whether this browser holds a session to restore. The refresh cookie is HttpOnly, so the page cannot see it; without
// this note every signed-out visit would ask the API for a refresh that can only be refused (a 401 in the console).
const KEY = 'minga.session';

export function hasSessionHint(): boolean {
  try {
    return localStorage.getItem(KEY) !== null;
  } catch {
    // Storage blocked (a privacy setting): ask the API, as if the note were there.
    return true;
  }
}

export function setSessionHint(present: boolean): void {
  try {
    if (present) localStorage.setItem(KEY, '1');
    else localStorage.removeItem(KEY);
  } catch {
    // Storage blocked: every visit asks the API, which answers as before.
  }
}
