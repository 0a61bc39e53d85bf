// The signed-in session of this browser tab: the bearer token `login` returned, its
// expiry and who it belongs to.
//
// Kept in sessionStorage only: it lives as long as the tab, is not shared with other
// tabs or windows, and is gone when the tab closes; never in localStorage, a cookie or
// GraphiQL's own storage (its headers are not persisted either). Sign-out and an
// expired or refused token remove it.

export const STORAGE_KEY = "curriculum-gateway.session";

function isSession(value) {
  return (
    value !== null &&
    typeof value === "object" &&
    typeof value.token === "string" &&
    value.token.length > 0 &&
    typeof value.expiresAt === "string" &&
    value.user !== null &&
    typeof value.user === "object" &&
    typeof value.user.username === "string"
  );
}

function expired(session, now) {
  const at = Date.parse(session.expiresAt);
  return Number.isNaN(at) || at <= now();
}

/**
 * A session store over `storage` (window.sessionStorage in the page).
 * `get()` is the session or null; `subscribe(fn)` calls fn on every change and
 * returns the unsubscribe function.
 */
export function createSessionStore(storage, now = Date.now) {
  const listeners = new Set();
  let current = load();

  function load() {
    let value = null;
    try {
      value = JSON.parse(storage.getItem(STORAGE_KEY) ?? "null");
    } catch {
      value = null;
    }
    if (isSession(value) && !expired(value, now)) return value;
    storage.removeItem(STORAGE_KEY);
    return null;
  }

  function emit() {
    for (const listener of [...listeners]) listener(current);
  }

  return {
    get() {
      if (current && expired(current, now)) {
        current = null;
        storage.removeItem(STORAGE_KEY);
        emit();
      }
      return current;
    },
    /** Store what `login` returned: {token, expiresAt, user: {username, ...}}. */
    signIn(session) {
      if (!isSession(session)) throw new Error("login answered without a token, expiry or user");
      current = { token: session.token, expiresAt: session.expiresAt, user: session.user };
      storage.setItem(STORAGE_KEY, JSON.stringify(current));
      emit();
    },
    /** Refresh who is signed in (from `me`) without touching the token. */
    updateUser(user) {
      if (!current || !user) return;
      current = { ...current, user };
      storage.setItem(STORAGE_KEY, JSON.stringify(current));
      emit();
    },
    signOut() {
      current = null;
      storage.removeItem(STORAGE_KEY);
      emit();
    },
    /** Headers for a request as the signed-in user ({} when signed out). */
    authHeaders() {
      const session = this.get();
      return session ? { Authorization: `Bearer ${session.token}` } : {};
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
