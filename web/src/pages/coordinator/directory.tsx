// The consortium's directory for coordinators: add and change member cooperatives (admit an
// applicant, record an exit, each on a date) and funders. The app's directory reloads after each change.
import { allPages } from '../../api/client';
import type { Funder, Member } from '../../api/types';
import { optional, useFormValues } from '../../components/form-values';
import { Field, Loading, Section, useAction } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { useApp } from '../../context';

const memberValues = (member?: Member) => ({
  name: member?.name ?? '', sector: member?.sector ?? '', orgId: member?.orgId ?? '', city: member?.city ?? '', email: member?.email ?? '',
});
const funderValues = (funder?: Funder) => ({
  name: funder?.name ?? '', orgId: funder?.orgId ?? '', programme: funder?.programme ?? '', website: funder?.website ?? '',
});

export function DirectoryPage() {
  const { api, consortiumId, t } = useApp();
  const members = useLoad(() => allPages((cursor) => api.get('/api/v1/consortia/{consortiumId}/members', { consortiumId }, { limit: 100, cursor })));
  const funders = useLoad(() => allPages((cursor) => api.get('/api/v1/consortia/{consortiumId}/funders', { consortiumId }, { limit: 100, cursor })));
  return (
    <>
      <h1>{t('nav.directory')}</h1>
      <Section title={t('directory.members')}>
        <h3>{t('directory.addMember')}</h3>
        <MemberForm done={members.reload} />
        <Loading state={members}>
          {(items) => items.length === 0 ? <p>{t('directory.noMembers')}</p> : (
            <ul class="cards">{items.map((member) => <MemberCard key={`${member.id}-${member.version}`} member={member} reload={members.reload} />)}</ul>
          )}
        </Loading>
      </Section>
      <Section title={t('directory.funders')}>
        <h3>{t('directory.addFunder')}</h3>
        <FunderForm done={funders.reload} />
        <Loading state={funders}>
          {(items) => items.length === 0 ? <p>{t('directory.noFunders')}</p> : (
            <ul class="cards">{items.map((funder) => <FunderCard key={`${funder.id}-${funder.version}`} funder={funder} reload={funders.reload} />)}</ul>
          )}
        </Loading>
      </Section>
    </>
  );
}

/** Adds a member (no `member`) or changes one. */
function MemberForm({ member, done }: { member?: Member; done(): void }) {
  const { api, consortiumId, t, words, reloadDirectory } = useApp();
  const { values, bind, reset } = useFormValues({ ...memberValues(member), status: 'active', joinedOn: '' });
  const { busy, run, feedback, errorOf } = useAction();
  const fields = { name: values.name, sector: values.sector, orgId: values.orgId.trim(), city: optional(values.city), email: optional(values.email) };
  const save = () => run(async () => {
    if (member) {
      await api.patch('/api/v1/consortia/{consortiumId}/members/{memberId}', { consortiumId, memberId: member.id }, { ...fields, version: member.version });
    } else {
      await api.post('/api/v1/consortia/{consortiumId}/members', { consortiumId }, { ...fields, status: values.status as 'applicant' | 'active', joinedOn: optional(values.joinedOn) });
      reset();
    }
    reloadDirectory();
    done();
  }, member ? t('saved') : t('directory.memberAdded'));
  return (
    <form class="form-grid" aria-label={member ? t('directory.editMember', { name: member.name }) : t('directory.addMember')} onSubmit={(event) => { event.preventDefault(); void save(); }}>
      <Field label={t('directory.name')} error={errorOf('name')}>{(id, described) => <input id={id} {...described} required maxLength={200} {...bind('name')} />}</Field>
      <Field label={t('directory.sector')} error={errorOf('sector')}>{(id, described) => <input id={id} {...described} required maxLength={100} {...bind('sector')} />}</Field>
      <Field label={t('directory.orgId')} hint={t('directory.orgIdHint')} error={errorOf('orgId')}>{(id, described) => <input id={id} {...described} required {...bind('orgId')} />}</Field>
      <Field label={t('directory.city')} error={errorOf('city')}>{(id, described) => <input id={id} {...described} maxLength={100} {...bind('city')} />}</Field>
      <Field label={t('people.email')} error={errorOf('email')}>{(id, described) => <input id={id} {...described} type="email" {...bind('email')} />}</Field>
      {member ? null : (
        <>
          <Field label={t('status')} error={errorOf('status')}>
            {(id, described) => <select id={id} {...described} {...bind('status')}>{(['active', 'applicant'] as const).map((s) => <option key={s} value={s}>{words.memberStatus[s]}</option>)}</select>}
          </Field>
          <Field label={t('directory.joinedOn')} hint={t('directory.todayIfEmpty')} error={errorOf('joinedOn')}>{(id, described) => <input id={id} {...described} type="date" {...bind('joinedOn')} />}</Field>
        </>
      )}
      <button type="submit" class="primary" disabled={busy}>{member ? t('setup.save') : t('directory.addMember')}</button>
      {feedback}
    </form>
  );
}

