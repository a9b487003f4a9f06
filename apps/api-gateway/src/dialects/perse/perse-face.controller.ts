import { Body, Controller, HttpCode, Inject, Post, Req, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Env } from '@bio/config';
import { BearerTokenGuard } from '../../auth/access-token.guard';
import { CurrentClient, type AuthenticatedClient } from '../../auth/current-client.decorator';
import { MeteredCallService } from '../../calls/metered-call.service';
import { ENV } from '../../config/env.provider';
import { MultipartForm } from '../../multipart/multipart-form.interceptor';
import { UploadedFiles } from '../../multipart/uploaded-files';
import { PerseEndpoint } from './perse-openapi';
import { compareRequest, consentedForm, detectRequest } from './perse-requests';
import { PerseService } from './perse.service';
import { withTimeTaken } from './time-taken';

/** Seed 001's face detect and face compare. */
@ApiTags('seed 001: face')
@Controller('face')
@UseGuards(BearerTokenGuard)
export class PerseFaceController {
  constructor(
    private readonly calls: MeteredCallService,
    private readonly perse: PerseService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  @Post('detect')
  @HttpCode(200)
  @UseInterceptors(MultipartForm(['image_file']))
  @PerseEndpoint({
    summary: 'Detect faces with quality metrics and liveness (experimental); attributes=true adds age, gender and emotions',
    files: ['image_file'],
    fields: ['attributes'],
  })
  detect(@CurrentClient() client: AuthenticatedClient, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const input = consentedForm(detectRequest, body, res);
    const image = UploadedFiles.of(req).image('image_file', this.env.IMAGE_MAX_BYTES);
    return this.calls.run({ clientId: client.id, endpoint: 'face/detect', input: {}, billable: true, response: res }, () =>
      withTimeTaken(() => this.perse.detect(image, input.attributes)),
    );
  }

  @Post('compare')
  @HttpCode(200)
  @UseInterceptors(MultipartForm(['image_file1', 'image_file2', 'image_file']))
  @PerseEndpoint({
    summary: 'Compare the largest faces of image_file1 and image_file2, or of image_file with the enrolled user_token',
    files: ['image_file1', 'image_file2', 'image_file'],
    fields: ['user_token'],
  })
  compare(@CurrentClient() client: AuthenticatedClient, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const input = consentedForm(compareRequest, body, res);
    const work = this.perse.comparison(client, UploadedFiles.of(req), input.user_token);
    return this.calls.run({ clientId: client.id, endpoint: 'face/compare', input: {}, billable: true, response: res }, () => withTimeTaken(work));
  }
}
