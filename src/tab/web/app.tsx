/** The tab's frame: Fluent UI in the host's theme, the views that are the person's, one at a time. */
import { Button, FluentProvider, Text, teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { MeView } from '../../usecases/tab/views.js';
import type { Api } from './api.js';
import { ConfigPage } from './config-page.js';
import { MeetingPanel } from './meeting-panel.js';
import { ServiceView } from './service-view.js';
import { SupervisionView } from './supervision-view.js';
import { TeamView } from './team-view.js';
import type { HostInfo, ThemeName } from './teams.js';
import { ErrorBar, Loading, useLoad, useStyles } from './ui.js';

const THEMES = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

type ViewName = 'supervision' | 'team' | 'service';
const TITLES: Record<ViewName, string> = { supervision: 'My supervision', team: 'My team', service: 'My service' };

function Personal(props: { api: Api; host: HostInfo }) {
  const styles = useStyles();
  const { data: me, error, reload } = useLoad(() => props.api.get<MeView>('/api/tab/me'), [props.api]);
  const wanted = new URLSearchParams(location.search).get('view');
  const [view, setView] = useState<ViewName>(wanted === 'team' || wanted === 'service' ? wanted : 'supervision');
  if (error) return <ErrorBar error={error} onRetry={reload} />;
  if (!me) return <Loading label="Signing you in" />;
  const available: ViewName[] = ['supervision', ...(me.views.team ? (['team'] as const) : []), ...(me.views.service ? (['service'] as const) : [])];
  const current = available.includes(view) ? view : 'supervision';
  return (
    <div className={styles.section}>
      <header className={styles.section}>
        <Text as="h1" size={600} weight="semibold">
          {TITLES[current]}
        </Text>
        <Text size={200} className={styles.muted}>
          {me.person.name}
          {me.person.jobTitle ? `, ${me.person.jobTitle}` : ''} · {me.councilName} · in {props.host.hostName}
        </Text>
      </header>
      {available.length > 1 ? (
        // A plain list of links-as-buttons: each view is a page of its own, and the current one says so.
        <nav aria-label="Views">
          <ul className={styles.row} style={{ listStyleType: 'none', margin: 0, padding: 0 }}>
            {available.map((v) => (
              <li key={v}>
                <Button appearance={v === current ? 'primary' : 'subtle'} aria-current={v === current ? 'page' : undefined} onClick={() => setView(v)}>
                  {TITLES[v]}
                </Button>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <div>
        {current === 'supervision' ? <SupervisionView api={props.api} /> : current === 'team' ? <TeamView api={props.api} /> : <ServiceView api={props.api} />}
      </div>
    </div>
  );
}

export function App(props: { api: Api; host: HostInfo; initialTheme: ThemeName; subscribe: (set: (t: ThemeName) => void) => void }) {
  const styles = useStyles();
  const [theme, setTheme] = useState<ThemeName>(props.initialTheme);
  useMemo(() => props.subscribe(setTheme), [props]);
  const path = location.pathname;
  const meeting = path.endsWith('/meeting') || props.host.frame === 'sidePanel' || props.host.frame === 'meetingStage';
  const narrow = props.host.frame === 'sidePanel';
  const agreementId = new URLSearchParams(location.search).get('agreementId') ?? undefined;
  return (
    <FluentProvider theme={THEMES[theme]} style={{ minHeight: '100vh' }} data-theme={theme}>
      <main className={`${styles.page} ${narrow ? styles.narrow : ''}`}>
        {path.endsWith('/config') ? (
          <ConfigPage api={props.api} />
        ) : meeting ? (
          props.host.canMeet || props.host.frame === 'sidePanel' ? (
            <MeetingPanel api={props.api} agreementId={agreementId} />
          ) : (
            <Text>This part of Supervision Assistant belongs in a Teams meeting; {props.host.hostName} does not hold meetings.</Text>
          )
        ) : (
          <Personal api={props.api} host={props.host} />
        )}
      </main>
    </FluentProvider>
  );
}
