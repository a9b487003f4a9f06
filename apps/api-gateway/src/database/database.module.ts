import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { PrismaClient } from '@bio/db';
import { PRISMA } from './database.tokens';
import { prismaProvider } from './prisma.provider';
import { REPOSITORIES, repositoryProviders } from './repository.providers';

/** The one PrismaClient of the process and the repositories on it, injectable everywhere. */
@Global()
@Module({
  providers: [prismaProvider, ...repositoryProviders],
  exports: [PRISMA, ...REPOSITORIES],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.prisma.$disconnect();
  }
}
