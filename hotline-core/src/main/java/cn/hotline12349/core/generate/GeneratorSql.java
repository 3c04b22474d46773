package cn.hotline12349.core.generate;

import java.util.List;

/**
 * The generator's statements. PLAN draws every ticket's facts once into temporary table {@code g}; LOAD and CLOCKS
 * write the real tables from it. Spread: created evenly over two years (ids rise with time), ~5 % open, most of
 * them recent; severities follow the taxonomy's defaults; histories follow the lifecycle's main path; open tickets
 * have running clocks (wall-time budgets of config/sla-policy.yaml, working days counted as whole days), tickets
 * changed in the last 90 days also their stopped clocks (12 % late).
 */
final class GeneratorSql {
  private GeneratorSql() {}

  /** $1 = N, $2 = now. Ids and reference numbers are reserved up front, so a running app keeps creating its own. */
  static final String PLAN = """
      create temp table g on commit drop as
      with p as (
        select ?::bigint as n, ?::timestamptz as now_ts,
               greatest((select last_value from tickets_id_seq), (select coalesce(max(id), 0) from tickets)) as base),
      reserve as (select p.*, setval('tickets_id_seq', p.base + p.n) from p),
      r as (
        select i, q.n, q.now_ts, q.base + i as id,
          q.now_ts - interval '730 days' * ((q.n - i)::float8 / q.n) - interval '1 second' * floor(random() * 3600)
            as created_at,
          floor(random() * (select count(*) from g_county))::int as cn,
          floor(random() * (select count(*) from g_sub))::int as sn,
          floor(random() * (select count(*) from g_pref))::int as pn,
          random() as r_cross, random() as r_open, random() as r_status, random() as r_age, random() as r_phone,
          random() as r_name, random() as r_child, random() as r_flags, random() as r_text,
          floor(random() * 1000000000)::bigint as digits
        from reserve q, generate_series(1, q.n) i),
      s as (
        select r.*, c.code as county, c.pref as county_pref, c.name_zh as county_name,
          case when r.r_cross < 0.08 then pf.code else c.pref end as intake_org,
          sb.code as sub, sb.category, sb.severity,
          extract(epoch from (r.now_ts - r.created_at)) / 86400 as age_days
        from r join g_county c on c.n = r.cn join g_sub sb on sb.n = r.sn join g_pref pf on pf.n = r.pn),
      st as (
        select s.*, case
          when s.severity = 'CONSULT' then case when s.age_days < 0.02 then 'NEW' else 'RESOLVED_AT_INTAKE' end
          when s.r_open < (case when s.age_days < 30 then 0.9 when s.age_days < 90 then 0.3 else 0.01 end) then
            case when s.r_status < 0.05 then 'NEW' when s.r_status < 0.20 then 'DISPATCHED'
                 when s.r_status < 0.35 then 'CLAIMED' when s.r_status < 0.70 then 'IN_PROGRESS'
                 when s.r_status < 0.80 then 'RESULT_SUBMITTED' when s.r_status < 0.88 then 'REVIEWED'
                 when s.r_status < 0.92 then 'REPLIED' else 'SUSPENDED' end
          else 'CLOSED' end as status
        from s),
      b as (
        select st.*, (case st.status when 'NEW' then 'DISPATCH' when 'DISPATCHED' then 'CLAIM'
            when 'CLAIMED' then 'FIRST_CONTACT' when 'IN_PROGRESS' then 'RESULT' when 'SUSPENDED' then 'RESULT'
            when 'REVIEWED' then 'REPLY' end) as running_stage
        from st)
      select b.id, b.created_at, b.now_ts, b.status, b.severity, b.category, b.sub, b.running_stage,
        'QH' || to_char(b.created_at at time zone 'Asia/Shanghai', 'YYYYMMDD') || '-' || lpad(b.id::text, 8, '0') as ref,
        b.intake_org,
        case when b.status in ('NEW', 'RESOLVED_AT_INTAKE') then null else b.county end as county_code,
        case when b.status in ('NEW', 'RESOLVED_AT_INTAKE') then null else b.county_pref end as county_pref,
        b.county as child_county, b.county_name,
        case b.status when 'NEW' then 1 when 'DISPATCHED' then 2 when 'CLAIMED' then 3 when 'IN_PROGRESS' then 4
          when 'RESULT_SUBMITTED' then 5 when 'REVIEWED' then 6 when 'REPLIED' then 7 when 'CLOSED' then 8
          when 'SUSPENDED' then 5 when 'RESOLVED_AT_INTAKE' then 2 end as k,
        case when b.status = 'RESOLVED_AT_INTAKE' then b.created_at + interval '12 minutes'
             when b.status = 'CLOSED' then least(b.now_ts, b.created_at + interval '1 day' * (0.5 + b.r_age * 20))
             when b.running_stage is null then greatest(b.created_at, b.now_ts - interval '5 days' * b.r_age)
             else greatest(b.created_at, b.now_ts - interval '1 millisecond'
                    * (select ms from g_budget gb where gb.severity = b.severity and gb.stage = b.running_stage)
                    * 1.3 * b.r_age) end as last_change,
        case when b.r_phone < 0.7 then '1' || (array['3', '5', '8', '9'])[1 + (b.digits % 4)::int]
                                        || lpad((b.digits % 1000000000)::text, 9, '0')
             when b.r_phone < 0.9 then '0971' || lpad((b.digits % 10000000)::text, 7, '0') end as caller_norm,
        ws.relation[1 + (b.digits % cardinality(ws.relation))::int] as relation,
        case when b.r_child < 0.08 then null
             when b.r_name < 0.15 then null
             when b.r_name < 0.30 then ws.whole[1 + (b.digits % cardinality(ws.whole))::int]
             else ws.surname[1 + (b.digits % cardinality(ws.surname))::int]
                  || ws.given[1 + (b.digits / 89 % cardinality(ws.given))::int] end as child_name,
        b.r_child >= 0.08 as has_child,
        (b.digits / 7 % 18)::int as child_age,
        case when b.digits % 2 = 0 then 'MALE' else 'FEMALE' end as gender,
        b.county_name || ws.town[1 + (b.digits / 11 % cardinality(ws.town))::int]
          || ws.place[1 + (b.digits / 13 % cardinality(ws.place))::int]
          || ((b.digits / 17) % 98 + 1) || '号' as address,
        b.r_flags < 0.03 as disability, b.r_flags > 0.95 as no_guardian,
        gn.tpls[1 + floor(b.r_text * cardinality(gn.tpls))::int] as narrative_tpl,
        ws.note[1 + (b.digits / 19 % cardinality(ws.note))::int] as note,
        ws.result[1 + (b.digits / 23 % cardinality(ws.result))::int] as result,
        ws.answer[1 + (b.digits / 29 % cardinality(ws.answer))::int] as answer
      from b cross join g_words ws join g_narr gn on gn.category = b.category""";

