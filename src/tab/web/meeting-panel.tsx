/** The meeting tab (issue 13 item 3): the agenda and open actions during the meeting; the supervisor starts the record. */
import { Button, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { MeetingView } from '../../usecases/tab/views.js';
import type { Api } from './api.js';
import { AgendaEditor } from './agenda-editor.js';
import { longDate, time } from './dates.js';
import { ErrorBar, Loading, Notice, useLoad, useStyles } from './ui.js';

export function MeetingPanel(props: { api: Api; agreementId?: string | undefined }) {
  const styles = useStyles();
  const query = props.agreementId ? `?agreementId=${encodeURIComponent(props.agreementId)}` : '';
  const { data, error, reload, set } = useLoad(() => props.api.get<MeetingView>(`/api/tab/meeting${query}`), [props.api, query]);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [startError, setStartError] = useState<unknown>(undefined);
  // The panel is the page: it keeps its heading whatever it has to say.
  if (error || !data) {
    return (
      <div className={styles.section}>
        <Text as="h1" size={500} weight="semibold">
          Supervision meeting
        </Text>
        {error ? <ErrorBar error={error} onRetry={reload} /> : <Loading label="Loading the session" />}
      </div>
    );
  }
  const start = async () => {
    setStartError(undefined);
    try {
      const r = await props.api.post<{ outcome: string }>('/api/tab/meeting/start-record', { agreementId: data.agreementId, sessionId: data.sessionId });
      setNotice(r.outcome === 'unreachable' ? 'Open your chat with Supervision Assistant once, then try again: the record card goes there.' : 'The record card is in your chat with Supervision Assistant.');
    } catch (e) {
      setStartError(e);
    }
  };
  return (
    <div className={styles.section}>
      <Text as="h1" size={500} weight="semibold">
        Supervision: {data.superviseeName} with {data.supervisorName}
      </Text>
      <Text>
        {longDate(data.date)} at {time(data.startUtc)}. Only the two of you see this.
      </Text>
      <AgendaEditor api={props.api} agenda={data.agenda} onChange={(agenda) => set({ ...data, agenda })} title="Agenda" />
      {data.role === 'supervisor' ? (
        <div className={styles.section}>
          <div className={styles.row}>
            <Button appearance="primary" disabled={!data.canStartRecord} onClick={() => void start()}>
              Start the record
            </Button>
          </div>
          {!data.canStartRecord ? <Text size={200}>You can start the record once the meeting has begun.</Text> : null}
          <div aria-live="polite">{notice ? <Notice text={notice} /> : null}</div>
          {startError ? <ErrorBar error={startError} /> : null}
        </div>
      ) : null}
    </div>
  );
}
