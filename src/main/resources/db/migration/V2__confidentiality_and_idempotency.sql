-- A petition may name the unit it accuses: that unit never handles nor reads the case.
alter table petition_case add column accused_unit varchar(40) references responsible_unit (code);

-- A retried submission with the same Idempotency-Key gets the first answer again.
create table idempotent_request (
    idempotency_key varchar(100) primary key,
    request_hash    varchar(64)  not null,
    case_number     varchar(20)  not null,
    repeat_petition boolean      not null,
    created_at      timestamp(6) with time zone not null
);
