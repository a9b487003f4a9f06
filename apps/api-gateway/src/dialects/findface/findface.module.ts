import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { CallsModule } from '../../calls/calls.module';
import { FaceApiModule } from '../../face-api/face-api.module';
import { FindFaceController } from './findface.controller';
import { FindFaceFacesController } from './findface-faces.controller';
import { FindFaceFacesService } from './findface-faces.service';
import { FindFaceIdentifyService } from './findface-identify.service';
import { FindFaceGalleriesController } from './findface-galleries.controller';
import { FindFaceGalleriesService } from './findface-galleries.service';
import { FindFaceDetectService } from './findface-detect.service';
import { FindFaceFaceSelection } from './findface-face-selection';
import { FindFacePhotos } from './findface-photos';
import { FindFaceVerifyService } from './findface-verify.service';
import { PhotoUrlFetcher } from './photo-url-fetcher';
import { TokenAuthGuard } from './token-auth.guard';

/** Seed 003's FindFace-style API under /v1, with `Authorization: Token <api_key>`. */
@Module({
  imports: [AuthModule, CallsModule, FaceApiModule],
  controllers: [FindFaceController, FindFaceGalleriesController, FindFaceFacesController],
  providers: [TokenAuthGuard, PhotoUrlFetcher, FindFacePhotos, FindFaceDetectService, FindFaceGalleriesService, FindFaceFaceSelection, FindFaceVerifyService, FindFaceFacesService, FindFaceIdentifyService],
})
export class FindFaceModule {}
