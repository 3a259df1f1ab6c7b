import type { NodeLocation } from './node-location.js';
import type { Identifier, QualifiedName } from './identifier.js';
import type { Expression } from './expression.js';
import type { DataTypeNode } from './data-type.js';

/** A routine parameter `[name] type`. */
export interface ParameterDeclaration {
  readonly kind: 'ParameterDeclaration';
  readonly name: Identifier | undefined;
  readonly type: DataTypeNode;
  readonly location: NodeLocation;
}

export interface LanguageCharacteristic {
  readonly kind: 'LanguageCharacteristic';
  readonly language: Identifier;
  readonly location: NodeLocation;
}

export interface DeterministicCharacteristic {
  readonly kind: 'DeterministicCharacteristic';
  readonly deterministic: boolean;
  readonly location: NodeLocation;
}

/** `RETURNS NULL ON NULL INPUT` (calledOnNullInput false) / `CALLED ON NULL INPUT` (true). */
export interface NullInputCharacteristic {
  readonly kind: 'NullInputCharacteristic';
  readonly calledOnNullInput: boolean;
  readonly location: NodeLocation;
}

export interface SecurityCharacteristic {
  readonly kind: 'SecurityCharacteristic';
  readonly security: 'DEFINER' | 'INVOKER';
  readonly location: NodeLocation;
}

export interface CommentCharacteristic {
  readonly kind: 'CommentCharacteristic';
  readonly comment: string;
  readonly location: NodeLocation;
}

/** `WITH (name = value, ...)` among a routine's characteristics. */
export interface PropertiesCharacteristic {
  readonly kind: 'PropertiesCharacteristic';
  readonly properties: readonly import('./statement.js').Property[];
  readonly location: NodeLocation;
}

export type RoutineCharacteristic =
  | LanguageCharacteristic
  | DeterministicCharacteristic
  | NullInputCharacteristic
  | SecurityCharacteristic
  | CommentCharacteristic
  | PropertiesCharacteristic;

/** `CREATE FUNCTION` / `WITH FUNCTION` body: signature, characteristics and statement. */
export interface FunctionSpecification {
  readonly kind: 'FunctionSpecification';
  readonly name: QualifiedName;
  readonly parameters: readonly ParameterDeclaration[];
  readonly returnType: DataTypeNode;
  readonly routineCharacteristics: readonly RoutineCharacteristic[];
  readonly statement: ControlStatement;
  readonly location: NodeLocation;
}

// ---- control statements of SQL routines ----

export interface ReturnStatement {
  readonly kind: 'ReturnStatement';
  readonly value: Expression;
  readonly location: NodeLocation;
}

export interface VariableDeclaration {
  readonly kind: 'VariableDeclaration';
  readonly names: readonly Identifier[];
  readonly type: DataTypeNode;
  readonly defaultValue: Expression | undefined;
  readonly location: NodeLocation;
}

/** `[label:] BEGIN [DECLARE ...;]* [statement;]* END`. */
export interface CompoundStatement {
  readonly kind: 'CompoundStatement';
  readonly label: Identifier | undefined;
  readonly variableDeclarations: readonly VariableDeclaration[];
  readonly statements: readonly ControlStatement[];
  readonly location: NodeLocation;
}

export interface AssignmentStatement {
  readonly kind: 'AssignmentStatement';
  readonly target: Identifier;
  readonly value: Expression;
  readonly location: NodeLocation;
}

export interface ElseIfClause {
  readonly kind: 'ElseIfClause';
  readonly expression: Expression;
  readonly statements: readonly ControlStatement[];
  readonly location: NodeLocation;
}

export interface ElseClause {
  readonly kind: 'ElseClause';
  readonly statements: readonly ControlStatement[];
  readonly location: NodeLocation;
}

export interface IfStatement {
  readonly kind: 'IfStatement';
  readonly expression: Expression;
  readonly statements: readonly ControlStatement[];
  readonly elseIfClauses: readonly ElseIfClause[];
  readonly elseClause: ElseClause | undefined;
  readonly location: NodeLocation;
}

export interface CaseStatementWhenClause {
  readonly kind: 'CaseStatementWhenClause';
  readonly expression: Expression;
  readonly statements: readonly ControlStatement[];
  readonly location: NodeLocation;
}

/** `CASE [operand] WHEN ... THEN stmts; ... [ELSE stmts;] END CASE`. */
export interface CaseStatement {
  readonly kind: 'CaseStatement';
  readonly expression: Expression | undefined;
  readonly whenClauses: readonly CaseStatementWhenClause[];
  readonly elseClause: ElseClause | undefined;
  readonly location: NodeLocation;
}

export interface WhileStatement {
  readonly kind: 'WhileStatement';
  readonly label: Identifier | undefined;
  readonly expression: Expression;
  readonly statements: readonly ControlStatement[];
  readonly location: NodeLocation;
}

export interface RepeatStatement {
  readonly kind: 'RepeatStatement';
  readonly label: Identifier | undefined;
  readonly statements: readonly ControlStatement[];
  readonly condition: Expression;
  readonly location: NodeLocation;
}

export interface LoopStatement {
  readonly kind: 'LoopStatement';
  readonly label: Identifier | undefined;
  readonly statements: readonly ControlStatement[];
  readonly location: NodeLocation;
}

export interface LeaveStatement {
  readonly kind: 'LeaveStatement';
  readonly label: Identifier;
  readonly location: NodeLocation;
}

export interface IterateStatement {
  readonly kind: 'IterateStatement';
  readonly label: Identifier;
  readonly location: NodeLocation;
}

export type ControlStatement =
  | ReturnStatement
  | CompoundStatement
  | AssignmentStatement
  | IfStatement
  | CaseStatement
  | WhileStatement
  | RepeatStatement
  | LoopStatement
  | LeaveStatement
  | IterateStatement;
