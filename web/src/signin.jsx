// The "Sign in" plugin: `login` with an email or username and a password, `logout`,
// and who is signed in. The token goes to the session store (sessionStorage), from
// where the fetcher adds it to every request and WebSocket connection_init.
import { useEffect, useState, useSyncExternalStore } from "react";
import { RequestError, post } from "./fetcher.js";

export const LOGIN = `mutation SignIn($login: String!, $password: String!) {
  login(emailOrUsername: $login, password: $password) {
    __typename
    ... on AuthPayload { token expiresAt user { id username fullName email role } }
    ... on InvalidCredentials { message }
  }
}`;
export const LOGOUT = "mutation SignOut { logout }";
export const ME = "query WhoAmI { me { id username fullName email role } }";

export function useSession(session) {
  return useSyncExternalStore(session.subscribe, () => session.get());
}

/** Check a token kept from earlier in this tab; drop it if the server refuses it. */
export async function revalidate(url, session) {
  if (!session.get()) return;
  try {
    const data = await post(url, session, ME);
    if (data && data.me) session.updateUser(data.me);
    else session.signOut();
  } catch (error) {
    if (error instanceof RequestError && error.status === 401) session.signOut();
  }
}

function SignedIn({ url, session, current }) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState("");
  async function signOut() {
    setBusy(true);
    setNote("");
    try {
      await post(url, session, LOGOUT);
    } catch (error) {
      // The token is dropped here whatever the server said; say so if it may live on.
      if (!(error instanceof RequestError && error.status === 401)) {
        setNote(`Signed out in this tab, but the server said: ${error.message}`);
      }
    } finally {
      session.signOut();
      setBusy(false);
    }
  }
  const { user } = current;
  return (
    <div className="cg-signin" data-state="signed-in">
      <p className="cg-signin-who">
        Signed in as <strong data-testid="signed-in-user">{user.username}</strong>
        {user.fullName ? ` (${user.fullName})` : ""}
      </p>
      <dl className="cg-signin-facts">
        {user.email ? (<><dt>Email</dt><dd>{user.email}</dd></>) : null}
        {user.role ? (<><dt>Role</dt><dd>{user.role}</dd></>) : null}
        <dt>Session ends</dt>
        <dd>{new Date(current.expiresAt).toLocaleString()}</dd>
      </dl>
      <button type="button" className="graphiql-button" onClick={signOut} disabled={busy}>
        {busy ? "Signing out…" : "Sign out"}
      </button>
      {note ? <p role="status">{note}</p> : null}
    </div>
  );
}

function SignInForm({ url, session, note }) {
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  async function submit(event) {
    event.preventDefault();
    setError("");
    if (!login.trim() || !password) {
      setError("Enter your email or username and your password.");
      return;
    }
    setBusy(true);
    try {
      // Anonymous on purpose: a stale token must not make the login itself fail.
      const data = await post(url, session, LOGIN, { login: login.trim(), password }, {});
      const result = data.login;
      if (result.__typename === "AuthPayload") {
        session.signIn(result);
        setPassword("");
      } else {
        setError(result.message || "Sign-in failed.");
      }
    } catch (failure) {
      setError(failure.message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="cg-signin" data-state="signed-out" onSubmit={submit} noValidate>
      {note ? <p role="status">{note}</p> : null}
      <label>
        Email or username
        <input name="login" autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} />
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <button type="submit" className="graphiql-button" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
      {error ? <p role="alert" className="cg-error">{error}</p> : null}
    </form>
  );
}

function SignInPanel({ url, session }) {
  const current = useSession(session);
  const [note, setNote] = useState("");
  useEffect(() => session.subscribe((next) => setNote(next ? "" : "Signed out.")), [session]);
  return (
    <section className="cg-panel">
      <div className="graphiql-doc-explorer-title">Sign in</div>
      {current ? <SignedIn url={url} session={session} current={current} /> : <SignInForm url={url} session={session} note={note} />}
      <p className="cg-hint">
        The token is kept in this tab's sessionStorage only and cleared on sign-out. It is sent as the
        Authorization header of each request and in the WebSocket connection_init payload of
        subscriptions. Credentials typed into the Headers tab take precedence.
      </p>
    </section>
  );
}

/** Who is signed in, for the top right of the page. */
export function SignedInBadge({ session }) {
  const current = useSession(session);
  return (
    <span className="cg-badge" data-testid="session-badge">
      {current ? `Signed in as ${current.user.username}` : "Not signed in"}
    </span>
  );
}

function UserIcon() {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <circle cx="12" cy="8" r="4" />
      <path d="M4 21c0-4.4 3.6-8 8-8s8 3.6 8 8" />
    </svg>
  );
}

export function signInPlugin({ url, session }) {
  return { title: "Sign in", icon: UserIcon, content: () => <SignInPanel url={url} session={session} /> };
}
