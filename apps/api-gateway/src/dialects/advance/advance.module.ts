import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { CallsModule } from '../../calls/calls.module';
import { FaceApiModule } from '../../face-api/face-api.module';
import { RateLimitModule } from '../../rate-limit/rate-limit.module';
import { AdvanceFaceController } from './advance-face.controller';
import { AdvanceFaceService } from './advance-face.service';
import { AdvanceTokenController } from './advance-token.controller';
import { AdvanceTokenService } from './advance-token.service';
import { AdvanceTransactionIdMiddleware } from './advance-transaction-id.middleware';

/** Seed 004's ADVANCE-style API: generate-token with a signed request, face comparison with X-ACCESS-TOKEN. */
@Module({
  imports: [AuthModule, CallsModule, FaceApiModule, RateLimitModule],
  controllers: [AdvanceTokenController, AdvanceFaceController],
  providers: [AdvanceTokenService, AdvanceFaceService],
})
export class AdvanceModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AdvanceTransactionIdMiddleware).forRoutes('openapi/*path');
  }
}
