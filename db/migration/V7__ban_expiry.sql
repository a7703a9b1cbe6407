-- A ban may lapse by itself: NULL means it lasts until an admin lifts it.
alter table bans add column expires_at timestamptz;
