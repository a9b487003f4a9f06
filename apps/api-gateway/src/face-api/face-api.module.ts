import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CallsModule } from '../calls/calls.module';
import { QuotaModule } from '../quota/quota.module';
import { ClientRegistrationService } from './clients/client-registration.service';
import { ClientsController } from './clients/clients.controller';
import { CompareController } from './compare.controller';
import { EnrolmentService } from './enrolment/enrolment.service';
import { PeopleService } from './enrolment/people.service';
import { FacesController } from './faces.controller';
import { GalleriesController } from './galleries/galleries.controller';
import { GalleryService } from './galleries/gallery.service';
import { NativeCallService } from './native-call.service';
import { FaceProbeService } from './recognition/face-probe.service';
import { RecognitionService } from './recognition/recognition.service';

/** The native face-gallery API (seed 000) at /face-api, and the core face services every dialect shares. */
@Module({
  imports: [AuthModule, QuotaModule, CallsModule],
  controllers: [ClientsController, GalleriesController, FacesController, CompareController],
  providers: [
    NativeCallService,
    GalleryService,
    ClientRegistrationService,
    EnrolmentService,
    PeopleService,
    FaceProbeService,
    RecognitionService,
  ],
  // The other dialects map their requests onto the same services.
  exports: [ClientRegistrationService, GalleryService, EnrolmentService, PeopleService, RecognitionService, FaceProbeService],
})
export class FaceApiModule {}
