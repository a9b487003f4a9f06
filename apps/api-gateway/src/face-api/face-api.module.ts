import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { QuotaModule } from '../quota/quota.module';
import { TransactionsModule } from '../transactions/transactions.module';
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

/** The native face-gallery API (seed 000) at /face-api. */
@Module({
  imports: [AuthModule, QuotaModule, TransactionsModule],
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
})
export class FaceApiModule {}
