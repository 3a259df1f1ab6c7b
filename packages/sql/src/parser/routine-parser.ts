import { QueryParser } from './query-parser.js';
import type { Identifier } from '../tree/identifier.js';
import type { Expression } from '../tree/expression.js';
import type {
  CaseStatementWhenClause,
  ControlStatement,
  ElseClause,
  ElseIfClause,
  FunctionSpecification,
  ParameterDeclaration,
  RoutineCharacteristic,
  VariableDeclaration,
} from '../tree/routine.js';
import type { Property } from '../tree/statement.js';

/** SQL routines: `CREATE FUNCTION` / `WITH FUNCTION` signatures, characteristics and bodies. */
export abstract class RoutineParser extends QueryParser {
  protected abstract properties(): Property[];

  protected inlineFunction(): FunctionSpecification {
    return this.functionSpecification();
  }

  protected functionSpecification(): FunctionSpecification {
    const location = this.location(this.expect('FUNCTION'));
    const name = this.qualifiedName();
    const parameters = this.parameterDeclarations();
    this.expect('RETURNS');
    const returnType = this.dataType();
    const routineCharacteristics: RoutineCharacteristic[] = [];
    for (;;) {
      const characteristic = this.routineCharacteristic();
      if (characteristic === undefined) break;
      routineCharacteristics.push(characteristic);
    }
    const statement = this.controlStatement();
    return { kind: 'FunctionSpecification', name, parameters, returnType, routineCharacteristics, statement, location };
  }

  protected parameterDeclarations(): ParameterDeclaration[] {
    this.expect('(');
    const list: ParameterDeclaration[] = [];
    if (!this.peek(')')) {
      do {
        const location = this.location();
        let name: Identifier | undefined;
        if (this.peekIdentifier() && this.parameterHasName()) name = this.identifier();
        const type = this.dataType();
        list.push({ kind: 'ParameterDeclaration', name, type, location });
      } while (this.accept(','));
    }
    this.expect(')');
    return list;
  }

  private parameterHasName(): boolean {
    const next = this.lookahead(1);
    if (next.keyword === ',' || next.keyword === ')' || next.keyword === '(') return false;
    if (this.peek('DOUBLE') && next.keyword === 'PRECISION') return false;
    if ((this.peek('TIMESTAMP') || this.peek('TIME')) && (next.keyword === 'WITH' || next.keyword === 'WITHOUT')) return false;
    if (this.peek('INTERVAL') && this.peekIntervalField(1)) return false;
    if (next.keyword === 'ARRAY' && !this.peekAt(2, '(') && !this.peekAt(2, '<')) return false;
    return true;
  }

  private routineCharacteristic(): RoutineCharacteristic | undefined {
    const location = this.location();
    if (this.accept('LANGUAGE')) return { kind: 'LanguageCharacteristic', language: this.identifier(), location };
    if (this.peek('NOT') && this.peekAt(1, 'DETERMINISTIC')) {
      this.advance();
      this.advance();
      return { kind: 'DeterministicCharacteristic', deterministic: false, location };
    }
    if (this.accept('DETERMINISTIC')) return { kind: 'DeterministicCharacteristic', deterministic: true, location };
    if (this.peek('RETURNS') && this.peekAt(1, 'NULL')) {
      this.advance();
      this.advance();
      this.expect('ON');
      this.expect('NULL');
      this.expect('INPUT');
      return { kind: 'NullInputCharacteristic', calledOnNullInput: false, location };
    }
    if (this.accept('CALLED')) {
      this.expect('ON');
      this.expect('NULL');
      this.expect('INPUT');
      return { kind: 'NullInputCharacteristic', calledOnNullInput: true, location };
    }
    if (this.accept('SECURITY')) {
      const security = this.expectOneOf('DEFINER', 'INVOKER') as 'DEFINER' | 'INVOKER';
      return { kind: 'SecurityCharacteristic', security, location };
    }
    if (this.accept('COMMENT')) return { kind: 'CommentCharacteristic', comment: this.stringValue(), location };
    if (this.peek('WITH') && this.peekAt(1, '(')) {
      this.advance();
      return { kind: 'PropertiesCharacteristic', properties: this.properties(), location };
    }
    return undefined;
  }

