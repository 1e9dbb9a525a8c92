/**
 * An OpenAPI 3.0 or 3.1 document given to a gateway (contract-first gateways, issue 17): read
 * from a file, a string or an object, parsed (JSON or YAML) and validated against the OpenAPI
 * schema when a gateway uses it, so that errors name the gateway's construct path.
 */
import * as fs from 'fs';
import { IConstruct } from 'constructs';
import { GatewayValidationError } from './errors';
import { openApiImport } from './lazy';
import type { OpenApiModel } from './openapi-import';

/** Where a document comes from. */
enum Source { FILE = 'file', STRING = 'string', OBJECT = 'object' }

/**
 * An OpenAPI 3.0 or 3.1 document from which a RestGateway or HttpGateway makes its routes (the
 * `openApi` prop). JSON and YAML are both accepted. The document is validated against the
 * OpenAPI schema at synth; local `$ref`s (`#/components/...`) are resolved, other `$ref`s are
 * an error (bundle the document first).
 *
 * @example
 * const api = new RestGateway(this, 'Orders', {
 *   openApi: {
 *     document: GatewayOpenApiDocument.fromFile('openapi/orders.yaml'),
 *     defaultIntegration: RestIntegration.lambdaFunction(ordersFn),
 *   },
 * });
 */
export class GatewayOpenApiDocument {
  /**
   * A document in a file (JSON or YAML), read at synth. A relative path is relative to the
   * working directory of the CDK app.
   * @param path the file's path
   */
  public static fromFile(path: string): GatewayOpenApiDocument {
    return new GatewayOpenApiDocument(Source.FILE, path);
  }

  /**
   * A document given as JSON or YAML text.
   * @param text the document
   */
  public static fromString(text: string): GatewayOpenApiDocument {
    return new GatewayOpenApiDocument(Source.STRING, text);
  }

  /**
   * A document given as an object (as parsed from JSON or YAML). It is copied: later changes to
   * the object do not change the document.
   * @param obj the document
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  public static fromObject(obj: { [key: string]: any }): GatewayOpenApiDocument {
    return new GatewayOpenApiDocument(Source.OBJECT, obj);
  }

  private model?: OpenApiModel;

  private constructor(private readonly source: Source, private readonly value: unknown) {}

  /**
   * The parsed, validated document (parsed once). A broken rule is a GatewayValidationError
   * naming `scope` and `prop`.
   * @internal
   */
  public _model(scope: IConstruct, prop: string): OpenApiModel {
    if (this.model) return this.model;
    const described = this.source === Source.FILE ? this.value : `<OpenAPI ${this.source}>`;
    try {
      this.model = openApiImport().readOpenApiModel(this.parsed(scope, prop, described));
    } catch (e) {
      if (e instanceof openApiImport().OpenApiViolation) {
        throw new GatewayValidationError(scope, e.where ? `${prop} ${e.where}` : prop, e.value ?? described, e.rule);
      }
      throw e;
    }
    return this.model;
  }

  /**
   * The document as a plain object, parsed but not validated (a copy).
   * @internal
   */
  public _toJson(scope: IConstruct, prop: string): { [key: string]: unknown } {
    return this.parsed(scope, prop, this.source === Source.FILE ? this.value : `<OpenAPI ${this.source}>`);
  }

  private parsed(scope: IConstruct, prop: string, described: unknown): { [key: string]: unknown } {
    const fail = (rule: string) => new GatewayValidationError(scope, prop, described, rule);
    switch (this.source) {
      case Source.FILE: {
        if (typeof this.value !== 'string') throw fail('GatewayOpenApiDocument.fromFile expects a file path (a string)');
        let text: string;
        try {
          text = fs.readFileSync(this.value, 'utf-8');
        } catch (e) {
          throw fail(`the OpenAPI file cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
        }
        return this.parseText(text, fail);
      }
      case Source.STRING:
        if (typeof this.value !== 'string') throw fail('GatewayOpenApiDocument.fromString expects JSON or YAML text (a string)');
        return this.parseText(this.value, fail);
      default:
        if (typeof this.value !== 'object' || this.value === null || Array.isArray(this.value)) {
          throw fail('GatewayOpenApiDocument.fromObject expects an object (the parsed document)');
        }
        try {
          return JSON.parse(JSON.stringify(this.value));
        } catch (e) {
          throw fail(`the document is not plain JSON data (${(e as Error).message})`);
        }
    }
  }

  private parseText(text: string, fail: (rule: string) => Error): { [key: string]: unknown } {
    try {
      return openApiImport().parseOpenApiText(text);
    } catch (e) {
      throw fail((e as Error).message);
    }
  }
}
