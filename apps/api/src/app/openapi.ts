import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { addContractSchemas } from '@tc/shared/api';

/** Where the OpenAPI document is served: the UI, and the JSON (left uncompressed, see api-plugins.ts). */
export const OPENAPI_UI_PATH = 'api/docs';
export const OPENAPI_JSON_PATH = 'api/docs-json';

/**
 * The OpenAPI document of every controller, read from the app's modules and decorators: built once the
 * global prefix is set (its paths carry `/api/v1`), with the contracts' response schemas added, and
 * served (UI and JSON) by routes registered before `app.init()`.
 */
export function serveOpenApi(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Coaching territorial API')
      .setDescription(
        'Learning platform for territorial coaches (UCLG Africa – ALGA). Errors are RFC 9457 problem+json.',
      )
      .setVersion('1')
      .addBearerAuth()
      .addServer('/', 'The server that serves this document')
      .addTag('health', 'Liveness and readiness')
      .addTag('help', "The help page's contact and the observatory's threshold (public)")
      .addTag('auth', 'Sign-in, sessions, password resets and invitation links')
      .addTag('me', 'The signed-in person')
      .addTag('privacy', 'The privacy notice (public) and "download my data" (one\'s own)')
      .addTag('users', 'Accounts and roles (admins)')
      .addTag('audit', 'The audit log (admins)')
      .addTag('territories', 'The territory tree')
      .addTag('courses', 'Course authoring (trainers)')
      .addTag('catalog', 'DigComp competences, markdown preview, media files')
      .addTag('cohorts', 'Cohorts and enrolments')
      .addTag('learning', "The coach's courses, progress, quizzes and certificates")
      .addTag('certificates', 'Certificate verification and revocation')
      .addTag(
        'credentials',
        'Open Badges 3.0: the issuer’s DID document and profile, status lists, verification',
      )
      .addTag('observatory', 'Aggregated statistics and exports (observers)')
      .addTag('practice', 'Practical tasks: evidence uploads (tus), hand-ins and reviews')
      .addTag('conversation', "A cohort's announcements from its trainers to its coaches")
      .addTag('fieldwork', "Coaches' field log: organisations, maturity checks, visits, milestones")
      .addTag('notifications', "The signed-in person's own notifications")
      .addTag('jobs', "The job queue's dead letters (the platform's admins)")
      .build(),
  );
  // Responses are contract interfaces, not classes: their schemas come from the generated file.
  addContractSchemas(document);
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, { jsonDocumentUrl: OPENAPI_JSON_PATH });
}
