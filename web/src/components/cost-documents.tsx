// A cost's documents, each uploaded one downloaded through the cost's own route.
import type { Cost } from '../api/types';
import { useApp } from '../context';
import { FileList } from './file-list';

export function CostDocuments({ cost, base }: { cost: Cost; base: string }) {
  const { t } = useApp();
  return (
    <div class="cost-documents">
      <p>{t('cost.documents')}</p>
      <FileList items={cost.documents} files={`${base}/costs/${cost.id}/documents`} />
    </div>
  );
}
