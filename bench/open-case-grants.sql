-- The engine authorizations that open cases keep, for a benchmark on a database with few open cases of its own:
-- psql -v open_cases=10000 -f bench/open-case-grants.sql (PostgreSQL, once the engine has made its tables).
-- An open case waiting at a unit's handling task holds four, as a lifecycle's statements show them: its task
-- readable and workable by the unit's group (from the task's candidate group) and by the member who claimed it,
-- and its process instance readable by the receiving leader and by the unit (Pujiang's CaseAccess). The ids of
-- the tasks and instances are new and match nothing else, so the rows cost what their number costs and change no
-- answer. Units and users are the demo's and the lifecycle benchmark's, spread evenly over the cases.
\if :{?open_cases}
\else
  \set open_cases 10000
\endif
insert into ACT_RU_AUTHORIZATION (ID_, REV_, TYPE_, GROUP_ID_, USER_ID_, RESOURCE_TYPE_, RESOURCE_ID_, PERMS_)
select 'open-case-grant-' || c || '-' || g.kind, 1, 1,
       case when g.by_group then u.code end,
       case when g.by_group then null when g.resource_type = 7 then u.code else 'leader' end,
       g.resource_type, 'open-case-' || g.resource_type || '-' || c, g.perms
from generate_series(1, :open_cases) c
join (select code, row_number() over (order by code) - 1 as n, count(*) over () as units from responsible_unit) u
  on u.n = c % u.units
cross join (values (1, 7, true, 6), (2, 7, false, 6), (3, 8, false, 2), (4, 8, true, 2))
  as g(kind, resource_type, by_group, perms);
analyze ACT_RU_AUTHORIZATION;
