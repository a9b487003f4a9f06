import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { CallsModule } from '../../calls/calls.module';
import { FaceApiModule } from '../../face-api/face-api.module';
import { FindFaceController } from './findface.controller';
import { FindFaceDetectService } from './findface-detect.service';
import { FindFacePhotos } from './findface-photos';
import { PhotoUrlFetcher } from './photo-url-fetcher';
import { TokenAuthGuard } from './token-auth.guard';

/** Seed 003's FindFace-style API under /v1, with `Authorization: Token <api_key>`. */
@Module({
  imports: [AuthModule, CallsModule, FaceApiModule],
  controllers: [FindFaceController],
  providers: [TokenAuthGuard, PhotoUrlFetcher, FindFacePhotos, FindFaceDetectService],
})
export class FindFaceModule {}