function MemberCard({ member, reload }: { member: Member; reload(): void }) {
  const { f, t, words } = useApp();
  return (
    <li class="card">
      <h3>{member.name}</h3>
      <p>{words.memberStatus[member.status]}{member.joinedOn ? ` · ${t('directory.joined')} ${f.date(member.joinedOn)}` : ''}{member.leftOn ? ` · ${t('directory.left')} ${f.date(member.leftOn)}` : ''}</p>
      <p class="muted">{member.sector} · {member.orgId}{member.city ? ` · ${member.city}` : ''}</p>
      {member.status === 'left' ? null : (
        <details>
          <summary>{member.status === 'applicant' ? t('directory.admitOrLeave') : t('directory.leave')}</summary>
          <MemberStatusForm member={member} done={reload} />
        </details>
      )}
      <details>
        <summary>{t('setup.edit')}</summary>
        <MemberForm member={member} done={reload} />
      </details>
    </li>
  );
}

/** Admits an applicant or records an exit, on a day (today unless given); an exit cannot be undone, so it asks first. */
function MemberStatusForm({ member, done }: { member: Member; done(): void }) {
  const { api, consortiumId, t, reloadDirectory } = useApp();
  const { values, bind } = useFormValues({ on: '' });
  const { busy, run, feedback, errorOf } = useAction();
  const ids = { consortiumId, memberId: member.id };
  const move = (status: 'active' | 'left') => {
    if (status === 'left' && !confirm(t('directory.confirmLeave', { name: member.name }))) return;
    const on = optional(values.on);
    void run(async () => {
      await api.patch('/api/v1/consortia/{consortiumId}/members/{memberId}', ids, { status, version: member.version, ...(status === 'active' ? { joinedOn: on } : { leftOn: on }) });
      reloadDirectory();
      done();
    });
  };
  return (
    <div class="form-grid">
      <Field label={t('directory.statusOn')} hint={t('directory.todayIfEmpty')} error={errorOf('joinedOn') ?? errorOf('leftOn')}>
        {(id, described) => <input id={id} {...described} type="date" {...bind('on')} />}
      </Field>
      <div class="actions">
        {member.status === 'applicant' ? <button type="button" disabled={busy} onClick={() => move('active')}>{t('directory.admit')}</button> : null}
        <button type="button" class="danger" disabled={busy} onClick={() => move('left')}>{t('directory.leave')}</button>
      </div>
      {feedback}
    </div>
  );
}

/** Adds a funder (no `funder`) or changes one. */
function FunderForm({ funder, done }: { funder?: Funder; done(): void }) {
  const { api, consortiumId, t, reloadDirectory } = useApp();
  const { values, bind, reset } = useFormValues(funderValues(funder));
  const { busy, run, feedback, errorOf } = useAction();
  const fields = { name: values.name, orgId: values.orgId.trim(), programme: values.programme, website: optional(values.website) };
  const save = () => run(async () => {
    if (funder) {
      await api.patch('/api/v1/consortia/{consortiumId}/funders/{funderId}', { consortiumId, funderId: funder.id }, { ...fields, version: funder.version });
    } else {
      await api.post('/api/v1/consortia/{consortiumId}/funders', { consortiumId }, fields);
      reset();
    }
    reloadDirectory();
    done();
  }, funder ? t('saved') : t('directory.funderAdded'));
  return (
    <form class="form-grid" aria-label={funder ? t('directory.editFunder', { name: funder.name }) : t('directory.addFunder')} onSubmit={(event) => { event.preventDefault(); void save(); }}>
      <Field label={t('directory.name')} error={errorOf('name')}>{(id, described) => <input id={id} {...described} required maxLength={200} {...bind('name')} />}</Field>
      <Field label={t('directory.orgId')} hint={t('directory.orgIdHint')} error={errorOf('orgId')}>{(id, described) => <input id={id} {...described} required {...bind('orgId')} />}</Field>
      <Field label={t('directory.programme')} error={errorOf('programme')}>{(id, described) => <input id={id} {...described} required maxLength={200} {...bind('programme')} />}</Field>
      <Field label={t('directory.website')} error={errorOf('website')}>{(id, described) => <input id={id} {...described} type="url" {...bind('website')} />}</Field>
      <button type="submit" class="primary" disabled={busy}>{funder ? t('setup.save') : t('directory.addFunder')}</button>
      {feedback}
    </form>
  );
}

function FunderCard({ funder, reload }: { funder: Funder; reload(): void }) {
  const { t } = useApp();
  return (
    <li class="card">
      <h3>{funder.name}</h3>
      <p>{funder.programme}</p>
      <p class="muted">{funder.orgId}{funder.website ? ` · ${funder.website}` : ''}</p>
      <details>
        <summary>{t('setup.edit')}</summary>
        <FunderForm funder={funder} done={reload} />
      </details>
    </li>
  );
}
