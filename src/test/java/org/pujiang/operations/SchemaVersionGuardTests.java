package org.pujiang.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A node of this version started on a database a newer version has migrated stops at start-up, naming the version it
 * does not know; without the guard, Flyway's default would have let it start.
 */
class SchemaVersionGuardTests {

	private static final String URL = "jdbc:h2:mem:newer;DB_CLOSE_DELAY=-1";

	private final ApplicationContextRunner node = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + URL, "spring.datasource.username=sa",
				"spring.flyway.locations=classpath:db/migration");

	@Test
	void shouldRefuseToStartOnASchemaANewerVersionMigrated() {
		Flyway.configure()
			.dataSource(URL, "sa", "")
			.locations("classpath:db/migration", "classpath:db/newer")
			.load()
			.migrate();

		this.node.withBean(SchemaVersionGuard.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("applied migration not resolved locally: 99");
		});
		// Flyway's default, the control: the same node without the guard starts, blind to version 99.
		this.node.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void shouldStartOnTheSchemaOfItsOwnVersion() {
		this.node.withBean(SchemaVersionGuard.class)
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:current;DB_CLOSE_DELAY=-1")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				MigrationInfoService migrations = context.getBean(Flyway.class).info();
				assertThat(migrations.pending()).isEmpty();
				assertThat(migrations.applied()).hasSameSizeAs(migrations.all()).hasSizeGreaterThanOrEqualTo(8);
			});
	}

}
