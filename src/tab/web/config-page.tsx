/**
 * The meeting tab's configuration (configurableTabs, issue 13 item 3): the person adding the tab
 * to a supervision meeting chooses whose supervision it is, so the side panel shows that
 * agreement's session. Adding it to every booked meeting by itself is left for later.
 */
import { Field, Select, Text } from '@fluentui/react-components';
import { pages } from '@microsoft/teams-js';
import { useEffect, useState } from 'react';
import type { MySupervisionView } from '../../usecases/tab/views.js';
import type { Api } from './api.js';
import { ErrorBar, Loading, useLoad, useStyles } from './ui.js';

export function ConfigPage(props: { api: Api }) {
  const styles = useStyles();
  const { data, error } = useLoad(() => props.api.get<MySupervisionView>('/api/tab/supervision'), [props.api]);
  const [agreementId, setAgreementId] = useState('');
  const choices = [...new Map((data?.sessions ?? []).map((s) => [s.agreementId, s])).values()];

  useEffect(() => {
    if (!pages.config.isSupported()) return;
    pages.config.setValidityState(agreementId !== '');
    pages.config.registerOnSaveHandler((event) => {
      const choice = choices.find((c) => c.agreementId === agreementId);
      void pages.config
        .setConfig({
          entityId: `supervision-${agreementId}`,
          contentUrl: `${location.origin}/tab/meeting?agreementId=${encodeURIComponent(agreementId)}`,
          suggestedDisplayName: choice ? `Supervision with ${choice.withName}` : 'Supervision',
        })
        .then(() => event.notifySuccess(), () => event.notifyFailure('The tab could not be saved.'));
    });
  }, [agreementId, choices]);

  if (error) return <ErrorBar error={error} />;
  if (!data) return <Loading label="Loading your sessions" />;
  return (
    <div className={styles.form}>
      <Text as="h1" size={500} weight="semibold">
        Add supervision to this meeting
      </Text>
      {choices.length === 0 ? (
        <Text>You have no supervision sessions booked.</Text>
      ) : (
        <Field label="Whose supervision is this meeting?">
          <Select value={agreementId} onChange={(_e, d) => setAgreementId(d.value)}>
            <option value="">Choose…</option>
            {choices.map((c) => (
              <option key={c.agreementId} value={c.agreementId}>
                {c.role === 'supervisor' ? `${c.withName} (you supervise)` : `Your supervision with ${c.withName}`}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Text size={200}>Only the supervisor and the supervisee see the agenda; others in the meeting see nothing of it.</Text>
    </div>
  );
}
