-- Failed sign-ins per user name ('u') and per client address ('a'), shared by every web node so that
-- the limits hold across them: a leaky bucket each, its level as of at_millis (the application's
-- clock), draining one failure per seedcast.sign-in.forgive-one-every. Rows that drained are deleted.
create table sign_in_failures (
    kind      char(1)          not null check (kind in ('u', 'a')),
    key       varchar(100)     not null,
    level     double precision not null check (level >= 0),
    at_millis bigint           not null,
    primary key (kind, key)
);
