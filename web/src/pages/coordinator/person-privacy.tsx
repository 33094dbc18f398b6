// A coordinator's two requests about one person of the consortium: a copy of their data, and their
// erasure, which asks for confirmation first. Used on a person's card and on the personal data page.
import type { PrivacyRequest, PrivacyRequestCreate } from '../../api/types';
import { useErasureConfirmation } from '../../components/confirm-erasure';
import { Link, type useAction } from '../../components/ui';
import { useApp } from '../../context';

/** Asks for a request; the done message says what was asked (an erasure's pseudonym), and where to follow it. */
export function usePrivacyRequest(action: ReturnType<typeof useAction>, { follow, onAsked }: { follow: boolean; onAsked?(request: PrivacyRequest): void }) {
  const { api, consortiumId, t } = useApp();
  return (body: PrivacyRequestCreate) =>
    action.run(
      async () => {
        const created = await api.post('/api/v1/consortia/{consortiumId}/privacy/requests', { consortiumId }, body);
        onAsked?.(created);
        return created;
      },
      (created) => (
        <>
          {created.kind === 'erasure' ? t('privacy.erasureAsked', { pseudonym: created.pseudonym ?? '' }) : t('privacy.exportAsked')}
          {follow ? <> <Link href="/privacy">{t('privacy.follow')}</Link></> : null}
        </>
      ),
    );
}

interface Props {
  personId: string;
  /** How the confirmation names the person. */
  who: string;
  action: ReturnType<typeof useAction>;
  ask: ReturnType<typeof usePrivacyRequest>;
  /** Checks what the buttons act on before they ask (a form's own validation). */
  ready?(): boolean;
}

export function PersonPrivacyActions({ personId, who, action, ask, ready = () => true }: Props) {
  const { t } = useApp();
  const confirmation = useErasureConfirmation(who, () => void ask({ kind: 'erasure', personId }));
  return (
    <div class="actions">
      <button type="button" disabled={action.busy} onClick={() => ready() && void ask({ kind: 'export', personId })}>{t('privacy.export')}</button>
      <button type="button" class="danger" disabled={action.busy} onClick={() => ready() && confirmation.ask()}>{t('privacy.erase')}</button>
      {confirmation.dialog}
    </div>
  );
}
