import type { Identifier, QualifiedName } from './identifier.js';
import type { DataTypeNode, DataTypeParameter, RowField } from './data-type.js';
import type { Expression, JsonArrayElement, JsonObjectMember, JsonPathInvocation, JsonPathParameter, WhenClause } from './expression.js';
import type { QueryBody, Query, OrderBy, SortItem, Offset, Limit, FetchFirst, AllRows, With, WithQuery, Select, SelectItem, GroupBy, GroupingElement, SessionProperty } from './query.js';
import type { Relation, JoinCriteria, QueryPeriod, TableFunctionArgument, TableFunctionTableArgument, Descriptor, DescriptorField, MeasureDefinition, SubsetDefinition, VariableDefinition, SkipTo, RowPattern, PatternQuantifier, JsonTableColumn, JsonTablePlan } from './relation.js';
import type { Window, WindowDefinition, WindowFrame, FrameBound } from './window.js';
import type { Statement, Property, PrincipalSpecification, GrantorSpecification, ExplainOption, PathElement, CallArgument, TransactionMode, TableElement, UpdateAssignment, MergeCase, GrantObject } from './statement.js';
import type { ControlStatement, FunctionSpecification, ParameterDeclaration, RoutineCharacteristic, VariableDeclaration, ElseIfClause, ElseClause, CaseStatementWhenClause } from './routine.js';

/** Every AST node. Each has a `kind` tag and a `location`. */
export type Node =
  | Identifier
  | QualifiedName
  | DataTypeNode
  | DataTypeParameter
  | RowField
  | Expression
  | WhenClause
  | JsonPathInvocation
  | JsonPathParameter
  | JsonObjectMember
  | JsonArrayElement
  | QueryBody
  | Query
  | OrderBy
  | SortItem
  | Offset
  | Limit
  | FetchFirst
  | AllRows
  | With
  | WithQuery
  | Select
  | SelectItem
  | GroupBy
  | GroupingElement
  | SessionProperty
  | Relation
  | JoinCriteria
  | QueryPeriod
  | TableFunctionArgument
  | TableFunctionTableArgument
  | Descriptor
  | DescriptorField
  | MeasureDefinition
  | SubsetDefinition
  | VariableDefinition
  | SkipTo
  | RowPattern
  | PatternQuantifier
  | JsonTableColumn
  | JsonTablePlan
  | Window
  | WindowDefinition
  | WindowFrame
  | FrameBound
  | Statement
  | Property
  | PrincipalSpecification
  | GrantorSpecification
  | ExplainOption
  | PathElement
  | CallArgument
  | TransactionMode
  | TableElement
  | UpdateAssignment
  | MergeCase
  | GrantObject
  | ControlStatement
  | FunctionSpecification
  | ParameterDeclaration
  | RoutineCharacteristic
  | VariableDeclaration
  | ElseIfClause
  | ElseClause
  | CaseStatementWhenClause;