  protected controlStatement(): ControlStatement {
    const location = this.location();
    if (this.accept('RETURN')) return { kind: 'ReturnStatement', value: this.expression(), location };
    if (this.accept('SET')) {
      const target = this.identifier();
      this.expect('=');
      return { kind: 'AssignmentStatement', target, value: this.expression(), location };
    }
    if (this.peek('CASE')) return this.caseStatement();
    if (this.peek('IF')) return this.ifStatement();
    if (this.accept('ITERATE')) return { kind: 'IterateStatement', label: this.identifier(), location };
    if (this.accept('LEAVE')) return { kind: 'LeaveStatement', label: this.identifier(), location };
    let label: Identifier | undefined;
    if (this.peekIdentifier() && this.peekAt(1, ':')) {
      label = this.identifier();
      this.advance();
    }
    if (this.accept('BEGIN')) {
      const variableDeclarations: VariableDeclaration[] = [];
      while (this.peek('DECLARE')) {
        const declarationLocation = this.location(this.advance());
        const names = this.identifierList();
        const type = this.dataType();
        const defaultValue = this.accept('DEFAULT') ? this.expression() : undefined;
        this.expect(';');
        variableDeclarations.push({ kind: 'VariableDeclaration', names, type, defaultValue, location: declarationLocation });
      }
      const statements = this.statementsUntil('END');
      this.expect('END');
      if (label !== undefined && this.peekIdentifier() && this.tok.text.toLowerCase() === label.value.toLowerCase()) this.advance();
      return { kind: 'CompoundStatement', label, variableDeclarations, statements, location };
    }
    if (this.accept('WHILE')) {
      const expression = this.expression();
      this.expect('DO');
      const statements = this.statementsUntil('END');
      this.expect('END');
      this.expect('WHILE');
      this.acceptLabel(label);
      return { kind: 'WhileStatement', label, expression, statements, location };
    }
    if (this.accept('REPEAT')) {
      const statements = this.statementsUntil('UNTIL');
      this.expect('UNTIL');
      const condition = this.expression();
      this.expect('END');
      this.expect('REPEAT');
      this.acceptLabel(label);
      return { kind: 'RepeatStatement', label, statements, condition, location };
    }
    if (this.accept('LOOP')) {
      const statements = this.statementsUntil('END');
      this.expect('END');
      this.expect('LOOP');
      this.acceptLabel(label);
      return { kind: 'LoopStatement', label, statements, location };
    }
    if (this.tracking) for (const keyword of ['BEGIN', 'CASE', 'IF', 'ITERATE', 'LEAVE', 'LOOP', 'REPEAT', 'RETURN', 'SET', 'WHILE']) this.note(`'${keyword}'`);
    throw this.fail();
  }

  private acceptLabel(label: Identifier | undefined): void {
    if (label !== undefined && this.peekIdentifier() && this.tok.text.toLowerCase() === label.value.toLowerCase()) this.advance();
  }

  /** `statement ; statement ; ...` up to (not including) one of the terminators. */
  private statementsUntil(...terminators: string[]): ControlStatement[] {
    const statements: ControlStatement[] = [];
    while (!terminators.some((terminator) => this.peek(terminator))) {
      statements.push(this.controlStatement());
      this.expect(';');
    }
    return statements;
  }

  private ifStatement(): ControlStatement {
    const location = this.location(this.advance());
    const expression = this.expression();
    this.expect('THEN');
    const statements = this.statementsUntil('ELSEIF', 'ELSE', 'END');
    const elseIfClauses: ElseIfClause[] = [];
    while (this.peek('ELSEIF')) {
      const clauseLocation = this.location(this.advance());
      const condition = this.expression();
      this.expect('THEN');
      elseIfClauses.push({ kind: 'ElseIfClause', expression: condition, statements: this.statementsUntil('ELSEIF', 'ELSE', 'END'), location: clauseLocation });
    }
    let elseClause: ElseClause | undefined;
    if (this.peek('ELSE')) {
      const elseLocation = this.location(this.advance());
      elseClause = { kind: 'ElseClause', statements: this.statementsUntil('END'), location: elseLocation };
    }
    this.expect('END');
    this.expect('IF');
    return { kind: 'IfStatement', expression, statements, elseIfClauses, elseClause, location };
  }

  private caseStatement(): ControlStatement {
    const location = this.location(this.advance());
    let expression: Expression | undefined;
    if (!this.peek('WHEN')) expression = this.expression();
    const whenClauses: CaseStatementWhenClause[] = [];
    do {
      const clauseLocation = this.location(this.expect('WHEN'));
      const condition = this.expression();
      this.expect('THEN');
      whenClauses.push({ kind: 'CaseStatementWhenClause', expression: condition, statements: this.statementsUntil('WHEN', 'ELSE', 'END'), location: clauseLocation });
    } while (this.peek('WHEN'));
    let elseClause: ElseClause | undefined;
    if (this.peek('ELSE')) {
      const elseLocation = this.location(this.advance());
      elseClause = { kind: 'ElseClause', statements: this.statementsUntil('END'), location: elseLocation };
    }
    this.expect('END');
    this.expect('CASE');
    return { kind: 'CaseStatement', expression, whenClauses, elseClause, location };
  }
}
