import { Controller, HttpCode, Post, Req, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiConsumes, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { XAccessTokenGuard } from '../../auth/access-token.guard';
import { CurrentClient, type AuthenticatedClient } from '../../auth/current-client.decorator';
import { MeteredCallService } from '../../calls/metered-call.service';
import { MultipartForm } from '../../multipart/multipart-form.interceptor';
import { UploadedFiles } from '../../multipart/uploaded-files';
import { ClientRateLimitGuard } from '../../rate-limit/client-rate-limit.guard';
import { isChargedFailure } from './advance-codes';
import { advanceSuccess } from './advance-envelope';
import { AdvanceFaceService } from './advance-face.service';

/** Seed 004's Face Comparison. */
@ApiTags('seed 004: ADVANCE-style')
@Controller('openapi/face-recognition/v4')
@UseGuards(XAccessTokenGuard, ClientRateLimitGuard)
export class AdvanceFaceController {
  constructor(
    private readonly calls: MeteredCallService,
    private readonly faces: AdvanceFaceService,
  ) {}

  @Post('check')
  @HttpCode(200)
  @UseInterceptors(MultipartForm(['firstImage', 'secondImage']))
  @ApiHeader({ name: 'X-ACCESS-TOKEN', required: true })
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Similarity 0..100 of the largest faces of firstImage and secondImage (pass > 70, reject < 55) with their positions' })
  check(@CurrentClient() client: AuthenticatedClient, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const work = this.faces.comparison(UploadedFiles.of(req));
    const call = { clientId: client.id, endpoint: 'face-recognition/v4/check', input: {}, billable: true, chargedFailure: isChargedFailure, response: res };
    return this.calls.run(call, async () => {
      const data = await work();
      res.locals.outcome = 'SUCCESS';
      return advanceSuccess(data, res.locals.trxId as string, 'PAY');
    });
  }
}
