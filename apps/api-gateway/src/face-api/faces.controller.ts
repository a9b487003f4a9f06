import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Env } from '@bio/config';
import { AccessTokenGuard } from '../auth/access-token.guard';
import { CurrentClient, type AuthenticatedClient } from '../auth/current-client.decorator';
import { ENV } from '../config/env.provider';
import { decodeImageField } from './dto/image-input';
import { parseRequest } from './dto/parse-request';
import {
  deleteFaceRequest,
  enrollFaceRequest,
  enrollKtpRequest,
  identifyFaceRequest,
  optionalGalleryRequest,
  verifyFaceRequest,
} from './dto/requests';
import { EnrolmentService } from './enrolment/enrolment.service';
import { GalleryService } from './galleries/gallery.service';
import { PeopleService } from './enrolment/people.service';
import { NATIVE_ANALYSES, NativeCallService } from './native-call.service';
import { NativeEndpoint, bool, num, str } from './openapi';
import { RecognitionService } from './recognition/recognition.service';

@ApiTags('face-api: faces')
@Controller('face-api/facegallery')
@UseGuards(AccessTokenGuard)
export class FacesController {
  constructor(
    private readonly calls: NativeCallService,
    private readonly galleries: GalleryService,
    private readonly enrolment: EnrolmentService,
    private readonly people: PeopleService,
    private readonly recognition: RecognitionService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  @Post('enroll-face')
  @HttpCode(200)
  @NativeEndpoint({ summary: 'Enrol a face for a user (adds a face when the user exists)', request: enrollFaceRequest, response: {} })
  enroll(@CurrentClient() client: AuthenticatedClient, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const input = parseRequest(enrollFaceRequest, body);
    return this.calls.run({ clientId: client.id, endpoint: 'facegallery/enroll-face', input, billable: true, response: res }, async () => {
      const image = decodeImageField(input.image, 'image', this.env.IMAGE_MAX_BYTES);
      const gallery = await this.galleries.resolve(client.id, input.facegallery_id);
      await this.enrolment.enrol({ clientId: client.id, gallery, userId: input.user_id, userName: input.user_name }, image, input.force_register);
      return {};
    });
  }

  @Post('enroll-face-ktp')
  @HttpCode(200)
  @NativeEndpoint({
    summary: 'Enrol a user from a photo showing the person and their ID card; the two faces must match',
    request: enrollKtpRequest,
    response: { masker: bool, similarity: num },
  })
  enrollKtp(@CurrentClient() client: AuthenticatedClient, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const input = parseRequest(enrollKtpRequest, body);
    return this.calls.run({ clientId: client.id, endpoint: 'facegallery/enroll-face-ktp', input, billable: true, response: res }, async () => {
      const image = decodeImageField(input.image, 'image', this.env.IMAGE_MAX_BYTES);
      const gallery = await this.galleries.resolve(client.id, input.facegallery_id);
      const outcome = await this.enrolment.enrolWithIdCard(
        { clientId: client.id, gallery, userId: input.user_id, userName: input.user_name },
        image,
        input.minimum_similarity,
      );
      return { masker: outcome.masked, similarity: outcome.similarity };
    });
  }

  @Get('list-faces')
  @HttpCode(200)
  @NativeEndpoint({
    summary: 'List the users enrolled in a face gallery',
    request: optionalGalleryRequest,
    inQuery: true,
    response: { faces: { type: 'array', items: { type: 'object', properties: { user_id: str, user_name: str } } } },
  })
  async list(@CurrentClient() client: AuthenticatedClient, @Body() body: unknown, @Query() query: unknown, @Res({ passthrough: true }) res: Response) {
    const input = parseRequest(optionalGalleryRequest, body, query);
    return this.calls.run({ clientId: client.id, endpoint: 'facegallery/list-faces', input, billable: false, response: res }, async () => {
      const gallery = await this.galleries.resolve(client.id, input.facegallery_id);
      return { faces: await this.people.list(gallery) };
    });
  }

  @Post('verify-face')
  @HttpCode(200)
  @NativeEndpoint({
    summary: '1:1 — does the face in the image belong to the enrolled user?',
    request: verifyFaceRequest,
    response: { user_name: str, similarity: num, masker: bool, verified: bool },
  })
  verify(@CurrentClient() client: AuthenticatedClient, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const input = parseRequest(verifyFaceRequest, body);
    return this.calls.run({ clientId: client.id, endpoint: 'facegallery/verify-face', input, billable: true, response: res }, async () => {
      const image = decodeImageField(input.image, 'image', this.env.IMAGE_MAX_BYTES);
      const gallery = await this.galleries.resolve(client.id, input.facegallery_id);
      const result = await this.recognition.verify(gallery, input.user_id, image, NATIVE_ANALYSES);
      return { user_name: result.userName, similarity: result.similarity, masker: this.recognition.isMasked(result.probe), verified: result.verified };
    });
  }

  @Post('identify-face')
  @HttpCode(200)
  @NativeEndpoint({
    summary: '1:N — who in the gallery is this? Open-set: an empty list when nobody passes the threshold',
    request: identifyFaceRequest,
    response: {
      status_description: str,
      return: { type: 'array', items: { type: 'object', properties: { confidence_level: str, mask: str, user_id: str, user_name: str } } },
    },
  })
  identify(@CurrentClient() client: AuthenticatedClient, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const input = parseRequest(identifyFaceRequest, body);
    return this.calls.run({ clientId: client.id, endpoint: 'facegallery/identify-face', input, billable: true, response: res }, async () => {
      const image = decodeImageField(input.image, 'image', this.env.IMAGE_MAX_BYTES);
      const gallery = await this.galleries.resolve(client.id, input.facegallery_id);
      const result = await this.recognition.identify(gallery, image, NATIVE_ANALYSES);
      const masked = String(this.recognition.isMasked(result.probe));
      // The seed's example sends confidence_level and mask as strings; we keep its wire form.
      return {
        status_description: result.matches.length > 0 ? 'Face Recognition Success' : 'No match: no enrolled face passes the threshold',
        return: result.matches.map((m) => ({
          confidence_level: m.similarity.toFixed(6),
          mask: masked,
          user_id: m.userId,
          user_name: m.userName,
        })),
      };
    });
  }

  @Delete('delete-face')
  @HttpCode(200)
  @NativeEndpoint({ summary: 'Delete a user and every face enrolled for them', request: deleteFaceRequest, response: {} })
  remove(@CurrentClient() client: AuthenticatedClient, @Body() body: unknown, @Query() query: unknown, @Res({ passthrough: true }) res: Response) {
    const input = parseRequest(deleteFaceRequest, body, query);
    return this.calls.run({ clientId: client.id, endpoint: 'facegallery/delete-face', input, billable: false, response: res }, async () => {
      const gallery = await this.galleries.resolve(client.id, input.facegallery_id);
      await this.people.delete(client.id, gallery, input.user_id);
      return {};
    });
  }
}
