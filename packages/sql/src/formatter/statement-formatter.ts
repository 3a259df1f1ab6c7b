import { assertNever } from '@petrel/spi';
import { ExpressionFormatter, formatDataType, formatJsonFormat, formatJsonQueryBehavior, formatRowPattern, formatSkipTo, formatSubsets, formatWrapper } from './expression-formatter.js';
import { formatIdentifier, formatName, formatStringLiteral } from './quote.js';
import type { Expression } from '../tree/expression.js';
import type { Identifier } from '../tree/identifier.js';
import type { FetchFirst, GroupingElement, Limit, Offset, OrderBy, Query, QueryBody, QuerySpecification, SelectItem, With } from '../tree/query.js';
import type { JsonTableColumn, JsonTablePlan, JsonTableSpecificPlan, Relation, TableFunctionArgument } from '../tree/relation.js';
import type { ControlStatement, FunctionSpecification, ParameterDeclaration, RoutineCharacteristic } from '../tree/routine.js';
import type { CallArgument, ColumnDefinition, GrantObject, GrantorSpecification, PrincipalSpecification, Property, ShowFilter, Statement } from '../tree/statement.js';

const INDENT = '   ';

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.length > 0 ? INDENT + line : line))
    .join('\n');
}

/** Prints statements as canonical SQL: upper-case keywords, one clause per line, nested queries indented. */
export class StatementFormatter {
  private readonly expressions = new ExpressionFormatter((query) => this.query(query));

  expression(expression: Expression): string {
    return this.expressions.format(expression);
  }

  private list(expressions: readonly Expression[]): string {
    return expressions.map((expression) => this.expression(expression)).join(', ');
  }

  // ---- queries ----

  query(query: Query): string {
    const lines: string[] = [];
    const session = query.sessionProperties ?? [];
    if (session.length > 0) {
      lines.push(`WITH SESSION\n${indent(session.map((property) => `${formatName(property.name)} = ${this.expression(property.value)}`).join(',\n'))}`);
    }
    for (const fn of query.functions) lines.push(`WITH ${this.functionSpecification(fn)}`);
    if (query.with !== undefined) lines.push(this.with(query.with));
    lines.push(this.queryBody(query.queryBody));
    this.tail(lines, query.orderBy, query.offset, query.limit);
    return lines.join('\n');
  }

  private with(clause: With): string {
    const queries = clause.queries.map((withQuery) => {
      const columns = withQuery.columnNames !== undefined ? ` (${withQuery.columnNames.map(formatIdentifier).join(', ')})` : '';
      return `${formatIdentifier(withQuery.name)}${columns} AS (\n${indent(this.query(withQuery.query))}\n)`;
    });
    return `WITH${clause.recursive ? ' RECURSIVE' : ''}\n${indent(queries.join(',\n'))}`;
  }

  private tail(lines: string[], orderBy: OrderBy | undefined, offset: Offset | undefined, limit: Limit | FetchFirst | undefined): void {
    if (orderBy !== undefined) lines.push(this.expressions.orderBy(orderBy));
    if (offset !== undefined) lines.push(`OFFSET ${this.expression(offset.rowCount)} ROWS`);
    if (limit !== undefined) {
      if (limit.kind === 'Limit') lines.push(`LIMIT ${limit.rowCount.kind === 'AllRows' ? 'ALL' : this.expression(limit.rowCount)}`);
      else lines.push(`FETCH FIRST ${limit.rowCount !== undefined ? `${this.expression(limit.rowCount)} ` : ''}ROWS ${limit.withTies ? 'WITH TIES' : 'ONLY'}`);
    }
  }

  private queryBody(body: QueryBody): string {
    switch (body.kind) {
      case 'QuerySpecification':
        return this.querySpecification(body);
      case 'Union':
      case 'Intersect':
      case 'Except': {
        // left-deep chains are walked iteratively, however long
        const tail: string[] = [];
        let base: QueryBody = body;
        while (base.kind === 'Union' || base.kind === 'Intersect' || base.kind === 'Except') {
          const operator = base.kind === 'Union' ? 'UNION' : base.kind === 'Intersect' ? 'INTERSECT' : 'EXCEPT';
          tail.push(`\n${operator}${base.distinct ? '' : ' ALL'}\n${this.setOperand(base.right, base.kind, true)}`);
          const left: QueryBody = base.left;
          const leftIsSet = left.kind === 'Union' || left.kind === 'Intersect' || left.kind === 'Except';
          if (leftIsSet && base.kind === 'Intersect' && left.kind !== 'Intersect') {
            tail.push(`\n${this.setOperand(left, base.kind, false)}`);
            return tail.reverse().join('').slice(1);
          }
          base = left;
        }
        return this.queryBody(base) + tail.reverse().join('');
      }
      case 'Values':
        return `VALUES\n${indent(body.rows.map((row) => this.expression(row)).join(',\n'))}`;
      case 'TableQueryBody':
        return `TABLE ${formatName(body.name)}`;
      case 'TableSubquery':
        return `(\n${indent(this.query(body.query))}\n)`;
      default:
        return assertNever(body, 'query body');
    }
  }

  /** Set operation operands: parenthesized when needed to keep the tree (INTERSECT binds tighter; left-associative). */
  private setOperand(operand: QueryBody, parent: 'Union' | 'Intersect' | 'Except', right: boolean): string {
    const isSet = operand.kind === 'Union' || operand.kind === 'Intersect' || operand.kind === 'Except';
    let needsParens = false;
    if (isSet) {
      if (parent === 'Intersect') needsParens = operand.kind !== 'Intersect' || right;
      else needsParens = right && operand.kind !== 'Intersect';
    }
    const text = this.queryBody(operand);
    return needsParens ? `(\n${indent(text)}\n)` : text;
  }

