import { Module } from '@nestjs/common';
import { QuotaModule } from '../quota/quota.module';
import { TransactionsModule } from '../transactions/transactions.module';
import { MeteredCallService } from './metered-call.service';

@Module({ imports: [QuotaModule, TransactionsModule], providers: [MeteredCallService], exports: [MeteredCallService] })
export class CallsModule {}
