import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { CallsModule } from '../../calls/calls.module';
import { FaceApiModule } from '../../face-api/face-api.module';
import { PerseEnrollmentController } from './perse-enrollment.controller';
import { PerseFaceController } from './perse-face.controller';
import { PerseService } from './perse.service';

/** Seed 001's face analysis API: /face/detect, /face/compare and /enrollment/users, with Bearer tokens. */
@Module({
  imports: [AuthModule, CallsModule, FaceApiModule],
  controllers: [PerseFaceController, PerseEnrollmentController],
  providers: [PerseService],
})
export class PerseModule {}
