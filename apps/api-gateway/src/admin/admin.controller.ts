import { Body, Controller, Delete, HttpCode, Param, Post, Put, UseGuards } from '@nestjs/common';
import { ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { QuotaCounters } from '@bio/db';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { AdminKeyGuard } from './admin-key.guard';
import { createClientBody, quotaLimitsBody, type CreateClientBody, type QuotaLimitsBody } from './admin.schemas';
import { AdminService, type NewClientCredentials } from './admin.service';

@ApiTags('admin')
@ApiSecurity('x-admin-key')
@Controller('admin/clients')
@UseGuards(AdminKeyGuard)
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @Post()
  create(@Body(new ZodValidationPipe(createClientBody)) body: CreateClientBody): Promise<NewClientCredentials> {
    return this.admin.createClient(body.name);
  }

  @Put(':client_id/quota')
  setQuota(
    @Param('client_id') clientId: string,
    @Body(new ZodValidationPipe(quotaLimitsBody)) limits: QuotaLimitsBody,
  ): Promise<QuotaCounters> {
    return this.admin.setQuota(clientId, limits);
  }

  @Post(':client_id/rotate-secret')
  @HttpCode(200)
  rotateSecret(@Param('client_id') clientId: string) {
    return this.admin.rotateSecret(clientId);
  }

  @Post(':client_id/rotate-api-key')
  @HttpCode(200)
  rotateApiKey(@Param('client_id') clientId: string) {
    return this.admin.rotateApiKey(clientId);
  }

  @Post(':client_id/disable')
  @HttpCode(200)
  disable(@Param('client_id') clientId: string) {
    return this.admin.setDisabled(clientId, true);
  }

  @Post(':client_id/enable')
  @HttpCode(200)
  enable(@Param('client_id') clientId: string) {
    return this.admin.setDisabled(clientId, false);
  }

  @Delete(':client_id/api-keys')
  revokeApiKeys(@Param('client_id') clientId: string) {
    return this.admin.revokeApiKeys(clientId);
  }

  @Delete(':client_id')
  delete(@Param('client_id') clientId: string) {
    return this.admin.deleteClient(clientId);
  }
}
