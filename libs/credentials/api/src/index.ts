export { CredentialsModule } from './lib/credentials.module';
export type { CredentialsModuleOptions } from './lib/credentials.options';
export { CredentialsService } from './lib/credentials.service';
export type { AchievementAlignment, AchievementStatement, IssueCredentialRequest } from './lib/open-badge';
export type { JsonObject } from './lib/vc-libraries';
export {
  badgeSvg,
  bakePng,
  bakeSvg,
  extractFromPng,
  extractFromSvg,
  renderPng,
  type BadgeText,
} from './lib/baking';
export { validateOpenBadge } from './lib/schema';