  /** queue_rank as V71's trigger would write it: PriorityScore's formula (its one owner). */
  private static final String RANK = cn.hotline12349.core.intake.PriorityScore.rankExpression("g.severity",
      "case when g.has_child then g.child_age end", "g.has_child and g.disability", "g.has_child and g.no_guardian");

  static final List<String> LOAD = List.of(
      """
      alter table g add column narrative text, add column op_id bigint, add column op_name text,
        add column h_id bigint, add column h_name text, add column child_label text""",
      """
      update g set child_label = coalesce(child_name, '一名儿童'),
        narrative = replace(replace(replace(replace(narrative_tpl, '{r}', relation), '{c}', coalesce(child_name, '')),
                    '{y}', child_age::text), '{a}', address),
        op_id = o.id, op_name = o.username
        from g_user o where o.org_code = g.intake_org and o.role = 'OPERATOR'""",
      """
      update g set h_id = h.id, h_name = h.username from g_user h
       where h.org_code = g.child_county and h.role = 'COUNTY_HANDLER'""",
      // The derived columns of V71, as its triggers would write them.
      """
      insert into tickets (id, ref, status, version, intake_org, county_code, caller_number, caller_number_norm,
        caller_relation, category, subcategory, severity, narrative, claimed_by, suspended_from, reply_attempts,
        first_contact_at, created_by, created_at, updated_at, closed_at, county_pref, queue_rank, queue_due,
        search_names, search_text, search_grams, event_seq)
      select g.id, g.ref, g.status, g.k - 1, g.intake_org, g.county_code, g.caller_norm, g.caller_norm, g.relation,
        g.category, g.sub, g.severity, g.narrative,
        case when g.k >= 3 and g.status <> 'RESOLVED_AT_INTAKE' then g.h_id end,
        case when g.status = 'SUSPENDED' then 'IN_PROGRESS' end,
        case when g.k >= 7 and g.status <> 'SUSPENDED' then 1 else 0 end,
        case when g.k >= 4 and g.status <> 'RESOLVED_AT_INTAKE' then g.last_change end,
        g.op_id, g.created_at, g.last_change,
        case when g.status in ('CLOSED', 'RESOLVED_AT_INTAKE') then g.last_change end,
        g.county_pref,
        case when g.status in ('CLOSED', 'RESOLVED_AT_INTAKE') then -1 else """ + RANK + """
        end,
        'infinity',
        coalesce(nk.keys, '{}'), x.doc, hotline_bigrams(x.doc),
        g.k -- events 1..k below: the ticket's event counter (V60), or the next event written collides
      from g
      left join g_name_keys nk on nk.name = g.child_name
      cross join lateral (select concat_ws(' ', g.narrative,
          case when g.has_child then concat_ws(' ', g.child_name, g.address) end,
          case when g.k >= 4 and g.status <> 'RESOLVED_AT_INTAKE' then g.note end,
          case when g.k >= 5 and g.status not in ('SUSPENDED', 'RESOLVED_AT_INTAKE') then g.result end,
          case when g.status = 'RESOLVED_AT_INTAKE' then g.answer end) as doc) x""",
      """
      insert into ticket_children (ticket_id, position, name, age, gender, county_code, address, disability, no_guardian)
      select id, 0, child_name, child_age, gender, child_county, address, disability, no_guardian from g where has_child""",
      // The lifecycle's main path: event j of k at an even share of the time between creation and the last change.
      """
      insert into ticket_events (ticket_id, seq, type, at, actor_id, actor_username, actor_role, actor_org,
        from_status, to_status, reason, payload)
      select g.id, j, ev.type, g.created_at + (g.last_change - g.created_at) * ((j - 1)::float8 / greatest(g.k - 1, 1)),
        case when ev.county then g.h_id else g.op_id end, case when ev.county then g.h_name else g.op_name end,
        case when ev.county then 'COUNTY_HANDLER' else 'OPERATOR' end,
        case when ev.county then g.child_county else g.intake_org end,
        case when j = 1 then null when g.status = 'RESOLVED_AT_INTAKE' then 'NEW'
             else (array['NEW', 'DISPATCHED', 'CLAIMED', 'IN_PROGRESS', 'RESULT_SUBMITTED', 'REVIEWED', 'REPLIED'])[j - 1] end,
        ev.to_status,
        case ev.type when 'NOTE_ADDED' then g.note when 'RESULT_SUBMITTED' then g.result
          when 'RESOLVED_AT_INTAKE' then g.answer when 'SUSPENDED' then '等待公安机关调查结论' end,
        case ev.type when 'CREATED' then jsonb_build_object('category', g.category, 'severity', g.severity,
              'subcategory', g.sub)
          when 'DISPATCHED' then jsonb_build_object('countyCode', g.child_county)
          when 'NOTE_ADDED' then jsonb_build_object('childContacted', true) else '{}'::jsonb end
      from g cross join generate_series(1, g.k) j
      cross join lateral (select
          case when g.status = 'SUSPENDED' and j = 5 then 'SUSPENDED'
               when g.status = 'RESOLVED_AT_INTAKE' and j = 2 then 'RESOLVED_AT_INTAKE'
               else (array['CREATED', 'DISPATCHED', 'CLAIMED', 'NOTE_ADDED', 'RESULT_SUBMITTED', 'RESULT_ACCEPTED',
                           'REPLIED', 'CLOSED'])[j] end as type,
          case when g.status = 'SUSPENDED' and j = 5 then 'SUSPENDED'
               when g.status = 'RESOLVED_AT_INTAKE' and j = 2 then 'RESOLVED_AT_INTAKE'
               else (array['NEW', 'DISPATCHED', 'CLAIMED', 'IN_PROGRESS', 'RESULT_SUBMITTED', 'REVIEWED', 'REPLIED',
                           'CLOSED'])[j] end as to_status,
          j in (3, 4, 5) as county) ev""");

