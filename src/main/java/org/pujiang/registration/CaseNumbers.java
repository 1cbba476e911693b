package org.pujiang.registration;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.pujiang.petition.BusinessClock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The one case-number generator: {@code PJ-<year>-<6 digits>} from a database sequence, unique across nodes. */
@Component
class CaseNumbers {

	private final JdbcTemplate jdbc;

	private final String nextValue;

	CaseNumbers(DataSource dataSource) throws SQLException {
		this.jdbc = new JdbcTemplate(dataSource);
		try (Connection connection = dataSource.getConnection()) {
			boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
			this.nextValue = postgres ? "select nextval('case_number_seq')" : "select next value for case_number_seq";
		}
	}

	String next() {
		Long value = this.jdbc.queryForObject(this.nextValue, Long.class);
		return String.format("PJ-%d-%06d", BusinessClock.today().getYear(), value);
	}

}
