// The coordinator's indicator forms: a new indicator or a change to one (name, unit, baseline,
// target and its date), and a dated actual value.
import { useState } from 'preact/hooks';
import type { ProjectOverview } from '../../api/types';
import { Field, useAction } from '../../components/ui';
import { useApp } from '../../context';
import { centsOf, todayIn } from '../../i18n/format';

type Indicator = ProjectOverview['indicators']['items'][number];

/** Adds an indicator typed in by hand (its actuals follow), or changes `indicator`. */
export function IndicatorForm({ projectId, indicator, done }: { projectId: string; indicator?: Indicator; done(): void }) {
  const { api, consortiumId, t } = useApp();
  // Money indicators count euro cents: typed in euros.
  const euros = indicator?.progress.inEuroCents ?? false;
  const shown = (amount: number) => String(euros ? amount / 100 : amount);
  const sent = (text: string) => (euros ? centsOf(text) : Number(text));
  const [name, setName] = useState(indicator?.name ?? '');
  const [unit, setUnit] = useState(indicator?.unit ?? '');
  const [baseline, setBaseline] = useState(indicator ? shown(indicator.baseline) : '0');
  const [target, setTarget] = useState(indicator ? shown(indicator.target) : '');
  const [targetDate, setTargetDate] = useState(indicator?.targetDate ?? '');
  const [description, setDescription] = useState(indicator?.description ?? '');
  const { busy, run, feedback, errorOf } = useAction();
  return (
    <form
      class="form-grid"
      aria-label={indicator ? undefined : t('setup.indicator.new')}
      onSubmit={(event) => {
        event.preventDefault();
        const fields = { name, unit, baseline: sent(baseline), target: sent(target), targetDate, ...(description ? { description } : {}) };
        void run(async () => {
          if (indicator) {
            await api.patch('/api/v1/consortia/{consortiumId}/projects/{projectId}/indicators/{indicatorId}', { consortiumId, projectId, indicatorId: indicator.id }, { ...fields, version: indicator.version });
          } else {
            await api.post('/api/v1/consortia/{consortiumId}/projects/{projectId}/indicators', { consortiumId, projectId }, fields);
            setName(''); setUnit(''); setBaseline('0'); setTarget(''); setTargetDate(''); setDescription('');
          }
          done();
        }, indicator ? t('saved') : t('setup.indicator.created'));
      }}
    >
      <Field label={t('indicators.name')} error={errorOf('name')}>{(id, described) => <input id={id} {...described} required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />}</Field>
      <Field label={t('setup.indicator.unit')} error={errorOf('unit')}>{(id, described) => <input id={id} {...described} required maxLength={40} value={unit} onInput={(e) => setUnit(e.currentTarget.value)} />}</Field>
      <Field label={euros ? `${t('indicators.baseline')} (€)` : t('indicators.baseline')} error={errorOf('baseline')}>{(id, described) => <input id={id} {...described} type="number" step="any" required value={baseline} onInput={(e) => setBaseline(e.currentTarget.value)} />}</Field>
      <Field label={euros ? `${t('indicators.target')} (€)` : t('indicators.target')} error={errorOf('target')}>{(id, described) => <input id={id} {...described} type="number" step="any" required value={target} onInput={(e) => setTarget(e.currentTarget.value)} />}</Field>
      <Field label={t('setup.indicator.targetDate')} error={errorOf('targetDate')}>{(id, described) => <input id={id} {...described} type="date" required value={targetDate} onInput={(e) => setTargetDate(e.currentTarget.value)} />}</Field>
      <Field label={t('setup.description')} error={errorOf('description')} wide>
        {(id, described) => <textarea id={id} {...described} rows={2} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />}
      </Field>
      <button type="submit" class={indicator ? undefined : 'primary'} disabled={busy}>{indicator ? t('setup.save') : t('setup.indicator.create')}</button>
      {feedback}
    </form>
  );
}

/** Records an actual value on a day (one a day: a second one that day replaces it). */
export function ActualForm({ indicator, done }: { indicator: Indicator; done(): void }) {
  const { api, consortiumId, membership, t } = useApp();
  const [on, setOn] = useState(todayIn(membership.consortium.timeZone));
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const { busy, run, feedback, errorOf } = useAction();
  return (
    <form
      class="form-grid"
      aria-label={t('setup.indicator.actualOf', { name: indicator.name })}
      onSubmit={(event) => {
        event.preventDefault();
        void run(async () => {
          await api.post('/api/v1/consortia/{consortiumId}/projects/{projectId}/indicators/{indicatorId}/actuals', { consortiumId, projectId: indicator.projectId, indicatorId: indicator.id }, {
            on, value: Number(value), ...(note ? { note } : {}),
          });
          setValue(''); setNote('');
          done();
        }, t('saved'));
      }}
    >
      <Field label={t('date')} error={errorOf('on')}>{(id, described) => <input id={id} {...described} type="date" required value={on} onInput={(e) => setOn(e.currentTarget.value)} />}</Field>
      <Field label={t('setup.indicator.value', { unit: indicator.unit })} error={errorOf('value')}>
        {(id, described) => <input id={id} {...described} type="number" step="any" required value={value} onInput={(e) => setValue(e.currentTarget.value)} />}
      </Field>
      <Field label={t('setup.indicator.note')} error={errorOf('note')}>{(id, described) => <input id={id} {...described} maxLength={500} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}</Field>
      <button type="submit" disabled={busy}>{t('setup.indicator.addActual')}</button>
      {feedback}
    </form>
  );
}