  private querySpecification(spec: QuerySpecification): string {
    const lines: string[] = [];
    const items = spec.select.selectItems.map((item) => this.selectItem(item));
    const distinct = spec.select.distinct ? ' DISTINCT' : items.length > 0 && /^(ALL|DISTINCT)\b/i.test(items[0]!) ? ' ALL' : '';
    const oneLine = items.join(', ');
    if (oneLine.length <= 80 && !oneLine.includes('\n')) lines.push(`SELECT${distinct} ${oneLine}`);
    else lines.push(`SELECT${distinct}\n${indent(items.join(',\n'))}`);
    if (spec.from !== undefined) lines.push(`FROM ${this.relation(spec.from)}`);
    if (spec.where !== undefined) lines.push(`WHERE ${this.expression(spec.where)}`);
    if (spec.groupBy !== undefined) {
      const elements = spec.groupBy.auto === true ? 'AUTO' : spec.groupBy.groupingElements.map((element) => this.groupingElement(element)).join(', ');
      const quantifier = spec.groupBy.distinct ? 'DISTINCT ' : /^(ALL|DISTINCT)\b/i.test(elements) ? 'ALL ' : '';
      lines.push(`GROUP BY ${quantifier}${elements}`);
    }
    if (spec.having !== undefined) lines.push(`HAVING ${this.expression(spec.having)}`);
    if (spec.windows.length > 0) {
      lines.push(`WINDOW ${spec.windows.map((definition) => `${formatIdentifier(definition.name)} AS ${this.expressions.windowSpecification(definition.window)}`).join(', ')}`);
    }
    this.tail(lines, spec.orderBy, spec.offset, spec.limit);
    return lines.join('\n');
  }

  private selectItem(item: SelectItem): string {
    if (item.kind === 'AllColumns') {
      if (item.target === undefined) return '*';
      const target = this.expression(item.target);
      const aliases = item.aliases.length > 0 ? ` AS (${item.aliases.map(formatIdentifier).join(', ')})` : '';
      const needsParens = item.target.kind !== 'Identifier' && item.target.kind !== 'DereferenceExpression' && item.target.kind !== 'FunctionCall' && item.target.kind !== 'SubscriptExpression';
      return `${needsParens ? `(${target})` : target}.*${aliases}`;
    }
    const expression = this.expression(item.expression);
    return item.alias !== undefined ? `${expression} AS ${formatIdentifier(item.alias)}` : expression;
  }

  private groupingElement(element: GroupingElement): string {
    switch (element.kind) {
      case 'SimpleGroupBy':
        return element.columns.length === 1 ? this.groupingColumn(element.columns[0]!) : `(${this.list(element.columns)})`;
      case 'Cube':
        return `CUBE (${this.list(element.columns)})`;
      case 'Rollup':
        return `ROLLUP (${this.list(element.columns)})`;
      case 'GroupingSets':
        return `GROUPING SETS (${element.sets.map((set) => (set.length === 1 ? this.groupingColumn(set[0]!) : `(${this.list(set)})`)).join(', ')})`;
      default:
        return assertNever(element, 'grouping element');
    }
  }

  /** A single grouping column; a Row must stay a Row rather than become a column list. */
  private groupingColumn(expression: Expression): string {
    return this.expression(expression);
  }

  // ---- relations ----

