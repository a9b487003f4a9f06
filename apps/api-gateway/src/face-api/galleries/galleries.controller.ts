import { Body, Controller, Delete, Get, HttpCode, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessTokenGuard } from '../../auth/access-token.guard';
import { CurrentClient, type AuthenticatedClient } from '../../auth/current-client.decorator';
import { AppError } from '@bio/contracts';
import { galleryRequest, trxOnlyRequest } from '../dto/requests';
import { parseRequest } from '../dto/parse-request';
import { NativeCallService } from '../native-call.service';
import { NativeEndpoint, str, strList } from '../openapi';
import { GalleryService } from './gallery.service';

@ApiTags('face-api: facegallery')
@Controller('face-api/facegallery')
@UseGuards(AccessTokenGuard)
export class GalleriesController {
  constructor(
    private readonly calls: NativeCallService,
    private readonly galleries: GalleryService,
  ) {}

  @Get('my-facegalleries')
  @HttpCode(200)
  @NativeEndpoint({ summary: 'List the face galleries of the client', request: trxOnlyRequest, inQuery: true, response: { facegallery_id: strList } })
  list(@CurrentClient() client: AuthenticatedClient, @Body() body: unknown, @Query() query: unknown, @Res({ passthrough: true }) res: Response) {
    const input = parseRequest(trxOnlyRequest, body, query);
    return this.calls.run({ clientId: client.id, endpoint: 'facegallery/my-facegalleries', input, billable: false, response: res }, async () => ({
      status_message: 'Success - FaceGalleries Listed',
      facegallery_id: await this.galleries.names(client.id),
    }));
  }

  @Post('create-facegallery')
  @HttpCode(200)
  @NativeEndpoint({ summary: 'Create a face gallery', request: galleryRequest, response: { facegallery_id: str } })
  create(@CurrentClient() client: AuthenticatedClient, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const input = parseRequest(galleryRequest, body);
    return this.calls.run({ clientId: client.id, endpoint: 'facegallery/create-facegallery', input, billable: false, response: res }, async () => ({
      facegallery_id: (await this.galleries.create(client.id, input.facegallery_id)).name,
    }));
  }

  @Delete('delete-facegallery')
  @HttpCode(200)
  @NativeEndpoint({ summary: 'Delete a face gallery with everyone enrolled in it', request: galleryRequest, response: { facegallery_id: str } })
  remove(@CurrentClient() client: AuthenticatedClient, @Body() body: unknown, @Query() query: unknown, @Res({ passthrough: true }) res: Response) {
    const input = parseRequest(galleryRequest, body, query);
    return this.calls.run({ clientId: client.id, endpoint: 'facegallery/delete-facegallery', input, billable: false, response: res }, async () => {
      const gallery = await this.galleries.resolve(client.id, input.facegallery_id);
      if (gallery.isDefault) throw new AppError('DEFAULT_GALLERY_PROTECTED');
      await this.galleries.delete(client.id, gallery);
      return { facegallery_id: gallery.name };
    });
  }
}
