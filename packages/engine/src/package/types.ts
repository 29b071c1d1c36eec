import type {
  Calendar,
  ChecklistConfig,
  ChecklistKind,
  CouncilConfig,
  GridRulesConfig,
  Level,
  Locale,
  Module,
  PackageManifest,
  PointsSchemeConfig,
  RecordSchema,
  ResourceConfig,
  RoleConfig,
  RoleGrant,
  Text,
  WorkflowConfig,
  WorkflowOpen,
  WorkflowState,
  WorkflowTransition,
} from '@zhili/schemas';
import type { PackageRef } from '../model/types.ts';
import type { Origin } from './origin.ts';
import type { SourceFile } from './source.ts';

/** One package of an extends chain, as read from its folder and checked against the meta-schemas. */
export interface Layer {
  /** Absolute folder, symlinks resolved. */
  readonly dir: string;
  /** npm package name, or the folder name. */
  readonly name: string;
  readonly manifestSource: SourceFile;
  /** The manifest with the parts that failed validation left out. */
  readonly manifest: Partial<PackageManifest>;
  /** Pointers of manifest parts that failed validation. */
  readonly broken: ReadonlySet<string>;
  /** Resource files in file-name order, each with the parts that failed validation left out. */
  readonly resources: readonly ResourceFile[];
  /** Role files in file-name order, each with the parts that failed validation left out. */
  readonly roles: readonly RoleFile[];
  /** Checklist files in file-name order, each with the parts that failed validation left out. */
  readonly checklists: readonly ChecklistFile[];
  /** Workflow files in file-name order, each with the parts that failed validation left out. */
  readonly workflows: readonly WorkflowFile[];
  /** Grid rule files in file-name order, each with the parts that failed validation left out. */
  readonly grids: readonly GridFile[];
  /** Points scheme files in file-name order, each with the parts that failed validation left out. */
  readonly points: readonly PointsFile[];
  /** Council files (bodies and procedures) in file-name order, each with the parts that failed validation left out. */
  readonly councils: readonly CouncilFile[];
  /** Absolute path of this package's own org tree (manifest orgTree, else data/org-tree.yaml), or null. */
  readonly orgTreeFile: string | null;
  /** Absolute path of this package's own demo-data module, or null. */
  readonly demoDataModule: string | null;
  /** Absolute paths of this package's own plugin modules, in the manifest's order. */
  readonly pluginModules: readonly string[];
  /** Absolute paths of this package's own plugins' admin entries, in the manifest's order. */
  readonly adminPluginModules: readonly string[];
}

/** A resource file, validated. */
export interface ResourceFile {
  readonly source: SourceFile;
  readonly config: ResourceConfig;
  /** Pointers (relative to the resource) of parts that failed validation, e.g. /title or /schema/properties/age. */
  readonly broken: ReadonlySet<string>;
}

/** A role file, validated. */
export interface RoleFile {
  readonly source: SourceFile;
  readonly config: RoleConfig;
  /** Pointers of top-level keys that failed validation, e.g. /grants. */
  readonly broken: ReadonlySet<string>;
}

/** A checklist file, validated. */
export interface ChecklistFile {
  readonly source: SourceFile;
  readonly config: ChecklistConfig;
  /**
   * Pointers of parts that failed validation and were left out: top-level keys, item schema fields
   * (/itemSchema/properties/<name>) or items (/items/<i>, the item's place in the file).
   */
  readonly broken: ReadonlySet<string>;
}

/** A workflow file, validated. */
export interface WorkflowFile {
  readonly source: SourceFile;
  readonly config: WorkflowConfig;
  /** Pointers of top-level keys that failed validation, e.g. /states. */
  readonly broken: ReadonlySet<string>;
}

/** A workflow with every layer's file merged into it: keys given by a child replace the parent's (states and transitions as a whole). */
export interface MergedWorkflow {
  readonly config: WorkflowConfig;
  /** Where each key of the merged config was written. */
  readonly origin: Origin;
  /** Absolute path of the file that first declared the workflow. */
  readonly sourceFile: string;
  /** Union of the broken parts of every file merged in. */
  readonly broken: ReadonlySet<string>;
}

