import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { HttpMethod, OpenApiDocument } from './openapi-fuzz';

/** A response as the checker needs it. */
export interface CheckedResponse {
  status: number;
  contentType: string;
  /** The parsed JSON body, or the text. */
  body: unknown;
  /** Whether the response had a body at all. */
  empty: boolean;
}

export interface ResponseCheck {
  /** What is wrong (empty when the response matches the document). */
  problems: string[];
  /** Whether a schema was there to check the body against. */
  schemaChecked: boolean;
  /** A body came back where the document declares none. */
  undeclaredBody?: boolean;
}

/**
 * Checks responses against the OpenAPI document: the status is declared (exactly, as `4XX`, or as
 * `default`), the content type is one the response declares, and the body matches the declared schema
 * (ajv, OpenAPI 3.0 `nullable` included).
 */
export class OpenApiResponseChecker {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly doc: OpenApiDocument) {
    // OpenAPI schema objects carry keywords JSON Schema does not know (example, nullable is known to ajv).
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addSchema(doc as object, 'openapi');
  }

  check(method: HttpMethod, pathTemplate: string, response: CheckedResponse): ResponseCheck {
    const where = `${method.toUpperCase()} ${pathTemplate} → ${response.status}`;
    const operation = this.doc.paths[pathTemplate]?.[method];
    if (!operation)
      return { problems: [`${where}: no such operation in the document`], schemaChecked: false };
    const status = String(response.status);
    const key = [status, `${status[0]}XX`, 'default'].find((k) => operation.responses[k]);
    if (!key) return { problems: [`${where}: status not declared`], schemaChecked: false };
    const declared = operation.responses[key];
    const content = declared?.content;
    // Declared without content: the document says nothing about the body (counted, not refused).
    if (!content) return { problems: [], schemaChecked: false, undeclaredBody: !response.empty };
    const mediaType = response.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
    if (response.empty && response.status === 204) return { problems: [], schemaChecked: false };
    const media = content[mediaType] ?? content['*/*'];
    if (!media)
      return {
        problems: [`${where}: content type "${mediaType}" not declared (${Object.keys(content).join(', ')})`],
        schemaChecked: false,
      };
    if (!media.schema) return { problems: [], schemaChecked: false };
    const pointer = [
      'paths',
      pathTemplate,
      method,
      'responses',
      key,
      'content',
      content[mediaType] ? mediaType : '*/*',
      'schema',
    ]
      .map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1'))
      .map((part) => encodeURIComponent(part))
      .join('/');
    const ref = `openapi#/${pointer}`;
    let validate = this.compiled.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref });
      this.compiled.set(ref, validate);
    }
    if (validate(response.body)) return { problems: [], schemaChecked: true };
    const errors = (validate.errors ?? [])
      .slice(0, 5)
      .map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`)
      .join('; ');
    return { problems: [`${where}: body does not match the schema: ${errors}`], schemaChecked: true };
  }
}
