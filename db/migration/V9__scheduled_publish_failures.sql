-- A scheduled episode whose publication failed stays scheduled, says why, and is retried with
-- a growing delay instead of every run of the schedule.

alter table episodes add column publish_failure varchar(500);
alter table episodes add column publish_attempts integer not null default 0;
alter table episodes add column next_attempt_at timestamptz;
