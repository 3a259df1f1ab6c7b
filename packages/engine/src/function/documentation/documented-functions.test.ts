import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../engine.js';
import { SYNTAX_FUNCTIONS, functionCoverage, loadDocumentedFunctions } from './documented-functions.js';

describe('documented Trino functions', () => {
  it('implements every documented function that is in scope', async () => {
    const engine = await Engine.create();
    try {
      const syntaxWorks = new Set<string>();
      for (const [name, sql] of Object.entries(SYNTAX_FUNCTIONS)) {
        const r = await engine.query(sql);
        assert.equal(r.rows.length, 1, sql);
        syntaxWorks.add(name);
      }
      const report = functionCoverage(engine.functions, syntaxWorks);
      assert.equal(report.documented, loadDocumentedFunctions().length);
      console.log(`# ${report.implemented.length} of ${report.documented} documented functions implemented`);
      const unexplained = report.missing.filter((m) => m.reason === 'not implemented').map((m) => m.name);
      assert.deepEqual(unexplained, [], 'documented functions missing without a reason');
      // every in-scope name is implemented; what is missing is out of scope by category
      const categories = new Set(report.missing.map((m) => m.reason));
      assert.deepEqual([...categories].sort(), ['connector', 'geospatial', 'ml', 'multiset', 'other']);
    } finally {
      await engine.shutdown();
    }
  });
});
