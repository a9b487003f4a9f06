import { Module } from '@nestjs/common';
import { CryptoModule } from '../crypto/crypto.module';
import { QuotaModule } from '../quota/quota.module';
import { AdminKeyGuard } from './admin-key.guard';
import { AdminModelsController } from './admin-models.controller';
import { AdminController } from './admin.controller';
import { AdminService } from './admin.service';

@Module({
  imports: [CryptoModule, QuotaModule],
  controllers: [AdminController, AdminModelsController],
  providers: [AdminService, AdminKeyGuard],
  exports: [AdminService],
})
export class AdminModule {}
