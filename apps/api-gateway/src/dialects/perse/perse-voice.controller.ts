import { Body, Controller, Delete, HttpCode, Inject, Param, Post, Req, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Env } from '@bio/config';
import { BearerTokenGuard } from '../../auth/access-token.guard';
import { CurrentClient, type AuthenticatedClient } from '../../auth/current-client.decorator';
import { MeteredCallService } from '../../calls/metered-call.service';
import { ENV } from '../../config/env.provider';
import { MultipartForm } from '../../multipart/multipart-form.interceptor';
import { UploadedFiles } from '../../multipart/uploaded-files';
import { parseWithSchema } from '../../validation/parse-with-schema';
import { PerseEndpoint } from './perse-openapi';
import { consentRequest, consentedForm, userTokenParam, voiceEnrolRequest, voiceVerifyRequest } from './perse-requests';
import { PerseVoiceService } from './perse-voice.service';
import { withTimeTaken } from './time-taken';

/** Clips of one speaker an enrolment may join. */
const ENROL_CLIPS_MAX = 8;

/** Seed 001's voice compare, plus voice enrolment and 1:1 verification of an enrolled user_token. */
@ApiTags('seed 001: voice')
@Controller('voice')
@UseGuards(BearerTokenGuard)
export class PerseVoiceController {
  constructor(
    private readonly calls: MeteredCallService,
    private readonly voice: PerseVoiceService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  @Post('compare')
  @HttpCode(200)
  @UseInterceptors(MultipartForm(['audio_file1', 'audio_file2'], 'audio'))
  @PerseEndpoint({ summary: 'Compare the speakers of two recordings (.wav or .ogg)', files: ['audio_file1', 'audio_file2'] })
  compare(@CurrentClient() client: AuthenticatedClient, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    consentedForm(consentRequest, body, res);
    const files = UploadedFiles.of(req);
    const [first] = files.recordings('audio_file1', this.env.AUDIO_MAX_BYTES);
    const [second] = files.recordings('audio_file2', this.env.AUDIO_MAX_BYTES);
    return this.calls.run({ clientId: client.id, endpoint: 'voice/compare', input: {}, billable: true, response: res }, () =>
      withTimeTaken(() => this.voice.compare(first!, second!)),
    );
  }

  @Post('enrollment/users')
  @HttpCode(200)
  @UseInterceptors(MultipartForm(['audio_file'], 'audio', ENROL_CLIPS_MAX))
  @PerseEndpoint({
    summary: 'Enrol a voice (up to 8 audio_file clips of one speaker, joined) for a new user_token, or for an enrolled one',
    files: ['audio_file'],
    fields: ['user_token'],
  })
  enrol(@CurrentClient() client: AuthenticatedClient, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const input = consentedForm(voiceEnrolRequest, body, res);
    const recordings = UploadedFiles.of(req).recordings('audio_file', this.env.AUDIO_MAX_BYTES);
    return this.calls.run({ clientId: client.id, endpoint: 'voice/enrollment/users', input: {}, billable: true, response: res }, () =>
      withTimeTaken(() => this.voice.enrol(client, recordings, input.user_token)),
    );
  }

  @Post('verify')
  @HttpCode(200)
  @UseInterceptors(MultipartForm(['audio_file'], 'audio'))
  @PerseEndpoint({ summary: "1:1: is the recording's speaker the enrolled user_token?", files: ['audio_file'], fields: ['user_token'] })
  verify(@CurrentClient() client: AuthenticatedClient, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const input = consentedForm(voiceVerifyRequest, body, res);
    const [recording] = UploadedFiles.of(req).recordings('audio_file', this.env.AUDIO_MAX_BYTES);
    return this.calls.run({ clientId: client.id, endpoint: 'voice/verify', input: {}, billable: true, response: res }, () =>
      withTimeTaken(() => this.voice.verify(client, recording!, input.user_token)),
    );
  }

  @Delete('enrollment/users/:user_token')
  @HttpCode(200)
  @PerseEndpoint({ summary: "Delete a user's enrolled voices (the user stays while a face is enrolled)" })
  remove(@CurrentClient() client: AuthenticatedClient, @Param() params: unknown, @Res({ passthrough: true }) res: Response) {
    const { user_token: userToken } = parseWithSchema(userTokenParam, params);
    return this.calls.run({ clientId: client.id, endpoint: 'voice/enrollment/users/delete', input: {}, billable: false, response: res }, () =>
      withTimeTaken(async () => {
        await this.voice.removeVoices(client, userToken);
        return {};
      }),
    );
  }
}