  /** Name keys once per distinct name (a few thousand), not once per ticket. Runs before LOAD. */
  static final String NAME_KEYS = """
      create temp table g_name_keys on commit drop as
      select name, hotline_name_keys(name) as keys from (select distinct child_name as name from g
       where child_name is not null) n""";

  static final String BUDGETS = """
      create temp table g_budget (severity text, stage text, ms bigint) on commit drop;
      insert into g_budget values
        ('EMERGENCY', 'DISPATCH', 600000), ('EMERGENCY', 'CLAIM', 1800000), ('EMERGENCY', 'FIRST_CONTACT', 7200000),
        ('EMERGENCY', 'RESULT', 86400000), ('EMERGENCY', 'REPLY', 86400000),
        ('HIGH', 'DISPATCH', 3600000), ('HIGH', 'CLAIM', 14400000), ('HIGH', 'FIRST_CONTACT', 86400000),
        ('HIGH', 'RESULT', 259200000), ('HIGH', 'REPLY', 86400000),
        ('NORMAL', 'DISPATCH', 14400000), ('NORMAL', 'CLAIM', 86400000), ('NORMAL', 'FIRST_CONTACT', 259200000),
        ('NORMAL', 'RESULT', 1209600000), ('NORMAL', 'REPLY', 172800000)""";

