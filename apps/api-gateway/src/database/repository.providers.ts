import type { Provider } from '@nestjs/common';
import type { Env } from '@bio/config';
import {
  AccessTokenRepository,
  ClientRepository,
  CredentialRepository,
  DatabaseHealth,
  FindFaceFaceRepository,
  GalleryRepository,
  PersonRepository,
  QuotaRepository,
  TemplateRepository,
  TransactionRepository,
  UsageRepository,
  VoiceTemplateRepository,
  type PrismaClient,
} from '@bio/db';
import { ENV } from '../config/env.provider';
import { PRISMA } from './database.tokens';

type RepositoryClass = new (prisma: PrismaClient) => object;

const onPrisma = (type: RepositoryClass): Provider => ({
  provide: type,
  inject: [PRISMA],
  useFactory: (prisma: PrismaClient) => new type(prisma),
});

const PRISMA_ONLY: RepositoryClass[] = [
  CredentialRepository,
  AccessTokenRepository,
  QuotaRepository,
  GalleryRepository,
  PersonRepository,
  TemplateRepository,
  UsageRepository,
  TransactionRepository,
  VoiceTemplateRepository,
  FindFaceFaceRepository,
  DatabaseHealth,
];

/** Repositories (and the health probe) are injected by their class; only the client repository needs settings. */
export const REPOSITORIES = [ClientRepository, ...PRISMA_ONLY];

export const repositoryProviders: Provider[] = [
  {
    provide: ClientRepository,
    inject: [PRISMA, ENV],
    useFactory: (prisma: PrismaClient, env: Env) =>
      new ClientRepository(prisma, {
        n_api_hits: env.DEFAULT_QUOTA_API_HITS,
        n_face: env.DEFAULT_QUOTA_FACES,
        n_facegallery: env.DEFAULT_QUOTA_GALLERIES,
      }),
  },
  ...PRISMA_ONLY.map(onPrisma),
];
