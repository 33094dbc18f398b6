// What every page needs: the API, who is signed in and as what, the language and its formats.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from './api/client';
import type { Me, Member, Funder } from './api/types';
import type { Glossary } from '../../shared/domain/glossary';
import type { Formatters, Language } from './i18n/format';
import type { Translate } from './i18n/messages';

export type Membership = Me['memberships'][number];

export interface AppContext {
  api: Api;
  personId: string;
  membership: Membership;
  /** The consortium's id, the first path parameter of nearly every call. */
  consortiumId: string;
  language: Language;
  setLanguage(language: Language): void;
  t: Translate;
  /** The glossary's words in the chosen language: statuses, categories, topics, stages, roles (the exports use the same). */
  words: Glossary;
  f: Formatters;
  members: Map<string, Member>;
  funders: Map<string, Funder>;
  /** Reads the members and funders again, after a page changed them. */
  reloadDirectory(): void;
  signOut(): void;
}

export const App = createContext<AppContext | undefined>(undefined);

export function useApp(): AppContext {
  const context = useContext(App);
  if (!context) throw new Error('useApp outside the signed-in app');
  return context;
}

/** A member's name, or its id while the directory loads. */
export const memberName = (app: AppContext, id: string) => app.members.get(id)?.name ?? id;
