/** A catalog to create: its name, the connector (`connector.name`) and the connector's properties. */
export interface CatalogDefinition {
  readonly name: string;
  readonly connectorName: string;
  /** Connector properties, `connector.name` excluded. */
  readonly properties: Readonly<Record<string, string>>;
  /** Where the definition came from (a file path), for error messages. */
  readonly source?: string;
}
