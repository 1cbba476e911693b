-- Indexes the oversight queries need on a large archive (see bench/scale.sh): the month's figures select cases by
-- registration time; the overdue list reads the open assignments by status and deadline.
create index petition_case_registered on petition_case (registered_at);
create index assignment_status_deadline on assignment (status, deadline);
