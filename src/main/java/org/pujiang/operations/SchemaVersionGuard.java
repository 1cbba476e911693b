package org.pujiang.operations;

import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.stereotype.Component;

/**
 * A node refuses to start on a database that a newer version of Pujiang has migrated. Flyway ignores migrations it
 * does not know by default ({@code *:future}); an older node would then run beside the newer schema and leave out
 * what the newer version keeps (since V8 the facts each case keeps for the rates). Without the pattern, Flyway's
 * validation names the version applied that this node does not have, and the node stops before it serves anything.
 */
@Component
class SchemaVersionGuard implements FlywayConfigurationCustomizer {

	@Override
	public void customize(FluentConfiguration configuration) {
		configuration.ignoreMigrationPatterns(new String[0]);
	}

}