/** A workflow of a valid package: everything required after merging is there. */
export interface LoadedWorkflow extends MergedWorkflow {
  readonly config: WorkflowConfig & {
    readonly title: Text;
    readonly resource: string;
    readonly initial: string;
    readonly open: WorkflowOpen;
    readonly states: readonly WorkflowState[];
    readonly transitions: readonly WorkflowTransition[];
  };
}

/** A grid rule file, validated. */
export interface GridFile {
  readonly source: SourceFile;
  readonly config: GridRulesConfig;
  /** Pointers of top-level keys that failed validation, e.g. /rules. */
  readonly broken: ReadonlySet<string>;
}

/** A grid rule set with every layer's file merged into it: keys given by a child replace the parent's (rules as a whole). */
export interface MergedGrids {
  readonly config: GridRulesConfig;
  readonly origin: Origin;
  /** Absolute path of the file that first declared the rule set. */
  readonly sourceFile: string;
  readonly broken: ReadonlySet<string>;
}

/** The grid rule set of a valid package: its title is there. */
export interface LoadedGrids extends MergedGrids {
  readonly config: GridRulesConfig & { readonly title: Text };
}

/** A points scheme file, validated. */
export interface PointsFile {
  readonly source: SourceFile;
  readonly config: PointsSchemeConfig;
  /** Pointers of top-level keys that failed validation, e.g. /rules. */
  readonly broken: ReadonlySet<string>;
}

/** A points scheme with every layer's file merged into it: keys given by a child replace the parent's (rules and catalogue as a whole). */
export interface MergedPoints {
  readonly config: PointsSchemeConfig;
  readonly origin: Origin;
  /** Absolute path of the file that first declared the scheme. */
  readonly sourceFile: string;
  readonly broken: ReadonlySet<string>;
}

/** A council file (bodies and procedures), validated. */
export interface CouncilFile {
  readonly source: SourceFile;
  readonly config: CouncilConfig;
  /** Pointers of top-level keys that failed validation, e.g. /bodies. */
  readonly broken: ReadonlySet<string>;
}

/** A council set with every layer's file merged into it: keys given by a child replace the parent's (bodies and procedures as a whole). */
export interface MergedCouncils {
  readonly config: CouncilConfig;
  readonly origin: Origin;
  /** Absolute path of the file that first declared the set. */
  readonly sourceFile: string;
  readonly broken: ReadonlySet<string>;
}

/** A points scheme of a valid package: everything required after merging is there. */
export interface LoadedPoints extends MergedPoints {
  readonly config: PointsSchemeConfig & {
    readonly title: Text;
    readonly holder: NonNullable<PointsSchemeConfig['holder']>;
    readonly categories: NonNullable<PointsSchemeConfig['categories']>;
    readonly rules: NonNullable<PointsSchemeConfig['rules']>;
  };
}

/** A council set of a valid package: its title is there. */
export interface LoadedCouncils extends MergedCouncils {
  readonly config: CouncilConfig & { readonly title: Text };
}

/** A role with every layer's file merged into it: keys given by a child replace the parent's. */
export interface MergedRole {
  readonly config: RoleConfig;
  /** Where each key of the merged config was written. */
  readonly origin: Origin;
  /** Absolute path of the file that first declared the role. */
  readonly sourceFile: string;
  /** Union of the broken parts of every file merged in. */
  readonly broken: ReadonlySet<string>;
}

/** A role of a valid package: title and grants are there. */
export interface LoadedRole extends MergedRole {
  readonly config: RoleConfig & { readonly title: Text; readonly grants: RoleGrant[] };
}

/**
 * A checklist with every layer's file merged into it: keys given replace the parent's, except
 * itemSchema (merged like a record schema) and items (merged by code).
 */
