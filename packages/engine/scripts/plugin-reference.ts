import { readFile } from 'node:fs/promises';
import ts from 'typescript';

const ROOT = new URL('../../../', import.meta.url);

/** What the reference documents, section by section: the declarations of the plugin API, by file and name, in reading order. */
const SECTIONS: readonly { readonly title: string; readonly intro: string; readonly file: string; readonly names: readonly (string | Excerpt)[] }[] = [
  {
    title: 'Declaring a plugin',
    intro: 'From `@zhili/engine`.',
    file: 'packages/engine/src/plugins/define.ts',
    names: ['definePlugin'],
  },
  {
    title: 'The plugin and what setup is given',
    intro: 'From `@zhili/engine`.',
    file: 'packages/engine/src/plugins/types.ts',
    names: ['ZhiliPlugin', 'PluginApi', 'PluginServices', 'PluginEnv', 'RecordHooks', 'RecordHookArgs', 'AfterRecordArgs', 'BeforeTransitionArgs', 'TransitionHookArgs', 'BeforePostingArgs', 'PostingHookArgs', 'JobArgs'],
  },
  {
    title: 'Transitions',
    intro: 'From `@zhili/engine`: what the transition hooks are told.',
    file: 'packages/engine/src/workflows/service.ts',
    names: ['TransitionEvent'],
  },
  {
    title: 'The services',
    intro: 'What `PluginServices` holds: the engine’s services but its database handle, sessions and audit writer. Each method takes `{ actor }` first.',
    file: 'packages/engine/src/engine.ts',
    names: [{ name: 'Engine', heading: 'PluginServices', exclude: ['db', 'close', 'plugins', 'auth', 'audit'] }],
  },
  {
    title: 'Grid rule kinds',
    intro: 'From `@zhili/engine`; `api.gridRuleKind(kind)` registers one.',
    file: 'packages/engine/src/grids/rules/kind.ts',
    names: ['GridRuleKind', 'RuleCheckContext', 'RuleProblem', 'RuleContext', 'RuleOutcome'],
  },
  {
    title: 'Council rule kinds',
    intro: 'From `@zhili/engine`; `api.councilRuleKind(kind)` registers one, and a council body’s `rules` name it.',
    file: 'packages/engine/src/councils/rule-kinds.ts',
    names: ['CouncilRuleKind', 'CouncilRuleContext'],
  },
  {
    title: 'Points rule kinds',
    intro: 'From `@zhili/engine`; `api.pointsRuleKind(kind)` registers one, and a points rule names it in `kind` with its `options`.',
    file: 'packages/engine/src/points/rule-kinds.ts',
    names: ['PointsRuleKind', 'PointsRuleContext'],
  },
  {
    title: 'Formats',
    intro: 'From `@zhili/schemas`; `api.format(definition)` registers one, and the admin entry lists the same definition.',
    file: 'packages/schemas/src/formats.ts',
    names: ['FormatDefinition'],
  },
  {
    title: 'Keywords',
    intro: 'From `@zhili/schemas`; `api.keyword(definition)` registers one, and the admin entry lists the same definition.',
    file: 'packages/schemas/src/ajv.ts',
    names: ['KeywordDefinition'],
  },
  {
    title: 'Admin entries',
    intro: 'From `@zhili/admin/plugin`, in a module the package lists in `adminPlugins`.',
    file: 'packages/admin/src/plugins/api.ts',
    names: ['defineAdminPlugin', 'AdminPlugin', 'AdminPluginPage'],
  },
];

/** Part of an interface, under another heading: its members but those excluded. */
interface Excerpt {
  readonly name: string;
  readonly heading: string;
  readonly exclude: readonly string[];
}

/** The JSDoc text of a node (its comment, @default and @param tags), its lines kept; {@link X} as code. */
function docOf(node: ts.Node): string {
  const parts: string[] = [];
  for (const doc of ts.getJSDocCommentsAndTags(node)) {
    if (!ts.isJSDoc(doc)) continue;
    const comment = ts.getTextOfJSDocComment(doc.comment);
    if (comment) parts.push(comment);
    for (const tag of doc.tags ?? []) {
      const text = ts.getTextOfJSDocComment(tag.comment) ?? '';
      if (tag.tagName.text === 'default') parts.push(`Default: ${text}.`);
      else if (tag.tagName.text === 'param') parts.push(`\`${(tag as ts.JSDocParameterTag).name.getText()}\`: ${text}`);
    }
  }
  return parts
    .join('\n')
    .replace(/\{@link ([^}]+)\}/g, '`$1`')
    .trim();
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** A declaration as markdown: its heading, its doc, and its members (an interface) or its text (a type or a function's signature). */
function render(node: ts.Node, heading: string, source: ts.SourceFile, exclude: readonly string[] = []): string {
  const out = [`### \`${heading}\``, ''];
  const doc = exclude.length ? '' : docOf(node);
  if (doc) out.push(doc, '');
  if (ts.isInterfaceDeclaration(node)) {
    out.push('| Member | |', '|---|---|');
    for (const member of node.members) {
      if (member.name && exclude.includes(member.name.getText(source))) continue;
      out.push(`| \`${cell(oneLine(member.getText(source)).replace(/;$/, ''))}\` | ${cell(oneLine(docOf(member)))} |`);
    }
  } else if (ts.isFunctionDeclaration(node)) {
    const signature = source.text.slice(node.getStart(source), node.body?.getStart(source) ?? node.end).trim();
    out.push('```ts', signature, '```');
  } else {
    out.push('```ts', node.getText(source), '```');
  }
  return out.join('\n');
}

/** The declaration of `name` among a file's top-level statements. */
function find(source: ts.SourceFile, name: string): ts.Node {
  for (const statement of source.statements) {
    if ((ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isFunctionDeclaration(statement)) && statement.name?.text === name) return statement;
  }
  throw new Error(`${source.fileName} declares no ${name}`);
}

/** docs/plugin-api.md: the plugin API's reference, generated from its types and their doc comments. */
export async function pluginReference(): Promise<string> {
  const parts = [
    '# Plugin API reference',
    '',
    'Generated from the types by `npm run docs:plugins`; a test fails when this file and the types differ. The',
    'tutorial and the stability promise are in [plugins.md](plugins.md).',
  ];
  for (const section of SECTIONS) {
    const text = await readFile(new URL(section.file, ROOT), 'utf8');
    const source = ts.createSourceFile(section.file, text, ts.ScriptTarget.Latest, true, section.file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    parts.push('', `## ${section.title}`, '', `${section.intro} Source: \`${section.file}\`.`);
    for (const entry of section.names) {
      parts.push('', typeof entry === 'string' ? render(find(source, entry), entry, source) : render(find(source, entry.name), entry.heading, source, entry.exclude));
    }
  }
  return `${parts.join('\n')}\n`;
}
