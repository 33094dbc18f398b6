// The exports speak the dashboard's words: the report labels take the glossary's, in both languages.
import { describe, expect, it } from 'vitest';
import { glossary } from '../domain/glossary';
import { reportLabels } from './i18n';

describe('the report labels', () => {
  it('gives the exports the same words as the dashboard, in both languages', () => {
    for (const language of ['en', 'it'] as const) {
      const labels = reportLabels[language];
      for (const [group, words] of Object.entries(glossary[language])) {
        expect(labels[group as keyof typeof labels], `${language} ${group}`).toEqual(words);
      }
    }
  });
});
