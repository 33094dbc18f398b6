// A member cooperative's pages: what it owes, its costs, its training attendance, notifications,
// the person's own data.
import type { Translate } from '../../i18n/messages';
import { match } from '../../router';
import { DeliverablePage } from '../common/deliverable';
import { MyDataPage } from '../common/my-data';
import { NotificationsPage } from '../common/notifications';
import { NotFound } from '../common/not-found';
import { CostsPage } from './costs';
import { MemberHome } from './home';
import { TrainingPage } from './training';

export const memberNav = (t: Translate) => [
  { href: '/', label: t('nav.work') },
  { href: '/costs', label: t('nav.costs') },
  { href: '/training', label: t('nav.training') },
  { href: '/notifications', label: t('nav.notifications') },
  { href: '/my-data', label: t('nav.myData') },
];

export function MemberRoutes({ path }: { path: string }) {
  // The weekly digest links to the member's open deliverables.
  if (path === '/' || match('/members/:memberId/deliverables', path)) return <MemberHome />;
  if (path === '/costs') return <CostsPage />;
  if (path === '/training') return <TrainingPage />;
  if (path === '/notifications') return <NotificationsPage />;
  if (path === '/my-data') return <MyDataPage />;
  const deliverable = match('/projects/:projectId/deliverables/:deliverableId', path);
  if (deliverable) return <DeliverablePage projectId={deliverable.projectId!} deliverableId={deliverable.deliverableId!} />;
  return <NotFound />;
}
