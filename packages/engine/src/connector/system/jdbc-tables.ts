import type { ColumnMetadata, ConnectorSession, SqlType, SqlValue, TupleDomain } from '@petrel/spi';
import { BIGINT, BOOLEAN, isComparableType, typeDisplayName, VARCHAR } from '@petrel/spi';
import { constrainedValues } from '../information-schema/constraint-values.js';
import { listRelations, listSchemas, relationColumns } from '../information-schema/information-schema-tables.js';
import { charOctetLength, columnSize, decimalDigits, JdbcMetadataCode, JdbcTypeCode, jdbcDataType, numPrecRadix } from './jdbc-type-info.js';
import type { CatalogEntry, SystemState } from './system-state.js';
import type { SystemTable } from './system-table.js';
import { concreteTypes, parametricTypeNames } from './type-inventory.js';

type Row = readonly SqlValue[];

function col(name: string, type: SqlType = VARCHAR): ColumnMetadata {
  return { name, type, nullable: true };
}

function varchars(...names: string[]): ColumnMetadata[] {
  return names.map((n) => col(n));
}

function jdbcTable(name: string, columns: readonly ColumnMetadata[], rows: SystemTable['rows'] = async () => []): SystemTable {
  return { name: { schema: 'jdbc', table: name }, columns, rows };
}

/** Catalogs the constraint allows on `column`, in name order. */
function catalogsFor(state: SystemState, constraint: TupleDomain, column: string): CatalogEntry[] {
  const wanted = constrainedValues(constraint, column);
  return state.catalogs().filter((c) => wanted === undefined || wanted.has(c.name));
}

/**
 * The `system.jdbc` schema: the tables Trino's JDBC driver reads for `DatabaseMetaData`, with
 * Trino's column names and types. Catalogs, schemas, tables, columns and types come from the
 * engine's metadata; the rest (procedures, UDTs, super types ...) are empty as in Trino.
 */
export function jdbcTables(state: SystemState): SystemTable[] {
  return [
    jdbcTable(
      'attributes',
      [
        ...varchars('type_cat', 'type_schem', 'type_name', 'attr_name'),
        col('data_type', BIGINT),
        col('attr_type_name'),
        col('attr_size', BIGINT),
        col('decimal_digits', BIGINT),
        col('num_prec_radix', BIGINT),
        col('nullable', BIGINT),
        col('remarks'),
        col('attr_def'),
        col('sql_data_type', BIGINT),
        col('sql_datetime_sub', BIGINT),
        col('char_octet_length', BIGINT),
        col('ordinal_position', BIGINT),
        ...varchars('is_nullable', 'scope_catalog', 'scope_schema', 'scope_table'),
        col('source_data_type', BIGINT),
      ],
    ),
    jdbcTable('catalogs', [col('table_cat')], async () => state.catalogs().map((c) => [c.name])),
    jdbcTable(
      'columns',
      [
        ...varchars('table_cat', 'table_schem', 'table_name', 'column_name'),
        col('data_type', BIGINT),
        col('type_name'),
        col('column_size', BIGINT),
        col('buffer_length', BIGINT),
        col('decimal_digits', BIGINT),
        col('num_prec_radix', BIGINT),
        col('nullable', BIGINT),
        col('remarks'),
        col('column_def'),
        col('sql_data_type', BIGINT),
        col('sql_datetime_sub', BIGINT),
        col('char_octet_length', BIGINT),
        col('ordinal_position', BIGINT),
        ...varchars('is_nullable', 'scope_catalog', 'scope_schema', 'scope_table'),
        col('source_data_type', BIGINT),
        ...varchars('is_autoincrement', 'is_generatedcolumn'),
      ],
      async (session, constraint) => columnRows(state, session, constraint),
    ),
    jdbcTable('procedures', [...varchars('procedure_cat', 'procedure_schem', 'procedure_name', 'remarks'), col('procedure_type', BIGINT), col('specific_name')]),
    jdbcTable('pseudo_columns', [
      ...varchars('table_cat', 'table_schem', 'table_name', 'column_name'),
      col('data_type', BIGINT),
      col('column_size', BIGINT),
      col('decimal_digits', BIGINT),
      col('num_prec_radix', BIGINT),
      col('column_usage'),
      col('remarks'),
      col('char_octet_length', BIGINT),
      col('is_nullable', BIGINT),
    ]),
    jdbcTable('schemas', varchars('table_schem', 'table_catalog'), async (session, constraint) => {
      const rows: Row[] = [];
      for (const catalog of catalogsFor(state, constraint, 'table_catalog')) {
        const schemas = await listSchemas({ catalog: catalog.name, metadata: catalog.connector.metadata }, session, {
          schemas: constrainedValues(constraint, 'table_schem'),
          tables: undefined,
        });
        for (const schema of schemas) rows.push([schema, catalog.name]);
      }
      return rows;
    }),
    jdbcTable('super_tables', varchars('table_cat', 'table_schem', 'table_name', 'supertable_name')),
    jdbcTable('super_types', varchars('type_cat', 'type_schem', 'type_name', 'supertype_cat', 'supertype_schem', 'supertype_name')),
    jdbcTable('table_types', [col('table_type')], async () => [['TABLE'], ['VIEW']]),
    jdbcTable(
      'tables',
      varchars('table_cat', 'table_schem', 'table_name', 'table_type', 'remarks', 'type_cat', 'type_schem', 'type_name', 'self_referencing_col_name', 'ref_generation'),
      async (session, constraint) => {
        const types = constrainedValues(constraint, 'table_type');
        const rows: Row[] = [];
        for (const catalog of catalogsFor(state, constraint, 'table_cat')) {
          const relations = await listRelations({ catalog: catalog.name, metadata: catalog.connector.metadata }, session, relationFilter(constraint));
          for (const r of relations) {
            const type = r.kind === 'view' ? 'VIEW' : 'TABLE';
            if (types !== undefined && !types.has(type)) continue;
            rows.push([catalog.name, r.name.schema, r.name.table, type, null, null, null, null, null, null]);
          }
        }
        return rows;
      },
    ),
    jdbcTable(
      'types',
      [
        col('type_name'),
        col('data_type', BIGINT),
        col('precision', BIGINT),
        ...varchars('literal_prefix', 'literal_suffix', 'create_params'),
        col('nullable', BIGINT),
        col('case_sensitive', BOOLEAN),
        col('searchable', BIGINT),
        col('unsigned_attribute', BOOLEAN),
        col('fixed_prec_scale', BOOLEAN),
        col('auto_increment', BOOLEAN),
        col('local_type_name'),
        col('minimum_scale', BIGINT),
        col('maximum_scale', BIGINT),
        col('sql_data_type', BIGINT),
        col('sql_datetime_sub', BIGINT),
        col('num_prec_radix', BIGINT),
      ],
      async () => typeRows(),
    ),
    jdbcTable('udts', varchars('type_cat', 'type_schem', 'type_name', 'class_name', 'data_type', 'remarks', 'base_type')),
  ];
}

