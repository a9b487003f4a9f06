import { Controller, Delete, Get, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentClient, type AuthenticatedClient } from '../../auth/current-client.decorator';
import { MeteredCallService } from '../../calls/metered-call.service';
import { FindFaceGalleriesService } from './findface-galleries.service';
import { TokenAuthGuard } from './token-auth.guard';

/** /v1/galleries: list, create (201) and delete (204, with the gallery's faces). */
@ApiTags('seed 003: FindFace-style v1')
@Controller('v1/galleries')
@UseGuards(TokenAuthGuard)
export class FindFaceGalleriesController {
  constructor(
    private readonly calls: MeteredCallService,
    private readonly galleries: FindFaceGalleriesService,
  ) {}

  @Get()
  async list(@CurrentClient() client: AuthenticatedClient, @Res({ passthrough: true }) res: Response) {
    return this.calls.run({ clientId: client.id, endpoint: 'v1/galleries', input: {}, billable: false, response: res }, async () => ({
      results: await this.galleries.names(client),
    }));
  }

  @Post(':gallery')
  @HttpCode(201)
  async create(@CurrentClient() client: AuthenticatedClient, @Param('gallery') gallery: string, @Res({ passthrough: true }) res: Response) {
    await this.calls.run({ clientId: client.id, endpoint: 'v1/galleries/create', input: {}, billable: false, response: res }, () =>
      this.galleries.create(client, gallery),
    );
  }

  @Delete(':gallery')
  @HttpCode(204)
  async remove(@CurrentClient() client: AuthenticatedClient, @Param('gallery') gallery: string, @Res({ passthrough: true }) res: Response) {
    await this.calls.run({ clientId: client.id, endpoint: 'v1/galleries/delete', input: {}, billable: false, response: res }, () =>
      this.galleries.delete(client, gallery),
    );
  }
}
