// A project's facts: its funder and call, dates, grant and co-financing, and each partner with its
// role and budget share (the glossary's words for the roles, as in the exports).
import type { Project } from '../../api/types';
import { memberName, useApp } from '../../context';
import { TableWrap } from '../../components/table-wrap';

export function ProjectFacts({ project }: { project: Project }) {
  const app = useApp();
  const { t, f, words, funders } = app;
  return (
    <>
      <dl class="figures">
        <div><dt>{t('funder')}</dt><dd>{funders.get(project.funderId)?.name ?? project.funderId}</dd></div>
        <div><dt>{t('project.call')}</dt><dd>{project.call}</dd></div>
        <div><dt>{t('dates')}</dt><dd>{f.date(project.startDate)} – {f.date(project.endDate)}</dd></div>
        <div><dt>{t('project.grant')}</dt><dd>{f.euro(project.grantCents)}</dd></div>
        <div><dt>{t('project.cofinancing')}</dt><dd>{f.euro(project.cofinancingCents)}</dd></div>
      </dl>
      <TableWrap label={t('project.partners')}>
        <table>
          <caption>{t('project.partners')}</caption>
          <thead><tr><th scope="col">{t('member')}</th><th scope="col">{t('project.role')}</th><th scope="col">{t('project.budgetShare')}</th></tr></thead>
          <tbody>
            {project.partners.map((partner) => (
              <tr key={partner.memberId}>
                <th scope="row">{memberName(app, partner.memberId)}</th>
                <td>{words.role[partner.role]}</td>
                <td>{f.euro(partner.budgetShareCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
