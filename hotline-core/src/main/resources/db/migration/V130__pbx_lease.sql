-- Which cluster node holds the PBX (the AMI connection and the FastAGI listener). One row; a node takes it with a
-- conditional UPDATE when it is free or expired and renews it every few seconds; expiry is judged by the database's
-- clock only, so the nodes' clocks need not agree. epoch counts hand-overs (a fencing number for logs and metrics).
create table pbx_lease (
  id          smallint primary key check (id = 1),
  owner       text,
  epoch       bigint not null default 0,
  acquired_at timestamptz,
  expires_at  timestamptz not null default '-infinity'
);
insert into pbx_lease (id) values (1);
