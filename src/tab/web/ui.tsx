/** Small building blocks every view uses: sections with real headings, loading, refusals. */
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Refusal } from './api.js';

export const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, padding: tokens.spacingHorizontalL, maxWidth: '1100px', boxSizing: 'border-box' },
  narrow: { padding: tokens.spacingHorizontalM },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  cards: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', gap: tokens.spacingHorizontalM },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center', justifyContent: 'space-between', padding: tokens.spacingVerticalS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  grow: { flexGrow: 1, minWidth: '12em' },
  scroll: { overflowX: 'auto', maxWidth: '100%' },
  muted: { color: tokens.colorNeutralForeground3 },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '40em' },
});

export function Section(props: { title: string; children: ReactNode; level?: 2 | 3; id?: string }) {
  const styles = useStyles();
  const heading = props.level === 3 ? 'h3' : 'h2';
  const headingId = props.id ?? `h-${props.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Text as={heading} id={headingId} size={props.level === 3 ? 400 : 500} weight="semibold">
        {props.title}
      </Text>
      {props.children}
    </section>
  );
}

export function Loading(props: { label: string }) {
  return <Spinner size="small" label={props.label} />;
}

/** A refusal as the person reads it, with the policy's own words under "Why?". */
export function ErrorBar(props: { error: unknown; onRetry?: () => void }) {
  const error = props.error;
  const message = error instanceof Refusal || error instanceof Error ? error.message : 'Something went wrong.';
  const why = error instanceof Refusal ? error.why : undefined;
  return (
    <MessageBar intent="error" politeness="assertive">
      <MessageBarBody>
        <MessageBarTitle>Not done</MessageBarTitle>
        {message}
        {why ? (
          <details>
            <summary>Why?</summary>
            <blockquote>“{why.quote}”</blockquote>
            <Text size={200}>{why.label}</Text>
          </details>
        ) : null}
        {props.onRetry ? (
          <Button appearance="transparent" onClick={props.onRetry}>
            Try again
          </Button>
        ) : null}
      </MessageBarBody>
    </MessageBar>
  );
}

export function Notice(props: { text: string }) {
  return (
    <MessageBar intent="success" politeness="polite">
      <MessageBarBody>{props.text}</MessageBarBody>
    </MessageBar>
  );
}

/** Loads data once (and again on reload()), keeping the last error to show. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): { data: T | undefined; error: unknown; reload: () => void; set: (value: T) => void } {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [round, setRound] = useState(0);
  const run = useCallback(load, deps);
  useEffect(() => {
    let live = true;
    setError(undefined);
    run().then(
      (value) => live && setData(value),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [run, round]);
  return { data, error, reload: () => setRound((r) => r + 1), set: setData };
}
