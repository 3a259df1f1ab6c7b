import type { NodeLocation } from './node-location.js';
import type { Identifier, QualifiedName } from './identifier.js';
import type { Expression } from './expression.js';
import type { StringLiteral } from './literal.js';
import type { DataTypeNode } from './data-type.js';
import type { Query } from './query.js';
import type { Relation, Table } from './relation.js';
import type { FunctionSpecification } from './routine.js';

interface Located {
  readonly location: NodeLocation;
}

/** `name = value` in a `WITH (...)` list; `value` is undefined for `name = DEFAULT`. */
export interface Property extends Located {
  readonly kind: 'Property';
  readonly name: Identifier;
  readonly value: Expression | undefined;
}

/** `[USER|ROLE] name`; UNSPECIFIED when neither is written. */
export interface PrincipalSpecification extends Located {
  readonly kind: 'PrincipalSpecification';
  readonly type: 'UNSPECIFIED' | 'USER' | 'ROLE';
  readonly name: Identifier;
}

/** `GRANTED BY principal | CURRENT_USER | CURRENT_ROLE`. */
export interface GrantorSpecification extends Located {
  readonly kind: 'GrantorSpecification';
  readonly type: 'PRINCIPAL' | 'CURRENT_USER' | 'CURRENT_ROLE';
  readonly principal: PrincipalSpecification | undefined;
}

/** `LIKE pattern [ESCAPE e]` of SHOW statements. */
export interface ShowFilter {
  readonly likePattern: string | undefined;
  readonly escape: string | undefined;
}

// ---- queries, explain, prepared statements ----

export type ExplainOption =
  | { readonly kind: 'ExplainFormat'; readonly type: 'TEXT' | 'GRAPHVIZ' | 'JSON'; readonly location: NodeLocation }
  | { readonly kind: 'ExplainType'; readonly type: 'LOGICAL' | 'DISTRIBUTED' | 'VALIDATE' | 'IO'; readonly location: NodeLocation };

export interface Explain extends Located {
  readonly kind: 'Explain';
  readonly analyze: boolean;
  readonly verbose: boolean;
  readonly options: readonly ExplainOption[];
  readonly statement: Statement;
}

export interface Prepare extends Located {
  readonly kind: 'Prepare';
  readonly name: Identifier;
  readonly statement: Statement;
}

export interface Execute extends Located {
  readonly kind: 'Execute';
  readonly name: Identifier;
  readonly parameters: readonly Expression[];
}

export interface ExecuteImmediate extends Located {
  readonly kind: 'ExecuteImmediate';
  readonly statement: StringLiteral;
  readonly parameters: readonly Expression[];
}

export interface Deallocate extends Located {
  readonly kind: 'Deallocate';
  readonly name: Identifier;
}

export interface DescribeInput extends Located {
  readonly kind: 'DescribeInput';
  readonly name: Identifier;
}

export interface DescribeOutput extends Located {
  readonly kind: 'DescribeOutput';
  readonly name: Identifier;
}

// ---- SHOW ----

export interface ShowCatalogs extends Located, ShowFilter {
  readonly kind: 'ShowCatalogs';
}

export interface ShowSchemas extends Located, ShowFilter {
  readonly kind: 'ShowSchemas';
  readonly catalog: Identifier | undefined;
}

export interface ShowTables extends Located, ShowFilter {
  readonly kind: 'ShowTables';
  readonly schema: QualifiedName | undefined;
}

/** `SHOW COLUMNS FROM t` and `DESCRIBE t` (`describe` tells which was written). */
export interface ShowColumns extends Located, ShowFilter {
  readonly kind: 'ShowColumns';
  readonly table: QualifiedName;
  readonly describe: boolean;
}

export interface ShowCreate extends Located {
  readonly kind: 'ShowCreate';
  readonly type: 'TABLE' | 'VIEW' | 'MATERIALIZED_VIEW' | 'SCHEMA' | 'FUNCTION';
  readonly name: QualifiedName;
}

export interface ShowFunctions extends Located, ShowFilter {
  readonly kind: 'ShowFunctions';
  readonly schema: QualifiedName | undefined;
}

export interface ShowSession extends Located, ShowFilter {
  readonly kind: 'ShowSession';
}

