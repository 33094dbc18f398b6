// A cost's documents, each uploaded one downloaded through the cost's own route.
import type { Cost } from '../api/types';
import { useApp } from '../context';
import { FileList } from './file-list';

export function CostDocuments({ cost }: { cost: Cost }) {
  const { api, consortiumId, t } = useApp();
  const params = { consortiumId, projectId: cost.projectId, costId: cost.id };
  return (
    <div class="cost-documents">
      <p>{t('cost.documents')}</p>
      <FileList
        items={cost.documents}
        downloadLabel={t('file.download')}
        link={(fileId) => api.get('/api/v1/consortia/{consortiumId}/projects/{projectId}/costs/{costId}/documents/{fileId}', { ...params, fileId })}
      />
    </div>
  );
}