  /** $1 = now. Running clocks of open tickets (the stage of their status; FIRST_CONTACT runs beside CLAIM/RESULT). */
  static final List<String> CLOCKS = List.of(
      """
      insert into sla_deadlines (ticket_id, clock_key, stage, severity, owner_org, base_org, generation, mode,
        budget_ms, started_at, consumed_ms, running_since, paused_at, paused_total_ms, status, next_mark, due_at,
        next_fire_at)
      select g.id, c.stage, c.stage, g.severity, o.owner, o.owner, 1, 'ALWAYS', gb.ms, g.last_change,
        case when g.status = 'SUSPENDED' then (gb.ms * 0.5 * g.id % 97 / 97)::bigint else 0 end,
        case when g.status = 'SUSPENDED' then null else g.last_change end,
        case when g.status = 'SUSPENDED' then g.last_change end, 0,
        case when g.status = 'SUSPENDED' then 'PAUSED' else 'RUNNING' end,
        m.next_mark,
        case when g.status = 'SUSPENDED' then null else due end,
        case when g.status = 'SUSPENDED' or m.next_mark = 3 then null
             else g.last_change + interval '1 millisecond' * ceil(gb.ms * (array[0.8, 1.0, 1.5])[m.next_mark + 1]) end
      from g
      cross join lateral unnest(case g.status when 'DISPATCHED' then array['CLAIM', 'FIRST_CONTACT']
          when 'CLAIMED' then array['FIRST_CONTACT', 'RESULT'] else array[g.running_stage] end) as c(stage)
      join g_budget gb on gb.severity = g.severity and gb.stage = c.stage
      cross join lateral (select case when c.stage in ('DISPATCH', 'REPLY') then g.intake_org else g.county_code end
          as owner, g.last_change + interval '1 millisecond' * gb.ms as due) o
      cross join lateral (select case
          when ?::timestamptz < g.last_change + interval '1 millisecond' * ceil(gb.ms * 0.8) then 0
          when now_ts < o.due then 1
          when now_ts < g.last_change + interval '1 millisecond' * ceil(gb.ms * 1.5) then 2 else 3 end as next_mark) m
      where g.running_stage is not null and g.severity <> 'CONSULT'""",
      // Stopped clocks of the stages passed, for tickets changed in the last 90 days (the board's month and the
      // rates need them; older ones are history nobody counts).
      """
      insert into sla_deadlines (ticket_id, clock_key, stage, severity, owner_org, base_org, generation, mode,
        budget_ms, started_at, consumed_ms, paused_total_ms, status, stopped_at, outcome, next_mark, due_at)
      select g.id, st.stage, st.stage, g.severity, o.owner, o.owner, 1, 'ALWAYS', gb.ms, t.stopped - took.ms_i,
        took.ms, 0, 'STOPPED', t.stopped, case when took.late then 'LATE' else 'MET' end,
        case when took.late then 2 else 1 end, t.stopped - took.ms_i + interval '1 millisecond' * gb.ms
      from g
      join (values ('DISPATCH', 2), ('CLAIM', 3), ('FIRST_CONTACT', 4), ('RESULT', 5), ('REPLY', 7)) st(stage, stop_j)
        on g.k >= st.stop_j
      join g_budget gb on gb.severity = g.severity and gb.stage = st.stage
      cross join lateral (select g.created_at + (g.last_change - g.created_at)
          * ((st.stop_j - 1)::float8 / greatest(g.k - 1, 1)) as stopped) t
      cross join lateral (select (g.id * 31 + st.stop_j) % 100 < 12 as late) l
      cross join lateral (select l.late, (gb.ms * case when l.late then 1.2 else 0.2 + ((g.id * 7 + st.stop_j) % 70) / 100.0 end)::bigint as ms,
          interval '1 millisecond' * (gb.ms * case when l.late then 1.2 else 0.2 + ((g.id * 7 + st.stop_j) % 70) / 100.0 end)::bigint as ms_i) took
      cross join lateral (select case when st.stage in ('DISPATCH', 'REPLY') then g.intake_org else g.child_county end
          as owner) o
      where g.severity <> 'CONSULT' and g.status <> 'RESOLVED_AT_INTAKE' and g.last_change >= ?::timestamptz - interval '90 days'
        and not (g.status = 'SUSPENDED' and st.stop_j >= 5)""");

  static final String QUEUE_DUE = """
      update tickets t set queue_due = m.due
        from (select d.ticket_id, min(d.due_at) as due from sla_deadlines d join g on g.id = d.ticket_id
               where d.status = 'RUNNING' group by d.ticket_id) m
       where t.id = m.ticket_id""";

  static final String SEQUENCES = """
      select setval('tickets_id_seq', greatest((select max(id) from tickets), (select last_value from tickets_id_seq)))""";
}