/** `SHOW STATS FOR t` (a Table) or `SHOW STATS FOR (query)` (a TableSubquery). */
export interface ShowStats extends Located {
  readonly kind: 'ShowStats';
  readonly relation: Relation;
}

export interface ShowGrants extends Located {
  readonly kind: 'ShowGrants';
  /** `ON [TABLE] name`; undefined when no ON clause is written. */
  readonly table: QualifiedName | undefined;
  readonly tableKeyword: boolean;
}

/** `SHOW [CURRENT] ROLES [FROM catalog]`. */
export interface ShowRoles extends Located {
  readonly kind: 'ShowRoles';
  readonly catalog: Identifier | undefined;
  readonly current: boolean;
}

export interface ShowRoleGrants extends Located {
  readonly kind: 'ShowRoleGrants';
  readonly catalog: Identifier | undefined;
}

export interface ShowBranches extends Located, ShowFilter {
  readonly kind: 'ShowBranches';
  readonly table: QualifiedName;
}

// ---- session ----

export interface Use extends Located {
  readonly kind: 'Use';
  readonly catalog: Identifier | undefined;
  readonly schema: Identifier;
}

export interface SetSession extends Located {
  readonly kind: 'SetSession';
  readonly name: QualifiedName;
  readonly value: Expression;
}

export interface ResetSession extends Located {
  readonly kind: 'ResetSession';
  readonly name: QualifiedName;
}

export interface SetSessionAuthorization extends Located {
  readonly kind: 'SetSessionAuthorization';
  /** An Identifier or a StringLiteral as written. */
  readonly user: Expression;
}

export interface ResetSessionAuthorization extends Located {
  readonly kind: 'ResetSessionAuthorization';
}

/** `SET TIME ZONE LOCAL` (timeZone undefined) or `SET TIME ZONE expr`. */
export interface SetTimeZone extends Located {
  readonly kind: 'SetTimeZone';
  readonly timeZone: Expression | undefined;
}

export interface PathElement extends Located {
  readonly kind: 'PathElement';
  readonly catalog: Identifier | undefined;
  readonly schema: Identifier;
}

export interface SetPath extends Located {
  readonly kind: 'SetPath';
  readonly path: readonly PathElement[];
}

export interface CallArgument extends Located {
  readonly kind: 'CallArgument';
  readonly name: Identifier | undefined;
  readonly value: Expression;
}

export interface Call extends Located {
  readonly kind: 'Call';
  readonly name: QualifiedName;
  readonly arguments: readonly CallArgument[];
}

// ---- transactions ----

export type TransactionMode =
  | { readonly kind: 'Isolation'; readonly level: 'SERIALIZABLE' | 'REPEATABLE READ' | 'READ COMMITTED' | 'READ UNCOMMITTED'; readonly location: NodeLocation }
  | { readonly kind: 'TransactionAccessMode'; readonly readOnly: boolean; readonly location: NodeLocation };

export interface StartTransaction extends Located {
  readonly kind: 'StartTransaction';
  readonly transactionModes: readonly TransactionMode[];
}

export interface Commit extends Located {
  readonly kind: 'Commit';
}

export interface Rollback extends Located {
  readonly kind: 'Rollback';
}

// ---- schemas ----

export interface CreateSchema extends Located {
  readonly kind: 'CreateSchema';
  readonly schemaName: QualifiedName;
  readonly notExists: boolean;
  readonly properties: readonly Property[];
  readonly principal: PrincipalSpecification | undefined;
}

export interface DropSchema extends Located {
  readonly kind: 'DropSchema';
  readonly schemaName: QualifiedName;
  readonly exists: boolean;
  readonly cascade: boolean;
}

export interface RenameSchema extends Located {
  readonly kind: 'RenameSchema';
  readonly source: QualifiedName;
  readonly target: Identifier;
}

export interface SetSchemaAuthorization extends Located {
  readonly kind: 'SetSchemaAuthorization';
  readonly source: QualifiedName;
  readonly principal: PrincipalSpecification;
}

// ---- tables ----

export interface ColumnDefinition extends Located {
  readonly kind: 'ColumnDefinition';
  readonly name: QualifiedName;
  readonly type: DataTypeNode;
  readonly nullable: boolean;
  readonly properties: readonly Property[];
  readonly comment: string | undefined;
}