  relation(relation: Relation): string {
    switch (relation.kind) {
      case 'Table':
        return `${formatName(relation.name)}${relation.queryPeriod !== undefined ? ` FOR ${relation.queryPeriod.rangeType} AS OF ${this.expressions.value(relation.queryPeriod.end)}` : ''}`;
      case 'AliasedRelation': {
        const columns = relation.columnNames !== undefined ? ` (${relation.columnNames.map(formatIdentifier).join(', ')})` : '';
        return `${this.relationOperand(relation.relation)} ${formatIdentifier(relation.alias)}${columns}`;
      }
      case 'SampledRelation':
        return `${this.relationOperand(relation.relation)} TABLESAMPLE ${relation.type} (${this.expression(relation.samplePercentage)})`;
      case 'Join': {
        // left-deep join chains are walked iteratively, however long
        const tail: string[] = [];
        let base: Relation = relation;
        while (base.kind === 'Join') {
          tail.push(this.joinSuffix(base));
          base = base.left;
        }
        return this.relation(base) + tail.reverse().join('');
      }
      case 'TableSubquery':
        return `(\n${indent(this.query(relation.query))}\n)`;
      case 'Lateral':
        return `LATERAL (\n${indent(this.query(relation.query))}\n)`;
      case 'Unnest':
        return `UNNEST(${this.list(relation.expressions)})${relation.withOrdinality ? ' WITH ORDINALITY' : ''}`;
      case 'TableFunctionInvocation': {
        const args = relation.arguments.map((argument) => this.tableFunctionArgument(argument));
        if (relation.copartitioning.length > 0) {
          args.push(`COPARTITION ${relation.copartitioning.map((names) => `(${names.map(formatName).join(', ')})`).join(', ')}`);
        }
        return `TABLE(${formatName(relation.name)}(${args.join(', ').replace(', COPARTITION', ' COPARTITION')}))`;
      }
      case 'PatternRecognitionRelation': {
        const parts: string[] = [];
        if (relation.partitionBy.length > 0) parts.push(`PARTITION BY ${this.list(relation.partitionBy)}`);
        if (relation.orderBy !== undefined) parts.push(this.expressions.orderBy(relation.orderBy));
        if (relation.measures.length > 0) parts.push(`MEASURES ${this.expressions.measures(relation.measures)}`);
        if (relation.rowsPerMatch !== undefined) {
          parts.push(
            relation.rowsPerMatch === 'ONE'
              ? 'ONE ROW PER MATCH'
              : relation.rowsPerMatch === 'ALL_SHOW_EMPTY'
                ? 'ALL ROWS PER MATCH SHOW EMPTY MATCHES'
                : relation.rowsPerMatch === 'ALL_OMIT_EMPTY'
                  ? 'ALL ROWS PER MATCH OMIT EMPTY MATCHES'
                  : 'ALL ROWS PER MATCH WITH UNMATCHED ROWS',
          );
        }
        if (relation.afterMatchSkipTo !== undefined) parts.push(formatSkipTo(relation.afterMatchSkipTo));
        if (relation.patternSearchMode !== undefined) parts.push(relation.patternSearchMode);
        parts.push(`PATTERN (${formatRowPattern(relation.pattern)})`);
        if (relation.subsets.length > 0) parts.push(`SUBSET ${formatSubsets(relation.subsets)}`);
        parts.push(`DEFINE ${this.expressions.variableDefinitions(relation.variableDefinitions)}`);
        return `${this.relationOperand(relation.input)} MATCH_RECOGNIZE (\n${indent(parts.join('\n'))}\n)`;
      }
      case 'JsonTable': {
        let text = `JSON_TABLE(${this.expressions.jsonPathInvocation(relation.jsonPathInvocation)} COLUMNS (${relation.columns.map((column) => this.jsonTableColumn(column)).join(', ')})`;
        if (relation.plan !== undefined) text += ` PLAN ${this.jsonTablePlan(relation.plan)}`;
        if (relation.errorBehavior !== undefined) text += ` ${relation.errorBehavior} ON ERROR`;
        return text + ')';
      }
      default:
        return assertNever(relation, 'relation');
    }
  }

  /** What a join adds after its left operand. */
  private joinSuffix(join: Extract<Relation, { kind: 'Join' }>): string {
    if (join.type === 'IMPLICIT') return `, ${this.joinOperand(join.right)}`;
    if (join.type === 'CROSS') return `\nCROSS JOIN ${this.joinOperand(join.right)}`;
    const type = join.type === 'INNER' ? 'INNER JOIN' : `${join.type} JOIN`;
    const criteria = join.criteria;
    if (criteria !== undefined && criteria.kind === 'NaturalJoin') return `\nNATURAL ${type} ${this.joinOperand(join.right)}`;
    let criteriaText = '';
    if (criteria !== undefined) {
      criteriaText = criteria.kind === 'JoinOn' ? ` ON ${this.expression(criteria.expression)}` : ` USING (${criteria.columns.map(formatIdentifier).join(', ')})`;
    }
    return `\n${type} ${this.joinOperand(join.right)}${criteriaText}`;
  }

  /** Operands of aliases, samples and MATCH_RECOGNIZE: joins and other aliased forms are parenthesized. */
  private relationOperand(relation: Relation): string {
    const kind = relation.kind;
    const wrap = kind === 'Join' || kind === 'AliasedRelation' || kind === 'SampledRelation' || kind === 'PatternRecognitionRelation';
    return wrap ? `(${this.relation(relation)})` : this.relation(relation);
  }

  private joinOperand(relation: Relation): string {
    return relation.kind === 'Join' ? `(${this.relation(relation)})` : this.relation(relation);
  }

  private tableFunctionArgument(argument: TableFunctionArgument): string {
    const name = argument.name !== undefined ? `${formatIdentifier(argument.name)} => ` : '';
    const value = argument.value;
    if (value.kind === 'TableFunctionTableArgument') {
      let table: string;
      const inner = value.table.kind === 'AliasedRelation' ? value.table.relation : value.table;
      if (inner.kind === 'TableSubquery') table = `TABLE(${this.query(inner.query)})`;
      else table = `TABLE(${this.relation(inner)})`;
      if (value.table.kind === 'AliasedRelation') {
        table += ` ${formatIdentifier(value.table.alias)}`;
        if (value.table.columnNames !== undefined) table += ` (${value.table.columnNames.map(formatIdentifier).join(', ')})`;
      }
      if (value.partitionBy !== undefined) table += ` PARTITION BY (${this.list(value.partitionBy)})`;
      if (value.emptyTableTreatment !== undefined) table += ` ${value.emptyTableTreatment} WHEN EMPTY`;
      if (value.orderBy !== undefined) table += ` ORDER BY (${value.orderBy.sortItems.map((item) => this.expressions.sortItem(item)).join(', ')})`;
      return name + table;
    }
    if (value.kind === 'Descriptor') {
      if (value.fields === undefined) return `${name}CAST(NULL AS DESCRIPTOR)`;
      return `${name}DESCRIPTOR(${value.fields.map((field) => `${formatIdentifier(field.name)}${field.type !== undefined ? ` ${formatDataType(field.type)}` : ''}`).join(', ')})`;
    }
    return name + this.expression(value);
  }

