// Small shared pieces: links, loading and error states, status badges, progress, forms.
import type { AnchorHTMLAttributes, ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { useApp } from '../context';
import type { Glossary } from '../../../shared/domain/glossary';
import { navigate } from '../router';
import type { Loaded } from './use-load';

export function Link({ href, children, ...rest }: AnchorHTMLAttributes & { href: string }) {
  return (
    <a
      href={href}
      {...rest}
      onClick={(event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}

/** Shows a loading line, the error, or the content once loaded. */
export function Loading<T>({ state, children }: { state: Loaded<T>; children: (data: T) => ComponentChildren }) {
  const { t } = useApp();
  if (state.error) return <p class="error" role="alert">{t('error')}: {state.error.message}</p>;
  if (state.data === undefined) return <p role="status">{t('loading')}</p>;
  return <>{children(state.data)}</>;
}

/** A status in words, with a symbol, so that colour is never the only signal. */
const SYMBOLS: Record<string, string> = {
  planned: '○', in_progress: '◐', submitted: '⇪', changes_requested: '↺', accepted: '✓',
  draft: '✎', approved: '✓', rejected: '✗', active: '●', closed: '■', held: '✓', cancelled: '✗',
  queued: '…', running: '⟳', done: '✓', failed: '✗', requested: '⇪', received: '✓',
};

type StatusGroup = 'status' | 'phaseStatus' | 'sessionStatus' | 'costStatus' | 'instalmentStatus' | 'exportStatus';

/** `of` names the glossary's list of the entity's statuses (`status` is a deliverable's). */
export function Status<G extends StatusGroup>({ of, value }: { of: G; value: keyof Glossary[G] & string }) {
  const { words } = useApp();
  return (
    <span class={`status status-${value}`}>
      <span aria-hidden="true">{SYMBOLS[value] ?? '•'} </span>
      {(words[of] as Record<string, string>)[value]}
    </span>
  );
}

/** The server's word on a deliverable's due date: overdue, due soon, or nothing to say. */
export function Deadline({ value }: { value: 'overdue' | 'due_soon' | null }) {
  const { t } = useApp();
  if (value === 'overdue') return <span class="status status-overdue"><span aria-hidden="true">! </span>{t('overdue')}</span>;
  if (value === 'due_soon') return <span class="status status-due-soon"><span aria-hidden="true">◷ </span>{t('deadline.dueSoon')}</span>;
  return null;
}

/** A bar with its value in words beside it. */
export function Bar({ percent, label }: { percent: number; label: string }) {
  const { f } = useApp();
  const clamped = Math.max(0, Math.min(100, percent));
  return (
    <span class="bar-with-value">
      <span class="bar" role="img" aria-label={`${label}: ${f.percent(clamped)}`}>
        <span class="bar-fill" ref={(element) => {
          // A width set through the DOM, not a style attribute: the content security policy allows it.
          if (element) element.style.width = `${clamped}%`;
        }} />
      </span>
      <span class="bar-value" aria-hidden="true">{f.percent(clamped)}</span>
    </span>
  );
}

/**
 * Runs an action from a button or form, showing its error and a done message. The API's field
 * errors (problem+json `errors`) are kept by path, for each field to show beside itself
 * (`errorOf('dueDate')`); a form keeps what was typed, since nothing here clears it on an error.
 */
export function useAction() {
  const { t } = useApp();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>(undefined);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const run = async (action: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    setMessage(undefined);
    setFieldErrors({});
    try {
      await action();
      setMessage(done ? { kind: 'ok', text: done } : undefined);
    } catch (error) {
      setMessage({ kind: 'error', text: `${t('error')}: ${(error as Error).message}` });
      if (error instanceof ApiError) setFieldErrors(Object.fromEntries((error.problem.errors ?? []).map((issue) => [issue.path, issue.message])));
    } finally {
      setBusy(false);
    }
  };
  const feedback = message ? (
    <p class={message.kind === 'ok' ? 'ok' : 'error'} role={message.kind === 'ok' ? 'status' : 'alert'}>{message.text}</p>
  ) : null;
  /** The API's message for a field (its path, e.g. `dueDate` or `partners.1.memberId`), if the last run failed on it. */
  const errorOf = (path: string): string | undefined => fieldErrors[path];
  return { busy, run, feedback, errorOf };
}

/** What a labelled control carries when its field has a hint or an error: give it to the input, select or textarea. */
export interface Described {
  'aria-describedby'?: string;
  'aria-invalid'?: 'true';
}

let fieldCounter = 0;
/**
 * A labelled control: every input, select and textarea has its label. A hint has the id
 * `<id>-hint`, for the control's `aria-describedby`; a wide field takes a whole row of a form grid.
 */
export function Field({ label, children, hint, wide, error }: { label: string; hint?: string; wide?: boolean; error?: string; children: (id: string, described: Described) => ComponentChildren }) {
  const [id] = useState(() => `field-${++fieldCounter}`);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const described: Described = { ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(error ? { 'aria-invalid': 'true' } : {}) };
  return (
    <div class={wide ? 'field wide' : 'field'}>
      <label for={id}>{label}</label>
      {children(id, described)}
      {hint ? <small id={`${id}-hint`}>{hint}</small> : null}
      {error ? <small id={`${id}-error`} class="field-error">{error}</small> : null}
    </div>
  );
}

export function Section({ title, children, id }: { title: string; children: ComponentChildren; id?: string }) {
  const [headingId] = useState(() => `section-${++fieldCounter}`);
  return (
    <section aria-labelledby={headingId} id={id}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}
