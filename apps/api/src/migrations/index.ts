// The one linear list of migrations, oldest first. `npm run migration:generate -- <Name>` appends to it.
import { CreateIdentityAndTerritories1764380000000 } from './1764380000000-CreateIdentityAndTerritories';
import { SeedMoroccoTerritories1764380000001 } from './1764380000001-SeedMoroccoTerritories';
import { CreateCatalog1764390000000 } from './1764390000000-CreateCatalog';
import { CreateCohorts1764400000000 } from './1764400000000-CreateCohorts';
import { CreateLearning1764410000000 } from './1764410000000-CreateLearning';
import { CreateProgressCounters1764420000000 } from './1764420000000-CreateProgressCounters';
import { CreateObservatoryRollups1764430000000 } from './1764430000000-CreateObservatoryRollups';
import { CreateCohortAllTimeRollups1764440000000 } from './1764440000000-CreateCohortAllTimeRollups';
import { AddSessionLimitsLockoutsAndAuditLog1764600000000 } from './1764600000000-AddSessionLimitsLockoutsAndAuditLog';
import { CreateCohortColumnSummary1764700000000 } from './1764700000000-CreateCohortColumnSummary';
import { AddCohortsNameIndex1764700000001 } from './1764700000001-AddCohortsNameIndex';
import { FreezeCertificateStatements1764800000000 } from './1764800000000-FreezeCertificateStatements';
import { CreateEnrolmentInvitations1764810000000 } from './1764810000000-CreateEnrolmentInvitations';
import { CreateDomainReadViews1764900000000 } from './1764900000000-CreateDomainReadViews';
import { AddInvitationStates1765210000000 } from './1765210000000-AddInvitationStates';
import { CreateEnrolmentDirectoryView1765220000000 } from './1765220000000-CreateEnrolmentDirectoryView';
import { AppendCountDeltas1765300000000 } from './1765300000000-AppendCountDeltas';
import { AddTaskLessons1765400000000 } from './1765400000000-AddTaskLessons';
import { CreatePractice1765410000000 } from './1765410000000-CreatePractice';
import { CreatePracticeCounts1765420000000 } from './1765420000000-CreatePracticeCounts';
import { CreatePracticeReviewDays1765430000000 } from './1765430000000-CreatePracticeReviewDays';
import { AddPracticeMonths1765440000000 } from './1765440000000-AddPracticeMonths';
import { AddReviewVoiceComments1765450000000 } from './1765450000000-AddReviewVoiceComments';
import { CreateNotifications1765460000000 } from './1765460000000-CreateNotifications';
import { CreateAnnouncements1765480000000 } from './1765480000000-CreateAnnouncements';
import { CreateThreads1765490000000 } from './1765490000000-CreateThreads';
import { CreateNotificationSettingsAndEmails1765500000000 } from './1765500000000-CreateNotificationSettingsAndEmails';
import { CreatePushSubscriptions1765510000000 } from './1765510000000-CreatePushSubscriptions';
import { AddRemindersAndNudges1765520000000 } from './1765520000000-AddRemindersAndNudges';
import { CreateFieldLog1765530000000 } from './1765530000000-CreateFieldLog';
import { AddFieldLogCoachIndexes1765535000000 } from './1765535000000-AddFieldLogCoachIndexes';
import { CreateImpactRollups1765540000000 } from './1765540000000-CreateImpactRollups';
import { CreateCredentials1765550000000 } from './1765550000000-CreateCredentials';
import { CreatePrivacyDataExports1765560000000 } from './1765560000000-CreatePrivacyDataExports';
import { CreatePrivacyErasureRequests1765570000000 } from './1765570000000-CreatePrivacyErasureRequests';
import { CreatePrivacyRetention1765580000000 } from './1765580000000-CreatePrivacyRetention';
import { CreateConsentRecords1765590000000 } from './1765590000000-CreateConsentRecords';

export const MIGRATIONS = [
  CreateIdentityAndTerritories1764380000000,
  SeedMoroccoTerritories1764380000001,
  CreateCatalog1764390000000,
  CreateCohorts1764400000000,
  CreateLearning1764410000000,
  CreateProgressCounters1764420000000,
  CreateObservatoryRollups1764430000000,
  CreateCohortAllTimeRollups1764440000000,
  AddSessionLimitsLockoutsAndAuditLog1764600000000,
  CreateCohortColumnSummary1764700000000,
  AddCohortsNameIndex1764700000001,
  FreezeCertificateStatements1764800000000,
  CreateEnrolmentInvitations1764810000000,
  CreateDomainReadViews1764900000000,
  AddInvitationStates1765210000000,
  CreateEnrolmentDirectoryView1765220000000,
  AppendCountDeltas1765300000000,
  AddTaskLessons1765400000000,
  CreatePractice1765410000000,
  CreatePracticeCounts1765420000000,
  CreatePracticeReviewDays1765430000000,
  AddPracticeMonths1765440000000,
  AddReviewVoiceComments1765450000000,
  CreateNotifications1765460000000,
  CreateAnnouncements1765480000000,
  CreateThreads1765490000000,
  CreateNotificationSettingsAndEmails1765500000000,
  CreatePushSubscriptions1765510000000,
  AddRemindersAndNudges1765520000000,
  CreateFieldLog1765530000000,
  AddFieldLogCoachIndexes1765535000000,
  CreateImpactRollups1765540000000,
  CreateCredentials1765550000000,
  CreatePrivacyDataExports1765560000000,
  CreatePrivacyErasureRequests1765570000000,
  CreatePrivacyRetention1765580000000,
  CreateConsentRecords1765590000000,
];
