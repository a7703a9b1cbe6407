-- Account lifecycle: a password that must be changed at next sign-in (the generated first admin's,
-- one an admin reset), and a counter that every password change, reset or disabling bumps so that
-- sessions signed in before it stop working on their next request.

alter table accounts
    add column must_change_password boolean not null default false,
    add column credentials_version  integer not null default 0;
