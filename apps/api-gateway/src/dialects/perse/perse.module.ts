import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { CallsModule } from '../../calls/calls.module';
import { FaceApiModule } from '../../face-api/face-api.module';
import { PerseEnrollmentController } from './perse-enrollment.controller';
import { PerseFaceController } from './perse-face.controller';
import { PerseService } from './perse.service';
import { PerseVoiceController } from './perse-voice.controller';
import { PerseVoiceService } from './perse-voice.service';
import { UserTokens } from './user-tokens';
import { VoiceModule } from '../../voice/voice.module';

/** Seed 001's face and voice API: /face/detect, /face/compare, /enrollment/users and /voice/..., with Bearer tokens. */
@Module({
  imports: [AuthModule, CallsModule, FaceApiModule, VoiceModule],
  controllers: [PerseFaceController, PerseEnrollmentController, PerseVoiceController],
  providers: [PerseService, PerseVoiceService, UserTokens],
})
export class PerseModule {}