/** `LIKE t [INCLUDING|EXCLUDING PROPERTIES]` inside CREATE TABLE's element list. */
export interface LikeClauseElement extends Located {
  readonly kind: 'LikeClause';
  readonly tableName: QualifiedName;
  readonly propertiesOption: 'INCLUDING' | 'EXCLUDING' | undefined;
}

export type TableElement = ColumnDefinition | LikeClauseElement;

export type SaveMode = 'FAIL' | 'IGNORE' | 'REPLACE';

export interface CreateTable extends Located {
  readonly kind: 'CreateTable';
  readonly name: QualifiedName;
  readonly elements: readonly TableElement[];
  /** IGNORE for IF NOT EXISTS, REPLACE for OR REPLACE, FAIL otherwise. */
  readonly saveMode: SaveMode;
  readonly properties: readonly Property[];
  readonly comment: string | undefined;
}

export interface CreateTableAsSelect extends Located {
  readonly kind: 'CreateTableAsSelect';
  readonly name: QualifiedName;
  readonly query: Query;
  readonly saveMode: SaveMode;
  readonly properties: readonly Property[];
  /** `WITH NO DATA` is false. */
  readonly withData: boolean;
  readonly columnAliases: readonly Identifier[] | undefined;
  readonly comment: string | undefined;
}

export interface DropTable extends Located {
  readonly kind: 'DropTable';
  readonly tableName: QualifiedName;
  readonly exists: boolean;
}

export interface RenameTable extends Located {
  readonly kind: 'RenameTable';
  readonly source: QualifiedName;
  readonly target: QualifiedName;
  readonly exists: boolean;
}

export interface AddColumn extends Located {
  readonly kind: 'AddColumn';
  readonly name: QualifiedName;
  readonly column: ColumnDefinition;
  readonly tableExists: boolean;
  readonly columnNotExists: boolean;
}

export interface DropColumn extends Located {
  readonly kind: 'DropColumn';
  readonly table: QualifiedName;
  /** May be dotted for nested fields. */
  readonly field: QualifiedName;
  readonly tableExists: boolean;
  readonly columnExists: boolean;
}

export interface RenameColumn extends Located {
  readonly kind: 'RenameColumn';
  readonly table: QualifiedName;
  readonly source: QualifiedName;
  readonly target: Identifier;
  readonly tableExists: boolean;
  readonly columnExists: boolean;
}

export interface SetColumnType extends Located {
  readonly kind: 'SetColumnType';
  readonly tableName: QualifiedName;
  readonly columnName: QualifiedName;
  readonly type: DataTypeNode;
  readonly tableExists: boolean;
}

export interface DropNotNullConstraint extends Located {
  readonly kind: 'DropNotNullConstraint';
  readonly table: QualifiedName;
  readonly column: Identifier;
  readonly tableExists: boolean;
}

export interface SetProperties extends Located {
  readonly kind: 'SetProperties';
  readonly type: 'TABLE' | 'MATERIALIZED_VIEW';
  readonly name: QualifiedName;
  readonly properties: readonly Property[];
}

export interface SetTableAuthorization extends Located {
  readonly kind: 'SetTableAuthorization';
  readonly source: QualifiedName;
  readonly principal: PrincipalSpecification;
}

/** `ALTER TABLE t EXECUTE procedure(args) [WHERE ...]`. */
export interface TableExecute extends Located {
  readonly kind: 'TableExecute';
  readonly table: Table;
  readonly procedureName: Identifier;
  readonly arguments: readonly CallArgument[];
  readonly where: Expression | undefined;
}

export interface Analyze extends Located {
  readonly kind: 'Analyze';
  readonly tableName: QualifiedName;
  readonly properties: readonly Property[];
}

export interface Truncate extends Located {
  readonly kind: 'Truncate';
  readonly tableName: QualifiedName;
}

export interface Comment extends Located {
  readonly kind: 'Comment';
  readonly type: 'TABLE' | 'VIEW' | 'COLUMN';
  readonly name: QualifiedName;
  /** undefined for `IS NULL`. */
  readonly comment: string | undefined;
}

// ---- views ----

