import { Ctx, HtmlRecord } from './context';
import { makeEnum, strictFake, unwrap } from './strict';

type H = typeof GoogleAppsScript.HTML;
export const SandboxMode = makeEnum<H['SandboxMode']>(['EMULATED', 'IFRAME', 'NATIVE']);
export const XFrameOptionsMode = makeEnum<H['XFrameOptionsMode']>(['ALLOWALL', 'DEFAULT']);

type HtmlOutput = GoogleAppsScript.HTML.HtmlOutput;
type HtmlTemplate = GoogleAppsScript.HTML.HtmlTemplate;

type OutputApi = Pick<
  HtmlOutput,
  | 'setTitle'
  | 'getTitle'
  | 'setWidth'
  | 'getWidth'
  | 'setHeight'
  | 'getHeight'
  | 'getContent'
  | 'append'
  | 'appendUntrusted'
  | 'setContent'
  | 'clear'
  | 'setSandboxMode'
  | 'setXFrameOptionsMode'
  | 'addMetaTag'
  | 'setFaviconUrl'
>;

export class FakeHtmlOutput implements OutputApi {
  proxy!: HtmlOutput;
  title = '';
  width?: number;
  height?: number;
  metaTags: Array<{ name: string; content: string }> = [];
  sandboxMode = 'IFRAME';
  xFrameOptions = 'DEFAULT';
  constructor(public html: string) {}
  setTitle(title: string): HtmlOutput {
    this.title = title;
    return this.proxy;
  }
  getTitle(): string {
    return this.title;
  }
  setWidth(width: number): HtmlOutput {
    this.width = width;
    return this.proxy;
  }
  getWidth(): number {
    return this.width ?? 0;
  }
  setHeight(height: number): HtmlOutput {
    this.height = height;
    return this.proxy;
  }
  getHeight(): number {
    return this.height ?? 0;
  }
  getContent(): string {
    return this.html;
  }
  append(addedContent: string): HtmlOutput {
    this.html += addedContent;
    return this.proxy;
  }
  appendUntrusted(addedContent: string): HtmlOutput {
    this.html += escapeHtml(addedContent);
    return this.proxy;
  }
  setContent(content: string): HtmlOutput {
    this.html = content;
    return this.proxy;
  }
  clear(): HtmlOutput {
    this.html = '';
    return this.proxy;
  }
  setSandboxMode(mode: GoogleAppsScript.HTML.SandboxMode): HtmlOutput {
    this.sandboxMode = String(mode);
    return this.proxy;
  }
  setXFrameOptionsMode(mode: GoogleAppsScript.HTML.XFrameOptionsMode): HtmlOutput {
    this.xFrameOptions = String(mode);
    return this.proxy;
  }
  addMetaTag(name: string, content: string): HtmlOutput {
    this.metaTags.push({ name, content });
    return this.proxy;
  }
  setFaviconUrl(_iconUrl: string): HtmlOutput {
    return this.proxy;
  }
}

function makeOutput(ctx: Ctx, html: string): HtmlOutput {
  const impl = new FakeHtmlOutput(html);
  impl.proxy = strictFake<HtmlOutput>(impl, 'HtmlOutput', 'HtmlService', ctx.env);
  return impl.proxy;
}

/** What the Ui fake records for a sidebar / dialog. */
export function htmlRecord(output: unknown): HtmlRecord {
  const raw = unwrap<FakeHtmlOutput>(output);
  if (!(raw instanceof FakeHtmlOutput)) throw new Error('Invalid argument: userInterface');
  return { title: raw.title, html: raw.html, width: raw.width, height: raw.height };
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Compiles Apps Script template scriptlets: `<?= expr ?>` (escaped), `<?!= expr ?>` (raw), `<? code ?>`.
 * Free identifiers resolve to the template's properties, then to the script's globals (e.g. `include`).
 */
export function evaluateTemplate(source: string, props: Record<string, unknown>, lookupGlobal?: (name: string) => unknown): string {
  let body = 'var __out = [];\n';
  const re = /<\?(!=|=)?([\s\S]*?)\?>/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(source))) {
    body += `__out.push(${JSON.stringify(source.slice(last, m.index))});\n`;
    const code = m[2]!.trim();
    if (m[1] === '=') body += `__out.push(__esc(${code}));\n`;
    else if (m[1] === '!=') body += `__out.push(__str(${code}));\n`;
    else body += `${code}\n`;
    last = re.lastIndex;
  }
  body += `__out.push(${JSON.stringify(source.slice(last))});\nreturn __out.join('');`;
  const scope = new Proxy(props, {
    has: (t, k) => typeof k === 'string' && (k in t || lookupGlobal?.(k) !== undefined),
    get: (t, k) => (typeof k === 'string' && k in t ? t[k] : typeof k === 'string' ? lookupGlobal?.(k) : undefined),
  });
  const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  // Sloppy-mode function so that `with` can scope identifiers to the template properties.
  const fn = new Function('__scope', '__esc', '__str', `with (__scope) {\n${body}\n}`);
  return fn(scope, (v: unknown) => escapeHtml(str(v)), str) as string;
}

type TemplateApi = Pick<HtmlTemplate, 'evaluate' | 'getCode' | 'getRawContent'>;

class FakeHtmlTemplate implements TemplateApi {
  constructor(
    private readonly ctx: Ctx,
    private readonly source: string,
  ) {}
  evaluate(): HtmlOutput {
    const props: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this)) if (k !== 'ctx' && k !== 'source') props[k] = v;
    return makeOutput(this.ctx, evaluateTemplate(this.source, props, this.ctx.lookupGlobal));
  }
  getCode(): string {
    return this.source;
  }
  getRawContent(): string {
    return this.source;
  }
}

type ServiceApi = Pick<
  GoogleAppsScript.HTML.HtmlService,
  'createHtmlOutput' | 'createHtmlOutputFromFile' | 'createTemplateFromFile' | 'createTemplate'
>;

class FakeHtmlService implements ServiceApi {
  SandboxMode = SandboxMode;
  XFrameOptionsMode = XFrameOptionsMode;
  constructor(
    private readonly ctx: Ctx,
    private readonly files: Record<string, string>,
  ) {}
  private file(name: string): string {
    const key = name.replace(/\.html$/, '');
    const src = this.files[key] ?? this.files[`${key}.html`];
    if (src === undefined) throw new Error(`No HTML file named ${key} was found.`);
    return src;
  }
  createHtmlOutput(html?: any): HtmlOutput {
    return makeOutput(this.ctx, html === undefined ? '' : String(html));
  }
  createHtmlOutputFromFile(filename: string): HtmlOutput {
    return makeOutput(this.ctx, this.file(filename));
  }
  createTemplate(html: any): HtmlTemplate {
    return this.template(String(html));
  }
  createTemplateFromFile(filename: string): HtmlTemplate {
    return this.template(this.file(filename));
  }
  private template(src: string): HtmlTemplate {
    return strictFake<HtmlTemplate>(new FakeHtmlTemplate(this.ctx, src), 'HtmlTemplate', 'HtmlService', this.ctx.env);
  }
}

export function createHtmlService(ctx: Ctx, files: Record<string, string>): GoogleAppsScript.HTML.HtmlService {
  return strictFake(new FakeHtmlService(ctx, files), 'HtmlService', 'HtmlService', ctx.env);
}
