import { runWorkerProcess } from '@bio/queue';
import { createEmbedderWorker } from './embedder-worker';

runWorkerProcess('embedder', createEmbedderWorker);
