import { runWorkerProcess } from '@bio/queue';
import { createMatcherWorker } from './matcher-worker';

runWorkerProcess('matcher', createMatcherWorker);
