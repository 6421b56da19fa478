/** The agenda of one session: its items, adding (with the chat's rules) and removing. */
import { Badge, Button, Field, Input, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { AgendaView } from '../../usecases/tab/views.js';
import type { Api } from './api.js';
import { longDate } from './dates.js';
import { ActionItem } from './actions.js';
import { ErrorBar, Notice, Section, useStyles } from './ui.js';

function newId(): string {
  return `tab-${crypto.randomUUID()}`;
}

export function AgendaEditor(props: { api: Api; agenda: AgendaView; onChange: (agenda: AgendaView) => void; title?: string }) {
  const styles = useStyles();
  const { api, agenda } = props;
  const [text, setText] = useState('');
  const [caseRef, setCaseRef] = useState('');
  const [itemId, setItemId] = useState(newId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);

  const add = async () => {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    try {
      const r = await api.post<{ agenda: AgendaView; added: boolean; number: number }>('/api/tab/agenda/items', { agreementId: agenda.agreementId, sessionId: agenda.sessionId, itemId, text, ...(caseRef.trim() ? { caseRef: caseRef.trim() } : {}) });
      props.onChange(r.agenda);
      setNotice(r.added ? `Added as item ${r.number}.` : `Item ${r.number} was already added.`);
      setText('');
      setCaseRef('');
      setItemId(newId());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (removeId: string, number: number) => {
    setError(undefined);
    setNotice(undefined);
    try {
      const r = await api.post<{ agenda: AgendaView; removed: boolean }>('/api/tab/agenda/remove', { agreementId: agenda.agreementId, sessionId: agenda.sessionId, itemId: removeId });
      props.onChange(r.agenda);
      setNotice(`Item ${number} removed.`);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Section title={props.title ?? `Agenda for ${longDate(agenda.date)}`}>
      {agenda.items.length === 0 ? (
        <Text>Nothing on the agenda yet.</Text>
      ) : (
        <ol className={styles.list} aria-label="Agenda items">
          {agenda.items.map((item) => (
            <li key={item.itemId} className={styles.item}>
              <span className={styles.grow}>
                <Text weight="semibold">{item.number}. </Text>
                {item.caseRef ? (
                  <Badge appearance="tint" color="informative">
                    Case {item.caseRef}
                  </Badge>
                ) : null}{' '}
                <Text>{item.text}</Text> <Text size={200} className={styles.muted}>({item.addedBy === 'supervisor' ? 'supervisor' : 'supervisee'})</Text>
              </span>
              {item.removable ? (
                <Button size="small" onClick={() => void remove(item.itemId, item.number)} aria-label={`Remove item ${item.number}: ${item.text}`}>
                  Remove
                </Button>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <form
        className={styles.form}
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <Field label="Add an item" hint="A topic, or a case by its reference. Never a child's name.">
          <Input value={text} onChange={(_e, d) => setText(d.value)} maxLength={1000} />
        </Field>
        <Field label={`Case reference (optional): the ${agenda.caseRefLabel}`} hint={`For example ${agenda.caseRefExample}`}>
          <Input value={caseRef} onChange={(_e, d) => setCaseRef(d.value)} maxLength={40} />
        </Field>
        <div className={styles.row}>
          <Button appearance="primary" type="submit" disabled={busy || text.trim() === ''}>
            Add to the agenda
          </Button>
        </div>
      </form>
      <div aria-live="polite">{notice ? <Notice text={notice} /> : null}</div>
      {error ? <ErrorBar error={error} /> : null}
      {agenda.carried.length > 0 ? (
        <Section title="Open actions carried into this agenda" level={3}>
          <ul className={styles.list}>
            {agenda.carried.map((a) => (
              <li key={a.actionId}>
                <ActionItem api={api} action={a} />
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </Section>
  );
}
