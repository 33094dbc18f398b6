// The signed-in person's notifications, newest first; unread ones say so and can be marked read.
import { useState } from 'preact/hooks';
import { Link, Loading, useAction } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { useApp } from '../../context';

export function NotificationsPage() {
  const { t } = useApp();
  return (
    <>
      <h1>{t('nav.notifications')}</h1>
      <NotificationList />
    </>
  );
}

export function NotificationList({ limit = 25 }: { limit?: number }) {
  const { api, consortiumId, t, f, language } = useApp();
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const list = useLoad(() => api.get('/api/v1/consortia/{consortiumId}/notifications', { consortiumId }, { limit, cursor }), [cursor]);
  const { busy, run, feedback } = useAction();
  return (
    <Loading state={list}>
      {(page) => {
        const unread = page.items.filter((n) => !n.readAt);
        return (
          <>
            {page.items.length === 0 ? <p>{t('notifications.none')}</p> : (
              <ul class="notifications">
                {page.items.map((n) => {
                  // In the dashboard's language where the notification keeps it; else as it was sent.
                  const { title, text } = n.translations?.[language] ?? n;
                  return (
                    <li key={n.id} class={n.readAt ? 'read' : 'unread'}>
                      {!n.readAt ? <strong class="badge">{t('notifications.unread')}</strong> : null}{' '}
                      <Link href={n.link}>{title}</Link> · <span class="muted">{f.instant(n.createdAt)}</span>
                      <p>{text}</p>
                    </li>
                  );
                })}
              </ul>
            )}
            <div class="actions">
              {unread.length > 0 ? (
                <button type="button" disabled={busy} onClick={() => run(async () => { await api.post('/api/v1/consortia/{consortiumId}/notifications/read', { consortiumId }, { notificationIds: unread.map((n) => n.id) }); list.reload(); })}>
                  {t('notifications.markRead')}
                </button>
              ) : null}
              {page.nextCursor ? <button type="button" onClick={() => setCursor(page.nextCursor ?? undefined)}>{t('next')}</button> : null}
            </div>
            {feedback}
          </>
        );
      }}
    </Loading>
  );
}
