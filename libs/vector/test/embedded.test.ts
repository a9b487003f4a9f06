import { EmbeddedVectorStore } from '../src';
import { describeVectorStoreContract } from './vector-store.contract';

describeVectorStoreContract('embedded', async () => new EmbeddedVectorStore());