function relationFilter(constraint: TupleDomain): { schemas: ReadonlySet<SqlValue> | undefined; tables: ReadonlySet<SqlValue> | undefined } {
  return { schemas: constrainedValues(constraint, 'table_schem'), tables: constrainedValues(constraint, 'table_name') };
}

async function columnRows(state: SystemState, session: ConnectorSession, constraint: TupleDomain): Promise<Row[]> {
  const rows: Row[] = [];
  for (const catalog of catalogsFor(state, constraint, 'table_cat')) {
    const contents = { catalog: catalog.name, metadata: catalog.connector.metadata };
    for (const relation of await listRelations(contents, session, relationFilter(constraint))) {
      let ordinal = 1;
      for (const c of await relationColumns(contents, session, relation)) {
        if (c.hidden === true) continue;
        rows.push([
          catalog.name,
          relation.name.schema,
          relation.name.table,
          c.name,
          jdbcDataType(c.type),
          typeDisplayName(c.type),
          columnSize(c.type),
          0,
          decimalDigits(c.type),
          numPrecRadix(c.type),
          JdbcMetadataCode.columnNullableUnknown,
          c.comment ?? null,
          null,
          null,
          null,
          charOctetLength(c.type),
          ordinal++,
          '',
          null,
          null,
          null,
          null,
          null,
          null,
        ]);
      }
    }
  }
  return rows;
}

function typeRows(): Row[] {
  const rows: Row[] = [];
  for (const type of concreteTypes()) {
    rows.push([
      typeDisplayName(type),
      jdbcDataType(type),
      columnSize(type),
      null,
      null,
      null,
      JdbcMetadataCode.typeNullable,
      false,
      isComparableType(type) ? JdbcMetadataCode.typeSearchable : JdbcMetadataCode.typePredNone,
      null,
      false,
      null,
      null,
      0,
      0,
      null,
      null,
      numPrecRadix(type),
    ]);
  }
  for (const name of parametricTypeNames()) {
    rows.push([
      name,
      name === 'array' ? JdbcTypeCode.ARRAY : JdbcTypeCode.JAVA_OBJECT,
      null,
      null,
      null,
      null,
      JdbcMetadataCode.typeNullable,
      false,
      JdbcMetadataCode.typePredNone,
      null,
      false,
      null,
      null,
      0,
      0,
      null,
      null,
      null,
    ]);
  }
  return rows;
}