  private jsonTableColumn(column: JsonTableColumn): string {
    switch (column.kind) {
      case 'JsonTableOrdinalityColumn':
        return `${formatIdentifier(column.name)} FOR ORDINALITY`;
      case 'JsonTableValueColumn': {
        let text = `${formatIdentifier(column.name)} ${formatDataType(column.type)}`;
        if (column.jsonPath !== undefined) text += ` PATH ${formatStringLiteral(column.jsonPath.value)}`;
        text += this.expressions.jsonValueBehavior(column.emptyBehavior, column.emptyDefault, 'EMPTY');
        text += this.expressions.jsonValueBehavior(column.errorBehavior, column.errorDefault, 'ERROR');
        return text;
      }
      case 'JsonTableQueryColumn': {
        let text = `${formatIdentifier(column.name)} ${formatDataType(column.type)}${formatJsonFormat(column.format)}`;
        if (column.jsonPath !== undefined) text += ` PATH ${formatStringLiteral(column.jsonPath.value)}`;
        text += formatWrapper(column.wrapperBehavior);
        if (column.quotesBehavior !== undefined) text += ` ${column.quotesBehavior} QUOTES ON SCALAR STRING`;
        text += formatJsonQueryBehavior(column.emptyBehavior, 'EMPTY');
        text += formatJsonQueryBehavior(column.errorBehavior, 'ERROR');
        return text;
      }
      case 'JsonTableNestedColumns':
        return `NESTED PATH ${formatStringLiteral(column.jsonPath.value)}${column.pathName !== undefined ? ` AS ${formatIdentifier(column.pathName)}` : ''} COLUMNS (${column.columns.map((inner) => this.jsonTableColumn(inner)).join(', ')})`;
      default:
        return assertNever(column, 'json table column');
    }
  }

  private jsonTablePlan(plan: JsonTablePlan): string {
    if (plan.kind === 'JsonTableDefaultPlan') return `DEFAULT (${plan.parentChild}, ${plan.siblings})`;
    return `(${this.jsonTableSpecificPlan(plan)})`;
  }

  private jsonTableSpecificPlan(plan: JsonTableSpecificPlan): string {
    switch (plan.kind) {
      case 'JsonTablePlanLeaf':
        return formatIdentifier(plan.name);
      case 'JsonTableJoinedPlan':
        return `${formatIdentifier(plan.parent.name)} ${plan.type} ${this.planOperand(plan.child)}`;
      case 'JsonTableSiblingsPlan':
        return plan.siblings.map((sibling) => this.planOperand(sibling)).join(` ${plan.type} `);
      default:
        return assertNever(plan, 'json table plan');
    }
  }

  private planOperand(plan: JsonTableSpecificPlan): string {
    return plan.kind === 'JsonTablePlanLeaf' ? formatIdentifier(plan.name) : `(${this.jsonTableSpecificPlan(plan)})`;
  }

  // ---- statements ----

  private properties(properties: readonly Property[]): string {
    return `(\n${indent(properties.map((property) => this.propertyAssignment(property)).join(',\n'))}\n)`;
  }

  private propertyAssignment(property: Property): string {
    return `${formatIdentifier(property.name)} = ${property.value === undefined ? 'DEFAULT' : this.expression(property.value)}`;
  }

  private withProperties(properties: readonly Property[]): string {
    return properties.length > 0 ? `\nWITH ${this.properties(properties)}` : '';
  }

  private principal(principal: PrincipalSpecification): string {
    return `${principal.type === 'UNSPECIFIED' ? '' : `${principal.type} `}${formatIdentifier(principal.name)}`;
  }

  private grantor(grantor: GrantorSpecification | undefined): string {
    if (grantor === undefined) return '';
    if (grantor.type === 'PRINCIPAL') return ` GRANTED BY ${this.principal(grantor.principal!)}`;
    return ` GRANTED BY ${grantor.type}`;
  }

  private likeFilter(filter: ShowFilter): string {
    if (filter.likePattern === undefined) return '';
    return ` LIKE ${formatStringLiteral(filter.likePattern)}${filter.escape !== undefined ? ` ESCAPE ${formatStringLiteral(filter.escape)}` : ''}`;
  }

  private callArguments(args: readonly CallArgument[]): string {
    return `(${args.map((argument) => `${argument.name !== undefined ? `${formatIdentifier(argument.name)} => ` : ''}${this.expression(argument.value)}`).join(', ')})`;
  }

  private columnDefinition(column: ColumnDefinition): string {
    let text = `${formatName(column.name)} ${formatDataType(column.type)}`;
    if (!column.nullable) text += ' NOT NULL';
    if (column.comment !== undefined) text += ` COMMENT ${formatStringLiteral(column.comment)}`;
    if (column.properties.length > 0) text += ` WITH (${column.properties.map((property) => this.propertyAssignment(property)).join(', ')})`;
    return text;
  }

  private privileges(privileges: readonly string[] | undefined): string {
    return privileges === undefined ? 'ALL PRIVILEGES' : privileges.join(', ');
  }

  private grantObject(object: GrantObject): string {
    return `${object.entityKind !== undefined ? `${object.entityKind} ` : ''}${formatName(object.name)}`;
  }

  private comment(comment: string | undefined): string {
    return comment !== undefined ? `\nCOMMENT ${formatStringLiteral(comment)}` : '';
  }

  private parameters(parameters: readonly ParameterDeclaration[]): string {
    return `(${parameters.map((parameter) => `${parameter.name !== undefined ? `${formatIdentifier(parameter.name)} ` : ''}${formatDataType(parameter.type)}`).join(', ')})`;
  }

