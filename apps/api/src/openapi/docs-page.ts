/**
 * GET /docs: an API reference rendered from the OpenAPI document, as one self-contained HTML
 * page (no script, no CDN: the office's machines may have no internet).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: Json | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const anchor = (text: string) => text.replace(/[^A-Za-z0-9_-]/g, '-');

/** A one-line description of a schema: `string (date)`, `array of Student`, `"a" | "b"`. */
export function schemaSummary(schema: Json | undefined, depth = 0): string {
  if (!isObject(schema)) return 'any';
  const ref = str(schema.$ref);
  if (ref !== undefined) {
    const name = ref.split('/').at(-1) ?? ref;
    return `<a href="#schema-${anchor(name)}">${escapeHtml(name)}</a>`;
  }
  if (depth > 3) return '…';
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const parts = schema[key];
    if (Array.isArray(parts)) {
      return parts
        .map((part) => schemaSummary(part, depth + 1))
        .join(key === 'allOf' ? ' &amp; ' : ' | ');
    }
  }
  const values = schema.enum;
  if (Array.isArray(values)) {
    const shown = values
      .slice(0, 12)
      .map((value) => `<code>${escapeHtml(JSON.stringify(value))}</code>`);
    return shown.join(' | ') + (values.length > 12 ? ` | … (${values.length} values)` : '');
  }
  if (schema.const !== undefined) return `<code>${escapeHtml(JSON.stringify(schema.const))}</code>`;
  const type = Array.isArray(schema.type)
    ? schema.type.filter((item): item is string => typeof item === 'string').join(' | ')
    : str(schema.type);
  if (type === 'array') return `array of ${schemaSummary(schema.items, depth + 1)}`;
  if (type === 'object' && isObject(schema.properties)) {
    const keys = Object.keys(schema.properties);
    return `object { ${escapeHtml(keys.slice(0, 8).join(', '))}${keys.length > 8 ? ', …' : ''} }`;
  }
  const format = str(schema.format);
  return escapeHtml(`${type ?? 'any'}${format === undefined ? '' : ` (${format})`}`);
}

function constraints(schema: JsonObject): string {
  const parts: string[] = [];
  for (const key of [
    'minimum',
    'maximum',
    'minLength',
    'maxLength',
    'minItems',
    'maxItems',
    'pattern',
    'default',
    'example',
  ] as const) {
    const value = schema[key];
    if (value !== undefined) parts.push(`${key}: ${JSON.stringify(value)}`);
  }
  return parts.length === 0 ? '' : `<div class="muted">${escapeHtml(parts.join(', '))}</div>`;
}

