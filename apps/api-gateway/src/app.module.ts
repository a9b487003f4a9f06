import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { AdminModule } from './admin/admin.module';
import { AuthModule } from './auth/auth.module';
import { ConfigModule } from './config/env.provider';
import { CryptoModule } from './crypto/crypto.module';
import { DatabaseModule } from './database/database.module';
import { ERROR_DIALECTS } from './errors/error-dialect';
import { nativeErrorDialect } from './errors/native-error-dialect';
import { perseErrorDialect } from './dialects/perse/perse-error-dialect';
import { advanceErrorDialect } from './dialects/advance/advance-error-dialect';
import { AdvanceModule } from './dialects/advance/advance.module';
import { PerseModule } from './dialects/perse/perse.module';
import { identityErrorDialect } from './dialects/identity/identity-error-dialect';
import { IdentityModule } from './dialects/identity/identity.module';
import { findfaceErrorDialect } from './dialects/findface/findface-error-dialect';
import { FindFaceModule } from './dialects/findface/findface.module';
import { FaceApiModule } from './face-api/face-api.module';
import { HealthModule } from './health/health.module';
import { UsageRecorderMiddleware } from './ledger/usage-recorder.middleware';
import { OAuthModule } from './oauth/oauth.module';
import { PipelineModule } from './pipeline/pipeline.module';
import { QuotaModule } from './quota/quota.module';
import { ScoringModule } from './scoring/scoring.module';
import { TransactionsModule } from './transactions/transactions.module';
import { UsageModule } from './usage/usage.module';

@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    CryptoModule,
    PipelineModule,
    ScoringModule,
    QuotaModule,
    UsageModule,
    TransactionsModule,
    AuthModule,
    AdminModule,
    OAuthModule,
    FaceApiModule,
    PerseModule,
    AdvanceModule,
    IdentityModule,
    FindFaceModule,
    HealthModule,
  ],
  providers: [{ provide: ERROR_DIALECTS, useValue: [nativeErrorDialect, perseErrorDialect, identityErrorDialect, advanceErrorDialect, findfaceErrorDialect] }],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(UsageRecorderMiddleware).exclude('health', 'docs', 'docs-json').forRoutes('*path');
  }
}