export interface CreateView extends Located {
  readonly kind: 'CreateView';
  readonly name: QualifiedName;
  readonly query: Query;
  readonly replace: boolean;
  readonly comment: string | undefined;
  readonly security: 'DEFINER' | 'INVOKER' | undefined;
  readonly properties: readonly Property[];
}

export interface CreateMaterializedView extends Located {
  readonly kind: 'CreateMaterializedView';
  readonly name: QualifiedName;
  readonly query: Query;
  readonly replace: boolean;
  readonly notExists: boolean;
  readonly gracePeriod: Expression | undefined;
  readonly properties: readonly Property[];
  readonly comment: string | undefined;
  /** `WHEN STALE INLINE|FAIL`; absent when not written. */
  readonly whenStale?: 'INLINE' | 'FAIL' | undefined;
}

export interface RefreshMaterializedView extends Located {
  readonly kind: 'RefreshMaterializedView';
  readonly name: QualifiedName;
}

export interface DropView extends Located {
  readonly kind: 'DropView';
  readonly name: QualifiedName;
  readonly exists: boolean;
}

export interface DropMaterializedView extends Located {
  readonly kind: 'DropMaterializedView';
  readonly name: QualifiedName;
  readonly exists: boolean;
}

export interface RenameView extends Located {
  readonly kind: 'RenameView';
  readonly source: QualifiedName;
  readonly target: QualifiedName;
}

export interface RenameMaterializedView extends Located {
  readonly kind: 'RenameMaterializedView';
  readonly source: QualifiedName;
  readonly target: QualifiedName;
  readonly exists: boolean;
}

export interface SetViewAuthorization extends Located {
  readonly kind: 'SetViewAuthorization';
  readonly source: QualifiedName;
  readonly principal: PrincipalSpecification;
}

// ---- data changes ----

export interface Insert extends Located {
  readonly kind: 'Insert';
  readonly target: Table;
  readonly columns: readonly Identifier[] | undefined;
  readonly query: Query;
}

export interface Delete extends Located {
  readonly kind: 'Delete';
  /** A Table or an AliasedRelation over a Table. */
  readonly table: Relation;
  readonly where: Expression | undefined;
}

export interface UpdateAssignment extends Located {
  readonly kind: 'UpdateAssignment';
  readonly name: Identifier;
  readonly value: Expression;
}

export interface Update extends Located {
  readonly kind: 'Update';
  readonly table: Table;
  readonly assignments: readonly UpdateAssignment[];
  readonly where: Expression | undefined;
}

export interface MergeUpdate extends Located {
  readonly kind: 'MergeUpdate';
  readonly expression: Expression | undefined;
  readonly assignments: readonly UpdateAssignment[];
}

export interface MergeDelete extends Located {
  readonly kind: 'MergeDelete';
  readonly expression: Expression | undefined;
}

export interface MergeInsert extends Located {
  readonly kind: 'MergeInsert';
  readonly expression: Expression | undefined;
  readonly columns: readonly Identifier[] | undefined;
  readonly values: readonly Expression[];
}

/** MergeUpdate/MergeDelete are `WHEN MATCHED`, MergeInsert is `WHEN NOT MATCHED`. */
export type MergeCase = MergeUpdate | MergeDelete | MergeInsert;

export interface Merge extends Located {
  readonly kind: 'Merge';
  /** A Table or an AliasedRelation over a Table. */
  readonly target: Relation;
  readonly source: Relation;
  readonly predicate: Expression;
  readonly mergeCases: readonly MergeCase[];
}

// ---- security ----

/** `ON [SCHEMA|TABLE] name`; `entityKind` is what was written (undefined for none). */
export interface GrantObject extends Located {
  readonly kind: 'GrantObject';
  readonly entityKind: 'SCHEMA' | 'TABLE' | undefined;
  readonly name: QualifiedName;
}

export interface Grant extends Located {
  readonly kind: 'Grant';
  /** undefined for `ALL PRIVILEGES`; otherwise privilege names upper-cased (SELECT, INSERT, ...). */
  readonly privileges: readonly string[] | undefined;
  readonly grantObject: GrantObject;
  readonly grantee: PrincipalSpecification;
  readonly grantOption: boolean;
}

