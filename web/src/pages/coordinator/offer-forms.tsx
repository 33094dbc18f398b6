// The coordinator's offer forms: a new offer (title, format, client, value in euros, participating
// members and their shares in per cent), and an offer's move along the pipeline.
import { useState } from 'preact/hooks';
import type { Offer } from '../../api/types';
import { Field, useAction } from '../../components/ui';
import { memberName, useApp } from '../../context';
import { centsOf, todayIn } from '../../i18n/format';

type Stage = Offer['stage'];
const STAGES: Stage[] = ['draft', 'proposed', 'negotiating', 'won', 'lost'];
/** Shares are typed in per cent and sent in basis points (10000 = 100 %). */
const basisPointsOf = (percent: string) => Math.round(Number(percent.replace(',', '.')) * 100);

interface Share { memberId: string; percent: string }

export function NewOffer({ projectId, done }: { projectId: string; done(): void }) {
  const app = useApp();
  const { api, consortiumId, t, words } = app;
  const [title, setTitle] = useState('');
  const [format, setFormat] = useState('');
  const [clientType, setClientType] = useState<Offer['clientType']>('private');
  const [clientName, setClientName] = useState('');
  const [value, setValue] = useState('');
  const [shares, setShares] = useState<Share[]>([{ memberId: '', percent: '' }, { memberId: '', percent: '' }]);
  const { busy, run, feedback, errorOf } = useAction();
  const setShare = (index: number, change: Partial<Share>) => setShares(shares.map((share, i) => (i === index ? { ...share, ...change } : share)));
  return (
    <form
      class="form-grid"
      onSubmit={(event) => {
        event.preventDefault();
        void run(async () => {
          await api.post('/api/v1/consortia/{consortiumId}/projects/{projectId}/offers', { consortiumId, projectId }, {
            title, format, clientType, clientName, valueCents: centsOf(value),
            participants: shares.map((share) => ({ memberId: share.memberId, shareBasisPoints: basisPointsOf(share.percent) })),
          });
          setTitle(''); setFormat(''); setClientName(''); setValue('');
          setShares([{ memberId: '', percent: '' }, { memberId: '', percent: '' }]);
          done();
        }, t('setup.offer.created'));
      }}
    >
      <Field label={t('offers.title')} error={errorOf('title')}>{(id, described) => <input id={id} {...described} required maxLength={200} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />}</Field>
      <Field label={t('setup.offer.format')} error={errorOf('format')}>{(id, described) => <input id={id} {...described} required maxLength={100} value={format} onInput={(e) => setFormat(e.currentTarget.value)} />}</Field>
      <Field label={t('setup.offer.clientType')} error={errorOf('clientType')}>
        {(id, described) => (
          <select id={id} {...described} value={clientType} onChange={(e) => setClientType(e.currentTarget.value as Offer['clientType'])}>
            <option value="private">{words.clientType.private}</option>
            <option value="public">{words.clientType.public}</option>
          </select>
        )}
      </Field>
      <Field label={t('offers.client')} error={errorOf('clientName')}>{(id, described) => <input id={id} {...described} required maxLength={200} value={clientName} onInput={(e) => setClientName(e.currentTarget.value)} />}</Field>
      <Field label={t('setup.offer.valueEuro')} error={errorOf('valueCents')}>
        {(id, described) => <input id={id} {...described} required inputMode="decimal" value={value} onInput={(e) => setValue(e.currentTarget.value)} />}
      </Field>
      <fieldset class="wide-row">
        <legend>{t('setup.offer.shares')}</legend>
        {errorOf('participants') ? <p class="field-error" role="alert">{errorOf('participants')}</p> : null}
        {shares.map((share, index) => (
          <div class="share-row" key={index}>
            <Field label={t('setup.offer.member', { n: index + 1 })} error={errorOf(`participants.${index}.memberId`)}>
              {(id, described) => (
                <select id={id} {...described} required value={share.memberId} onChange={(e) => setShare(index, { memberId: e.currentTarget.value })}>
                  <option value="">—</option>
                  {[...app.members.values()].map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
                </select>
              )}
            </Field>
            <Field label={t('setup.offer.share', { n: index + 1 })} error={errorOf(`participants.${index}.shareBasisPoints`)}>
              {(id, described) => <input id={id} {...described} required inputMode="decimal" value={share.percent} onInput={(e) => setShare(index, { percent: e.currentTarget.value })} />}
            </Field>
            {shares.length > 1 ? (
              <button type="button" onClick={() => setShares(shares.filter((_, i) => i !== index))}>{t('setup.offer.removeMember', { n: index + 1 })}</button>
            ) : null}
          </div>
        ))}
        <button type="button" onClick={() => setShares([...shares, { memberId: '', percent: '' }])}>{t('setup.offer.addMember')}</button>
      </fieldset>
      <button type="submit" class="primary" disabled={busy}>{t('setup.offer.create')}</button>
      {feedback}
    </form>
  );
}

/** An offer's participants and stages so far, and the form that moves it along. */
export function OfferCard({ offer, done }: { offer: Offer; done(): void }) {
  const app = useApp();
  const { t, f, words } = app;
  return (
    <li class="card" data-offer={offer.id}>
      <h3>{offer.title}</h3>
      <p>{offer.format} · {offer.clientName} · {f.euro(offer.valueCents)} · <strong>{words.stage[offer.stage]}</strong></p>
      <p>{t('setup.offer.shares')}: {offer.participants.map((p) => `${memberName(app, p.memberId)} ${f.percent(p.shareBasisPoints / 100)}`).join(', ')}</p>
      <p class="muted">{offer.stageHistory.map((change) => `${words.stage[change.stage]} ${f.date(change.on)}`).join(' → ')}</p>
      <details>
        <summary>{t('setup.offer.moveOpen')}</summary>
        {/* A new form for each version, so that the stages offered are those besides the current one. */}
        <StageForm key={offer.version} offer={offer} done={done} />
      </details>
    </li>
  );
}

/** Moves an offer to another stage on a day; the server refuses a move its pipeline does not allow, and says why. */
export function StageForm({ offer, done }: { offer: Offer; done(): void }) {
  const { api, consortiumId, membership, t, words } = useApp();
  const others = STAGES.filter((stage) => stage !== offer.stage);
  const [stage, setStage] = useState<Stage>(others[0]!);
  const [on, setOn] = useState(todayIn(membership.consortium.timeZone));
  const { busy, run, feedback, errorOf } = useAction();
  return (
    <form
      class="form-grid"
      aria-label={t('setup.offer.stageOf', { title: offer.title })}
      onSubmit={(event) => {
        event.preventDefault();
        if (stage === 'lost' && !confirm(t('setup.offer.confirmLost', { title: offer.title }))) return;
        void run(async () => {
          await api.post('/api/v1/consortia/{consortiumId}/projects/{projectId}/offers/{offerId}/stage', { consortiumId, projectId: offer.projectId, offerId: offer.id }, { stage, on, version: offer.version });
          done();
        }, t('saved'));
      }}
    >
      <Field label={t('setup.offer.newStage')} error={errorOf('stage')}>
        {(id, described) => (
          <select id={id} {...described} value={stage} onChange={(e) => setStage(e.currentTarget.value as Stage)}>
            {others.map((s) => <option key={s} value={s}>{words.stage[s]}</option>)}
          </select>
        )}
      </Field>
      <Field label={t('setup.offer.on')} error={errorOf('on')}>{(id, described) => <input id={id} {...described} type="date" required value={on} onInput={(e) => setOn(e.currentTarget.value)} />}</Field>
      <button type="submit" disabled={busy}>{t('setup.offer.move')}</button>
      {feedback}
    </form>
  );
}
