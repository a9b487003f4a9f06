import { Controller, Delete, Get, Header, HttpCode, Param, Post, Put, Req, Res, UseGuards, UseInterceptors, type PipeTransform } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentClient, type AuthenticatedClient } from '../../auth/current-client.decorator';
import { MeteredCallService } from '../../calls/metered-call.service';
import { MultipartForm } from '../../multipart/multipart-form.interceptor';
import { baseUrlOf } from './findface-face-objects';
import { FindFaceFacesService } from './findface-faces.service';
import { faceIdParam, faceParams, facesPageParams, faceUpdateParams, parseParams, requestParams } from './findface-params';
import { FindFacePhotos } from './findface-photos';
import { TokenAuthGuard } from './token-auth.guard';

/** A face id from the path, refused as BAD_PARAM `id` unless it can be one. */
const faceId: PipeTransform<string, number> = { transform: (value) => parseParams(faceIdParam, { id: value }).id };

/** /v1/face (add, get, update, delete, thumbnail, by meta), /v1/faces (all, by gallery) and /v1/meta. */
@ApiTags('seed 003: FindFace-style v1')
@Controller('v1')
@UseGuards(TokenAuthGuard)
export class FindFaceFacesController {
  constructor(
    private readonly calls: MeteredCallService,
    private readonly photos: FindFacePhotos,
    private readonly faces: FindFaceFacesService,
  ) {}

  @Post('face')
  @HttpCode(200)
  @UseInterceptors(MultipartForm(['photo'], 'image', 1, 'pass'))
  async add(@CurrentClient() client: AuthenticatedClient, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const raw = requestParams(req);
    const params = parseParams(faceParams, raw);
    const photo = await this.photos.photo(req, raw, 'photo');
    const photoUrl = typeof raw.photo === 'string' ? raw.photo : '';
    return this.calls.run({ clientId: client.id, endpoint: 'v1/face', input: {}, billable: true, response: res }, () =>
      this.faces.add(
        client,
        { photo, photoUrl, meta: params.meta, galleries: params.galleries, selection: { bboxes: params.bbox, mfSelector: params.mf_selector } },
        baseUrlOf(req),
      ),
    );
  }

  @Get('face/id/:id')
  get(@CurrentClient() client: AuthenticatedClient, @Param('id', faceId) id: number, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.calls.run({ clientId: client.id, endpoint: 'v1/face/get', input: {}, billable: false, response: res }, () =>
      this.faces.get(client, id, baseUrlOf(req)),
    );
  }

  @Put('face/id/:id')
  @UseInterceptors(MultipartForm([], 'image', 0, 'pass'))
  update(@CurrentClient() client: AuthenticatedClient, @Param('id', faceId) id: number, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const params = parseParams(faceUpdateParams, requestParams(req));
    return this.calls.run({ clientId: client.id, endpoint: 'v1/face/update', input: {}, billable: false, response: res }, () =>
      this.faces.update(client, id, params, baseUrlOf(req)),
    );
  }

  @Get('face/meta/:meta')
  withMeta(@CurrentClient() client: AuthenticatedClient, @Param('meta') meta: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.calls.run({ clientId: client.id, endpoint: 'v1/face/meta', input: {}, billable: false, response: res }, () =>
      this.faces.withMeta(client, meta, baseUrlOf(req)),
    );
  }

  @Get('faces')
  async page(@CurrentClient() client: AuthenticatedClient, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const params = parseParams(facesPageParams, requestParams(req));
    const base = baseUrlOf(req);
    const page = await this.calls.run({ clientId: client.id, endpoint: 'v1/faces', input: {}, billable: false, response: res }, () =>
      this.faces.page(client, params.max_id ?? null, params.limit, base),
    );
    const next = page.nextMaxId === null ? null : `${base}/v1/faces/?max_id=${page.nextMaxId}&limit=${params.limit}`;
    return { results: page.results, next_page: next };
  }

  @Get('meta')
  metaCounts(@CurrentClient() client: AuthenticatedClient, @Res({ passthrough: true }) res: Response) {
    return this.calls.run({ clientId: client.id, endpoint: 'v1/meta', input: {}, billable: false, response: res }, () => this.faces.metaCounts(client));
  }

  @Get('face/id/:id/thumbnail.jpg')
  @Header('Content-Type', 'image/jpeg')
  async thumbnail(@CurrentClient() client: AuthenticatedClient, @Param('id', faceId) id: number, @Res() res: Response) {
    res.send(await this.faces.thumbnail(client, id));
  }

  @Delete('face/id/:id')
  @HttpCode(204)
  async remove(@CurrentClient() client: AuthenticatedClient, @Param('id', faceId) id: number, @Res({ passthrough: true }) res: Response) {
    await this.calls.run({ clientId: client.id, endpoint: 'v1/face/delete', input: {}, billable: false, response: res }, () => this.faces.delete(client, id));
  }

  @Get('faces/gallery/:gallery')
  inGallery(@CurrentClient() client: AuthenticatedClient, @Param('gallery') gallery: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.calls.run({ clientId: client.id, endpoint: 'v1/faces/gallery', input: {}, billable: false, response: res }, () =>
      this.faces.inGallery(client, gallery, baseUrlOf(req)),
    );
  }
}
