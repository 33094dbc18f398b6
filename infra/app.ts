// The CDK app's entry: the only place that reads environment or context; stacks get typed props.
import { App } from 'aws-cdk-lib';
import { join } from 'node:path';
import { addRete } from './rete';
import { loadSettings } from './settings';

const app = new App();
const settings = loadSettings({ context: (key) => app.node.tryGetContext(key), env: process.env });

addRete(app, { ...settings, buildDir: join(import.meta.dirname, '..', 'dist') });
