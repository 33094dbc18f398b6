// A review decision: a text (a comment, a reason) and two buttons, one to accept and one to send
// back. The text is required only to send back; the API says so when it is missing.
import { useState } from 'preact/hooks';
import { Field, useAction } from './ui';

interface Props {
  textLabel: string;
  acceptLabel: string;
  sendBackLabel: string;
  decide(accept: boolean, text: string): Promise<unknown>;
  /** Disabled while what it decides on is being read again. */
  waiting?: boolean;
}

export function Decision({ textLabel, acceptLabel, sendBackLabel, decide, waiting = false }: Props) {
  const [text, setText] = useState('');
  const { busy, run, feedback } = useAction();
  return (
    <>
      <Field label={textLabel}>{(id) => <textarea id={id} rows={2} value={text} onInput={(e) => setText(e.currentTarget.value)} />}</Field>
      <div class="actions">
        <button type="button" class="primary" disabled={busy || waiting} onClick={() => run(() => decide(true, text))}>{acceptLabel}</button>
        <button type="button" disabled={busy || waiting} onClick={() => run(() => decide(false, text))}>{sendBackLabel}</button>
      </div>
      {feedback}
    </>
  );
}
