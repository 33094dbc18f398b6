// A list of open deliverables with their owner and due date (overdue ones say so in words).
import type { Deliverable } from '../../api/types';
import { Deadline, Link, Status } from '../../components/ui';
import { memberName, useApp } from '../../context';

export function DeadlineList({ list, projectId }: { list: { items: Deliverable[]; more: boolean }; projectId: string }) {
  const app = useApp();
  const { t, f } = app;
  if (list.items.length === 0) return <p>{t('deadlines.none')}</p>;
  return (
    <>
      <ul class="deadlines">
        {list.items.map((deliverable) => (
          <li key={deliverable.id}>
            <Link href={`/projects/${projectId}/deliverables/${deliverable.id}`}>{deliverable.title}</Link>{' '}
            — {memberName(app, deliverable.ownerMemberId)}, {f.date(deliverable.dueDate)} <Status of="status" value={deliverable.status} />{' '}
            <Deadline value={deliverable.deadline} />
          </li>
        ))}
      </ul>
      {list.more ? <p class="muted">{t('deadlines.more')}</p> : null}
    </>
  );
}
