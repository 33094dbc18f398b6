// The coordinator's pages: the consortium home, each project's dashboard and its setting up, the
// directory of members and funders, people, personal data, notifications, their own data.
import type { Translate } from '../../i18n/messages';
import { match } from '../../router';
import { DeliverablePage } from '../common/deliverable';
import { MyDataPage } from '../common/my-data';
import { NotificationsPage } from '../common/notifications';
import { NotFound } from '../common/not-found';
import { DirectoryPage } from './directory';
import { CoordinatorHome } from './home';
import { PeoplePage } from './people';
import { PrivacyPage } from './privacy';
import { ProjectPage } from './project';
import { EditProjectPage, NewProjectPage } from './project-form';

export const coordinatorNav = (t: Translate) => [
  { href: '/', label: t('nav.home') },
  { href: '/directory', label: t('nav.directory') },
  { href: '/people', label: t('nav.people') },
  { href: '/privacy', label: t('nav.privacy') },
  { href: '/notifications', label: t('nav.notifications') },
  { href: '/my-data', label: t('nav.myData') },
];

export function CoordinatorRoutes({ path }: { path: string }) {
  if (path === '/') return <CoordinatorHome />;
  if (path === '/people') return <PeoplePage />;
  if (path === '/privacy') return <PrivacyPage />;
  if (path === '/directory') return <DirectoryPage />;
  if (path === '/projects/new') return <NewProjectPage />;
  const edit = match('/projects/:projectId/edit', path);
  if (edit) return <EditProjectPage projectId={edit.projectId!} />;
  if (path === '/notifications') return <NotificationsPage />;
  if (path === '/my-data') return <MyDataPage />;
  const deliverable = match('/projects/:projectId/deliverables/:deliverableId', path);
  if (deliverable) return <DeliverablePage projectId={deliverable.projectId!} deliverableId={deliverable.deliverableId!} />;
  // A submitted cost's notification links here: its place is the review queue.
  const cost = match('/projects/:projectId/costs/:costId', path);
  if (cost) return <ProjectPage projectId={cost.projectId!} tab="review" />;
  const tab = match('/projects/:projectId/:tab', path) ?? match('/projects/:projectId', path);
  if (tab) return <ProjectPage projectId={tab.projectId!} tab={tab.tab ?? 'overview'} />;
  return <NotFound />;
}