  functionSpecification(fn: FunctionSpecification): string {
    const lines = [`FUNCTION ${formatName(fn.name)}${this.parameters(fn.parameters)}`, `RETURNS ${formatDataType(fn.returnType)}`];
    for (const characteristic of fn.routineCharacteristics) lines.push(this.routineCharacteristic(characteristic));
    lines.push(this.controlStatement(fn.statement));
    return lines.join('\n');
  }

  private routineCharacteristic(characteristic: RoutineCharacteristic): string {
    switch (characteristic.kind) {
      case 'LanguageCharacteristic':
        return `LANGUAGE ${formatIdentifier(characteristic.language)}`;
      case 'DeterministicCharacteristic':
        return characteristic.deterministic ? 'DETERMINISTIC' : 'NOT DETERMINISTIC';
      case 'NullInputCharacteristic':
        return characteristic.calledOnNullInput ? 'CALLED ON NULL INPUT' : 'RETURNS NULL ON NULL INPUT';
      case 'SecurityCharacteristic':
        return `SECURITY ${characteristic.security}`;
      case 'CommentCharacteristic':
        return `COMMENT ${formatStringLiteral(characteristic.comment)}`;
      case 'PropertiesCharacteristic':
        return `WITH (${characteristic.properties.map((property) => this.propertyAssignment(property)).join(', ')})`;
      default:
        return assertNever(characteristic, 'routine characteristic');
    }
  }

  private block(statements: readonly ControlStatement[]): string {
    return statements.map((statement) => indent(this.controlStatement(statement) + ';')).join('\n');
  }

  private label(label: Identifier | undefined): string {
    return label !== undefined ? `${formatIdentifier(label)}: ` : '';
  }

  controlStatement(statement: ControlStatement): string {
    switch (statement.kind) {
      case 'ReturnStatement':
        return `RETURN ${this.expression(statement.value)}`;
      case 'AssignmentStatement':
        return `SET ${formatIdentifier(statement.target)} = ${this.expression(statement.value)}`;
      case 'CompoundStatement': {
        const lines = [`${this.label(statement.label)}BEGIN`];
        for (const declaration of statement.variableDeclarations) {
          lines.push(indent(`DECLARE ${declaration.names.map(formatIdentifier).join(', ')} ${formatDataType(declaration.type)}${declaration.defaultValue !== undefined ? ` DEFAULT ${this.expression(declaration.defaultValue)}` : ''};`));
        }
        if (statement.statements.length > 0) lines.push(this.block(statement.statements));
        lines.push('END');
        return lines.join('\n');
      }
      case 'IfStatement': {
        const lines = [`IF ${this.expression(statement.expression)} THEN`];
        if (statement.statements.length > 0) lines.push(this.block(statement.statements));
        for (const clause of statement.elseIfClauses) {
          lines.push(`ELSEIF ${this.expression(clause.expression)} THEN`);
          if (clause.statements.length > 0) lines.push(this.block(clause.statements));
        }
        if (statement.elseClause !== undefined) {
          lines.push('ELSE');
          if (statement.elseClause.statements.length > 0) lines.push(this.block(statement.elseClause.statements));
        }
        lines.push('END IF');
        return lines.join('\n');
      }
      case 'CaseStatement': {
        const lines = [statement.expression !== undefined ? `CASE ${this.expression(statement.expression)}` : 'CASE'];
        for (const clause of statement.whenClauses) {
          lines.push(`WHEN ${this.expression(clause.expression)} THEN`);
          if (clause.statements.length > 0) lines.push(this.block(clause.statements));
        }
        if (statement.elseClause !== undefined) {
          lines.push('ELSE');
          if (statement.elseClause.statements.length > 0) lines.push(this.block(statement.elseClause.statements));
        }
        lines.push('END CASE');
        return lines.join('\n');
      }
      case 'WhileStatement':
        return `${this.label(statement.label)}WHILE ${this.expression(statement.expression)} DO\n${this.block(statement.statements)}\nEND WHILE`;
      case 'RepeatStatement':
        return `${this.label(statement.label)}REPEAT\n${this.block(statement.statements)}\nUNTIL ${this.expression(statement.condition)}\nEND REPEAT`;
      case 'LoopStatement':
        return `${this.label(statement.label)}LOOP\n${this.block(statement.statements)}\nEND LOOP`;
      case 'LeaveStatement':
        return `LEAVE ${formatIdentifier(statement.label)}`;
      case 'IterateStatement':
        return `ITERATE ${formatIdentifier(statement.label)}`;
      default:
        return assertNever(statement, 'control statement');
    }
  }

