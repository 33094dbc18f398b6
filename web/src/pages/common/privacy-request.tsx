// What the personal-data pages show of a request: its status and dates, what it exported or
// erased, and how soon its list should be read again (a job under way, a link about to expire).
import type { ComponentChildren } from 'preact';
import type { PrivacyRequest } from '../../api/types';
import { Loading, StatusWords } from '../../components/ui';
import type { Loaded } from '../../components/use-load';
import { useApp } from '../../context';
import type { MessageKey } from '../../i18n/messages';

/** Every few seconds while a request is under way. */
const FOLLOW_MILLIS = 2_000;
/** A link is renewed this long before it expires, and never more often than `MIN_RENEW_MILLIS`. */
const RENEW_EARLY_MILLIS = 20_000;
const MIN_RENEW_MILLIS = 20_000;

/** When to read a list of requests again, or undefined when nothing in it changes by itself. */
export function rereadIn(items: readonly PrivacyRequest[] | undefined, now = Date.now()): number | undefined {
  if (!items) return undefined;
  if (items.some((request) => request.status === 'queued' || request.status === 'running')) return FOLLOW_MILLIS;
  const expiries = items.flatMap((request) => (request.download ? [Date.parse(request.download.expiresAt)] : []));
  if (expiries.length === 0) return undefined;
  return Math.max(MIN_RENEW_MILLIS, Math.min(...expiries) - now - RENEW_EARLY_MILLIS);
}

/** A page of requests as cards, newest first, with the way to older pages and back. */
export function RequestPages({ list, cursor, setCursor, none, card }: {
  list: Loaded<{ items: PrivacyRequest[]; nextCursor: string | null }>;
  cursor: string | undefined;
  setCursor(cursor: string | undefined): void;
  none: string;
  card(request: PrivacyRequest): ComponentChildren;
}) {
  const { t } = useApp();
  return (
    <Loading state={list}>
      {(page) => (
        <>
          {page.items.length === 0 ? <p>{none}</p> : <ul class="cards">{page.items.map(card)}</ul>}
          <div class="actions">
            {cursor ? <button type="button" onClick={() => setCursor(undefined)}>{t('myData.newest')}</button> : null}
            {page.nextCursor ? <button type="button" onClick={() => setCursor(page.nextCursor ?? undefined)}>{t('next')}</button> : null}
          </div>
        </>
      )}
    </Loading>
  );
}

export function RequestState({ request }: { request: PrivacyRequest }) {
  const { t, f } = useApp();
  return (
    <>
      <p>
        <StatusWords value={request.status}>{t(`privacy.status.${request.status}`)}</StatusWords> · {t('privacy.askedOn', { date: f.instant(request.createdAt) })}
        {request.finishedAt ? ` · ${t('privacy.finishedOn', { date: f.instant(request.finishedAt) })}` : ''}
      </p>
      {request.status === 'failed' ? <p class="error">{t('privacy.failed')} {request.failureReason ?? ''}</p> : null}
      {request.counts ? <RequestCounts counts={request.counts} /> : null}
    </>
  );
}

function RequestCounts({ counts }: { counts: Record<string, number> }) {
  const { t, f } = useApp();
  // In the order the words are listed here; a kind the dashboard does not know comes last.
  const rank = (name: string) => (name in COUNT_WORDS ? Object.keys(COUNT_WORDS).indexOf(name) : Infinity);
  const entries = Object.entries(counts).sort(([a], [b]) => rank(a) - rank(b));
  if (entries.length === 0) return null;
  return (
    <dl class="figures">
      {entries.map(([name, count]) => (
        <div key={name}>
          <dt>{COUNT_WORDS[name] ? t(COUNT_WORDS[name]) : name}</dt>
          <dd>{f.number(count)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The words for the kinds of record a request counts; one the dashboard does not know shows as named. */
const COUNT_WORDS: Record<string, MessageKey> = {
  consortia: 'count.consortia', logEntries: 'count.logEntries', costs: 'count.costs', attendance: 'count.attendance',
  notifications: 'count.notifications', auditEntries: 'count.auditEntries', personItems: 'count.personItems', values: 'count.values',
  personalValues: 'count.personalValues', identities: 'count.identities',
};
