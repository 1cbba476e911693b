-- A migration of a release newer than this one, applied by SchemaVersionGuardTests before an older node starts.
create table from_a_newer_release (id bigint primary key);