function propertyTable(schema: JsonObject): string {
  const properties = schema.properties;
  if (!isObject(properties)) return `<p>${schemaSummary(schema)}</p>`;
  const required = new Set(
    Array.isArray(schema.required)
      ? schema.required.filter((item) => typeof item === 'string')
      : [],
  );
  const rows = Object.entries(properties).map(([name, property]) => {
    const description = isObject(property) ? str(property.description) : undefined;
    return `<tr><td><code>${escapeHtml(name)}</code>${required.has(name) ? ' <span class="req">required</span>' : ''}</td><td>${schemaSummary(property)}${isObject(property) ? constraints(property) : ''}</td><td>${escapeHtml(description ?? '')}</td></tr>`;
  });
  return `<table><thead><tr><th>field</th><th>type</th><th>description</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function parametersTable(parameters: Json | undefined): string {
  if (!Array.isArray(parameters) || parameters.length === 0) return '';
  const rows = parameters.filter(isObject).map((parameter) => {
    const schema = isObject(parameter.schema) ? parameter.schema : {};
    const description = str(parameter.description) ?? str(schema.description) ?? '';
    return `<tr><td><code>${escapeHtml(str(parameter.name) ?? '')}</code>${parameter.required === true ? ' <span class="req">required</span>' : ''}</td><td>${escapeHtml(str(parameter.in) ?? '')}</td><td>${schemaSummary(schema)}${constraints(schema)}</td><td>${escapeHtml(description)}</td></tr>`;
  });
  return `<h4>Parameters</h4><table><thead><tr><th>name</th><th>in</th><th>type</th><th>description</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function contentSchemas(content: Json | undefined): string {
  if (!isObject(content)) return '';
  return Object.entries(content)
    .map(([mediaType, media]) => {
      const schema = isObject(media) ? media.schema : undefined;
      return `<div><code>${escapeHtml(mediaType)}</code>: ${schemaSummary(schema)}</div>`;
    })
    .join('');
}

function operationHtml(method: string, path: string, operation: JsonObject): string {
  const id = anchor(`${method}-${path}`);
  const summary = str(operation.summary) ?? '';
  const description = str(operation.description);
  const secured = Array.isArray(operation.security) ? operation.security.length > 0 : true;
  const body = isObject(operation.requestBody)
    ? `<h4>Request body</h4>${contentSchemas(operation.requestBody.content)}`
    : '';
  const responses = isObject(operation.responses)
    ? `<h4>Responses</h4><table><tbody>${Object.entries(operation.responses)
        .map(([status, response]) => {
          const text = isObject(response) ? (str(response.description) ?? '') : '';
          const schemas = isObject(response) ? contentSchemas(response.content) : '';
          return `<tr><td><code>${escapeHtml(status)}</code></td><td>${escapeHtml(text)}${schemas}</td></tr>`;
        })
        .join('')}</tbody></table>`
    : '';
  return `<section class="op" id="${id}"><h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code>${secured ? '' : ' <span class="muted">no token needed</span>'}</h3><p>${escapeHtml(summary)}</p>${description === undefined ? '' : `<p class="muted">${escapeHtml(description)}</p>`}${parametersTable(operation.parameters)}${body}${responses}</section>`;
}

/** The reference page for an OpenAPI 3.1 document. */
export function renderDocs(document: object): string {
  const doc = JSON.parse(JSON.stringify(document)) as JsonObject;
  const info = isObject(doc.info) ? doc.info : {};
  const title = str(info.title) ?? 'API';
  const byTag = new Map<string, string[]>();
  const toc = new Map<string, string[]>();
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const tags = Array.isArray(operation.tags) ? operation.tags : [];
      const tag = str(tags[0]) ?? 'Other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), operationHtml(method, path, operation)]);
      toc.set(tag, [
        ...(toc.get(tag) ?? []),
        `<li><a href="#${anchor(`${method}-${path}`)}"><span class="method ${method}">${method.toUpperCase()}</span> ${escapeHtml(path)}</a></li>`,
      ]);
    }
  }
  const components = isObject(doc.components) ? doc.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  const schemaSections = Object.entries(schemas)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, schema]) => {
      const description = isObject(schema) ? str(schema.description) : undefined;
      return `<section id="schema-${anchor(name)}"><h3>${escapeHtml(name)}</h3>${description === undefined ? '' : `<p class="muted">${escapeHtml(description)}</p>`}${isObject(schema) ? propertyTable(schema) : ''}</section>`;
    });

  const nav = [...toc.entries()]
    .map(([tag, items]) => `<h4>${escapeHtml(tag)}</h4><ul>${items.join('')}</ul>`)
    .join('');
  const main = [...byTag.entries()]
    .map(([tag, operations]) => `<h2>${escapeHtml(tag)}</h2>${operations.join('')}`)
    .join('');

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — API reference</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;display:flex;color:#1d2330}
nav{width:320px;flex:none;height:100vh;overflow:auto;position:sticky;top:0;background:#f4f6fa;padding:1rem;box-sizing:border-box;font-size:13px}
nav ul{list-style:none;padding:0;margin:0 0 .5rem}nav a{color:inherit;text-decoration:none}
main{padding:1rem 2rem;max-width:1000px}
table{border-collapse:collapse;width:100%;margin:.5rem 0}td,th{border:1px solid #dde2ea;padding:.3rem .5rem;text-align:left;vertical-align:top}
.op{border-top:1px solid #dde2ea;padding:.5rem 0}.muted{color:#5b6475;font-size:13px}.req{color:#b3261e;font-size:12px}
.method{display:inline-block;min-width:3.5em;font-weight:700;font-size:12px}.get{color:#1a7f37}.post{color:#0b5cad}.patch,.put{color:#9a6700}.delete{color:#b3261e}
code{background:#f4f6fa;padding:0 .2em;border-radius:3px}
</style></head>
<body><nav><h3>${escapeHtml(title)}</h3>${nav}<h4><a href="#schemas">Schemas</a></h4></nav>
<main><h1>${escapeHtml(title)} <span class="muted">${escapeHtml(str(info.version) ?? '')}</span></h1>
<p>${escapeHtml(str(info.description) ?? '')}</p>
<p>Send <code>Authorization: Bearer psl_…</code> on every <code>/v1</code> request. Errors are <code>application/problem+json</code> (RFC 9457). The machine-readable document is at <a href="/openapi.json">/openapi.json</a>.</p>
${main}<h2 id="schemas">Schemas</h2>${schemaSections.join('')}</main></body></html>`;
}
