import { Body, Controller, HttpCode, Inject, Post, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Env } from '@bio/config';
import { AccessTokenGuard } from '../auth/access-token.guard';
import { CurrentClient, type AuthenticatedClient } from '../auth/current-client.decorator';
import { ENV } from '../config/env.provider';
import { decodeImageField } from './dto/image-input';
import { parseRequest } from './dto/parse-request';
import { compareImagesRequest } from './dto/requests';
import { NATIVE_ANALYSES, NativeCallService } from './native-call.service';
import { NativeEndpoint, bool, num } from './openapi';
import { RecognitionService } from './recognition/recognition.service';

@ApiTags('face-api: compare')
@Controller('face-api')
@UseGuards(AccessTokenGuard)
export class CompareController {
  constructor(
    private readonly calls: NativeCallService,
    private readonly recognition: RecognitionService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  @Post('compare-images')
  @HttpCode(200)
  @NativeEndpoint({
    summary: 'Compare the largest face of two images (nothing is stored)',
    request: compareImagesRequest,
    response: { similarity: num, verified: bool, masker: bool },
  })
  compare(@CurrentClient() client: AuthenticatedClient, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const input = parseRequest(compareImagesRequest, body);
    return this.calls.run({ clientId: client.id, endpoint: 'compare-images', input, billable: true, response: res }, async () => {
      const source = decodeImageField(input.source_image, 'source_image', this.env.IMAGE_MAX_BYTES);
      const target = decodeImageField(input.target_image, 'target_image', this.env.IMAGE_MAX_BYTES);
      const result = await this.recognition.compare(source, target, NATIVE_ANALYSES);
      return { similarity: result.similarity, verified: result.verified, masker: this.recognition.isMasked(result.faces[0]) };
    });
  }
}
