// What every section of the benchmark gets: the run's options, the table and its data.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../../shared/store';
import type { Dataset } from '../data/dataset';
import type { BenchApp } from './bench-app';
import type { CallCounter } from './call-counter';
import type { Section } from './results';

export interface BenchContext {
  quick: boolean;
  /** The repository's root. */
  root: string;
  /** Where the run's build outputs go (the baseline bundle), deleted at the end. */
  workDir: string;
  endpoint: string;
  client: DynamoDBDocumentClient;
  store: Store;
  calls: CallCounter;
  dataset: Dataset;
  app: BenchApp;
}

export type SectionRunner = (context: BenchContext) => Promise<Section>;