export interface Revoke extends Located {
  readonly kind: 'Revoke';
  readonly grantOptionFor: boolean;
  readonly privileges: readonly string[] | undefined;
  readonly grantObject: GrantObject;
  readonly grantee: PrincipalSpecification;
}

export interface Deny extends Located {
  readonly kind: 'Deny';
  readonly privileges: readonly string[] | undefined;
  readonly grantObject: GrantObject;
  readonly grantee: PrincipalSpecification;
}

export interface GrantRoles extends Located {
  readonly kind: 'GrantRoles';
  readonly roles: readonly Identifier[];
  readonly grantees: readonly PrincipalSpecification[];
  readonly adminOption: boolean;
  readonly grantor: GrantorSpecification | undefined;
  readonly catalog: Identifier | undefined;
}

export interface RevokeRoles extends Located {
  readonly kind: 'RevokeRoles';
  readonly roles: readonly Identifier[];
  readonly grantees: readonly PrincipalSpecification[];
  readonly adminOption: boolean;
  readonly grantor: GrantorSpecification | undefined;
  readonly catalog: Identifier | undefined;
}

export interface CreateRole extends Located {
  readonly kind: 'CreateRole';
  readonly name: Identifier;
  readonly grantor: GrantorSpecification | undefined;
  readonly catalog: Identifier | undefined;
}

export interface DropRole extends Located {
  readonly kind: 'DropRole';
  readonly name: Identifier;
  readonly catalog: Identifier | undefined;
  readonly exists: boolean;
}

export interface SetRole extends Located {
  readonly kind: 'SetRole';
  readonly type: 'ROLE' | 'ALL' | 'NONE';
  readonly role: Identifier | undefined;
  readonly catalog: Identifier | undefined;
}

// ---- catalogs and functions ----

export interface CreateCatalog extends Located {
  readonly kind: 'CreateCatalog';
  readonly catalogName: Identifier;
  readonly notExists: boolean;
  readonly connectorName: Identifier;
  readonly properties: readonly Property[];
  readonly principal: PrincipalSpecification | undefined;
  readonly comment: string | undefined;
}

export interface DropCatalog extends Located {
  readonly kind: 'DropCatalog';
  readonly catalogName: Identifier;
  readonly exists: boolean;
  readonly cascade: boolean;
}

export interface CreateFunction extends Located {
  readonly kind: 'CreateFunction';
  readonly replace: boolean;
  readonly specification: FunctionSpecification;
}

export interface DropFunction extends Located {
  readonly kind: 'DropFunction';
  readonly name: QualifiedName;
  readonly parameters: readonly import('./routine.js').ParameterDeclaration[];
  readonly exists: boolean;
}

export type Statement =
  | Query
  | Explain
  | Prepare
  | Execute
  | ExecuteImmediate
  | Deallocate
  | DescribeInput
  | DescribeOutput
  | ShowCatalogs
  | ShowSchemas
  | ShowTables
  | ShowColumns
  | ShowCreate
  | ShowFunctions
  | ShowSession
  | ShowStats
  | ShowGrants
  | ShowRoles
  | ShowRoleGrants
  | ShowBranches
  | Use
  | SetSession
  | ResetSession
  | SetSessionAuthorization
  | ResetSessionAuthorization
  | SetTimeZone
  | SetPath
  | Call
  | StartTransaction
  | Commit
  | Rollback
  | CreateSchema
  | DropSchema
  | RenameSchema
  | SetSchemaAuthorization
  | CreateTable
  | CreateTableAsSelect
  | DropTable
  | RenameTable
  | AddColumn
  | DropColumn
  | RenameColumn
  | SetColumnType
  | DropNotNullConstraint
  | SetProperties
  | SetTableAuthorization
  | TableExecute
  | Analyze
  | Truncate
  | Comment
  | CreateView
  | CreateMaterializedView
  | RefreshMaterializedView
  | DropView
  | DropMaterializedView
  | RenameView
  | RenameMaterializedView
  | SetViewAuthorization
  | Insert
  | Delete
  | Update
  | Merge
  | Grant
  | Revoke
  | Deny
  | GrantRoles
  | RevokeRoles
  | CreateRole
  | DropRole
  | SetRole
  | CreateCatalog
  | DropCatalog
  | CreateFunction
  | DropFunction;
