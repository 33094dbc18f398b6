// One deliverable: its status and log; its owner (or a coordinator) logs progress with a note, a
// percentage and evidence (a link or a file) and submits it; a coordinator reviews it.
import { useState } from 'preact/hooks';
import { evidenceOf } from '../../api/upload';
import type { Deliverable } from '../../api/types';
import { Decision } from '../../components/decision';
import { FileList } from '../../components/file-list';
import { Field, Link, Deadline, Loading, Section, Status, useAction } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { memberName, useApp } from '../../context';

/** The path parameters of one deliverable. */
interface Ids {
  consortiumId: string;
  projectId: string;
  deliverableId: string;
}

export function DeliverablePage({ projectId, deliverableId }: { projectId: string; deliverableId: string }) {
  const app = useApp();
  const { api, consortiumId, t, f, membership } = app;
  const ids = { consortiumId, projectId, deliverableId };
  const detail = useLoad(() => api.get('/api/v1/consortia/{consortiumId}/projects/{projectId}/deliverables/{deliverableId}', ids), [deliverableId]);
  return (
    <Loading state={detail}>
      {(d) => {
        return (
          <>
            <p><Link href={membership.role === 'coordinator' ? `/projects/${projectId}` : '/'}>{t('back')}</Link></p>
            <h1>{d.title}</h1>
            <dl class="figures">
              <div><dt>{t('status')}</dt><dd><Status of="status" value={d.status} /></dd></div>
              <div><dt>{t('member')}</dt><dd>{memberName(app, d.ownerMemberId)}</dd></div>
              <div><dt>{t('dueDate')}</dt><dd>{f.date(d.dueDate)} <Deadline value={d.deadline} /></dd></div>
              <div><dt>{t('progress.reported')}</dt><dd>{f.percent(d.reportedPercent)}</dd></div>
            </dl>
            {d.description ? <p>{d.description}</p> : null}
            {d.actions.includes('log') ? <ProgressForm deliverable={d} ids={ids} done={detail.reload} /> : null}
            {d.actions.includes('submit') ? <SubmitForm deliverable={d} ids={ids} done={detail.reload} reloading={detail.loading} /> : null}
            {d.actions.includes('review') ? <ReviewForm deliverable={d} ids={ids} done={detail.reload} reloading={detail.loading} /> : null}
            <Section title={t('log.title')}>
              {d.recentLog.length === 0 ? <p>{t('log.empty')}</p> : (
                <ol class="log">
                  {d.recentLog.map((entry) => (
                    <li key={entry.id}>
                      <strong>{t(`log.${entry.type}`)}</strong> · {f.instant(entry.at)}
                      {entry.decision ? <> · <Status of="status" value={entry.decision} /></> : null}
                      {entry.percent !== undefined ? ` · ${f.percent(entry.percent)}` : ''}
                      {entry.note ? <p>{entry.note}</p> : null}
                      {entry.evidence?.length ? <FileList
                          items={entry.evidence}
                          downloadLabel={t('file.download')}
                          link={(fileId) => api.get('/api/v1/consortia/{consortiumId}/projects/{projectId}/deliverables/{deliverableId}/evidence/{fileId}', { ...ids, fileId })}
                        /> : null}
                    </li>
                  ))}
                </ol>
              )}
            </Section>
          </>
        );
      }}
    </Loading>
  );
}

function ProgressForm({ deliverable, ids, done }: { deliverable: Deliverable; ids: Ids; done(): void }) {
  const { api, t } = useApp();
  const [note, setNote] = useState('');
  const [percent, setPercent] = useState(String(Math.max(deliverable.reportedPercent, 0)));
  const [link, setLink] = useState('');
  const [file, setFile] = useState<File | undefined>(undefined);
  const { busy, run, feedback } = useAction();
  return (
    <Section title={t('log.progress')}>
      <form
        class="form-grid"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          void run(async () => {
            const evidence = await evidenceOf(link, file, (request) =>
              api.post('/api/v1/consortia/{consortiumId}/projects/{projectId}/deliverables/{deliverableId}/evidence-uploads', ids, request),
            );
            await api.post('/api/v1/consortia/{consortiumId}/projects/{projectId}/deliverables/{deliverableId}/log', ids, { note, percent: Number(percent), evidence });
            setNote('');
            setLink('');
            setFile(undefined);
            form.reset();
            done();
          }, t('log.saved'));
        }}
      >
        <Field label={t('log.note')}>{(id) => <textarea id={id} required rows={3} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}</Field>
        <Field label={t('log.percent')}>{(id) => <input id={id} type="number" min={0} max={100} step={1} required value={percent} onInput={(e) => setPercent(e.currentTarget.value)} />}</Field>
        <Field label={t('log.link')} hint={t('log.linkHint')}>{(id) => <input id={id} type="url" value={link} onInput={(e) => setLink(e.currentTarget.value)} />}</Field>
        <Field label={t('log.file')}>{(id) => <input id={id} type="file" onChange={(e) => setFile(e.currentTarget.files?.[0])} />}</Field>
        <button type="submit" class="primary" disabled={busy}>{t('log.save')}</button>
        {feedback}
      </form>
    </Section>
  );
}

/** Waits for a reload to finish (`reloading`): it acts on the version it read. */
function SubmitForm({ deliverable, ids, done, reloading }: { deliverable: Deliverable; ids: Ids; done(): void; reloading: boolean }) {
  const { api, t } = useApp();
  const [note, setNote] = useState('');
  const { busy, run, feedback } = useAction();
  return (
    <Section title={t('submit.title')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void run(async () => {
            await api.post('/api/v1/consortia/{consortiumId}/projects/{projectId}/deliverables/{deliverableId}/submit', ids, { note, version: deliverable.version });
            done();
          }, t('submit.done'));
        }}
      >
        <Field label={t('submit.note')}>{(id) => <textarea id={id} rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}</Field>
        <button type="submit" class="primary" disabled={busy || reloading}>{t('submit.button')}</button>
        {feedback}
      </form>
    </Section>
  );
}

function ReviewForm({ deliverable, ids, done, reloading }: { deliverable: Deliverable; ids: Ids; done(): void; reloading: boolean }) {
  const { api, t } = useApp();
  return (
    <Section title={t('review.title')}>
      <Decision
        textLabel={t('review.comment')}
        acceptLabel={t('review.accept')}
        sendBackLabel={t('review.requestChanges')}
        waiting={reloading}
        decide={async (accept, comment) => {
          await api.post('/api/v1/consortia/{consortiumId}/projects/{projectId}/deliverables/{deliverableId}/review', ids, { decision: accept ? 'accepted' : 'changes_requested', comment, version: deliverable.version });
          done();
        }}
      />
    </Section>
  );
}