  statement(s: Statement): string {
    switch (s.kind) {
      case 'Query':
        return this.query(s);
      case 'Explain': {
        let text = 'EXPLAIN';
        if (s.analyze) text += ' ANALYZE';
        if (s.verbose) text += ' VERBOSE';
        if (s.options.length > 0) text += ` (${s.options.map((option) => (option.kind === 'ExplainFormat' ? `FORMAT ${option.type}` : `TYPE ${option.type}`)).join(', ')})`;
        return `${text}\n${this.statement(s.statement)}`;
      }
      case 'Prepare':
        return `PREPARE ${formatIdentifier(s.name)} FROM\n${this.statement(s.statement)}`;
      case 'Execute':
        return `EXECUTE ${formatIdentifier(s.name)}${s.parameters.length > 0 ? ` USING ${this.list(s.parameters)}` : ''}`;
      case 'ExecuteImmediate':
        return `EXECUTE IMMEDIATE\n${formatStringLiteral(s.statement.value)}${s.parameters.length > 0 ? `\nUSING ${this.list(s.parameters)}` : ''}`;
      case 'Deallocate':
        return `DEALLOCATE PREPARE ${formatIdentifier(s.name)}`;
      case 'DescribeInput':
        return `DESCRIBE INPUT ${formatIdentifier(s.name)}`;
      case 'DescribeOutput':
        return `DESCRIBE OUTPUT ${formatIdentifier(s.name)}`;
      case 'ShowCatalogs':
        return `SHOW CATALOGS${this.likeFilter(s)}`;
      case 'ShowSchemas':
        return `SHOW SCHEMAS${s.catalog !== undefined ? ` FROM ${formatIdentifier(s.catalog)}` : ''}${this.likeFilter(s)}`;
      case 'ShowTables':
        return `SHOW TABLES${s.schema !== undefined ? ` FROM ${formatName(s.schema)}` : ''}${this.likeFilter(s)}`;
      case 'ShowColumns':
        return s.describe ? `DESCRIBE ${formatName(s.table)}` : `SHOW COLUMNS FROM ${formatName(s.table)}${this.likeFilter(s)}`;
      case 'ShowCreate':
        return `SHOW CREATE ${s.type === 'MATERIALIZED_VIEW' ? 'MATERIALIZED VIEW' : s.type} ${formatName(s.name)}`;
      case 'ShowFunctions':
        return `SHOW FUNCTIONS${s.schema !== undefined ? ` FROM ${formatName(s.schema)}` : ''}${this.likeFilter(s)}`;
      case 'ShowSession':
        return `SHOW SESSION${this.likeFilter(s)}`;
      case 'ShowStats':
        return s.relation.kind === 'TableSubquery' ? `SHOW STATS FOR (\n${indent(this.query(s.relation.query))}\n)` : `SHOW STATS FOR ${this.relation(s.relation)}`;
      case 'ShowGrants':
        return `SHOW GRANTS${s.table !== undefined ? ` ON ${s.tableKeyword ? 'TABLE ' : ''}${formatName(s.table)}` : ''}`;
      case 'ShowRoles':
        return `SHOW ${s.current ? 'CURRENT ' : ''}ROLES${s.catalog !== undefined ? ` FROM ${formatIdentifier(s.catalog)}` : ''}`;
      case 'ShowRoleGrants':
        return `SHOW ROLE GRANTS${s.catalog !== undefined ? ` FROM ${formatIdentifier(s.catalog)}` : ''}`;
      case 'ShowBranches':
        return `SHOW BRANCHES FROM TABLE ${formatName(s.table)}${this.likeFilter(s)}`;
      case 'Use':
        return `USE ${s.catalog !== undefined ? `${formatIdentifier(s.catalog)}.` : ''}${formatIdentifier(s.schema)}`;
      case 'SetSession':
        return `SET SESSION ${formatName(s.name)} = ${this.expression(s.value)}`;
      case 'ResetSession':
        return `RESET SESSION ${formatName(s.name)}`;
      case 'SetSessionAuthorization':
        return `SET SESSION AUTHORIZATION ${this.expression(s.user)}`;
      case 'ResetSessionAuthorization':
        return 'RESET SESSION AUTHORIZATION';
      case 'SetTimeZone':
        return `SET TIME ZONE ${s.timeZone === undefined ? 'LOCAL' : this.expression(s.timeZone)}`;
      case 'SetPath':
        return `SET PATH ${s.path.map((element) => `${element.catalog !== undefined ? `${formatIdentifier(element.catalog)}.` : ''}${formatIdentifier(element.schema)}`).join(', ')}`;
      case 'Call':
        return `CALL ${formatName(s.name)}${this.callArguments(s.arguments)}`;
      case 'StartTransaction':
        return `START TRANSACTION${s.transactionModes.length > 0 ? ' ' + s.transactionModes.map((mode) => (mode.kind === 'Isolation' ? `ISOLATION LEVEL ${mode.level}` : mode.readOnly ? 'READ ONLY' : 'READ WRITE')).join(', ') : ''}`;
      case 'Commit':
        return 'COMMIT';
      case 'Rollback':
        return 'ROLLBACK';
      case 'CreateSchema':
        return `CREATE SCHEMA ${s.notExists ? 'IF NOT EXISTS ' : ''}${formatName(s.schemaName)}${s.principal !== undefined ? `\nAUTHORIZATION ${this.principal(s.principal)}` : ''}${this.withProperties(s.properties)}`;
      case 'DropSchema':
        return `DROP SCHEMA ${s.exists ? 'IF EXISTS ' : ''}${formatName(s.schemaName)}${s.cascade ? ' CASCADE' : ''}`;
      case 'RenameSchema':
        return `ALTER SCHEMA ${formatName(s.source)} RENAME TO ${formatIdentifier(s.target)}`;
      case 'SetSchemaAuthorization':
        return `ALTER SCHEMA ${formatName(s.source)} SET AUTHORIZATION ${this.principal(s.principal)}`;
      case 'CreateTable': {
        const prefix = s.saveMode === 'REPLACE' ? 'CREATE OR REPLACE TABLE ' : s.saveMode === 'IGNORE' ? 'CREATE TABLE IF NOT EXISTS ' : 'CREATE TABLE ';
        const elements = s.elements.map((element) =>
          element.kind === 'LikeClause'
            ? `LIKE ${formatName(element.tableName)}${element.propertiesOption !== undefined ? ` ${element.propertiesOption} PROPERTIES` : ''}`
            : this.columnDefinition(element),
        );
        return `${prefix}${formatName(s.name)} (\n${indent(elements.join(',\n'))}\n)${this.comment(s.comment)}${this.withProperties(s.properties)}`;
      }
      case 'CreateTableAsSelect': {
        const prefix = s.saveMode === 'REPLACE' ? 'CREATE OR REPLACE TABLE ' : s.saveMode === 'IGNORE' ? 'CREATE TABLE IF NOT EXISTS ' : 'CREATE TABLE ';
        const columns = s.columnAliases !== undefined ? `(${s.columnAliases.map(formatIdentifier).join(', ')})` : '';
        return `${prefix}${formatName(s.name)}${columns}${this.comment(s.comment)}${this.withProperties(s.properties)} AS\n${this.query(s.query)}${s.withData ? '' : '\nWITH NO DATA'}`;
      }
      case 'DropTable':
        return `DROP TABLE ${s.exists ? 'IF EXISTS ' : ''}${formatName(s.tableName)}`;
      case 'RenameTable':
        return `ALTER TABLE ${s.exists ? 'IF EXISTS ' : ''}${formatName(s.source)} RENAME TO ${formatName(s.target)}`;
      case 'AddColumn':
        return `ALTER TABLE ${s.tableExists ? 'IF EXISTS ' : ''}${formatName(s.name)} ADD COLUMN ${s.columnNotExists ? 'IF NOT EXISTS ' : ''}${this.columnDefinition(s.column)}`;
      case 'DropColumn':
        return `ALTER TABLE ${s.tableExists ? 'IF EXISTS ' : ''}${formatName(s.table)} DROP COLUMN ${s.columnExists ? 'IF EXISTS ' : ''}${formatName(s.field)}`;
      case 'RenameColumn':
        return `ALTER TABLE ${s.tableExists ? 'IF EXISTS ' : ''}${formatName(s.table)} RENAME COLUMN ${s.columnExists ? 'IF EXISTS ' : ''}${formatName(s.source)} TO ${formatIdentifier(s.target)}`;
      case 'SetColumnType':
        return `ALTER TABLE ${s.tableExists ? 'IF EXISTS ' : ''}${formatName(s.tableName)} ALTER COLUMN ${formatName(s.columnName)} SET DATA TYPE ${formatDataType(s.type)}`;
      case 'DropNotNullConstraint':
        return `ALTER TABLE ${s.tableExists ? 'IF EXISTS ' : ''}${formatName(s.table)} ALTER COLUMN ${formatIdentifier(s.column)} DROP NOT NULL`;
      case 'SetProperties':
        return `ALTER ${s.type === 'TABLE' ? 'TABLE' : 'MATERIALIZED VIEW'} ${formatName(s.name)} SET PROPERTIES ${s.properties.map((property) => this.propertyAssignment(property)).join(', ')}`;
      case 'SetTableAuthorization':
        return `ALTER TABLE ${formatName(s.source)} SET AUTHORIZATION ${this.principal(s.principal)}`;
      case 'TableExecute':
        return `ALTER TABLE ${formatName(s.table.name)} EXECUTE ${formatIdentifier(s.procedureName)}${s.arguments.length > 0 ? this.callArguments(s.arguments) : ''}${s.where !== undefined ? `\nWHERE ${this.expression(s.where)}` : ''}`;
      case 'Analyze':
        return `ANALYZE ${formatName(s.tableName)}${this.withProperties(s.properties)}`;
      case 'Truncate':
        return `TRUNCATE TABLE ${formatName(s.tableName)}`;
      case 'Comment':
        return `COMMENT ON ${s.type} ${formatName(s.name)} IS ${s.comment === undefined ? 'NULL' : formatStringLiteral(s.comment)}`;
      case 'CreateView':
        return `CREATE ${s.replace ? 'OR REPLACE ' : ''}VIEW ${formatName(s.name)}${this.comment(s.comment)}${s.security !== undefined ? ` SECURITY ${s.security}` : ''}${this.withProperties(s.properties)} AS\n${this.query(s.query)}`;
      case 'CreateMaterializedView':
        return `CREATE ${s.replace ? 'OR REPLACE ' : ''}MATERIALIZED VIEW ${s.notExists ? 'IF NOT EXISTS ' : ''}${formatName(s.name)}${s.gracePeriod !== undefined ? `\nGRACE PERIOD ${this.expression(s.gracePeriod)}` : ''}${s.whenStale !== undefined ? `\nWHEN STALE ${s.whenStale}` : ''}${this.comment(s.comment)}${this.withProperties(s.properties)} AS\n${this.query(s.query)}`;
      case 'RefreshMaterializedView':
        return `REFRESH MATERIALIZED VIEW ${formatName(s.name)}`;
      case 'DropView':
        return `DROP VIEW ${s.exists ? 'IF EXISTS ' : ''}${formatName(s.name)}`;
      case 'DropMaterializedView':
        return `DROP MATERIALIZED VIEW ${s.exists ? 'IF EXISTS ' : ''}${formatName(s.name)}`;
      case 'RenameView':
        return `ALTER VIEW ${formatName(s.source)} RENAME TO ${formatName(s.target)}`;
      case 'RenameMaterializedView':
        return `ALTER MATERIALIZED VIEW ${s.exists ? 'IF EXISTS ' : ''}${formatName(s.source)} RENAME TO ${formatName(s.target)}`;
      case 'SetViewAuthorization':
        return `ALTER VIEW ${formatName(s.source)} SET AUTHORIZATION ${this.principal(s.principal)}`;
      case 'Insert':
        return `INSERT INTO ${formatName(s.target.name)}${s.columns !== undefined ? ` (${s.columns.map(formatIdentifier).join(', ')})` : ''}\n${this.query(s.query)}`;
      case 'Delete':
        return `DELETE FROM ${this.relation(s.table)}${s.where !== undefined ? ` WHERE ${this.expression(s.where)}` : ''}`;
      case 'Update':
        return `UPDATE ${formatName(s.table.name)} SET\n${indent(s.assignments.map((assignment) => `${formatIdentifier(assignment.name)} = ${this.expression(assignment.value)}`).join(',\n'))}${s.where !== undefined ? `\nWHERE ${this.expression(s.where)}` : ''}`;
      case 'Merge': {
        const lines = [`MERGE INTO ${this.relation(s.target)}`, `USING ${this.relation(s.source)}`, `ON ${this.expression(s.predicate)}`];
        for (const mergeCase of s.mergeCases) {
          const condition = mergeCase.expression !== undefined ? ` AND ${this.expression(mergeCase.expression)}` : '';
          switch (mergeCase.kind) {
            case 'MergeUpdate':
              lines.push(`WHEN MATCHED${condition} THEN UPDATE SET ${mergeCase.assignments.map((assignment) => `${formatIdentifier(assignment.name)} = ${this.expression(assignment.value)}`).join(', ')}`);
              break;
            case 'MergeDelete':
              lines.push(`WHEN MATCHED${condition} THEN DELETE`);
              break;
            case 'MergeInsert':
              lines.push(`WHEN NOT MATCHED${condition} THEN INSERT${mergeCase.columns !== undefined ? ` (${mergeCase.columns.map(formatIdentifier).join(', ')})` : ''} VALUES (${this.list(mergeCase.values)})`);
              break;
            default:
              return assertNever(mergeCase, 'merge case');
          }
        }
        return lines.join('\n');
      }
      case 'Grant':
        return `GRANT ${this.privileges(s.privileges)} ON ${this.grantObject(s.grantObject)} TO ${this.principal(s.grantee)}${s.grantOption ? ' WITH GRANT OPTION' : ''}`;
      case 'Revoke':
        return `REVOKE ${s.grantOptionFor ? 'GRANT OPTION FOR ' : ''}${this.privileges(s.privileges)} ON ${this.grantObject(s.grantObject)} FROM ${this.principal(s.grantee)}`;
      case 'Deny':
        return `DENY ${this.privileges(s.privileges)} ON ${this.grantObject(s.grantObject)} TO ${this.principal(s.grantee)}`;
      case 'GrantRoles':
        return `GRANT ${s.roles.map(formatIdentifier).join(', ')} TO ${s.grantees.map((grantee) => this.principal(grantee)).join(', ')}${s.adminOption ? ' WITH ADMIN OPTION' : ''}${this.grantor(s.grantor)}${s.catalog !== undefined ? ` IN ${formatIdentifier(s.catalog)}` : ''}`;
      case 'RevokeRoles':
        return `REVOKE ${s.adminOption ? 'ADMIN OPTION FOR ' : ''}${s.roles.map(formatIdentifier).join(', ')} FROM ${s.grantees.map((grantee) => this.principal(grantee)).join(', ')}${this.grantor(s.grantor)}${s.catalog !== undefined ? ` IN ${formatIdentifier(s.catalog)}` : ''}`;
      case 'CreateRole': {
        let admin = '';
        if (s.grantor !== undefined) admin = s.grantor.type === 'PRINCIPAL' ? ` WITH ADMIN ${this.principal(s.grantor.principal!)}` : ` WITH ADMIN ${s.grantor.type}`;
        return `CREATE ROLE ${formatIdentifier(s.name)}${admin}${s.catalog !== undefined ? ` IN ${formatIdentifier(s.catalog)}` : ''}`;
      }
      case 'DropRole':
        return `DROP ROLE ${s.exists ? 'IF EXISTS ' : ''}${formatIdentifier(s.name)}${s.catalog !== undefined ? ` IN ${formatIdentifier(s.catalog)}` : ''}`;
      case 'SetRole':
        return `SET ROLE ${s.type === 'ROLE' ? formatIdentifier(s.role!) : s.type}${s.catalog !== undefined ? ` IN ${formatIdentifier(s.catalog)}` : ''}`;
      case 'CreateCatalog':
        return `CREATE CATALOG ${s.notExists ? 'IF NOT EXISTS ' : ''}${formatIdentifier(s.catalogName)} USING ${formatIdentifier(s.connectorName)}${this.comment(s.comment)}${s.principal !== undefined ? `\nAUTHORIZATION ${this.principal(s.principal)}` : ''}${this.withProperties(s.properties)}`;
      case 'DropCatalog':
        return `DROP CATALOG ${s.exists ? 'IF EXISTS ' : ''}${formatIdentifier(s.catalogName)}${s.cascade ? ' CASCADE' : ''}`;
      case 'CreateFunction':
        return `CREATE ${s.replace ? 'OR REPLACE ' : ''}${this.functionSpecification(s.specification)}`;
      case 'DropFunction':
        return `DROP FUNCTION ${s.exists ? 'IF EXISTS ' : ''}${formatName(s.name)}${this.parameters(s.parameters)}`;
      default:
        return assertNever(s, 'statement');
    }
  }
}
