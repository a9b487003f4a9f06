import { Controller, HttpCode, Post, Req, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentClient, type AuthenticatedClient } from '../../auth/current-client.decorator';
import { MeteredCallService } from '../../calls/metered-call.service';
import { MultipartForm } from '../../multipart/multipart-form.interceptor';
import { FindFaceDetectService } from './findface-detect.service';
import { detectParams, parseParams, requestParams } from './findface-params';
import { FindFacePhotos } from './findface-photos';
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
}
