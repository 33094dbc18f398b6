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
  return <StatusWords value={value}>{(words[of] as Record<string, string>)[value]}</StatusWords>;
}

/** A status with its symbol, in the words of a page that names it its own way. */
export function StatusWords({ value, children }: { value: string; children: ComponentChildren }) {
  return (
    <span class={`status status-${value}`}>
      <span aria-hidden="true">{SYMBOLS[value] ?? '•'} </span>
      {children}
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
 * Runs an action from a button or form, showing its error and a done message. When the API names
 * fields (problem+json `errors` with `path`), `errorOf(path)` (or `errors`) holds their messages for
 * each Field to show beside itself; given the `fields` a form shows so, the message above names only
 * the rest. A form keeps what was typed, since nothing here clears it on an error.
 */
export function useAction(fields: readonly string[] = []) {
  const { t } = useApp();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: ComponentChildren } | undefined>(undefined);
  const [errors, setErrors] = useState<Record<string, string>>({});
  /** `done` is the message once it worked, or makes it from what the action answered. */
  const run = async <T,>(action: () => Promise<T>, done?: ComponentChildren | ((result: T) => ComponentChildren)) => {
    setBusy(true);
    setMessage(undefined);
    setErrors({});
    try {
      const result = await action();
      const text = typeof done === 'function' ? done(result) : done;
      setMessage(text ? { kind: 'ok', text } : undefined);
    } catch (error) {
      const issues = error instanceof ApiError ? error.problem.errors ?? [] : [];
      setErrors(Object.fromEntries(issues.map((issue) => [issue.path, issue.message])));
      const beside = issues.filter((issue) => fields.includes(issue.path));
      const rest = issues.filter((issue) => !beside.includes(issue));
      const text = beside.length === 0 ? (error as Error).message : [t('error.fields'), ...rest.map((issue) => `${issue.path}: ${issue.message}`)].join(' ');
      setMessage({ kind: 'error', text: `${t('error')}: ${text}` });
    } finally {
      setBusy(false);
    }
  };
  const feedback = message ? (
    <p class={message.kind === 'ok' ? 'ok' : 'error'} role={message.kind === 'ok' ? 'status' : 'alert'}>{message.text}</p>
  ) : null;
  /** The API's message for a field (its path, e.g. `dueDate` or `partners.1.memberId`), if the last run failed on it. */
  const errorOf = (path: string): string | undefined => errors[path];
  return { busy, run, feedback, errors, errorOf };
}

/** What a Field's control carries: marked invalid, and described by the hint and the error. */
export interface FieldAria {
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}
export type Described = FieldAria;

let fieldCounter = 0;
/**
 * A labelled control: every input, select and textarea has its label. A hint has the id
 * `<id>-hint` and an error `<id>-error`; the control takes them with the `aria` its render gets.
 * A wide field takes a whole row of a form grid.
 */
export function Field({ label, children, hint, wide, error }: { label: string; hint?: string; wide?: boolean; error?: string; children: (id: string, aria: FieldAria) => ComponentChildren }) {
  const [id] = useState(() => `field-${++fieldCounter}`);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={wide ? 'field wide' : 'field'}>
      <label for={id}>{label}</label>
      {children(id, { ...(error ? { 'aria-invalid': true } : {}), ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      {hint ? <small id={`${id}-hint`}>{hint}</small> : null}
      {error ? <small id={`${id}-error`} class="field-error"><span aria-hidden="true">! </span>{error}</small> : null}
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
