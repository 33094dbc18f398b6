// 7. Dashboard: built JavaScript size (gzip) and, in Chromium, the time to render the project
// timeline and deliverables table with 3 000 deliverables against an empty project.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SectionRunner } from '../lib/context';

export const dashboardSection: SectionRunner = async ({ root }) => {
  const built = join(root, 'web', 'dist');
  return {
    id: 'dashboard',
    title: '7. Dashboard',
    figures: [],
    notes: [],
    notMeasured: existsSync(built)
      ? 'the dashboard build exists, but this branch has no measurement for it yet'
      : 'no dashboard build: the dashboard (web/src, its build to web/dist) is not on this branch yet',
  };
};
