-- A failed notice waits longer before each further attempt.
alter table notice add column next_attempt_at timestamp(6) with time zone;
