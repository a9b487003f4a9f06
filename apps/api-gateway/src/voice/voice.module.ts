import { Module } from '@nestjs/common';
import { QuotaModule } from '../quota/quota.module';
import { VoicePipeline } from './voice-pipeline.service';
import { VoiceService } from './voice.service';

/** Speaker comparison, enrolment and verification over the voice worker; dialects map onto VoiceService. */
@Module({ imports: [QuotaModule], providers: [VoicePipeline, VoiceService], exports: [VoiceService] })
export class VoiceModule {}
