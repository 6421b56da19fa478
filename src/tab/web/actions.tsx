/** One open action: mark it done, or give an update. */
import { Badge, Button, Field, Text, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { ActionView } from '../../usecases/tab/views.js';
import type { Api } from './api.js';
import { longDate } from './dates.js';
import { ErrorBar, useStyles } from './ui.js';

export function ActionItem(props: { api: Api; action: ActionView }) {
  const styles = useStyles();
  const [action, setAction] = useState(props.action);
  const [done, setDone] = useState(false);
  const [writing, setWriting] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(undefined);

  const send = async (markDone: boolean) => {
    setError(undefined);
    try {
      const updated = await props.api.post<ActionView>('/api/tab/actions/update', { agreementId: action.agreementId, actionId: action.actionId, done: markDone, ...(note.trim() ? { note: note.trim() } : {}) });
      setAction(updated);
      if (markDone) setDone(true);
      setWriting(false);
      setNote('');
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div className={styles.item}>
      <span className={styles.grow}>
        <Text weight="semibold">{action.text}</Text>
        <br />
        <Text size={200}>
          {action.ownerName}, due {longDate(action.due)}{' '}
        </Text>
        {done ? (
          <Badge color="success">Done</Badge>
        ) : action.overdue ? (
          <Badge color="danger">Overdue</Badge>
        ) : null}
        {action.notes.map((n) => (
          <Text as="p" size={200} key={n.at + n.text}>
            Update: {n.text}
          </Text>
        ))}
      </span>
      {done ? null : (
        <span className={styles.row}>
          <Button size="small" onClick={() => void send(true)} aria-label={`Mark done: ${action.text}`}>
            Mark done
          </Button>
          <Button size="small" appearance="subtle" onClick={() => setWriting(!writing)} aria-expanded={writing} aria-label={`Add an update: ${action.text}`}>
            Add an update
          </Button>
        </span>
      )}
      {writing ? (
        <form
          className={styles.form}
          onSubmit={(e) => {
            e.preventDefault();
            void send(false);
          }}
        >
          <Field label="Update">
            <Textarea value={note} onChange={(_e, d) => setNote(d.value)} maxLength={1000} />
          </Field>
          <div className={styles.row}>
            <Button type="submit" appearance="primary" disabled={note.trim() === ''}>
              Save the update
            </Button>
          </div>
        </form>
      ) : null}
      {error ? <ErrorBar error={error} /> : null}
    </div>
  );
}