export interface MergedChecklist {
  readonly config: ChecklistConfig;
  /** Where each part of the merged config was written. */
  readonly origin: Origin;
  /** Absolute path of the file that first declared the checklist. */
  readonly sourceFile: string;
  /** Union of the broken parts of every file merged in. */
  readonly broken: ReadonlySet<string>;
}

/** A checklist of a valid package: everything required after merging is there. */
export interface LoadedChecklist extends MergedChecklist {
  readonly config: ChecklistConfig & { readonly title: Text; readonly kind: ChecklistKind; readonly owner: string; readonly itemSchema: RecordSchema };
}

/** A resource with every layer's file merged into it. */
export interface MergedResource {
  readonly config: ResourceConfig;
  /** Where each part of the merged config was written. */
  readonly origin: Origin;
  /** Absolute path of the file that first declared the resource (the top-most package's). */
  readonly sourceFile: string;
  /** Union of the broken parts of every file merged in. */
  readonly broken: ReadonlySet<string>;
}

/** A resource of a valid package: everything required after merging is there. */
export interface LoadedResource extends MergedResource {
  readonly config: ResourceConfig & { readonly title: Text; readonly level: string; readonly schema: RecordSchema };
}

/**
 * A config package with its parents merged in and every check passed: the input of `compile()`.
 * Origins say where each merged part was written, for checks that later stages run.
 */
export interface LoadedPackage {
  /** Absolute folder of the loaded (leaf) package. */
  readonly dir: string;
  /** The leaf package's manifest as authored. */
  readonly manifest: PackageManifest;
  /** Default locale: the nearest package's that names one. */
  readonly locale: Locale;
  /** The merged packages, parents first, the loaded package last. */
  readonly packages: readonly PackageRef[];
  readonly levels: readonly Level[];
  /** The working calendars of the layers, parents first (undefined where a layer gives none). */
  readonly calendars: readonly (Calendar | undefined)[];
  /** Menu groups merged by id, parents' first. */
  readonly modules: readonly Module[];
  /** Resources in declaration order, parents' first. */
  readonly resources: readonly LoadedResource[];
  /** Roles in declaration order, parents' first. */
  readonly roles: readonly LoadedRole[];
  /** Checklists in declaration order, parents' first. */
  readonly checklists: readonly LoadedChecklist[];
  /** Workflows in declaration order, parents' first. */
  readonly workflows: readonly LoadedWorkflow[];
  /** Grid rule sets (at most one). */
  readonly grids: readonly LoadedGrids[];
  /** Points schemes in declaration order, parents' first. */
  readonly points: readonly LoadedPoints[];
  /** Council sets in declaration order, parents' first. */
  readonly councils: readonly LoadedCouncils[];
  readonly orgTreeFile: string | null;
  readonly demoDataModule: string | null;
  /** The plugin modules of every layer, parents' first, each once. */
  readonly pluginModules: readonly string[];
  /** The plugins' admin entries of every layer, parents' first, each once. */
  readonly adminPluginModules: readonly string[];
  readonly origins: {
    readonly manifest: Origin;
    /** Origin of the levels list in force, or null when no package declares levels. */
    readonly levels: Origin | null;
    /** Origin of each module, by id. */
    readonly modules: ReadonlyMap<string, Origin>;
  };
}

/** The merge result before the post-merge checks: resources may still lack what they need. */
export interface MergedPackage extends Omit<LoadedPackage, 'resources' | 'roles' | 'checklists' | 'workflows' | 'grids' | 'councils' | 'points' | 'manifest'> {
  readonly manifest: Partial<PackageManifest>;
  readonly resources: readonly MergedResource[];
  readonly roles: readonly MergedRole[];
  readonly checklists: readonly MergedChecklist[];
  readonly workflows: readonly MergedWorkflow[];
  readonly grids: readonly MergedGrids[];
  readonly points: readonly MergedPoints[];
  readonly councils: readonly MergedCouncils[];
  /** Pointers of broken parts of the leaf manifest and of levels/modules in any layer: checks against them are skipped. */
  readonly brokenManifest: ReadonlySet<string>;
}
