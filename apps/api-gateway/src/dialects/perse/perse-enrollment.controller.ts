import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Req, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppError } from '@bio/contracts';
import type { Env } from '@bio/config';
import { BearerTokenGuard } from '../../auth/access-token.guard';
import { CurrentClient, type AuthenticatedClient } from '../../auth/current-client.decorator';
import { MeteredCallService } from '../../calls/metered-call.service';
import { ENV } from '../../config/env.provider';
import { MultipartForm } from '../../multipart/multipart-form.interceptor';
import { UploadedFiles } from '../../multipart/uploaded-files';
import { parseWithSchema } from '../../validation/parse-with-schema';
import { PerseEndpoint } from './perse-openapi';
import { consentRequest, consentedForm, updateUserRequest, userTokenParam } from './perse-requests';
import { PerseService } from './perse.service';
import { withTimeTaken } from './time-taken';

/** Seed 001's enrolment: users by user_token in the client's default gallery. */
@ApiTags('seed 001: enrollment')
@Controller('enrollment/users')
@UseGuards(BearerTokenGuard)
export class PerseEnrollmentController {
  constructor(
    private readonly calls: MeteredCallService,
    private readonly perse: PerseService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  @Post()
  @HttpCode(200)
  @UseInterceptors(MultipartForm(['image_file']))
  @PerseEndpoint({ summary: 'Enrol the largest face; answers its new user_token', files: ['image_file'] })
  enrol(@CurrentClient() client: AuthenticatedClient, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    consentedForm(consentRequest, body, res);
    const image = UploadedFiles.of(req).image('image_file', this.env.IMAGE_MAX_BYTES);
    return this.calls.run({ clientId: client.id, endpoint: 'enrollment/users', input: {}, billable: true, response: res }, () =>
      withTimeTaken(async () => ({ user_token: await this.perse.enrol(client, image) })),
    );
  }

  @Put(':user_token')
  @HttpCode(200)
  @UseInterceptors(MultipartForm(['image_file']))
  @PerseEndpoint({ summary: "Replace an enrolled user's face with the largest face of image_file", files: ['image_file'], fields: ['user_token'] })
  update(
    @CurrentClient() client: AuthenticatedClient,
    @Param() params: unknown,
    @Body() body: unknown,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { user_token: userToken } = parseWithSchema(userTokenParam, params);
    const input = consentedForm(updateUserRequest, body, res);
    if (input.user_token !== undefined && input.user_token !== userToken) {
      throw new AppError('VALIDATION_FAILED', 'user_token in the form differs from the one in the path');
    }
    const image = UploadedFiles.of(req).image('image_file', this.env.IMAGE_MAX_BYTES);
    return this.calls.run({ clientId: client.id, endpoint: 'enrollment/users/update', input: {}, billable: true, response: res }, () =>
      withTimeTaken(async () => {
        await this.perse.update(client, userToken, image);
        return { user_token: userToken };
      }),
    );
  }

  @Delete(':user_token')
  @HttpCode(200)
  @PerseEndpoint({ summary: 'Delete an enrolled user and their face' })
  remove(@CurrentClient() client: AuthenticatedClient, @Param() params: unknown, @Res({ passthrough: true }) res: Response) {
    const { user_token: userToken } = parseWithSchema(userTokenParam, params);
    return this.calls.run({ clientId: client.id, endpoint: 'enrollment/users/delete', input: {}, billable: false, response: res }, () =>
      withTimeTaken(async () => {
        await this.perse.remove(client, userToken);
        return {};
      }),
    );
  }

  @Get()
  @HttpCode(200)
  @PerseEndpoint({ summary: 'List the enrolled user_tokens' })
  list(@CurrentClient() client: AuthenticatedClient, @Res({ passthrough: true }) res: Response) {
    return this.calls.run({ clientId: client.id, endpoint: 'enrollment/users/list', input: {}, billable: false, response: res }, () =>
      withTimeTaken(async () => {
        const userTokens = await this.perse.list(client);
        return { user_tokens: userTokens, total_users: userTokens.length };
      }),
    );
  }
}
