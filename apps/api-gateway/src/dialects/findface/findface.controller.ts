import { Controller, HttpCode, Post, Req, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentClient, type AuthenticatedClient } from '../../auth/current-client.decorator';
import { MeteredCallService } from '../../calls/metered-call.service';
import { MultipartForm } from '../../multipart/multipart-form.interceptor';
import { FindFaceDetectService } from './findface-detect.service';
import { baseUrlOf } from './findface-face-objects';
import { FindFaceIdentifyService } from './findface-identify.service';
import { detectParams, identifyParams, parseParams, requestParams, verifyParams } from './findface-params';
import { FindFacePhotos } from './findface-photos';
import { FindFaceVerifyService } from './findface-verify.service';
import { TokenAuthGuard } from './token-auth.guard';

/** The FindFace-style general methods: detect (and verify, identify). */
@ApiTags('seed 003: FindFace-style v1')
@Controller('v1')
@UseGuards(TokenAuthGuard)
export class FindFaceController {
  constructor(
    private readonly calls: MeteredCallService,
    private readonly photos: FindFacePhotos,
    private readonly detector: FindFaceDetectService,
    private readonly verifier: FindFaceVerifyService,
    private readonly identifier: FindFaceIdentifyService,
  ) {}

  @Post('detect')
  @HttpCode(200)
  @UseInterceptors(MultipartForm(['photo'], 'image', 1, 'pass'))
  async detect(@CurrentClient() client: AuthenticatedClient, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const raw = requestParams(req);
    const params = parseParams(detectParams, raw);
    const photo = await this.photos.photo(req, raw, 'photo');
    return this.calls.run({ clientId: client.id, endpoint: 'v1/detect', input: {}, billable: true, response: res }, () =>
      this.detector.detect(photo, params),
    );
  }

  @Post('verify')
  @HttpCode(200)
  @UseInterceptors(MultipartForm(['photo1', 'photo2'], 'image', 1, 'pass'))
  async verify(@CurrentClient() client: AuthenticatedClient, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const raw = requestParams(req);
    const params = parseParams(verifyParams, raw);
    const photo1 = await this.photos.photo(req, raw, 'photo1');
    const photo2 = await this.photos.photo(req, raw, 'photo2');
    return this.calls.run({ clientId: client.id, endpoint: 'v1/verify', input: {}, billable: true, response: res }, () =>
      this.verifier.verify({
        photo1,
        photo2,
        selection1: { bboxes: params.bbox1, mfSelector: params.mf_selector },
        selection2: { bboxes: params.bbox2, mfSelector: params.mf_selector },
        threshold: params.threshold,
      }),
    );
  }

  @Post('identify')
  @HttpCode(200)
  @UseInterceptors(MultipartForm(['photo'], 'image', 1, 'pass'))
  async identify(@CurrentClient() client: AuthenticatedClient, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const raw = requestParams(req);
    const params = parseParams(identifyParams, raw);
    const photo = await this.photos.photo(req, raw, 'photo');
    return this.calls.run({ clientId: client.id, endpoint: 'v1/identify', input: {}, billable: true, response: res }, () =>
      this.identifier.identify(
        client,
        { photo, gallery: params.gallery, threshold: params.threshold, n: params.n, selection: { bboxes: params.bbox, mfSelector: params.mf_selector } },
        baseUrlOf(req),
      ),
    );
  }
}
