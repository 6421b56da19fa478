/**
 * The tab's entry point (issue 13): connect to the host with teams-js, get the single sign-on
 * token through it, and show the views. Bundled with React, Fluent UI and teams-js; nothing is
 * loaded from a CDN, and nothing waits on teams-js's request for its list of valid origins.
 */
import { createRoot } from 'react-dom/client';
import { createApi } from './api.js';
import { App } from './app.js';
import { connectToHost, ssoToken, type ThemeName } from './teams.js';

const root = createRoot(document.getElementById('root') as HTMLElement);
let setTheme: ((t: ThemeName) => void) | undefined;
let pending: ThemeName | undefined;

void connectToHost((theme) => {
  if (setTheme) setTheme(theme);
  else pending = theme;
}).then((host) => {
  if (!host) {
    root.render(
      <main style={{ padding: 16 }}>
        <h1 style={{ fontSize: 20 }}>Supervision Assistant</h1>
        <p>Open Supervision Assistant in Teams, Outlook or the Microsoft 365 app to see your supervision.</p>
      </main>,
    );
    return;
  }
  const api = createApi(ssoToken);
  root.render(
    <App
      api={api}
      host={host}
      initialTheme={pending ?? host.theme}
      subscribe={(set) => {
        setTheme = set;
      }}
    />,
  );
});
