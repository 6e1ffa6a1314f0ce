export * from './lib/identity.module';
export * from './lib/identity.options';
export { PasswordService } from './lib/password.service';
export { BackgroundWork } from './lib/background-work';
export { MailService } from './lib/mail/mail.service';
export { UserEntity } from './lib/entities/user.entity';
export { RoleAssignmentEntity } from './lib/entities/role-assignment.entity';
export { ActionTokenEntity } from './lib/entities/action-token.entity';
export { REFRESH_COOKIE } from './lib/auth/auth.controller';
export { SIGN_IN_FAILED } from './lib/auth/auth.service';
export { SignInLockoutService } from './lib/auth/sign-in-lockout.service';
export { PerPersonThrottlerGuard, type PerPersonLimit } from './lib/auth/per-person-throttler.guard';
export { UserDirectory, type DirectoryEntry } from './lib/users/user-directory.service';
export {
  Provisioning,
  type PersonToProvision,
  type ProvisionedAccount,
  type ProvisionedInvitation,
} from './lib/users/provisioning.service';
export { LinksService, type LinkHolder } from './lib/links/links.service';
export { LinkAcceptance, type AcceptedLink, type LinkAcceptedListener } from './lib/links/link-acceptance';
