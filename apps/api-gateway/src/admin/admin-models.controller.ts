import { Controller, Delete, Get, Query, UseGuards } from '@nestjs/common';
import { ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { AdminKeyGuard } from './admin-key.guard';
import { modelIdQuery, type ModelIdQuery } from './admin.schemas';
import { AdminService } from './admin.service';

/** The re-enrolment path after a model change: what each model still holds, and retiring one. */
@ApiTags('admin')
@ApiSecurity('x-admin-key')
@Controller('admin/models')
@UseGuards(AdminKeyGuard)
export class AdminModelsController {
  constructor(private readonly admin: AdminService) {}

  @Get()
  list() {
    return this.admin.models();
  }

  @Delete()
  purge(@Query(new ZodValidationPipe(modelIdQuery)) query: ModelIdQuery) {
    return this.admin.purgeModel(query.model_id);
  }
}
