import { Module } from '@nestjs/common';
import { ClientRateLimitGuard } from './client-rate-limit.guard';
import { RateLimiter } from './rate-limiter.service';

@Module({ providers: [RateLimiter, ClientRateLimitGuard], exports: [RateLimiter, ClientRateLimitGuard] })
export class RateLimitModule {}
