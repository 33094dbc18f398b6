// An address the dashboard does not know.
import { Link } from '../../components/ui';
import { useApp } from '../../context';

export function NotFound() {
  const { t } = useApp();
  return (
    <>
      <h1>{t('notFound.title')}</h1>
      <p><Link href="/">{t('nav.home')}</Link></p>
    </>
  );
}
