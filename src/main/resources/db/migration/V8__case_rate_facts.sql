-- What the rates read of a case's assignments and return visits, kept on the case by the steps that change it
-- (Handling, ClosureSteps), so that a month of cases is counted from the cases alone, whatever the size of the
-- assignment and return_visit tables (see CaseRates). The cases already stored get theirs from those tables.
alter table petition_case add column satisfied_visits integer default 0 not null;
alter table petition_case add column supervised boolean default false not null;
alter table petition_case add column extended boolean default false not null;
alter table petition_case add column closed_on_time boolean default false not null;

update petition_case c
set satisfied_visits = (select count(*) from return_visit v where v.case_id = c.id and v.satisfaction <> 'DISSATISFIED')
where exists (select 1 from return_visit v where v.case_id = c.id and v.satisfaction <> 'DISSATISFIED');

update petition_case c set supervised = true
where exists (select 1 from assignment a where a.case_id = c.id and a.supervised);

update petition_case c set extended = true
where exists (select 1 from assignment a where a.case_id = c.id and a.extension_status = 'APPROVED');

-- Assigned: every unit's report accepted by its deadline; the others: closed within the legal 60 days.
update petition_case c set closed_on_time = true
where c.status = 'CLOSED'
  and ((c.outcome = 'ASSIGNED'
        and not exists (select 1 from assignment a
                        where a.case_id = c.id and (a.accepted_at is null or a.accepted_at > a.deadline)))
       or (coalesce(c.outcome, '') <> 'ASSIGNED' and c.closed_at <= c.registered_at + interval '60' day));
