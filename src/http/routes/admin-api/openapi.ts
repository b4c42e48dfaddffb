import { z } from 'zod'
import type { RouteSpec } from './api-route.js'
import { errorSchema, namedSchemas } from './schemas.js'

type JsonObject = Record<string, unknown>

/** The first letter capitalised: operation ids and schema names are camel case around it. */
export function pascal(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** An Express path under the API's base (`/workspaces/:workspaceId`) as an OpenAPI path. */
function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}')
}

/**
 * The OpenAPI 3.1 document, built from the same zod schemas the routes parse with (zod 4's
 * JSON Schema output is draft 2020-12, which OpenAPI 3.1 uses as is). `serverUrl` is the API's
 * base (`…/api/v1`) and every path is relative to it, as clients resolve them: the path is
 * appended to the server URL (https://spec.openapis.org/oas/v3.1.0#paths-object).
 */
export function buildOpenApi(routes: readonly RouteSpec[], serverUrl: string): JsonObject {
  const inputs = z.registry<{ id: string }>()
  const outputs = z.registry<{ id: string }>()
  for (const [id, schema] of Object.entries(namedSchemas)) {
    inputs.add(schema, { id: `${id}Input` })
    outputs.add(schema, { id })
  }
  outputs.add(errorSchema, { id: 'Error' })
  for (const route of routes) {
    if (route.body && !inputs.has(route.body))
      inputs.add(route.body, { id: `${pascal(route.operationId)}Body` })
    if (route.response && !outputs.has(route.response))
      outputs.add(route.response, { id: `${pascal(route.operationId)}Response` })
  }
  const uri = (id: string) => `#/components/schemas/${id}`
  const options = {
    uri,
    unrepresentable: 'any',
    target: 'draft-2020-12',
    override: optionLabelsAsExtension,
  } as const
  const inputSchemas = z.toJSONSchema(inputs, { ...options, io: 'input' }).schemas
  const outputSchemas = z.toJSONSchema(outputs, { ...options, io: 'output' }).schemas
  const ref = (map: z.core.$ZodRegistry<{ id: string }>, schema: z.ZodType) => ({
    $ref: uri(map.get(schema)?.id ?? 'Error'),
  })

  const paths: Record<string, JsonObject> = {}
  for (const route of routes) {
    const path = openApiPath(route.path)
    paths[path] ??= {}
    paths[path][route.method] = operation(route, (schema, io) =>
      io === 'input' ? ref(inputs, schema) : ref(outputs, schema),
    )
  }
  const schemas: JsonObject = {}
  for (const [id, schema] of [...Object.entries(inputSchemas), ...Object.entries(outputSchemas)]) {
    const { $schema: _drop, ...rest } = schema as JsonObject
    schemas[id] = rest
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Referrals for Intercom: admin API',
      version: '1',
      description:
        'Operators authenticate with `Authorization: Bearer <ADMIN_API_KEY>` (every workspace); a workspace admin signed in through Intercom uses the session cookie and sees only that workspace.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }, { adminSession: [] }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'ADMIN_API_KEY' },
        adminSession: { type: 'apiKey', in: 'cookie', name: 'referrals_admin' },
      },
    },
  }
}

/**
 * Settings name their choices for the dashboard in `.meta({ options })`; JSON Schema has no such
 * keyword, so the document carries them as an extension (OpenAPI allows `x-` keys in a schema).
 */
function optionLabelsAsExtension(ctx: { jsonSchema: Record<string, unknown> }): void {
  if (!('options' in ctx.jsonSchema)) return
  ctx.jsonSchema['x-option-labels'] = ctx.jsonSchema.options
  delete ctx.jsonSchema.options
}

function parameters(route: RouteSpec): JsonObject[] {
  const list: JsonObject[] = []
  const add = (where: 'path' | 'query', shape: Readonly<Record<string, z.core.$ZodType>>) => {
    for (const [name, schema] of Object.entries(shape)) {
      const json = z.toJSONSchema(schema as z.ZodType, {
        io: 'input',
        unrepresentable: 'any',
      }) as JsonObject
      delete json.$schema
      list.push({
        name,
        in: where,
        required: where === 'path' || !(schema as z.ZodType).safeParse(undefined).success,
        ...(typeof json.description === 'string' ? { description: json.description } : {}),
        schema: json,
      })
    }
  }
  const pathNames = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1] as string)
  const pathShape: Record<string, z.ZodType> = {}
  for (const name of pathNames)
    pathShape[name] = (route.params?.shape[name] as z.ZodType | undefined) ?? z.string()
  add('path', pathShape)
  if (route.query) add('query', route.query.shape)
  return list
}

function operation(
  route: RouteSpec,
  ref: (schema: z.ZodType, io: 'input' | 'output') => JsonObject,
): JsonObject {
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  })
  const ok = route.response
    ? {
        description: 'OK',
        content: { 'application/json': { schema: ref(route.response, 'output') } },
      }
    : {
        description: 'OK (streamed)',
        content: { [route.produces ?? 'application/octet-stream']: { schema: { type: 'string' } } },
      }
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    parameters: parameters(route),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref(route.body, 'input') } },
          },
        }
      : {}),
    responses: {
      [String(route.status ?? 200)]: ok,
      '400': error('Invalid input; `fields` names each bad field'),
      '401': error('No or wrong admin credentials'),
      '404': error('Not found, or not in the caller’s workspace'),
      ...(route.conflict ? { '409': error(route.conflict) } : {}),
    },
  }
}
