// Italiano / English, switchable at any time and remembered.
import type { Language } from '../i18n/format';
import type { Translate } from '../i18n/messages';

export function LanguageSwitch({ t, language, setLanguage }: { t: Translate; language: Language; setLanguage(language: Language): void }) {
  return (
    <div class="language">
      <label for="language">{t('language')}</label>
      <select id="language" value={language} onChange={(event) => setLanguage(event.currentTarget.value as Language)}>
        <option value="it" lang="it">Italiano</option>
        <option value="en" lang="en">English</option>
      </select>
    </div>
  );
}
